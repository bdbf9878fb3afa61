package ui

// The import wizard's values step (值对应): after an import that found
// catchment schools (对口小学/对口初中) or school levels (学段) matching
// nothing, one row per distinct value: the field, the value as written,
// how many zones or schools use it, and a picker. The picker is a
// SelectEntry: typing filters its options (there may be hundreds of
// schools); its options are the importer's suggestions first, then
// "leave empty", then every school of the stage sorted by name (for
// schools.level: the level names). 重新导入 hands the choices to the import
// as an ingest.ValueMap.

import (
	"cmp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
)

// valueOption is one choice of a picker: what it shows and the
// replacement it stands for (a school id, a level name, "" = leave empty).
type valueOption struct {
	label, value string
}

// valueRow is the picker of one unresolved value.
type valueRow struct {
	u       ingest.Unresolved
	options []valueOption
	labels  []string
	shown   []string // the options the filter left
	picker  *widget.SelectEntry
}

// importValues is the values step.
type importValues struct {
	widget.BaseWidget

	hint *widget.Label
	form *fyne.Container // form layout: description, picker
	rows []*valueRow
}

func newImportValues() *importValues {
	v := &importValues{}
	v.ExtendBaseWidget(v)
	v.hint = widget.NewLabel(lang.X("import.values.hint",
		"以下取值在学校文件中找不到对应的学校或学段。请为每个取值选择对应项（可输入文字筛选，或选“留空”），然后点击“重新导入”。未选择的取值保持原样，并列在导入报告中。"))
	v.hint.Wrapping = fyne.TextWrapWord
	v.form = container.New(layout.NewFormLayout())
	return v
}

// CreateRenderer shows the hint above the scrolling rows.
func (v *importValues) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(v.hint, nil, nil, nil, container.NewVScroll(v.form)))
}

// set shows one row per unresolved value; d gives the schools to choose
// from and chosen the replacements picked before (preset).
func (v *importValues) set(unresolved []ingest.Unresolved, d *model.District, chosen ingest.ValueMap) {
	v.rows = v.rows[:0]
	v.form.Objects = nil
	for _, u := range unresolved {
		r := &valueRow{u: u, options: valueOptions(u, d)}
		for _, o := range r.options {
			r.labels = append(r.labels, o.label)
		}
		r.picker = widget.NewSelectEntry(r.labels)
		r.shown = r.labels
		r.picker.SetPlaceHolder(lang.X("import.values.placeholder", "选择或输入以筛选…"))
		if m, ok := chosen[u.Key()]; ok {
			if val, ok := m[u.Value]; ok {
				r.picker.SetText(r.labelOf(val))
			}
		}
		row := r
		r.picker.OnChanged = func(text string) { row.filter(text) }
		desc := widget.NewLabel(valueRowText(u))
		v.form.Objects = append(v.form.Objects, desc, r.picker)
		v.rows = append(v.rows, r)
	}
	v.form.Refresh()
}

// collect writes the choices into values: a chosen option gives its
// replacement, other text is taken as typed (a school id or name); an
// empty picker removes the value's entry.
func (v *importValues) collect(values ingest.ValueMap) {
	for _, r := range v.rows {
		key := r.u.Key()
		text := strings.TrimSpace(r.picker.Text)
		if text == "" {
			if m := values[key]; m != nil {
				delete(m, r.u.Value)
				if len(m) == 0 {
					delete(values, key)
				}
			}
			continue
		}
		if values[key] == nil {
			values[key] = map[string]string{}
		}
		values[key][r.u.Value] = r.valueOf(text)
	}
}

// filter narrows the options to those containing text (all of them when
// text is empty or is an option).
func (r *valueRow) filter(text string) {
	text = strings.TrimSpace(text)
	if text == "" || slices.Contains(r.labels, text) {
		r.shown = r.labels
	} else {
		low := strings.ToLower(text)
		r.shown = nil
		for _, l := range r.labels {
			if strings.Contains(strings.ToLower(l), low) {
				r.shown = append(r.shown, l)
			}
		}
	}
	r.picker.SetOptions(r.shown)
}

func (r *valueRow) valueOf(text string) string {
	for _, o := range r.options {
		if o.label == text {
			return o.value
		}
	}
	return text
}

func (r *valueRow) labelOf(value string) string {
	for _, o := range r.options {
		if o.value == value {
			return o.label
		}
	}
	return value
}

// valueRowText describes an unresolved value: field, value, uses.
func valueRowText(u ingest.Unresolved) string {
	data := map[string]any{"Field": importFieldText(u.Field), "Value": u.Value, "Count": u.Count}
	if u.Field == ingest.FieldLevel || u.Layer == ingest.Schools {
		return lang.X("import.values.row.schools", "{{.Field}}：“{{.Value}}”（{{.Count}} 所学校）", data)
	}
	return lang.X("import.values.row.zones", "{{.Field}}：“{{.Value}}”（{{.Count}} 个片区）", data)
}

// valueOptions are the choices for an unresolved value: suggestions, leave
// empty, then every candidate.
func valueOptions(u ingest.Unresolved, d *model.District) []valueOption {
	var out []valueOption
	seen := map[string]bool{}
	add := func(o valueOption) {
		if !seen[o.value] {
			seen[o.value] = true
			out = append(out, o)
		}
	}
	empty := valueOption{label: lang.X("import.values.empty", "（留空）"), value: ""}
	if u.Field == ingest.FieldLevel {
		for _, s := range u.Suggestions {
			if l, ok := model.ParseLevel(s); ok && l != model.LevelUnknown {
				add(valueOption{label: "★ " + schoolLevelText(l), value: l.String()})
			}
		}
		add(empty)
		for _, l := range schoolLevels {
			add(valueOption{label: schoolLevelText(l), value: l.String()})
		}
		return out
	}
	var schools []*model.School
	if d != nil {
		for i := range d.Schools {
			schools = append(schools, &d.Schools[i])
		}
	}
	for _, s := range u.Suggestions {
		o := valueOption{label: "★ " + s, value: s}
		for _, sc := range schools {
			if sc.Name == s || sc.ID == s {
				o = valueOption{label: "★ " + schoolOptionText(sc), value: sc.ID}
				break
			}
		}
		add(o)
	}
	add(empty)
	stage := model.LevelPrimary
	if u.Field == ingest.FieldJuniorSchool {
		stage = model.LevelJunior
	}
	schools = slices.DeleteFunc(schools, func(s *model.School) bool {
		return s.Level != model.LevelUnknown && s.Level != stage && s.Level != model.LevelNineYear
	})
	slices.SortStableFunc(schools, func(a, b *model.School) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	for _, s := range schools {
		add(valueOption{label: schoolOptionText(s), value: s.ID})
	}
	return out
}

// schoolOptionText names a school in a picker: 名称（编码）.
func schoolOptionText(s *model.School) string {
	if s.Name == "" {
		return s.ID
	}
	return s.Name + "（" + s.ID + "）"
}
