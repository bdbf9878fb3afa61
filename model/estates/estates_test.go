package estates

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/model"
)

// district: estate E, a 0.002° square centred on (120.001, 30.001); a
// primary school A 0.002° east (≈ 193 m) with 540 seats and 500 pupils
// (spare 40), a primary school B 0.009° east (≈ 867 m, beyond 500 m) with
// 200 spare, a junior school J 0.004° east (≈ 385 m) with 600 seats and 580
// pupils (spare 20). Only 2024 has an analysis.
func district(housing []model.Housing, std model.Standards) (*model.District, Analyzer) {
	d := &model.District{Standards: std, Housing: housing}
	d.Zones = []model.Zone{{ID: "E", Name: "新城小区", Geometry: orb.MultiPolygon{{{{120, 30}, {120.002, 30}, {120.002, 30.002}, {120, 30.002}, {120, 30}}}}}}
	d.Schools = []model.School{
		{ID: "A", Level: model.LevelPrimary, Capacity: 540, Location: orb.Point{120.003, 30.001}},
		{ID: "B", Level: model.LevelPrimary, Capacity: 700, Location: orb.Point{120.010, 30.001}},
		{ID: "J", Level: model.LevelJunior, Capacity: 600, Location: orb.Point{120.005, 30.001}},
	}
	d.History = []model.Enrollment{
		{School: "A", Year: 2024, Grade: 1, Students: 500, Classes: 12},
		{School: "B", Year: 2024, Grade: 1, Students: 500, Classes: 12},
		{School: "J", Year: 2024, Grade: 7, Students: 580, Classes: 12},
	}
	return d, func(y int) (model.Analysis, bool) {
		if y != 2024 {
			return model.Analysis{}, false
		}
		return model.Analyze(d.Schools, d.History, y, d.Standards), true
	}
}

// Worked example (3.0 persons per dwelling, 70 / 35 places per 1000):
//
//	2024: 400 dwellings → 1200 residents → needed ⌈84⌉ = 84 primary, ⌈42⌉ = 42 junior;
//	      spare 40 (A; B is beyond 500 m) and 20 (J) → short 44 and 22 → both stages:
//	      nine-year scale for 66 seats → 18 classes, 840 seats.
//	2025: +600 → 1000 dwellings, 3000 residents → 210 and 105; no analysis of 2025:
//	      spare unknown (0) → short 210 + 105 = 315 → nine-year 18 classes / 840.
func TestAssessWorkedExample(t *testing.T) {
	d, an := district([]model.Housing{{Zone: "E", Year: 2024, Dwellings: 400}, {Zone: "E", Year: 2025, Dwellings: 600}}, model.DefaultStandards())
	got := Assess(d, an)
	if len(got) != 2 {
		t.Fatalf("%d estates-years, want 2", len(got))
	}
	e := got[0]
	if e.Year != 2024 || e.Dwellings != 400 || e.Residents != 1200 || e.Needed != [2]int{84, 42} ||
		e.Spare != [2]int{40, 20} || !e.SpareKnown || !e.NeedsSchool ||
		*e.Suggested != (Suggestion{Level: model.LevelNineYear, Classes: 18, Seats: 840}) {
		t.Errorf("2024: %+v %+v", e, e.Suggested)
	}
	e = got[1]
	if e.Dwellings != 1000 || e.Residents != 3000 || e.Needed != [2]int{210, 105} || e.SpareKnown || !e.NeedsSchool {
		t.Errorf("2025: %+v", e)
	}
}

// Boundary with 4 persons per dwelling and 100 primary places per 1000:
// 100 dwellings → 400 residents → 40 primary places = 40 spare: no school;
// 101 → 404 → ⌈40.4⌉ = 41 > 40: a primary school of 12 classes / 540 seats
// (junior ⌈404 × 0.035⌉ = ⌈14.14⌉ = 15 ≤ 20 spare).
func TestNeededEqualsSpare(t *testing.T) {
	std := model.DefaultStandards()
	std.PersonsPerHousehold, std.PlacesPer1000Primary = 4, 100
	for _, c := range []struct {
		dwellings int
		needs     bool
	}{{100, false}, {101, true}} {
		d, an := district([]model.Housing{{Zone: "E", Year: 2024, Dwellings: c.dwellings}}, std)
		e := Assess(d, an)[0]
		if e.NeedsSchool != c.needs {
			t.Errorf("%d dwellings: needed %v spare %v needs %v", c.dwellings, e.Needed, e.Spare, e.NeedsSchool)
		}
		if c.needs && *e.Suggested != (Suggestion{Level: model.LevelPrimary, Classes: 12, Seats: 540}) {
			t.Errorf("suggested %+v", e.Suggested)
		}
	}
}

// AssessYear: in 2025 the estate has 400 + 600 = 1000 dwellings (3000
// residents → 210 primary, 105 junior places); with the 2024 analysis
// standing in for 2025 the spare places are 40 and 20; in 2023 nothing
// is delivered yet.
func TestAssessYear(t *testing.T) {
	d, an := district([]model.Housing{{Zone: "E", Year: 2024, Dwellings: 400}, {Zone: "E", Year: 2025, Dwellings: 600}}, model.DefaultStandards())
	a, _ := an(2024)
	got := AssessYear(d, 2025, &a)
	if len(got) != 1 || got[0].Dwellings != 1000 || got[0].Needed != [2]int{210, 105} || got[0].Spare != [2]int{40, 20} ||
		got[0].Year != 2025 || !got[0].NeedsSchool {
		t.Errorf("%+v", got)
	}
	if got := AssessYear(d, 2023, &a); len(got) != 0 {
		t.Errorf("2023: %+v", got)
	}
	if got := AssessYear(d, 2026, nil); len(got) != 1 || got[0].SpareKnown {
		t.Errorf("2026 without analysis: %+v", got)
	}
}
