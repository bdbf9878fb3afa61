package app

import (
	"testing"
	"time"

	"github.com/xuequ/xuequ/model"
)

// noHistoryDistrict is a project imported from GIS layers only: schools
// (one with seats, one with classrooms, two with neither) and zones (age
// counts, a known 0, population only), no enrollment history.
func noHistoryDistrict() *model.District {
	return &model.District{
		Name: "无历史县",
		Schools: []model.School{
			{ID: "P1", Name: "城关一小", Level: model.LevelPrimary, Capacity: 900},
			{ID: "P2", Name: "城关二小", Level: model.LevelPrimary, Classrooms: 12},
			{ID: "P3", Name: "河口小学", Level: model.LevelPrimary},
			{ID: "J1", Name: "城关初中", Level: model.LevelJunior},
		},
		Zones: []model.Zone{
			{ID: "Z1", Population: 10000, PrimaryAge: 600, JuniorAge: 300, PrimarySchool: "P1", JuniorSchool: "J1"},
			{ID: "Z2", Population: 5000, PrimaryAgeKnown: true, JuniorAgeKnown: true, PrimarySchool: "P2", JuniorSchool: "J1"},
			{ID: "Z3", Population: 8000, PrimarySchool: "P3", JuniorSchool: "J1"},
		},
	}
}

// setNow fixes the app clock for one test.
func setNow(t *testing.T, date string) {
	t.Helper()
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		t.Fatal(err)
	}
	old := Now
	Now = func() time.Time { return d }
	t.Cleanup(func() { Now = old })
}

func TestSessionWithoutHistory(t *testing.T) {
	for _, c := range []struct {
		date string
		year int
	}{{"2026-03-01", 2025}, {"2026-09-01", 2026}} {
		setNow(t, c.date)
		s := NewSession(noHistoryDistrict(), "", Project)
		if s.Year() != c.year {
			t.Errorf("%s: year %d, want %d", c.date, s.Year(), c.year)
		}
		if first, last := s.YearRange(); first != c.year || last != c.year {
			t.Errorf("%s: range %d–%d", c.date, first, last)
		}
		if s.Projected(s.Year()) || s.HasHistory() {
			t.Error("a year without history is estimated, not projected")
		}
		a := s.Analysis()
		if !a.Estimated || a.Year != c.year || a.Summary.Schools != 4 {
			t.Fatalf("analysis: estimated %v year %d schools %d", a.Estimated, a.Year, a.Summary.Schools)
		}
		// P1 600, P2 0 (a known 0), P3 8000 × 0.075 = 600, J1 300 + 0 + 8000 × 0.036 = 288.
		if a.Summary.CapacityUnknown != 2 || a.Summary.Students != 600+0+600+588 {
			t.Errorf("pupils %d unknown capacity %d", a.Summary.Students, a.Summary.CapacityUnknown)
		}
		// Catchment edits move estimated pupils at once.
		if err := s.Do(&AssignZones{Zones: []string{"Z3"}, Stage: model.LevelPrimary, School: "P1"}); err != nil {
			t.Fatal(err)
		}
		if r, _ := s.SchoolResult("P1"); r.Students != 1200 || !r.StudentsEstimated {
			t.Errorf("P1 after the edit: %d pupils (estimated %v), want 1200", r.Students, r.StudentsEstimated)
		}
		for _, sum := range s.Compare(s.Year()) {
			if sum.Projected || sum.Summary.Schools != 4 {
				t.Errorf("compare %+v", sum)
			}
		}
	}
}
