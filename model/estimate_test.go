package model

import (
	"testing"
	"time"
)

// noHistoryDistrict is what a bureau often imports: GIS layers only. No
// history; P1 has an explicit capacity, P2 only classrooms, P3 and J1
// nothing; Z1 and Z2 give age counts (Z2 a known 0), Z3 only population.
func noHistoryDistrict() *District {
	return &District{
		Name: "无历史县",
		Schools: []School{
			{ID: "P1", Name: "城关一小", Level: LevelPrimary, Capacity: 900},
			{ID: "P2", Name: "城关二小", Level: LevelPrimary, Classrooms: 12},
			{ID: "P3", Name: "河口小学", Level: LevelPrimary},
			{ID: "J1", Name: "城关初中", Level: LevelJunior},
			{ID: "N1", Name: "新区九年制", Level: LevelNineYear, Classrooms: 18},
		},
		Zones: []Zone{
			{ID: "Z1", Population: 10000, PrimaryAge: 600, JuniorAge: 300, PrimarySchool: "P1", JuniorSchool: "J1"},
			{ID: "Z2", Population: 5000, PrimaryAgeKnown: true, JuniorAgeKnown: true, PrimarySchool: "P2", JuniorSchool: "J1"},
			{ID: "Z3", Population: 8000, PrimarySchool: "P3", JuniorSchool: "N1"},
		},
	}
}

func TestSchoolYear(t *testing.T) {
	for _, c := range []struct {
		date string
		want int
	}{{"2026-08-31", 2025}, {"2026-09-01", 2026}, {"2026-01-15", 2025}, {"2026-11-29", 2026}} {
		d, _ := time.Parse("2006-01-02", c.date)
		if got := SchoolYear(d); got != c.want {
			t.Errorf("SchoolYear(%s) = %d, want %d", c.date, got, c.want)
		}
	}
}

func TestAnalyzeEstimateWithoutHistory(t *testing.T) {
	d := noHistoryDistrict()
	a := AnalyzeEstimate(d.Schools, d.Zones, 2026, Standards{})
	if !a.Estimated || a.Year != 2026 {
		t.Fatalf("Estimated %v year %d", a.Estimated, a.Year)
	}
	std := DefaultStandards()
	want := map[string]struct {
		students int
		src      CapacitySource
		capacity int
	}{
		"P1": {600, CapacityExplicit, 900},
		"P2": {0, CapacityClassrooms, 12 * 45}, // known 0 stays 0
		"P3": {int(8000*std.SchoolAgeSharePrimary + 0.5), CapacityUnknown, 0},
		"J1": {300, CapacityUnknown, 0},
		"N1": {int(8000*std.SchoolAgeShareJunior + 0.5), CapacityClassrooms, 840},
	}
	if len(a.Schools) != len(want) {
		t.Fatalf("%d schools analysed, want %d", len(a.Schools), len(want))
	}
	for _, r := range a.Schools {
		w := want[r.School]
		if r.Students != w.students || r.CapacitySource != w.src || r.Capacity != w.capacity {
			t.Errorf("%s: pupils %d seats %d (%v), want %d %d (%v)", r.School, r.Students, r.Capacity, r.CapacitySource,
				w.students, w.capacity, w.src)
		}
		if !r.StudentsEstimated {
			t.Errorf("%s: pupils not marked estimated", r.School)
		}
		if !r.CapacitySource.Known() && r.SeatGap != 0 {
			t.Errorf("%s: seat gap %d with unknown capacity", r.School, r.SeatGap)
		}
	}
	// P3's 600 pupils over 6 grades at 45: 100 a grade, 3 classes each.
	for _, r := range a.Schools {
		if r.School == "P3" && (len(r.Grades) != 6 || r.Classes != 18 || !r.Grades[0].ClassesEstimated) {
			t.Errorf("P3 grades %d classes %d", len(r.Grades), r.Classes)
		}
	}
	s := a.Summary
	if s.CapacityUnknown != 2 || s.CapacityEstimated != 2 {
		t.Errorf("unknown %d estimated %d, want 2 2", s.CapacityUnknown, s.CapacityEstimated)
	}
	if s.Capacity != 900+540+840 || s.SeatShortage != 0 || s.Schools != 5 {
		t.Errorf("summary %+v", s)
	}
}

