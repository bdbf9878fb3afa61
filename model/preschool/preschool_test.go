package preschool

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/model"
)

func square(x0 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x0, 0}, {x0 + 1, 0}, {x0 + 1, 1}, {x0, 1}, {x0, 0}}}}
}

func kg(school string, byGrade map[int][2]int) []model.Enrollment {
	var out []model.Enrollment
	for g, sc := range byGrade {
		out = append(out, model.Enrollment{School: school, Year: 2024, Grade: model.Grade(g), Students: sc[0], Classes: sc[1]})
	}
	return out
}

// sample is the worked example:
//
//	Z1 (T1, 学区 P1): births 2019–2021 = 100 + 110 + 120 → 330 children aged 3–5 in 2024;
//	   2025: 110 + 120 + 130 = 360.
//	Z2 (T2): age count 200.  Z3 (T2): no births, no count, 2000 residents × 0.035 = 70 (估算).
//	K1 in Z1, 公办, 300 places: 小班 100 in 4 (25 ✓), 中班 95 in 3 (32 32 31 > 30 ✗ ×3), 大班 100 in 3 (34 33 33 ✓).
//	K2 in Z2, 普惠民办, places from classes 2×25 + 2×30 + 2×35 = 180: 60 in 2 (30 30 > 25 ✗ ×2), 60 in 2, 70 in 2.
//	K3 in Z3, 民办, 100 places: 20, 20, 20 in one class each.
func sample() *model.District {
	d := &model.District{Name: "县", Standards: model.DefaultStandards()}
	d.Zones = []model.Zone{
		{ID: "Z1", Township: "T1", Geometry: square(0), PrimarySchool: "P1", Population: 9999},
		{ID: "Z2", Township: "T2", Geometry: square(2), PreschoolAge: 200},
		{ID: "Z3", Township: "T2", Geometry: square(4), Population: 2000},
	}
	d.Births = []model.Births{{Zone: "Z1", Year: 2019, Births: 100}, {Zone: "Z1", Year: 2020, Births: 110},
		{Zone: "Z1", Year: 2021, Births: 120}, {Zone: "Z1", Year: 2022, Births: 130}}
	d.Schools = []model.School{
		{ID: "P1", Name: "一小", Level: model.LevelPrimary, Location: orb.Point{0.2, 0.2}},
		{ID: "K1", Level: model.LevelKindergarten, Public: true, Capacity: 300, Location: orb.Point{0.5, 0.5}},
		{ID: "K2", Level: model.LevelKindergarten, Inclusive: true, Location: orb.Point{2.5, 0.5}},
		{ID: "K3", Level: model.LevelKindergarten, Capacity: 100, Location: orb.Point{4.5, 0.5}},
	}
	d.History = append(d.History, kg("K1", map[int][2]int{-2: {100, 4}, -1: {95, 3}, 0: {100, 3}})...)
	d.History = append(d.History, kg("K2", map[int][2]int{-2: {60, 2}, -1: {60, 2}, 0: {70, 2}})...)
	d.History = append(d.History, kg("K3", map[int][2]int{-2: {20, 1}, -1: {20, 1}, 0: {20, 1}})...)
	return d
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// Worked example (targets 95 %, 55 %, 92 %):
//
//	T1: children 330, enrolled 295, 毛入园率 295/330 = 0.8939 ✗, 公办 1, 普惠 1;
//	    needed ⌈330 × 0.95⌉ = ⌈313.5⌉ = 314, places 300 → gap +14.
//	T2: children 270 (估算), enrolled 250, 250/270 = 0.9259 ✗, 公办 0 ✗, 普惠 190/250 = 0.76 ✗;
//	    needed ⌈256.5⌉ = 257, places 280 → gap −23.
//	County: 600 children, 545 enrolled → 0.90833; 公办 295/545 = 0.5413 ✗; 普惠 485/545 = 0.8899 ✗;
//	    needed 570, places 580 → gap −10.
//	Classes over standard: K1 3 (中班), K2 2 (小班), K3 0. Catchment P1: 330 children, K1.
func TestAssessWorkedExample(t *testing.T) {
	r := Assess(sample(), 2024, nil)
	if r.Projected || len(r.Townships) != 2 {
		t.Fatalf("projected %v townships %d", r.Projected, len(r.Townships))
	}
	t1, t2, c := r.Townships[0], r.Townships[1], r.County
	if t1.Children != 330 || t1.Enrolled != 295 || !near(t1.GrossEnrolment, 295.0/330) || t1.GrossMet ||
		t1.PublicShare != 1 || t1.PlacesNeeded != 314 || t1.PlaceGap != 14 || t1.Source != SourceBirths {
		t.Errorf("T1 %+v", t1)
	}
	if t2.Children != 270 || t2.Enrolled != 250 || t2.PublicShare != 0 || !near(t2.InclusiveShare, 0.76) ||
		t2.Places != 280 || t2.PlaceGap != -23 || t2.Source != SourceEstimate {
		t.Errorf("T2 %+v", t2)
	}
	if c.Children != 600 || c.Enrolled != 545 || !near(c.PublicShare, 295.0/545) || c.PublicMet ||
		!near(c.InclusiveShare, 485.0/545) || c.PlacesNeeded != 570 || c.PlaceGap != -10 {
		t.Errorf("county %+v", c)
	}
	over := map[string]int{}
	for _, k := range r.Kindergartens {
		over[k.School] = k.OverStandard
	}
	if over["K1"] != 3 || over["K2"] != 2 || over["K3"] != 0 {
		t.Errorf("over-standard classes %v", over)
	}
	if len(r.Catchments) != 1 || r.Catchments[0].Key != "P1" || r.Catchments[0].Children != 330 || r.Catchments[0].Enrolled != 295 {
		t.Errorf("catchments %+v", r.Catchments)
	}
}

// Projected 2025: the kindergartens' pupils and classes are the projected
// records passed in (the engine's), not re-estimated: K1 70 + 63 + 57 =
// 190 in 3 + 3 + 2 classes, K2 only a 大班 of 40 with no classes (⌈40/35⌉ =
// 2), K3 none; history records of 2025 are not read. T1's children are
// 2025's (births 2020–2022: 360).
func TestAssessProjected(t *testing.T) {
	d := sample()
	d.History = append(d.History, model.Enrollment{School: "P1", Year: 2025, Grade: 1, Students: 50, Classes: 1})
	recs := []model.Enrollment{
		{School: "K1", Year: 2025, Grade: -2, Students: 70, Classes: 3},
		{School: "K1", Year: 2025, Grade: -1, Students: 63, Classes: 3},
		{School: "K1", Year: 2025, Grade: 0, Students: 57, Classes: 2},
		{School: "K1", Year: 2026, Grade: -2, Students: 999, Classes: 9},
		{School: "K2", Year: 2025, Grade: 0, Students: 40},
	}
	r := Assess(d, 2025, recs)
	if !r.Projected {
		t.Fatal("2025 should be projected")
	}
	got := map[string][2]int{}
	for _, k := range r.Kindergartens {
		if !k.Projected {
			t.Errorf("%s not marked projected", k.School)
		}
		got[k.School] = [2]int{k.Enrolled, k.Classes}
	}
	if got["K1"] != [2]int{190, 8} || got["K2"] != [2]int{40, 2} || got["K3"] != [2]int{0, 0} || r.Townships[0].Children != 360 {
		t.Errorf("enrolled/classes %v, T1 children %d", got, r.Townships[0].Children)
	}
	if r.County.Enrolled != 230 {
		t.Errorf("county enrolled %d", r.County.Enrolled)
	}
}

// History years ignore the records passed in.
func TestAssessHistoryIgnoresRecords(t *testing.T) {
	r := Assess(sample(), 2024, []model.Enrollment{{School: "K1", Year: 2024, Grade: -2, Students: 1}})
	if r.County.Enrolled != 545 {
		t.Errorf("county enrolled %d, want 545", r.County.Enrolled)
	}
}

// Boundary: a gross enrolment exactly at the target meets it (95 of 100).
func TestGrossAtTarget(t *testing.T) {
	a := Area{Children: 100, Enrolled: 95, Kindergartens: 1}
	a.finish(model.DefaultStandards().PreschoolStandards)
	if !a.GrossMet || a.PlacesNeeded != 95 {
		t.Errorf("%+v", a)
	}
}

// A bare history (no schools file): schools with only grades −2…0 are the
// kindergartens; places come from their classes (4 × 25 + 3 × 30 = 190).
func TestBareHistory(t *testing.T) {
	d := &model.District{History: []model.Enrollment{
		{School: "幼1", Year: 2024, Grade: -2, Students: 90, Classes: 4},
		{School: "幼1", Year: 2024, Grade: -1, Students: 80, Classes: 3},
		{School: "小1", Year: 2024, Grade: 0, Students: 30, Classes: 1},
		{School: "小1", Year: 2024, Grade: 1, Students: 40, Classes: 1},
	}}
	r := Assess(d, 2024, nil)
	if len(r.Kindergartens) != 1 || r.Kindergartens[0].School != "幼1" || r.County.Places != 190 || r.County.Enrolled != 170 ||
		r.County.GrossKnown {
		t.Errorf("%+v", r)
	}
}
