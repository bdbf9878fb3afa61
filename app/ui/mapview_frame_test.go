package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// TestMapPartialRedraw: an edit redraws only the rectangle of the zones
// it changed, and the frame is the one a full redraw gives.
func TestMapPartialRedraw(t *testing.T) {
	newPanelTestApp(t)
	s := testSession()
	m := NewMapView()
	m.SetSession(s)
	s.OnChange(m.DataChanged)
	m.Resize(fyne.NewSize(500, 400))
	m.frame(500, 400)
	if err := s.Do(&app.AssignZones{Zones: []string{"Z00"}, School: "P2", Stage: model.LevelPrimary}); err != nil {
		t.Fatal(err)
	}
	if m.dirty || m.zoneRect.Empty() {
		t.Fatalf("an edit of one zone: dirty %v, rectangle %v", m.dirty, m.zoneRect)
	}
	if a := m.zoneRect.Dx() * m.zoneRect.Dy(); a*2 > 500*400 {
		t.Errorf("the rectangle %v is half the frame or more", m.zoneRect)
	}
	m.frame(500, 400)
	partial := append([]byte(nil), m.img.Pix...)
	m.redraw()
	m.frame(500, 400)
	worst := 0
	for i, v := range m.img.Pix {
		d := int(v) - int(partial[i])
		worst = max(worst, d, -d)
	}
	if worst > 2 {
		t.Errorf("the partly redrawn frame differs from a full one by up to %d", worst)
	}
}

// TestWheelZoomStep: a wheel notch zooms by √2 and no single event (an
// accelerated or batched wheel) by more than 2×.
func TestWheelZoomStep(t *testing.T) {
	newPanelTestApp(t)
	m := NewMapView()
	m.SetSession(testSession())
	m.Resize(fyne.NewSize(500, 400))
	m.frame(500, 400)
	for _, c := range []struct {
		dy       float32
		min, max float64
	}{{25, 1.40, 1.42}, {3125, 1.99, 2.01}, {-3125, 0.49, 0.51}} {
		res := m.view.Resolution
		m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(250, 200)}, Scrolled: fyne.NewDelta(0, c.dy)})
		if got := res / m.view.Resolution; got < c.min || got > c.max {
			t.Errorf("scroll %v zoomed by %.3f, want %.2f–%.2f", c.dy, got, c.min, c.max)
		}
	}
}

// TestCoordinatesFollowTheView: the status bar's lon/lat is cleared when
// another project opens and follows a zoom under a still pointer.
func TestCoordinatesFollowTheView(t *testing.T) {
	w := newTestWindow(t)
	w.win.Canvas().Capture()
	w.mapView.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(10, 10)}})
	before := w.coords.Text
	if before == "" {
		t.Fatal("no coordinates under the pointer")
	}
	w.mapView.ZoomIn()
	if w.coords.Text == before {
		t.Error("a zoom left the coordinates of the old view")
	}
	w.setSession(testSession())
	if w.coords.Text != "" && w.coords.Text == before {
		t.Errorf("another project shows the old coordinates %q", w.coords.Text)
	}
}
