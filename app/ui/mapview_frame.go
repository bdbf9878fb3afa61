package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/geo/render"
)

// The map frame is drawn in two layers: the zone layer (background, zone
// fills, outlines, catchment boundaries) in m.base, and over a copy of it
// the overlays (selection, school symbols, labels, legend, scale bar). A
// catchment edit redraws only the zone layer's rectangle around the zones
// that changed and then the overlays; a selection redraws only the
// overlays; a pan, zoom or resize redraws everything.

// maxPartialZones is how many changed zones still redraw by rectangle;
// more (a whole re-drawn catchment map, another theme) redraw everything.
const maxPartialZones = 2000

// redraw marks the whole frame stale and refreshes the widget.
func (m *MapView) redraw() {
	m.dirty = true
	m.Refresh()
}

// redrawOverlays marks the overlays stale (the zone layer is kept).
func (m *MapView) redrawOverlays() {
	m.overlays = true
	m.Refresh()
}

// redrawZones marks a rectangle of the zone layer, and the overlays, stale.
func (m *MapView) redrawZones(r image.Rectangle) {
	m.zoneRect = m.zoneRect.Union(r)
	m.overlays = true
	m.Refresh()
}

// stale reports whether the next frame must draw anything.
func (m *MapView) stale() bool { return m.dirty || m.overlays || !m.zoneRect.Empty() }

// changedRect is the pixel rectangle, in the current view, of the zones
// whose fill or catchment differ from oldFills and oldGroup; false when
// the whole zone layer must be redrawn (nothing drawn yet, other zones,
// too many changes).
func (m *MapView) changedRect(oldGroup []int32, oldFills []color.NRGBA) (image.Rectangle, bool) {
	if m.base == nil || m.scene == nil || !m.fitted || len(oldFills) != len(m.fills) ||
		len(oldGroup) != len(m.group) || m.scene.NumZones() != len(m.fills) {
		return image.Rectangle{}, false
	}
	var r image.Rectangle
	n := 0
	for i := range m.fills {
		if m.fills[i] == oldFills[i] && m.group[i] == oldGroup[i] {
			continue
		}
		if n++; n > maxPartialZones {
			return image.Rectangle{}, false
		}
		r = r.Union(m.zonePixels(i))
	}
	return r, true
}

// zonePixels is zone i's bound in frame pixels, widened for line widths
// and anti-aliasing.
func (m *MapView) zonePixels(i int) image.Rectangle {
	b := m.scene.ZoneBounds(i)
	x0, y0 := m.view.LonLatToPixel(orb.Point{b.Min[0], b.Max[1]})
	x1, y1 := m.view.LonLatToPixel(orb.Point{b.Max[0], b.Min[1]})
	pad := int(math.Ceil(max(m.style.OutlineWidth, m.style.BoundaryWidth, 1)*m.pixelRatio())) + 3
	return image.Rect(int(math.Floor(x0))-pad, int(math.Floor(y0))-pad, int(math.Ceil(x1))+pad, int(math.Ceil(y1))+pad)
}

// frame draws the map at w×h pixels (the raster's size). It reuses the
// images and the renderer between frames and draws only what is stale.
func (m *MapView) frame(w, h int) image.Image {
	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	if size := m.Size(); size.Width > 0 {
		m.ratio = float64(w) / float64(size.Width)
	}
	if m.img == nil || m.img.Rect.Dx() != w || m.img.Rect.Dy() != h {
		m.img = image.NewRGBA(image.Rect(0, 0, w, h))
		m.base = image.NewRGBA(image.Rect(0, 0, w, h))
		m.dirty = true
	}
	if m.view.W != w || m.view.H != h {
		m.view.W, m.view.H = w, h
		m.dirty = true
	}
	if m.scene != nil && !m.fitted {
		m.view = render.FitBounds(m.scene.Bounds(), w, h, int(fitMargin*m.pixelRatio()))
		m.fitted = true
	}
	if !m.stale() {
		return m.img
	}
	if m.view != m.baseView {
		m.dirty = true
	}
	err := m.compose()
	if err != nil && (m.lastErr == nil || err.Error() != m.lastErr.Error()) {
		fyne.LogError("drawing the map", err) // a frame cannot show a dialog mid-paint
	}
	m.lastErr = err
	return m.img
}

// compose redraws the stale part of the zone layer, then the frame as
// the zone layer plus the overlays.
func (m *MapView) compose() error {
	full, rect := m.dirty, m.zoneRect
	m.dirty, m.zoneRect, m.overlays = false, image.Rectangle{}, false
	if m.scene == nil || m.sess == nil {
		fillBackground(m.img, m.style.Background)
		return m.sceneErr
	}
	if err := m.ensureRenderer(); err != nil {
		fillBackground(m.img, m.style.Background)
		return err
	}
	st := m.frameStyle(m.view, m.pixelRatio())
	var err error
	switch {
	case full:
		err = m.rend.DrawZones(m.base, m.scene, m.view, &st, m.base.Bounds())
	case !rect.Empty():
		err = m.rend.DrawZones(m.base, m.scene, m.view, &st, rect)
	}
	m.baseView = m.view
	copy(m.img.Pix, m.base.Pix)
	if err != nil {
		return err
	}
	return m.rend.DrawOverlays(m.img, m.scene, m.view, &st)
}

func (m *MapView) ensureRenderer() error {
	if m.rend != nil {
		return nil
	}
	r, err := render.NewDefaultRenderer()
	if err != nil {
		return err
	}
	m.rend = r
	return nil
}

// frameStyle is the style of a frame of view v at ratio pixels per unit.
func (m *MapView) frameStyle(v render.View, ratio float64) render.Style {
	st := m.style
	st.PixelRatio = ratio
	if v.GroundResolution() > overviewResolution {
		// Regional view: zone outlines only where zones are large enough to
		// read, thinner catchment boundaries (thousands of catchments).
		st.OutlineMinPixels *= 3
		st.BoundaryWidth *= 0.5
	}
	return st
}

// draw renders the current scene and style into img in one pass (Export).
func (m *MapView) draw(img *image.RGBA, v render.View, ratio float64) error {
	if m.scene == nil || m.sess == nil {
		fillBackground(img, m.style.Background)
		return m.sceneErr
	}
	if err := m.ensureRenderer(); err != nil {
		fillBackground(img, m.style.Background)
		return err
	}
	st := m.frameStyle(v, ratio)
	return m.rend.Draw(img, m.scene, v, &st)
}
