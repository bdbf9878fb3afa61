package ui

import (
	"testing"

	"fyne.io/fyne/v2"

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
