package ui

// Settings dialog: every planning number of model.Standards (DESIGN.md §4),
// with units, checked with app.ValidateStandards and applied as one
// undoable app.SetStandards through src.Do.
//
//	NewSettingsDialog(src StandardsSource, parent fyne.Window) *SettingsDialog
//	(*SettingsDialog).Show()
//
// src is usually the *app.Session. The dialog reads the standards when it
// is built: build a new one each time the menu item is chosen.

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// StandardsSource is what the settings dialog reads and edits.
type StandardsSource interface {
	District() *model.District
	Do(c app.Command) error
}

// *app.Session is the usual source.
var _ StandardsSource = (*app.Session)(nil)

// standardField is one editable number. Shares are edited as percentages.
type standardField struct {
	name, unit string
	kind       int // fieldInt, fieldFloat, fieldPercent
	get        func(*model.Standards) float64
	set        func(*model.Standards, float64)
	entry      *widget.Entry
	group      string // tab of the planning standards (settings_planning.go); "" = the first tab
}

const (
	fieldInt = iota
	fieldFloat
	fieldPercent
)

// SettingsDialog edits the district's standards.
type SettingsDialog struct {
	src     StandardsSource
	doc     *docSettingsForm // nil when src keeps no document fields
	fields  []*standardField
	message *widget.Label
	dialog  *dialog.CustomDialog
}

// NewSettingsDialog builds the dialog with the district's current
// standards.
func NewSettingsDialog(src StandardsSource, parent fyne.Window) *SettingsDialog {
	s := &SettingsDialog{src: src}
	s.fields = standardFields()
	people := lang.X("settings.unit.pupils", "人")
	metres := lang.X("settings.unit.metres", "米")
	for _, f := range s.fields {
		f.entry = widget.NewEntry()
		kind := f.kind
		f.entry.Validator = func(text string) error { _, err := parseStandard(text, kind); return err }
		switch {
		case f.unit != "": // set by the field
		case f.kind == fieldInt:
			f.unit = people
		case f.kind == fieldFloat:
			f.unit = metres
		case f.kind == fieldPercent:
			f.unit = "%"
		}
	}
	s.load(src.District().Standards.OrDefault())

	form := container.NewGridWithColumns(3)
	for _, f := range s.fields {
		if f.group != "" {
			continue
		}
		form.Add(widget.NewLabel(f.name))
		form.Add(f.entry)
		form.Add(widget.NewLabel(f.unit))
	}
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Importance = widget.DangerImportance
	s.message.Hide()
	note := widget.NewLabel(lang.X("settings.note",
		"超标准 = 标准班额+1 至 大班额起点−1；修改可撤销，并重新计算全部分析。"))
	note.Wrapping = fyne.TextWrapWord
	tabs := s.groupTabs(form)
	if ds, ok := src.(DocSettingsSource); ok {
		s.doc = newDocSettingsForm(ds, src.District().Name)
		tabs.Append(container.NewTabItem(lang.X("docsettings.tab.document", "文件信息"), s.doc.content()))
	}
	content := container.NewVBox(tabs, note, s.message)

	s.dialog = dialog.NewCustomWithoutButtons(lang.X("settings.title", "规划标准"), content, parent)
	cancel := widget.NewButton(lang.X("settings.cancel", "取消"), s.dialog.Hide)
	defaults := widget.NewButton(lang.X("settings.defaults", "恢复默认值"), func() {
		s.load(model.DefaultStandards())
	})
	apply := widget.NewButton(lang.X("settings.apply", "应用"), func() {
		if s.Apply() {
			s.dialog.Hide()
		}
	})
	apply.Importance = widget.HighImportance
	s.dialog.SetButtons([]fyne.CanvasObject{cancel, defaults, apply})
	s.dialog.Resize(fyne.NewSize(520, 0))
	return s
}

// Show opens the dialog.
func (s *SettingsDialog) Show() { s.dialog.Show() }

// Hide closes the dialog without applying.
func (s *SettingsDialog) Hide() { s.dialog.Hide() }

// Apply validates the entries and, when they changed, sends
// app.SetStandards. It reports whether the dialog may close; on false the
// reason is shown in the dialog.
func (s *SettingsDialog) Apply() bool {
	std, err := s.read()
	if err == nil {
		err = app.ValidateStandards(std)
	}
	if err == nil && std != s.src.District().Standards.OrDefault() {
		err = s.src.Do(&app.SetStandards{To: std})
	}
	if err != nil {
		s.message.SetText(lang.X("settings.invalid", "标准无效：{{.Err}}", map[string]any{"Err": trError(err)}))
		s.message.Show()
		return false
	}
	if s.doc != nil {
		if err := s.doc.apply(); err != nil {
			s.message.SetText(err.Error())
			s.message.Show()
			return false
		}
	}
	s.message.Hide()
	return true
}

