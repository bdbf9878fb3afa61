package ui

// The import wizard's field-mapping step: per layer, every canonical
// field with a Select of the file's properties (two columns, so that all
// fields show without scrolling at the wizard's size), and a preview
// table of the first features below them.

import (
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/geo/ingest"
)

// importLayer is the mapping state of one layer.
type importLayer struct {
	layer    ingest.Layer
	path     string // file the preview was read from
	sublayer string // layer of that file
	preview  ImportPreview
	fields   []string
	selects  []*widget.Select // one per field
	// columns hold the field rows, split in two form layouts.
	columns  [2]*fyne.Container
	table    *widget.Table
	errLabel *widget.Label
	info     *widget.Label // encoding, CRS, feature count
}

func (w *ImportWizard) mappingPage() fyne.CanvasObject {
	w.tabs = container.NewAppTabs()
	for _, l := range w.layers {
		l.columns = [2]*fyne.Container{container.New(layout.NewFormLayout()), container.New(layout.NewFormLayout())}
		l.errLabel = widget.NewLabel("")
		l.errLabel.Wrapping = fyne.TextWrapWord
		l.errLabel.Importance = widget.DangerImportance
		l.errLabel.Hide()
		l.info = widget.NewLabel("")
		l.info.Wrapping = fyne.TextWrapWord
		layer := l
		l.table = widget.NewTable(
			func() (int, int) { return len(layer.preview.Rows), len(layer.preview.Properties) },
			func() fyne.CanvasObject {
				lb := widget.NewLabel("")
				lb.Truncation = fyne.TextTruncateEllipsis
				return lb
			},
			func(id widget.TableCellID, o fyne.CanvasObject) {
				text := ""
				if id.Row < len(layer.preview.Rows) && id.Col < len(layer.preview.Rows[id.Row]) {
					text = layer.preview.Rows[id.Row][id.Col]
				}
				o.(*widget.Label).SetText(text)
			})
		l.table.ShowHeaderRow = true
		l.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
			text := ""
			if id.Row < 0 && id.Col >= 0 && id.Col < len(layer.preview.Properties) {
				text = layer.preview.Properties[id.Col]
			}
			o.(*widget.Label).SetText(text)
		}
		previewTitle := widget.NewLabelWithStyle(lang.X("import.preview", "前几个要素预览"),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		mappingTitle := widget.NewLabelWithStyle(lang.X("import.mapping", "字段对应（左：系统字段，右：文件中的属性）"),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		// The fields take the height they need; the preview table (which
		// scrolls by itself) takes the rest.
		top := container.NewVBox(l.errLabel, l.info, mappingTitle,
			container.NewGridWithColumns(2, l.columns[0], l.columns[1]), previewTitle)
		w.tabs.Append(container.NewTabItem(importLayerText(l.layer), container.NewBorder(top, nil, nil, nil, l.table)))
	}
	return w.tabs
}

// loadMapping reads the previews of the two layers (again only when a
// path or layer changed) and presets each field with the guess.
func (w *ImportWizard) loadMapping() {
	files := w.chosen()
	for i, l := range w.layers {
		path, sub := files.Schools, files.SchoolsLayer
		if i == 1 {
			path, sub = files.Zones, files.ZonesLayer
		}
		if path == l.path && sub == l.sublayer && l.selects != nil {
			continue
		}
		l.path, l.sublayer = path, sub
		p, err := w.backend.Preview(l.layer, path, sub, files.GCJ02)
		if err != nil {
			l.errLabel.SetText(lang.X("import.preview_failed", "无法读取 {{.File}}：{{.Err}}",
				map[string]any{"File": filepath.Base(path), "Err": err.Error()}))
			l.errLabel.Show()
			p = ImportPreview{}
		} else {
			l.errLabel.Hide()
		}
		if len(p.Rows) > importPreviewRows {
			p.Rows = p.Rows[:importPreviewRows]
		}
		l.preview = p
		file := filepath.Base(path)
		if sub != "" {
			file += " · " + sub
		}
		l.info.SetText(lang.X("import.preview.info", "{{.File}}：{{.Features}} 个要素 · 编码 {{.Encoding}} · 坐标系 {{.CRS}}",
			map[string]any{"File": file, "Features": p.Features, "Encoding": p.Encoding, "CRS": p.CRS}))
		if err != nil {
			l.info.Hide()
		} else {
			l.info.Show()
		}
		l.fields = w.backend.Fields(l.layer)
		guess := w.backend.GuessMapping(l.layer, p.Properties)
		none := lang.X("import.unmapped", "（不导入）")
		options := append([]string{none}, p.Properties...)
		l.selects = l.selects[:0]
		l.columns[0].Objects, l.columns[1].Objects = nil, nil
		half := (len(l.fields) + 1) / 2
		for j, f := range l.fields {
			sel := widget.NewSelect(options, nil)
			if src, ok := guess[f]; ok && slices.Contains(p.Properties, src) {
				sel.SetSelected(src)
			} else {
				sel.SetSelectedIndex(0)
			}
			l.selects = append(l.selects, sel)
			col := l.columns[j/half]
			col.Objects = append(col.Objects, widget.NewLabel(importFieldText(f)), sel)
		}
		for col := range p.Properties {
			l.table.SetColumnWidth(col, 110)
		}
		l.table.Refresh()
		l.columns[0].Refresh()
		l.columns[1].Refresh()
	}
}

// mappings reads the selects back into ingest mappings. A field set to
// "not imported" is mapped to "" so that it overrides the guess.
func (w *ImportWizard) mappings() map[ingest.Layer]ingest.Mapping {
	out := map[ingest.Layer]ingest.Mapping{}
	for _, l := range w.layers {
		m := ingest.Mapping{}
		for i, f := range l.fields {
			if l.selects[i].SelectedIndex() > 0 {
				m[f] = l.selects[i].Selected
			} else {
				m[f] = ""
			}
		}
		out[l.layer] = m
	}
	return out
}

func importLayerText(l ingest.Layer) string {
	if l == ingest.Zones {
		return lang.X("import.layer.zones", "居住片区")
	}
	return lang.X("import.layer.schools", "学校")
}

// importFieldText names a canonical field (the left side of --map).
func importFieldText(f string) string {
	switch f {
	case ingest.FieldID:
		return lang.X("import.field.id", "编码 id")
	case ingest.FieldName:
		return lang.X("import.field.name", "名称 name")
	case ingest.FieldLevel:
		return lang.X("import.field.level", "学段 level")
	case ingest.FieldCapacity:
		return lang.X("import.field.capacity", "学位数 capacity")
	case ingest.FieldClassrooms:
		return lang.X("import.field.classrooms", "教室数 classrooms")
	case ingest.FieldBoarding:
		return lang.X("import.field.boarding", "寄宿 boarding")
	case ingest.FieldTownship:
		return lang.X("import.field.township", "乡镇 township")
	case ingest.FieldPublic:
		return lang.X("import.field.public", "办学性质 public")
	case ingest.FieldAddress:
		return lang.X("import.field.address", "学校地址 address")
	case ingest.FieldPhone:
		return lang.X("import.field.phone", "咨询电话 phone")
	case ingest.FieldInclusive:
		return lang.X("import.field.inclusive", "普惠 inclusive")
	case ingest.FieldPreschoolAge:
		return lang.X("import.field.preschool_age", "学前人口 preschool_age")
	case ingest.FieldPopulation:
		return lang.X("import.field.population", "人口 population")
	case ingest.FieldHouseholds:
		return lang.X("import.field.households", "户数 households")
	case ingest.FieldDwellings:
		return lang.X("import.field.dwellings", "住宅套数 dwellings")
	case ingest.FieldPrimaryAge:
		return lang.X("import.field.primary_age", "小学学龄人口 primary_age")
	case ingest.FieldJuniorAge:
		return lang.X("import.field.junior_age", "初中学龄人口 junior_age")
	case ingest.FieldPrimarySchool:
		return lang.X("import.field.primary_school", "对口小学 primary_school")
	case ingest.FieldJuniorSchool:
		return lang.X("import.field.junior_school", "对口初中 junior_school")
	}
	return f
}
