package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/xuequ/xuequ/model"
)

// schoolPicker chooses the school painted catchments go to: a button with
// the chosen name that opens a searchable list, sorted by pinyin. Its
// width never depends on the names (long ones are cut with …).
type schoolPicker struct {
	widget.BaseWidget

	OnChanged func(id string)

	button  *widget.Button
	items   []pickItem // sorted
	shown   []pickItem // filtered by the search text
	id      string
	popUp   *widget.PopUp
	search  *widget.Entry
	list    *widget.List
	pickerW float32
}

type pickItem struct{ id, name string }

// schoolPickerWidth is the button's fixed width.
const schoolPickerWidth = 190

func newSchoolPicker() *schoolPicker {
	p := &schoolPicker{pickerW: schoolPickerWidth}
	p.button = widget.NewButtonWithIcon(p.placeholder(), theme.MenuDropDownIcon(), p.open)
	p.button.Alignment = widget.ButtonAlignLeading
	p.button.IconPlacement = widget.ButtonIconTrailingText
	p.ExtendBaseWidget(p)
	return p
}

func (p *schoolPicker) placeholder() string {
	return lang.X("picker.placeholder", "选择学校…")
}

// paintableSchools are the open schools that teach stage, sorted by name
// the way a Chinese reader looks them up (pinyin).
func paintableSchools(d *model.District, stage model.Level) []pickItem {
	var items []pickItem
	for _, s := range d.Schools {
		if s.Closed || s.Level == model.LevelUnknown || !teachesStage(s.Level, stage) {
			continue
		}
		items = append(items, pickItem{s.ID, s.Name})
	}
	c := collate.New(language.SimplifiedChinese)
	slices.SortStableFunc(items, func(a, b pickItem) int { return c.CompareString(a.name, b.name) })
	return items
}

// SetSchools replaces the choices; the chosen school stays if still offered.
func (p *schoolPicker) SetSchools(items []pickItem) {
	p.items = items
	if p.id != "" && !slices.ContainsFunc(items, func(i pickItem) bool { return i.id == p.id }) {
		p.SetSelected("") // e.g. the school was closed
		return
	}
	p.updateButton()
}

// Selected is the chosen school's ID ("" for none).
func (p *schoolPicker) Selected() string { return p.id }

// SetSelected chooses id (ignored unless offered) and calls OnChanged.
func (p *schoolPicker) SetSelected(id string) {
	if id != "" && !slices.ContainsFunc(p.items, func(i pickItem) bool { return i.id == id }) {
		return
	}
	p.id = id
	p.updateButton()
	if p.OnChanged != nil {
		p.OnChanged(id)
	}
}

func (p *schoolPicker) updateButton() {
	text := p.placeholder()
	for _, it := range p.items {
		if it.id == p.id {
			text = it.name
		}
	}
	p.button.SetText(cutText(text, 9))
}

// cutText shortens s to n hanzi widths with an ellipsis (a Latin letter
// counts half), so the button's text fits its fixed width.
func cutText(s string, n int) string {
	width := 0
	for i, r := range s {
		w := 1
		if r >= 0x2e80 {
			w = 2
		}
		if width+w > 2*n-1 {
			return s[:i] + "…"
		}
		width += w
	}
	return s
}

// Disable and Enable grey the button out (paint mode off).
func (p *schoolPicker) Disable() { p.button.Disable() }

// Enable lets the user choose.
func (p *schoolPicker) Enable() { p.button.Enable() }

func (p *schoolPicker) filter(text string) {
	q := strings.ToLower(strings.TrimSpace(text))
	p.shown = p.shown[:0]
	for _, it := range p.items {
		if q == "" || strings.Contains(strings.ToLower(it.name), q) || strings.Contains(strings.ToLower(it.id), q) {
			p.shown = append(p.shown, it)
		}
	}
	if p.list != nil {
		p.list.UnselectAll()
		p.list.Refresh()
	}
}

// open shows the search field over the list of schools under the button.
func (p *schoolPicker) open() {
	c := fyne.CurrentApp().Driver().CanvasForObject(p)
	if c == nil {
		return
	}
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(lang.X("picker.search", "输入校名搜索"))
	p.search.OnChanged = p.filter
	p.search.OnSubmitted = func(string) {
		if len(p.shown) > 0 {
			p.choose(p.shown[0].id)
		}
	}
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.shown[i].name) })
	p.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(p.shown) {
			p.choose(p.shown[i].id)
		}
	}
	p.filter("")
	body := container.NewBorder(p.search, nil, nil, nil, p.list)
	p.popUp = widget.NewPopUp(body, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p).AddXY(0, p.Size().Height)
	h := min(float32(360), c.Size().Height-pos.Y-theme.Padding())
	p.popUp.ShowAtPosition(pos)
	p.popUp.Resize(fyne.NewSize(max(p.Size().Width, 260), max(h, 160)))
	c.Focus(p.search)
}

func (p *schoolPicker) choose(id string) {
	if p.popUp != nil {
		p.popUp.Hide()
		p.popUp = nil
	}
	p.SetSelected(id)
}

func (p *schoolPicker) CreateRenderer() fyne.WidgetRenderer {
	return &schoolPickerRenderer{p: p}
}

type schoolPickerRenderer struct{ p *schoolPicker }

func (r *schoolPickerRenderer) Destroy() {}

func (r *schoolPickerRenderer) Layout(size fyne.Size) { r.p.button.Resize(size) }

func (r *schoolPickerRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.p.pickerW, r.p.button.MinSize().Height)
}

func (r *schoolPickerRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.p.button}
}

func (r *schoolPickerRenderer) Refresh() { r.p.button.Refresh() }