func TestSchoolSeatsSources(t *testing.T) {
	std := DefaultStandards()
	for _, c := range []struct {
		s      School
		seats  int
		given  bool
		want   int
		source CapacitySource
	}{
		{School{Capacity: 500, Classrooms: 3}, 900, true, 500, CapacityExplicit},
		{School{Classrooms: 3, Level: LevelPrimary}, 900, true, 900, CapacityClasses},
		{School{Classrooms: 3, Level: LevelPrimary}, 900, false, 135, CapacityClassrooms},
		{School{Classrooms: 4, Level: LevelJunior}, 0, false, 200, CapacityClassrooms},
		{School{Level: LevelPrimary}, 900, false, 0, CapacityUnknown},
	} {
		got, src := SchoolSeats(&c.s, c.seats, c.given, std)
		if got != c.want || src != c.source {
			t.Errorf("%+v: %d %v, want %d %v", c.s, got, src, c.want, c.source)
		}
	}
	if CapacityClassrooms.String() != "classrooms_estimate" || !CapacityClassrooms.Estimated() || CapacityUnknown.Known() {
		t.Error("CapacitySource names or predicates")
	}
}

// A history without class counts gives no seats: seats from classes
// estimated at standard size would only restate the pupils.
func TestAnalyzeHistoryWithoutClassesLeavesCapacityUnknown(t *testing.T) {
	schools := []School{{ID: "A", Level: LevelPrimary}, {ID: "B", Level: LevelPrimary, Capacity: 100}}
	a := Analyze(schools, []Enrollment{
		{School: "A", Year: 2024, Grade: 1, Students: 130},
		{School: "B", Year: 2024, Grade: 1, Students: 130},
	}, 2024, DefaultStandards())
	if a.Schools[0].CapacitySource != CapacityUnknown || a.Schools[0].SeatGap != 0 {
		t.Errorf("A: %+v", a.Schools[0])
	}
	if a.Summary.SeatShortage != 30 || a.Summary.CapacityUnknown != 1 || a.Summary.Capacity != 100 {
		t.Errorf("summary %+v", a.Summary)
	}
}

// Standards set before the school-age shares existed (every other field
// set, shares 0) take the default shares.
func TestOrDefaultFillsSchoolAgeShares(t *testing.T) {
	s := DefaultStandards()
	s.SchoolAgeSharePrimary, s.SchoolAgeShareJunior = 0, 0
	s.StandardClassPrimary = 40
	got := s.OrDefault()
	if got.SchoolAgeSharePrimary != 0.075 || got.SchoolAgeShareJunior != 0.036 || got.StandardClassPrimary != 40 {
		t.Errorf("%+v", got)
	}
	if got.SchoolAgeShare(LevelJunior) != 0.036 || got.SchoolAgeShare(LevelNineYear) != 0.075 {
		t.Error("SchoolAgeShare by stage")
	}
}

// A zones file without population or age fields gives 0 pupils for want
// of data: no school is then called 小规模.
func TestAnalyzeEstimateWithoutPeopleData(t *testing.T) {
	schools := []School{{ID: "P", Name: "城关小学", Level: LevelPrimary}}
	zones := []Zone{{ID: "Z", PrimarySchool: "P"}}
	a := AnalyzeEstimate(schools, zones, 2026, DefaultStandards())
	if len(a.Schools) != 1 || a.Schools[0].SmallSchool || a.Summary.SmallSchool != 0 {
		t.Errorf("no data, yet %+v / summary %+v", a.Schools, a.Summary)
	}
	zones[0].Population = 400 // 30 pupils: a small school indeed
	if a = AnalyzeEstimate(schools, zones, 2026, DefaultStandards()); !a.Schools[0].SmallSchool {
		t.Errorf("400 residents → %d pupils should be 小规模", a.Schools[0].Students)
	}
}
