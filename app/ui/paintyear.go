package ui

// The 起用年份 of painted catchments: a compact year field in the map
// toolbar, next to the school picker. Painted zones take their new school
// from that intake year on (app.At); empty means from the start. Years
// are plans and belong in a scenario: on the base district the field is
// disabled and says so.

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// paintYearWidth is the entry's fixed width: a year or its short hint.
const paintYearWidth = 96

// paintYearField is the label and entry of the paint year.
type paintYearField struct {
	entry *widget.Entry
	box   fyne.CanvasObject
	year  int
	// OnChanged gets the valid year (0 = from the start).
	OnChanged func(year int)
}

func newPaintYearField() *paintYearField {
	f := &paintYearField{entry: widget.NewEntry()}
	f.entry.Validator = func(s string) error { _, err := parsePlanYear(s); return err }
	f.entry.OnChanged = func(s string) {
		if y, err := parsePlanYear(s); err == nil {
			f.set(y)
		}
	}
	size := fyne.NewSize(paintYearWidth, f.entry.MinSize().Height)
	f.box = container.NewHBox(widget.NewLabel(lang.X("paint.year", "起用年份")), container.NewGridWrap(size, f.entry))
	f.SetScenario(false)
	return f
}

func (f *paintYearField) set(y int) {
	if y == f.year {
		return
	}
	f.year = y
	if f.OnChanged != nil {
		f.OnChanged(y)
	}
}

// Year is the first intake year of painted zones, 0 = from the start.
func (f *paintYearField) Year() int { return f.year }

// SetYear shows y (0 = empty).
func (f *paintYearField) SetYear(y int) {
	text := ""
	if y > 0 {
		text = strconv.Itoa(y)
	}
	f.entry.SetText(text)
	f.set(y)
}

// SetScenario enables the field in a scenario; on the base district it is
// emptied and disabled, its placeholder saying why.
func (f *paintYearField) SetScenario(on bool) {
	if on {
		f.entry.SetPlaceHolder(lang.X("paint.year.empty", "自始"))
		f.entry.Enable()
		return
	}
	f.SetYear(0)
	f.entry.SetPlaceHolder(lang.X("paint.year.base", "需方案"))
	f.entry.Disable()
}

// menuItem is the overflow menu's way to the field when the toolbar is
// too narrow to show it.
func (f *paintYearField) menuItem(parent fyne.Window) *fyne.MenuItem {
	label := lang.X("paint.year.menu.start", "起用年份：自始…")
	if f.year > 0 {
		label = lang.X("paint.year.menu", "起用年份：{{.Year}}…", map[string]any{"Year": f.year})
	}
	it := fyne.NewMenuItem(label, func() { f.ask(parent) })
	it.Disabled = f.entry.Disabled()
	return it
}

// ask edits the year in a small form.
func (f *paintYearField) ask(parent fyne.Window) {
	e := newYearEntry(f.year)
	items := []*widget.FormItem{widget.NewFormItem(lang.X("paint.year", "起用年份"), e)}
	items[0].HintText = lang.X("paint.year.hint", "划入的小区自该年起招生时按新学区，在校生不动")
	dialog.ShowForm(lang.X("paint.year.title", "划片起用年份"), lang.X("paint.year.ok", "确定"), lang.X("paint.year.cancel", "取消"), items,
		func(ok bool) {
			if !ok {
				return
			}
			if y, err := parsePlanYear(e.Text); err == nil { // the form validates
				f.SetYear(y)
			}
		}, parent)
}
