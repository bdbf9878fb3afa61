package render

import (
	"errors"
	"image"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/model"
)

func townForPick(t *testing.T) (*Scene, View, []model.Zone, []model.School) {
	zones, schools := townScene(t)
	s, err := NewScene(zones, schools)
	if err != nil {
		t.Fatal(err)
	}
	return s, FitBounds(s.Bounds(), 900, 640, 30), zones, schools
}

func TestZoneAt(t *testing.T) {
	s, v, zones, _ := townForPick(t)
	for i := range zones {
		px, py := v.LonLatToPixel(s.ZoneLabelPoint(i))
		got, ok := s.ZoneAt(v, px, py)
		if !ok || got != i {
			t.Errorf("zone %d (%s): ZoneAt its label point = %d, %v", i, zones[i].Name, got, ok)
		}
	}
	if _, ok := s.ZoneAt(v, 2, 2); ok {
		t.Error("ZoneAt the corner, outside every zone, found one")
	}
}

func TestZoneAtHole(t *testing.T) {
	outer := orb.Ring{{0, 0}, {0.01, 0}, {0.01, 0.01}, {0, 0.01}, {0, 0}}
	hole := orb.Ring{{0.004, 0.004}, {0.006, 0.004}, {0.006, 0.006}, {0.004, 0.006}, {0.004, 0.004}}
	s, err := NewScene([]model.Zone{{ID: "A", Geometry: orb.MultiPolygon{{outer, hole}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := FitBounds(s.Bounds(), 200, 200, 0)
	if _, ok := s.ZoneAt(v, 100, 100); ok {
		t.Error("the hole's centre picks the zone")
	}
	if i, ok := s.ZoneAt(v, 20, 20); !ok || i != 0 {
		t.Error("inside the ring, outside the hole: no zone")
	}
	// The label point avoids the hole.
	lp := s.ZoneLabelPoint(0)
	if px, py := v.LonLatToPixel(lp); math.Hypot(px-100, py-100) < 20 {
		t.Errorf("label point %v is in the hole", lp)
	}
}

func TestSchoolAt(t *testing.T) {
	s, v, _, schools := townForPick(t)
	px, py := v.LonLatToPixel(schools[2].Location)
	if j, ok := s.SchoolAt(v, px+3, py-2, 8); !ok || j != 2 {
		t.Errorf("SchoolAt near school 2 = %d, %v", j, ok)
	}
	if _, ok := s.SchoolAt(v, px+30, py, 8); ok {
		t.Error("SchoolAt 30 px away with radius 8 found a school")
	}
}

func TestZonesInRectAndLasso(t *testing.T) {
	s, v, zones, _ := townForPick(t)
	all := s.ZonesInRect(v, image.Rect(0, 0, v.W, v.H))
	if len(all) != len(zones) {
		t.Fatalf("whole-view rectangle selects %d zones, want %d", len(all), len(zones))
	}
	// The left half: columns 0 and 1 of the 4×3 grid.
	left := s.ZonesInRect(v, image.Rect(v.W/2, v.H, 0, 0)) // any corner order
	want := []int{0, 1, 4, 5, 8, 9}
	if len(left) != len(want) {
		t.Fatalf("left half selects %v, want %v", left, want)
	}
	for k := range want {
		if left[k] != want[k] {
			t.Fatalf("left half selects %v, want %v", left, want)
		}
	}
	// A lasso triangle around zone 5's label point only.
	px, py := v.LonLatToPixel(s.ZoneLabelPoint(5))
	x, y := int(px), int(py)
	lasso := []image.Point{{x - 10, y - 10}, {x + 12, y - 8}, {x, y + 12}}
	if got := s.ZonesInLasso(v, lasso); len(got) != 1 || got[0] != 5 {
		t.Errorf("lasso selects %v, want [5]", got)
	}
	if got := s.ZonesInLasso(v, lasso[:2]); got != nil {
		t.Errorf("two-point lasso selects %v", got)
	}
}

func TestNewSceneBadInput(t *testing.T) {
	bad := orb.Ring{{0, 0}, {500000, 0}, {500000, 3000000}, {0, 0}}
	_, err := NewScene([]model.Zone{{ID: "Z1"}, {ID: "Z2", Geometry: orb.MultiPolygon{{bad}}}}, nil)
	var ie *model.InputError
	if !errors.As(err, &ie) || ie.Feature != 2 || ie.Field != "geometry" {
		t.Fatalf("projected coordinates: got %v, want an InputError for feature 2", err)
	}
	_, err = NewScene(nil, []model.School{{ID: "S1", Location: orb.Point{math.NaN(), 30}}})
	if !errors.As(err, &ie) || ie.File != "schools" {
		t.Fatalf("NaN school: got %v", err)
	}
	// Empty geometries are kept, drawn as nothing, never picked.
	s, err := NewScene([]model.Zone{{ID: "E"}}, nil)
	if err != nil || s.NumZones() != 1 {
		t.Fatalf("empty zone: %v", err)
	}
	r, _ := NewDefaultRenderer()
	st := DefaultStyle()
	img := image.NewRGBA(image.Rect(0, 0, 50, 40))
	if err := r.Draw(img, s, View{Resolution: 1, W: 50, H: 40}, &st); err != nil {
		t.Fatal(err)
	}
}

// Neighbours sharing vertices are found; the catchment boundary is where
// groups differ.
func TestNeighbours(t *testing.T) {
	zones := gridZones(3, 1, 4, 114, 30, 0.01)
	s, err := NewScene(zones, nil)
	if err != nil {
		t.Fatal(err)
	}
	nbr := s.neighbours()
	shared := map[[2]int32]int{}
	for z := range zones {
		for i := s.ringStart[s.zoneRing[z]]; i < s.ringStart[s.zoneRing[z+1]]; i++ {
			if nbr[i] >= 0 {
				shared[[2]int32{int32(z), nbr[i]}]++
			}
		}
	}
	if shared[[2]int32{0, 1}] != 4 || shared[[2]int32{1, 0}] != 4 || shared[[2]int32{1, 2}] != 4 || shared[[2]int32{0, 2}] != 0 {
		t.Errorf("shared half-edges %v, want 4 between each pair of neighbours", shared)
	}
	// Junctions (where the neighbour changes: the two ends of each shared
	// side, seen from both zones) are kept at every tolerance.
	kept := 0
	for _, v := range s.imp {
		if math.IsInf(float64(v), 1) {
			kept++
		}
	}
	if kept != 8 {
		t.Errorf("%d vertices kept at every tolerance, want 8", kept)
	}
}