func (s *SettingsDialog) load(std model.Standards) {
	for _, f := range s.fields {
		v := f.get(&std)
		switch f.kind {
		case fieldInt:
			f.entry.SetText(strconv.Itoa(int(v)))
		case fieldPercent:
			f.entry.SetText(strconv.FormatFloat(v*100, 'f', -1, 64))
		default:
			f.entry.SetText(strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
}

// read parses every entry into a Standards; the error names each bad field.
func (s *SettingsDialog) read() (model.Standards, error) {
	std := s.src.District().Standards.OrDefault()
	var errs []error
	for _, f := range s.fields {
		v, err := parseStandard(f.entry.Text, f.kind)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s：%w", f.name, err))
			continue
		}
		f.set(&std, v)
	}
	return std, errors.Join(errs...)
}

// parseStandard reads one number; percentages come back as fractions.
func parseStandard(text string, kind int) (float64, error) {
	text = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "%"))
	if kind == fieldInt {
		n, err := strconv.Atoi(text)
		if err != nil {
			return 0, errors.New(lang.X("settings.not_integer", "请输入整数"))
		}
		if n <= 0 {
			return 0, errors.New(lang.X("settings.not_positive", "必须大于 0"))
		}
		return float64(n), nil
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return 0, errors.New(lang.X("settings.not_number", "请输入数字"))
	}
	if v < 0 {
		return 0, errors.New(lang.X("settings.negative", "不能为负数"))
	}
	if kind == fieldPercent {
		if v > 100 {
			return 0, errors.New(lang.X("settings.over_100", "不能超过 100%"))
		}
		v /= 100
	}
	return v, nil
}

// standardFields lists the editable numbers in the order of DESIGN.md §4.
func standardFields() []*standardField {
	intField := func(name string, p func(*model.Standards) *int) *standardField {
		return &standardField{name: name, kind: fieldInt,
			get: func(s *model.Standards) float64 { return float64(*p(s)) },
			set: func(s *model.Standards, v float64) { *p(s) = int(v) }}
	}
	floatField := func(name string, kind int, p func(*model.Standards) *float64) *standardField {
		return &standardField{name: name, kind: kind,
			get: func(s *model.Standards) float64 { return *p(s) },
			set: func(s *model.Standards, v float64) { *p(s) = v }}
	}
	return append([]*standardField{
		intField(lang.X("settings.class_primary", "小学标准班额"), func(s *model.Standards) *int { return &s.StandardClassPrimary }),
		intField(lang.X("settings.class_junior", "初中标准班额"), func(s *model.Standards) *int { return &s.StandardClassJunior }),
		intField(lang.X("settings.large_min", "大班额起点"), func(s *model.Standards) *int { return &s.LargeClassMin }),
		intField(lang.X("settings.very_large_min", "超大班额起点"), func(s *model.Standards) *int { return &s.VeryLargeClassMin }),
		floatField(lang.X("settings.large_share", "大班额占比目标（低于）"), fieldPercent, func(s *model.Standards) *float64 { return &s.LargeShareTarget }),
		intField(lang.X("settings.oversized", "大校额（在校生多于）"), func(s *model.Standards) *int { return &s.OversizedSchool }),
		intField(lang.X("settings.oversized_nine", "九年一贯制大校额"), func(s *model.Standards) *int { return &s.OversizedNineYear }),
		intField(lang.X("settings.small", "小规模学校（少于）"), func(s *model.Standards) *int { return &s.SmallSchool }),
		intField(lang.X("settings.small_staffed", "按班师比配备（少于）"), func(s *model.Standards) *int { return &s.SmallSchoolStaffed }),
		floatField(lang.X("settings.radius_primary", "小学服务半径"), fieldFloat, func(s *model.Standards) *float64 { return &s.ServiceRadiusPrimary }),
		floatField(lang.X("settings.radius_junior", "初中服务半径"), fieldFloat, func(s *model.Standards) *float64 { return &s.ServiceRadiusJunior }),
		floatField(lang.X("settings.migrant_share", "随迁子女公办就读目标"), fieldPercent, func(s *model.Standards) *float64 { return &s.MigrantPublicShare }),
		floatField(lang.X("settings.age_share_primary", "小学学龄人口占比"), fieldPercent, func(s *model.Standards) *float64 { return &s.SchoolAgeSharePrimary }),
		floatField(lang.X("settings.age_share_junior", "初中学龄人口占比"), fieldPercent, func(s *model.Standards) *float64 { return &s.SchoolAgeShareJunior }),
	}, planningStandardFields(intField, floatField)...)
}
