package app

import (
	"reflect"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// gradesOf is school id's grades (pupils by grade) in an analysis.
func gradesOf(a model.Analysis, id string) map[model.Grade]int {
	for _, r := range a.Schools {
		if r.School == id {
			m := map[model.Grade]int{}
			for _, g := range r.Grades {
				m[g.Grade] = g.Students
			}
			return m
		}
	}
	return nil
}

// TestScheduledOpeningLeavesEarlierYears: 滨江小学 opens in last+3 with the
// zones of the busiest primary school. Every year before is identical to
// the base; in the opening year the new school has grade 1 only (pupils
// already enrolled stay), in the next grades 1–2.
func TestScheduledOpeningLeavesEarlierYears(t *testing.T) {
	s := projectedSession(t)
	d := s.District()
	_, last := d.Years()
	open := last + 3
	from := busiestPrimary(d)
	base := map[int]model.Analysis{}
	for y := last - 1; y <= last+ProjectionYears; y++ {
		base[y] = s.AnalysisFor(y)
	}
	if err := s.NewScenario("滨江", ""); err != nil {
		t.Fatal(err)
	}
	for _, c := range []Command{
		At(open, &OpenSchool{ID: "N001", Name: "滨江小学", Level: model.LevelPrimary, Location: d.School(from).Location, Capacity: 1080}),
		At(open, &AssignZones{Zones: zonesOf(d, from), School: "N001", Stage: model.LevelPrimary}),
	} {
		if err := s.Do(c); err != nil {
			t.Fatal(err)
		}
	}
	for y := last - 1; y < open; y++ {
		if got := s.AnalysisFor(y); !reflect.DeepEqual(got, base[y]) {
			t.Errorf("%d, before the opening, differs from the base", y)
		}
	}
	cases := []struct {
		year   int
		grades []model.Grade
	}{{open, []model.Grade{1}}, {open + 1, []model.Grade{1, 2}}, {open + 5, []model.Grade{1, 2, 3, 4, 5, 6}}}
	for _, c := range cases {
		g := gradesOf(s.AnalysisFor(c.year), "N001")
		for _, k := range c.grades {
			if g[k] <= 0 {
				t.Errorf("%d: N001 grade %d has %d pupils", c.year, k, g[k])
			}
		}
		for k := range g {
			if g[k] > 0 && int(k) > len(c.grades) {
				t.Errorf("%d: N001 has grade %d already", c.year, k)
			}
		}
	}
	if g := gradesOf(s.AnalysisFor(open), from); g[1] >= gradesOf(base[open], from)[1] {
		t.Errorf("%d: the donor's intake did not fall: %d", open, g[1])
	}
}

// TestScheduledCloseAndExpand: a school closed after last+1 is open (as in
// the base) through last+1 and has no pupils from last+2; classrooms
// added in last+2 open classes from that year only.
func TestScheduledCloseAndExpand(t *testing.T) {
	s := NewSession(crowded(), "", Project)
	rooms := 18
	if err := s.NewScenario("扩建", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Do(At(2027, &SchoolEdit{ID: "A", Classrooms: &rooms})); err != nil {
		t.Fatal(err)
	}
	large := func(y int) int { a := s.AnalysisFor(y); return a.Summary.Large + a.Summary.VeryLarge }
	if large(2026) != 12 || large(2027) != 0 || large(2030) != 0 {
		t.Errorf("大班额 classes 2026/2027/2030: %d %d %d, want 12 0 0", large(2026), large(2027), large(2030))
	}
	if tl := s.Timeline(); len(tl) != 1 || tl[0].Year != 2027 || tl[0].Seats != 6*45 {
		t.Errorf("timeline %+v", tl)
	}

	s = projectedSession(t)
	_, last := s.District().Years()
	id := smallestPrimary(s.District())
	if err := s.NewScenario("撤并", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Do(At(last+1, &CloseSchool{ID: id})); err != nil {
		t.Fatal(err)
	}
	if students(s.AnalysisFor(last+1), id) == 0 {
		t.Errorf("%s has no pupils in %d, its last year open", id, last+1)
	}
	if n := students(s.AnalysisFor(last+2), id); n != 0 {
		t.Errorf("%s has %d pupils in %d, after it closed", id, n, last+2)
	}
	if tl := s.Timeline(); len(tl) != 1 || tl[0].Year != last+2 {
		t.Errorf("timeline %+v", tl)
	}
}

// TestScheduledEditsSaved: the effective years go through the project
// file (data key "year"; 0 = from the first year).
func TestScheduledEditsSaved(t *testing.T) {
	rooms := 30
	edits := []Command{
		At(2028, &OpenSchool{ID: "N001", Name: "滨江小学", Level: model.LevelPrimary, Location: [2]float64{120, 30}}),
		At(2027, &SchoolEdit{ID: "S001", Classrooms: &rooms}),
		&AssignZones{Zones: []string{"Z1"}, School: "N001", Stage: model.LevelPrimary},
		At(2026, &CloseSchool{ID: "S002"}),
	}
	data, err := encodeEdits(edits)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeEdits(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []int{2028, 2027, 0, 2027}
	for i, c := range back {
		if effectiveYear(c) != want[i] {
			t.Errorf("edit %d: effective %d, want %d (%s)", i, effectiveYear(c), want[i], data)
		}
	}
	// An old project (no year) and the optimal engineer's --edits shape.
	old := `{"version":1,"edits":[{"kind":"open_school","data":{"id":"N1","name":"x","level":"primary","lon":1,"lat":2,"public":true}},` +
		`{"kind":"reassign","data":{"stage":"primary","method":"optimal","year":2024,"from_year":2029,"zones":[],"schools":[]}}]}`
	back, err = decodeEdits([]byte(old))
	if err != nil || effectiveYear(back[0]) != 0 || effectiveYear(back[1]) != 2029 {
		t.Fatalf("old data: %v %v", back, err)
	}
	if _, err := decodeEdits([]byte(`{"version":1,"edits":[{"kind":"open_school","data":{"year":"soon"}}]}`)); err == nil {
		t.Error("a year that is not a number was accepted")
	}
}

// TestReschedule: moving an opening from the start to a later year leaves
// the district as it is and makes the earlier years the base's again.
func TestReschedule(t *testing.T) {
	s := NewSession(crowded(), "", Project)
	rooms := 18
	before := s.AnalysisFor(2027)
	if err := s.NewScenario("扩建", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Do(&SchoolEdit{ID: "A", Classrooms: &rooms}); err != nil {
		t.Fatal(err)
	}
	if s.AnalysisFor(2027).Summary.Large != 0 {
		t.Fatal("expansion from the start did not clear 2027")
	}
	if err := s.Reschedule(0, 2029); err != nil {
		t.Fatal(err)
	}
	if got := s.AnalysisFor(2027); !reflect.DeepEqual(got, before) || s.EditYear(0) != 2029 || s.District().School("A").Classrooms != 18 {
		t.Errorf("after rescheduling to 2029: 2027 %+v", got.Summary)
	}
	if s.AnalysisFor(2029).Summary.Large != 0 {
		t.Error("2029 not cleared")
	}
	if err := s.Reschedule(3, 2029); err == nil {
		t.Error("rescheduled a missing edit")
	}
}

// TestScheduledRefusedOnBase: the base is saved as one district, so a
// planned year there would be lost: Do and Reschedule refuse it with a
// message that says to make a scenario.
func TestScheduledRefusedOnBase(t *testing.T) {
	s := NewSession(crowded(), "", Project)
	rooms := 18
	err := s.Do(At(2028, &SchoolEdit{ID: "A", Classrooms: &rooms}))
	if e, ok := err.(*Error); !ok || e.Key != "app.err.scheduled_base" || s.District().School("A").Classrooms != 12 {
		t.Fatalf("scheduled edit on the base: %v", err)
	}
	if err := s.Do(&SchoolEdit{ID: "A", Classrooms: &rooms}); err != nil {
		t.Fatal(err)
	}
	if err := s.Reschedule(0, 2028); err == nil {
		t.Error("rescheduled a base edit")
	}
}
