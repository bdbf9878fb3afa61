package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// collapsingBar is a tool strip that never asks for more width than its
// first items and the overflow button: the other items show while they
// fit and otherwise hide, left to right from the end, and the overflow
// button (a ⋯ menu with the same commands) appears instead. So the window
// never widens because of it, and nothing overlaps on a narrow screen.
type collapsingBar struct {
	widget.BaseWidget

	fixed    []fyne.CanvasObject // always shown, from the left
	optional []fyne.CanvasObject // shown while they fit, after fixed
	more     *widget.Button      // opens menu()
	menu     func() *fyne.Menu
}

// newCollapsingBar lays fixed and optional out in one row; menu builds the
// overflow menu (called each time it opens, so it shows current state).
func newCollapsingBar(fixed, optional []fyne.CanvasObject, menu func() *fyne.Menu) *collapsingBar {
	b := &collapsingBar{fixed: fixed, optional: optional, menu: menu}
	b.more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), b.showMenu)
	b.more.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

func (b *collapsingBar) showMenu() {
	c := fyne.CurrentApp().Driver().CanvasForObject(b.more)
	if c == nil || b.menu == nil {
		return
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b.more).AddXY(0, b.more.Size().Height)
	widget.ShowPopUpMenuAtPosition(b.menu(), c, pos)
}

// collapsed reports whether some optional item is hidden (tests).
func (b *collapsingBar) collapsed() bool { return b.more.Visible() }

func (b *collapsingBar) CreateRenderer() fyne.WidgetRenderer {
	objs := append(append(append([]fyne.CanvasObject{}, b.fixed...), b.optional...), b.more)
	return &collapsingBarRenderer{bar: b, objects: objs}
}

type collapsingBarRenderer struct {
	bar     *collapsingBar
	objects []fyne.CanvasObject
}

func (r *collapsingBarRenderer) Destroy() {}

func (r *collapsingBarRenderer) Objects() []fyne.CanvasObject { return r.objects }

// MinSize is the fixed items and the overflow button: never the optional.
func (r *collapsingBarRenderer) MinSize() fyne.Size {
	pad := theme.Padding()
	w, h := float32(0), r.bar.more.MinSize().Height
	for _, o := range r.bar.fixed {
		m := o.MinSize()
		w += m.Width + pad
		h = max(h, m.Height)
	}
	for _, o := range r.bar.optional {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w+r.bar.more.MinSize().Width, h)
}

// Layout places fixed items from the left and as many optional ones as
// fit (the rest hide behind the overflow button, right-aligned).
func (r *collapsingBarRenderer) Layout(size fyne.Size) {
	pad := theme.Padding()
	x := float32(0)
	place := func(o fyne.CanvasObject) {
		m := o.MinSize()
		o.Move(fyne.NewPos(x, (size.Height-m.Height)/2))
		o.Resize(fyne.NewSize(m.Width, m.Height))
		x += m.Width + pad
	}
	for _, o := range r.bar.fixed {
		place(o)
	}
	all := x
	for _, o := range r.bar.optional {
		all += o.MinSize().Width + pad
	}
	fitsAll := all-pad <= size.Width
	room := size.Width
	if !fitsAll {
		room -= r.bar.more.MinSize().Width + pad
	}
	hidden := false
	for _, o := range r.bar.optional {
		if !hidden && x+o.MinSize().Width <= room {
			place(o)
			o.Show()
			continue
		}
		hidden = true
		o.Hide()
	}
	more := r.bar.more
	if fitsAll {
		more.Hide()
		return
	}
	m := more.MinSize()
	more.Move(fyne.NewPos(size.Width-m.Width, (size.Height-m.Height)/2))
	more.Resize(m)
	more.Show()
}

func (r *collapsingBarRenderer) Refresh() {
	r.Layout(r.bar.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}
