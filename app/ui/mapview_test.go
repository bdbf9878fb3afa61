package ui

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/model"
)

// newTestMap shows the test district in a 600×400 test window.
func newTestMap(t *testing.T) (*MapView, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme("light"))
	if err := SetLanguage(langChinese); err != nil {
		t.Fatal(err)
	}
	m := NewMapView()
	m.SetSession(testSession())
	w := test.NewTempWindow(t, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(600, 400))
	w.Canvas().Capture() // first frame fits the district
	return m, w
}

// schoolPos is where school id is drawn, in widget coordinates.
func schoolPos(m *MapView, id string) fyne.Position {
	p := m.district.School(id).Location
	return lonLatPos(m, p[0], p[1])
}

func TestMapViewGolden(t *testing.T) {
	m, w := newTestMap(t)
	test.AssertRendersToImage(t, "mapview_district.png", w.Canvas())

	m.SetMapTheme(ThemeCatchment)
	m.ZoomIn()
	test.AssertRendersToImage(t, "mapview_zoom2_catchment.png", w.Canvas())
}

func TestMapViewTapSelectsSchoolAndZone(t *testing.T) {
	m, _ := newTestMap(t)
	var school, zone string
	m.OnSelectSchool = func(id string) { school = id }
	m.OnSelectZone = func(id string) { zone = id }

	test.TapAt(m, schoolPos(m, "P2"))
	if school != "P2" || m.SelectedSchool() != "P2" {
		t.Errorf("tap on P2's symbol selected school %q (map: %q)", school, m.SelectedSchool())
	}

	// Zone Z00 is the bottom-left square; tap inside it away from P1.
	test.TapAt(m, lonLatPos(m, 117.0018, 31.0082))
	if zone != "Z00" || len(m.SelectedZones()) != 1 {
		t.Errorf("tap in zone Z00 selected %q (map: %v)", zone, m.SelectedZones())
	}
}

func TestMapViewScrollZoomsAroundPointer(t *testing.T) {
	m, _ := newTestMap(t)
	before := m.view
	at := schoolPos(m, "P1")
	m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: at}, Scrolled: fyne.Delta{DY: scrollPerOctave}})
	if got := before.Resolution / m.view.Resolution; math.Abs(got-2) > 1e-9 {
		t.Errorf("one octave of scroll zoomed by %v, want 2", got)
	}
	if p := schoolPos(m, "P1"); math.Abs(float64(p.X-at.X)) > 0.01 || math.Abs(float64(p.Y-at.Y)) > 0.01 {
		t.Errorf("the point under the pointer moved from %v to %v", at, p)
	}
	m.ZoomOut()
	if math.Abs(m.view.Resolution-before.Resolution) > 1e-9 {
		t.Errorf("ZoomOut after a 2× scroll: resolution %v, want %v", m.view.Resolution, before.Resolution)
	}
}

func TestMapViewDragPans(t *testing.T) {
	m, _ := newTestMap(t)
	p := schoolPos(m, "P1")
	m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(110, 100)}, Dragged: fyne.Delta{DX: 10}})
	m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(140, 120)}, Dragged: fyne.Delta{DX: 30, DY: 20}})
	if schoolPos(m, "P1") != p {
		t.Error("the view changed before the drag ended (the frame should only move)")
	}
	m.DragEnd()
	if q := schoolPos(m, "P1"); math.Abs(float64(q.X-p.X-40)) > 0.01 || math.Abs(float64(q.Y-p.Y-20)) > 0.01 {
		t.Errorf("after dragging by (40, 20) P1 moved from %v to %v", p, q)
	}
}

func TestMapViewBoxSelect(t *testing.T) {
	m, _ := newTestMap(t)
	var got []string
	m.OnSelectZones = func(ids []string) { got = ids }
	// A box around the label points of the bottom row's two left zones.
	from, to := lonLatPos(m, 116.999, 31.011), lonLatPos(m, 117.019, 30.999)
	m.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierShift})
	m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.Delta{DX: to.X - from.X, DY: to.Y - from.Y}})
	m.DragEnd()
	if len(got) != 2 || got[0] != "Z00" || got[1] != "Z01" {
		t.Errorf("box select got %v, want [Z00 Z01]", got)
	}
}

// lonLatPos is where a lon/lat point is drawn, in widget coordinates.
func lonLatPos(m *MapView, lon, lat float64) fyne.Position {
	x, y := m.view.LonLatToPixel(orb.Point{lon, lat})
	r := m.pixelRatio()
	return fyne.NewPos(float32(x/r), float32(y/r))
}

func TestMapViewPaintAssignsAsOneEdit(t *testing.T) {
	m, _ := newTestMap(t)
	s := m.sess
	m.SetMode(ModePaint)
	m.SetPaintSchool("P3")
	// Stroke over Z00 and Z01 (P1's) and Z02 (P1's).
	for i, lon := range []float64{117.005, 117.015, 117.025} {
		m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: lonLatPos(m, lon, 31.005)}, Dragged: fyne.Delta{DX: float32(i)}})
	}
	m.DragEnd()
	for _, id := range []string{"Z00", "Z01", "Z02"} {
		if got := s.District().Zone(id).PrimarySchool; got != "P3" {
			t.Errorf("%s painted: primary school %q, want P3", id, got)
		}
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := s.District().Zone("Z02").PrimarySchool; got != "P1" {
		t.Errorf("one undo should revert the whole stroke; Z02 is with %q", got)
	}

	// A junior school cannot take primary zones: the error is reported.
	var reported error
	m.OnError = func(err error) { reported = err }
	m.SetPaintSchool("J1")
	test.TapAt(m, lonLatPos(m, 117.005, 31.005))
	if reported == nil {
		t.Error("painting primary zones with a junior school was not refused")
	}
}

func TestMapThemeClassSizeColours(t *testing.T) {
	s := testSession()
	st := newZoneStyler(s, ThemeClassSize, model.LevelPrimary, nil)
	d := s.District()
	want := map[string]model.ClassStatus{"Z00": model.StatusStandard, "Z05": model.StatusLarge, "Z30": model.StatusVeryLarge}
	for i := range d.Zones {
		if ws, ok := want[d.Zones[i].ID]; ok {
			if got := st.ZoneFill(i, &d.Zones[i]); got != statusColors[ws] {
				t.Errorf("zone %s: fill %v, want %v (%s)", d.Zones[i].ID, got, statusColors[ws], ws)
			}
		}
	}
	if got := parseMapTheme(ThemeSeatGap.String()); got != ThemeSeatGap {
		t.Errorf("theme name round trip: %v", got)
	}
	if formatInt(1234567) != "1,234,567" || formatInt(-20000) != "-20,000" || formatInt(0) != "0" {
		t.Error("formatInt")
	}
}
