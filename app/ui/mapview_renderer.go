package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// mapRenderer shows the map frame and two overlays drawn by fyne, not by
// geo/render, so they move without a map redraw: the Shift+drag selection
// box and the hover tooltip.
type mapRenderer struct {
	m *MapView

	background *canvas.Rectangle // shows where the frame moved away while panning
	raster     *canvas.Raster
	box        *canvas.Rectangle
	tipBg      *canvas.Rectangle
	tip        *widget.Label
	objects    []fyne.CanvasObject
}

func newMapRenderer(m *MapView) *mapRenderer {
	r := &mapRenderer{m: m}
	r.background = canvas.NewRectangle(m.style.Background)
	r.raster = canvas.NewRaster(m.frame)
	r.raster.ScaleMode = canvas.ImageScalePixels
	r.box = canvas.NewRectangle(color.NRGBA{0x15, 0x65, 0xc0, 0x30})
	r.box.StrokeColor = color.NRGBA{0x15, 0x65, 0xc0, 0xff}
	r.box.StrokeWidth = 1
	r.box.Hide()
	r.tipBg = canvas.NewRectangle(color.NRGBA{0xff, 0xff, 0xff, 0xf0})
	r.tipBg.StrokeColor = color.NRGBA{0x90, 0x90, 0x90, 0xff}
	r.tipBg.StrokeWidth = 1
	r.tipBg.CornerRadius = 4
	r.tip = widget.NewLabel("")
	r.tipBg.Hide()
	r.tip.Hide()
	r.objects = []fyne.CanvasObject{r.background, r.raster, r.box, r.tipBg, r.tip}
	return r
}

func (r *mapRenderer) Layout(size fyne.Size) {
	r.background.Resize(size)
	r.raster.Move(r.m.dragOffset)
	r.raster.Resize(size)
	r.layoutOverlays(size)
}

func (r *mapRenderer) layoutOverlays(size fyne.Size) {
	m := r.m
	if m.dragging && m.shift && m.mode == ModeBrowse {
		a, b := m.dragFrom, m.dragTo
		r.box.Move(fyne.NewPos(min(a.X, b.X), min(a.Y, b.Y)))
		r.box.Resize(fyne.NewSize(abs32(a.X-b.X), abs32(a.Y-b.Y)))
		r.box.Show()
	} else {
		r.box.Hide()
	}
	if m.hover == "" || m.dragging {
		r.tip.Hide()
		r.tipBg.Hide()
		return
	}
	r.tip.SetText(m.hover)
	ts := r.tip.MinSize()
	// Beside the pointer, flipped to stay inside the map.
	pos := m.hoverPos.AddXY(16, 16)
	if pos.X+ts.Width > size.Width {
		pos.X = m.hoverPos.X - ts.Width - 8
	}
	if pos.Y+ts.Height > size.Height {
		pos.Y = m.hoverPos.Y - ts.Height - 8
	}
	pos.X, pos.Y = max(pos.X, 0), max(pos.Y, 0)
	r.tip.Move(pos)
	r.tip.Resize(ts)
	r.tipBg.Move(pos.AddXY(theme.Padding()/2, theme.Padding()/2))
	r.tipBg.Resize(ts.SubtractWidthHeight(theme.Padding(), theme.Padding()))
	r.tip.Show()
	r.tipBg.Show()
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

func (r *mapRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 150) }

// Refresh redraws the frame only when the map changed (MapView.dirty);
// panning and tooltips just move objects.
func (r *mapRenderer) Refresh() {
	r.background.FillColor = r.m.style.Background
	r.Layout(r.m.Size())
	if r.m.stale() {
		r.raster.Refresh()
	}
	r.background.Refresh()
	r.box.Refresh()
	r.tipBg.Refresh()
}

func (r *mapRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *mapRenderer) Destroy() {}
