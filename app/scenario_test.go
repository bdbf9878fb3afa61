package app

import (
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/assign"
)

// projectedSession is the sample county with the real projector.
func projectedSession(t testing.TB) *Session {
	t.Helper()
	d, _, err := LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	return NewSession(d, "", Project)
}

// busiestPrimary is the primary school with the most zones in its catchment.
func busiestPrimary(d *model.District) string {
	n := map[string]int{}
	best := ""
	for _, z := range d.Zones {
		if s := d.School(z.PrimarySchool); s != nil && s.Level == model.LevelPrimary {
			n[z.PrimarySchool]++
			if best == "" || n[z.PrimarySchool] > n[best] {
				best = z.PrimarySchool
			}
		}
	}
	return best
}

// stageStudents sums an analysis' pupils of one stage's grades.
func stageStudents(a model.Analysis, stage model.Level) int {
	n := 0
	for _, r := range a.Schools {
		for _, g := range r.Grades {
			if g.Grade.Stage() == stage {
				n += g.Students
			}
		}
	}
	return n
}

func TestCloseSchool(t *testing.T) {
	s := projectedSession(t)
	d := s.District()
	_, last := d.Years()
	id := busiestPrimary(d)
	before := s.AnalysisFor(last + 3)
	var zones []string
	for _, z := range d.Zones {
		if z.PrimarySchool == id {
			zones = append(zones, z.ID)
		}
	}

	c := &CloseSchool{ID: id}
	if err := s.Do(c); err != nil {
		t.Fatal(err)
	}
	if c.Moved() != len(zones) || len(zones) == 0 {
		t.Fatalf("moved %d zones, the school had %d", c.Moved(), len(zones))
	}
	closed := d.School(id)
	if !closed.Closed || len(closed.MergedInto) == 0 {
		t.Fatalf("school not closed: %+v", closed)
	}
	sum := 0.0
	for _, m := range closed.MergedInto {
		sum += m.Share
		if r := d.School(m.School); r == nil || r.Closed || m.Stage != model.LevelPrimary {
			t.Errorf("bad receiver %+v", m)
		}
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("shares sum to %v", sum)
	}
	for _, zid := range zones {
		if got := d.Zone(zid).PrimarySchool; got == id || got == "" {
			t.Errorf("zone %s still goes to %q", zid, got)
		}
	}
	// History years show the school as it was; projected years move its
	// pupils to the receivers and keep the county's total.
	if r, ok := s.SchoolResult(id); !ok || r.Students == 0 {
		t.Error("the closed school's history must still be analysed")
	}
	after := s.AnalysisFor(last + 3)
	for _, r := range after.Schools {
		if r.School == id {
			t.Fatalf("closed school %s has projected pupils %d", id, r.Students)
		}
	}
	pb, pa := stageStudents(before, model.LevelPrimary), stageStudents(after, model.LevelPrimary)
	if math.Abs(float64(pa-pb)) > 0.03*float64(pb) {
		t.Errorf("primary pupils %d before closing, %d after: pupils must move, not vanish", pb, pa)
	}
	grew := false
	for _, m := range closed.MergedInto {
		if students(after, m.School) > students(before, m.School) {
			grew = true
		}
	}
	if !grew {
		t.Error("no receiving school gained pupils")
	}
	t.Logf("closed %s: %d zones to %d schools; primary pupils %d → %d", id, len(zones), len(closed.MergedInto), pb, pa)

	// A closed school takes no catchment and cannot close twice.
	var e *Error
	if err := s.Do(&AssignZones{Zones: zones[:1], School: id, Stage: model.LevelPrimary}); !errors.As(err, &e) || e.Key != "app.err.school_closed" {
		t.Errorf("assigning to a closed school: %v", err)
	}
	if err := s.Do(&CloseSchool{ID: id}); !errors.As(err, &e) || e.Key != "app.err.school_closed" {
		t.Errorf("closing twice: %v", err)
	}
	// Reassign never picks a closed school.
	re := &Reassign{Stage: model.LevelPrimary, Method: assign.MethodNearest}
	if err := s.Do(re); err != nil {
		t.Fatal(err)
	}
	for _, z := range d.Zones {
		if z.PrimarySchool == id {
			t.Fatalf("reassign gave zone %s to the closed school", z.ID)
		}
	}
	s.Undo()
	s.Undo()
	if d.School(id).Closed || d.Zone(zones[0]).PrimarySchool != id {
		t.Error("undo must reopen the school and give its zones back")
	}
	if got := students(s.AnalysisFor(last+3), id); got != students(before, id) {
		t.Errorf("after undo the school projects %d pupils, before %d", got, students(before, id))
	}
}

func TestCloseSchoolTo(t *testing.T) {
	s := projectedSession(t)
	d := s.District()
	id := busiestPrimary(d)
	var to, junior string
	for _, sc := range d.Schools {
		switch {
		case sc.Level == model.LevelPrimary && sc.ID != id && to == "":
			to = sc.ID
		case sc.Level == model.LevelJunior && junior == "":
			junior = sc.ID
		}
	}
	if err := s.Do(&CloseSchool{ID: id, To: to}); err != nil {
		t.Fatal(err)
	}
	if m := d.School(id).MergedInto; len(m) != 1 || m[0].School != to || m[0].Share != 1 {
		t.Errorf("merged into %+v, want all to %s", m, to)
	}
	s.Undo()
	// A junior school gets the junior catchments of a closed nine-year
	// school; for the primary ones the nearest primary is used.
	var nine string
	for _, sc := range d.Schools {
		if sc.Level == model.LevelNineYear {
			nine = sc.ID
		}
	}
	c := &CloseSchool{ID: nine, To: junior}
	if err := s.Do(c); err != nil {
		t.Fatal(err)
	}
	stages := map[model.Level]bool{}
	for _, m := range d.School(nine).MergedInto {
		stages[m.Stage] = true
		if m.Stage == model.LevelJunior && m.School != junior {
			t.Errorf("junior pupils go to %s, want %s", m.School, junior)
		}
	}
	if !stages[model.LevelPrimary] || !stages[model.LevelJunior] {
		t.Errorf("a nine-year school's both stages need receivers: %+v", d.School(nine).MergedInto)
	}
	var e *Error
	if err := (&CloseSchool{ID: "nope"}).Do(d); !errors.As(err, &e) || e.Key != "app.err.no_school" {
		t.Errorf("unknown school: %v", err)
	}
}

func students(a model.Analysis, id string) int {
	for _, r := range a.Schools {
		if r.School == id {
			return r.Students
		}
	}
	return 0
}

func TestOpenSchool(t *testing.T) {
	s := projectedSession(t)
	d := s.District()
	n := len(d.Schools)
	c := &OpenSchool{Name: " 滨江小学 ", Level: model.LevelPrimary, Location: d.Schools[0].Location, Capacity: 1080, Classrooms: 24, Public: true}
	if err := s.Do(c); err != nil {
		t.Fatal(err)
	}
	if c.ID != "N001" || len(d.Schools) != n+1 || d.School("N001").Name != "滨江小学" {
		t.Fatalf("new school %q: %+v", c.ID, d.School(c.ID))
	}
	if got := c.Label().String(); got != "open school 滨江小学" {
		t.Errorf("label %q", got)
	}
	for _, bad := range []struct {
		c   *OpenSchool
		key string
	}{
		{&OpenSchool{Name: "", Level: model.LevelPrimary}, "app.err.school_name"},
		{&OpenSchool{Name: "x"}, "app.err.school_level"},
		{&OpenSchool{Name: "x", Level: model.LevelPrimary, Location: orb.Point{200, 0}}, "app.err.school_location"},
		{&OpenSchool{ID: "N001", Name: "x", Level: model.LevelPrimary}, "app.err.school_exists"},
		{&OpenSchool{Name: "x", Level: model.LevelPrimary, Capacity: -1}, "app.err.negative_counts"},
	} {
		var e *Error
		if err := s.Do(bad.c); !errors.As(err, &e) || e.Key != bad.key {
			t.Errorf("%+v: %v, want %s", bad.c, err, bad.key)
		}
	}
	// Its pupils come from the zones put into its catchment.
	_, last := d.Years()
	var zones []string
	for _, z := range d.Zones {
		if z.PrimarySchool == d.Schools[0].ID {
			zones = append(zones, z.ID)
		}
	}
	if err := s.Do(&AssignZones{Zones: zones, School: "N001", Stage: model.LevelPrimary}); err != nil {
		t.Fatal(err)
	}
	if got := students(s.AnalysisFor(last+3), "N001"); got == 0 {
		t.Error("the new school has no projected pupils from its zones")
	}
	s.Undo()
	s.Undo()
	if len(d.Schools) != n || d.School("N001") != nil {
		t.Error("undo must remove the new school")
	}
	if err := s.Redo(); err != nil || d.School("N001") == nil {
		t.Errorf("redo: %v", err)
	}
}

func TestScenarioSwitchEditUndo(t *testing.T) {
	s := projectedSession(t)
	base := s.District()
	id := base.Schools[0].ID
	oldCap := base.Schools[0].Capacity
	if err := s.NewScenario("  ", ""); err == nil {
		t.Error("empty name accepted")
	}
	if err := s.NewScenario("扩建", "城关一小扩建"); err != nil {
		t.Fatal(err)
	}
	if s.CurrentScenario() != "扩建" || s.District() == base || !s.Dirty() {
		t.Fatalf("current %q", s.CurrentScenario())
	}
	if err := s.NewScenario("扩建", ""); err == nil {
		t.Error("duplicate name accepted")
	}
	s.SwitchScenario("扩建")
	big := oldCap + 900
	if err := s.Do(&SchoolEdit{ID: id, Capacity: &big}); err != nil {
		t.Fatal(err)
	}
	if base.Schools[0].Capacity != oldCap || s.District().School(id).Capacity != big {
		t.Fatal("an edit in a scenario must not touch the base")
	}
	if info := s.Scenarios(); len(info) != 1 || info[0].Edits != 1 || info[0].Name != "扩建" || info[0].Description != "城关一小扩建" {
		t.Fatalf("scenarios %+v", info)
	}
	// Base: its own undo stack, and its edits reach the scenarios.
	if err := s.SwitchScenario(""); err != nil {
		t.Fatal(err)
	}
	if s.District() != base || !s.UndoLabel().IsZero() {
		t.Error("the base has no edits to undo")
	}
	name := "改名"
	if err := s.Do(&SchoolEdit{ID: id, Name: &name}); err != nil {
		t.Fatal(err)
	}
	s.SwitchScenario("扩建")
	if sc := s.District().School(id); sc.Name != name || sc.Capacity != big {
		t.Errorf("scenario after a base edit: %+v", sc)
	}
	if err := s.Undo(); err != nil || s.District().School(id).Capacity != oldCap {
		t.Errorf("undo in the scenario: %v", err)
	}
	if s.Scenarios()[0].Edits != 0 {
		t.Error("undo removes the scenario's edit")
	}
	if err := s.Redo(); err != nil || s.District().School(id).Capacity != big {
		t.Errorf("redo in the scenario: %v", err)
	}
	// Rename, delete.
	desc := "新说明"
	if err := s.RenameScenario("扩建", "扩建方案", &desc); err != nil || s.CurrentScenario() != "扩建方案" || s.Scenarios()[0].Description != desc {
		t.Errorf("rename: %v %+v", err, s.Scenarios())
	}
	if err := s.SwitchScenario("nope"); err == nil {
		t.Error("switching to an unknown scenario")
	}
	if err := s.DeleteScenario("扩建方案"); err != nil || s.CurrentScenario() != "" || s.District() != base || len(s.Scenarios()) != 0 {
		t.Errorf("delete: %v, current %q", err, s.CurrentScenario())
	}
}

// TestScenarioDroppedEdit: a scenario edit the base no longer allows is
// dropped with a reason.
func TestScenarioDroppedEdit(t *testing.T) {
	s := projectedSession(t)
	s.Do(&OpenSchool{ID: "X1", Name: "新校", Level: model.LevelPrimary, Location: s.District().Schools[0].Location})
	s.NewScenario("A", "")
	c := 500
	s.Do(&SchoolEdit{ID: "X1", Capacity: &c})
	s.SwitchScenario("")
	s.Undo() // the base drops X1
	s.SwitchScenario("A")
	info := s.Scenarios()[0]
	if info.Edits != 0 || info.Err == nil {
		t.Errorf("scenario %+v", info)
	}
}

// buildScenarios makes the two scenarios of the screenshot on the sample:
// a new primary school with the primary catchments redrawn, and the
// busiest primary school expanded; plus one closing a school.
func buildScenarios(t testing.TB, s *Session) (newID, expanded, closed string) {
	t.Helper()
	d := s.District()
	expanded = shortestPrimary(s)
	if err := s.NewScenario("新建滨江小学", "滨江新区新建一所 36 班小学，重新划分小学学区"); err != nil {
		t.Fatal(err)
	}
	// The new school goes to the centre of that school's catchment.
	var b orb.Bound
	first := true
	for _, z := range d.Zones {
		if z.PrimarySchool == expanded {
			if first {
				b, first = z.Geometry.Bound(), false
			} else {
				b = b.Union(z.Geometry.Bound())
			}
		}
	}
	open := &OpenSchool{Name: "滨江小学", Level: model.LevelPrimary, Location: b.Center(), Capacity: 1620, Classrooms: 36, Public: true}
	for _, c := range []Command{open, &Reassign{Stage: model.LevelPrimary, Method: assign.MethodOptimal}} {
		if err := s.Do(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.NewScenario("城关一小扩建", "扩建 12 个教室"); err != nil {
		t.Fatal(err)
	}
	sc := s.District().School(expanded)
	cap, rooms := sc.Capacity+540, sc.Classrooms+12
	if err := s.Do(&SchoolEdit{ID: expanded, Capacity: &cap, Classrooms: &rooms}); err != nil {
		t.Fatal(err)
	}
	if err := s.NewScenario("撤并", ""); err != nil {
		t.Fatal(err)
	}
	closed = smallestPrimary(s.District())
	if err := s.Do(&CloseSchool{ID: closed}); err != nil {
		t.Fatal(err)
	}
	if err := s.SwitchScenario(""); err != nil {
		t.Fatal(err)
	}
	return open.ID, expanded, closed
}

// shortestPrimary is the primary school with the largest seat gap (学位缺口)
// in the last history year.
func shortestPrimary(s *Session) string {
	best, gap := "", 0
	for _, r := range s.Analysis().Schools {
		if r.Level == model.LevelPrimary && (best == "" || r.SeatGap > gap) {
			best, gap = r.School, r.SeatGap
		}
	}
	return best
}

// smallestPrimary is the primary school with the fewest pupils in the
// last history year.
func smallestPrimary(d *model.District) string {
	_, last := d.Years()
	n := map[string]int{}
	for _, e := range d.History {
		if e.Year == last {
			n[e.School] += e.Students
		}
	}
	best := ""
	for _, s := range d.Schools {
		if s.Level == model.LevelPrimary && (best == "" || n[s.ID] < n[best]) {
			best = s.ID
		}
	}
	return best
}

func TestCompare(t *testing.T) {
	s := projectedSession(t)
	newID, expanded, closed := buildScenarios(t, s)
	_, last := s.District().Years()
	for _, year := range []int{last, last + 5} {
		cmp := s.Compare(year)
		if len(cmp) != 4 || cmp[0].Name != "" || cmp[1].Name != "新建滨江小学" || cmp[3].Name != "撤并" {
			t.Fatalf("compare %+v", cmp)
		}
		for _, c := range cmp {
			if c.Err != nil || c.Projected != (year > last) || c.Year != year {
				t.Errorf("%q: %+v", c.Name, c)
			}
			t.Logf("%d %-8s share %.3f very large %d large %d shortage %d oversized %d small %d schools %d",
				year, c.Name, c.Summary.LargeShare, c.Summary.VeryLarge, c.Summary.Large, c.SeatShortage, c.Oversized, c.Summary.SmallSchool, c.Summary.Schools)
		}
		base, open, expand, close := cmp[0], cmp[1], cmp[2], cmp[3]
		if expand.SeatShortage > base.SeatShortage || year == last && expand.SeatShortage >= base.SeatShortage {
			t.Errorf("%d: expanding %s leaves the seat shortage at %d (base %d)", year, expanded, expand.SeatShortage, base.SeatShortage)
		}
		if year > last {
			if open.Summary.Schools != base.Summary.Schools+1 || open.Summary == base.Summary {
				t.Errorf("%d: the new school %s is not in the projection: %+v", year, newID, open.Summary)
			}
			if close.Summary.Schools != base.Summary.Schools-1 {
				t.Errorf("%d: closing %s: %d schools, base %d", year, closed, close.Summary.Schools, base.Summary.Schools)
			}
		} else if open.Summary != base.Summary {
			t.Errorf("%d: a new school changes no history year", year)
		}
	}
	// Named scenarios: base first, unknown ones reported.
	cmp := s.Compare(last, "撤并", "nope")
	if len(cmp) != 3 || cmp[0].Name != "" || cmp[1].Name != "撤并" || cmp[2].Err == nil {
		t.Errorf("named compare %+v", cmp)
	}
	// A base edit reaches every scenario's numbers.
	before := s.Compare(last + 5)
	std := s.District().Standards
	std.LargeClassMin, std.VeryLargeClassMin = 80, 90
	if err := s.Do(&SetStandards{To: std}); err != nil {
		t.Fatal(err)
	}
	for i, c := range s.Compare(last + 5) {
		if c.Summary.Large >= before[i].Summary.Large && before[i].Summary.Large > 0 {
			t.Errorf("%q: large classes %d → %d after raising the threshold", c.Name, before[i].Summary.Large, c.Summary.Large)
		}
	}
}

func TestScenarioSaveOpen(t *testing.T) {
	s := projectedSession(t)
	buildScenarios(t, s)
	// One scenario with every kind of edit.
	s.NewScenario("全部", "every kind")
	d := s.District()
	id := d.Schools[1].ID
	name, lvl, cap := "改", model.LevelPrimary, 999
	std := d.Standards
	std.StandardClassPrimary = 40
	for _, c := range []Command{
		&OpenSchool{ID: "Q1", Name: "新初中", Level: model.LevelJunior, Location: d.Schools[0].Location, Capacity: 900, Township: "城关镇"},
		&SchoolEdit{ID: id, Name: &name, Level: &lvl, Capacity: &cap},
		&MoveSchool{ID: id, To: orb.Point{d.Schools[1].Location[0] + 0.01, d.Schools[1].Location[1]}},
		&AssignZones{Zones: []string{d.Zones[0].ID}, School: "Q1", Stage: model.LevelJunior},
		&SetStandards{To: std},
		&Reassign{Stage: model.LevelJunior, Method: assign.MethodNearest},
		&CloseSchool{ID: smallestPrimary(d)},
	} {
		if err := s.Do(c); err != nil {
			t.Fatalf("%T: %v", c, err)
		}
	}
	path := filepath.Join(t.TempDir(), "scenarios.xuequ.gpkg")
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	again, err := OpenProject(path, Project)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Scenarios(), s.Scenarios()) {
		t.Fatalf("scenarios %+v, want %+v", again.Scenarios(), s.Scenarios())
	}
	_, last := d.Years()
	for _, info := range append([]ScenarioInfo{{}}, s.Scenarios()...) {
		if err := s.SwitchScenario(info.Name); err != nil {
			t.Fatal(err)
		}
		if err := again.SwitchScenario(info.Name); err != nil {
			t.Fatal(err)
		}
		a, b := s.District(), again.District()
		if !reflect.DeepEqual(a.Schools, b.Schools) || !reflect.DeepEqual(a.Zones, b.Zones) || a.Standards != b.Standards {
			t.Errorf("scenario %q differs after save and open", info.Name)
		}
		if x, y := s.AnalysisFor(last+2).Summary, again.AnalysisFor(last+2).Summary; x != y {
			t.Errorf("scenario %q: projected summary %+v, after open %+v", info.Name, x, y)
		}
	}
	// The CLI's view of a scenario is the same district.
	p, _, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	sd, err := ScenarioDistrict(p, "全部")
	if err != nil {
		t.Fatal(err)
	}
	s.SwitchScenario("全部")
	if !reflect.DeepEqual(sd.Zones, s.District().Zones) || !reflect.DeepEqual(sd.Schools, s.District().Schools) {
		t.Error("ScenarioDistrict differs from the session's scenario")
	}
	if _, err := ScenarioDistrict(p, "nope"); err == nil {
		t.Error("unknown scenario")
	}
}

// TestScenarioUnknownKind: a scenario from a newer Xuequ is kept as it
// was and saved back unchanged.
func TestScenarioUnknownKind(t *testing.T) {
	s := sampleSession(t)
	path := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	p, _, _ := store.Open(path)
	raw := []byte(`{"version":1,"edits":[{"kind":"build_road","data":{}}]}`)
	p.Scenarios = []store.Scenario{{Name: "未来", Data: raw}}
	if err := store.Save(path, p); err != nil {
		t.Fatal(err)
	}
	again, err := OpenProject(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var e *Error
	if err := again.SwitchScenario("未来"); !errors.As(err, &e) || e.Key != "app.err.scenario_kind" {
		t.Errorf("switch: %v", err)
	}
	if info := again.Scenarios(); len(info) != 1 || info[0].Err == nil {
		t.Errorf("info %+v", info)
	}
	if err := again.Save(path); err != nil {
		t.Fatal(err)
	}
	p, _, _ = store.Open(path)
	if string(p.Scenarios[0].Data) != string(raw) {
		t.Errorf("data %s", p.Scenarios[0].Data)
	}
}

// BenchmarkCompare: the comparison table's refresh on the sample county
// with three scenarios (target < 50 ms). "cached" is a year change or a
// redraw; "after-edit" follows an edit in one scenario (one projection
// again); "after-base-edit" follows a base edit (every scenario re-derived
// and projected again).
func BenchmarkCompare(b *testing.B) {
	s := projectedSession(b)
	_, expanded, _ := buildScenarios(b, s)
	_, last := s.District().Years()
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			s.Compare(last + 5)
		}
	})
	caps := [2]int{1000, 1200}
	b.Run("after-edit", func(b *testing.B) {
		s.SwitchScenario("城关一小扩建")
		for i := 0; b.Loop(); i++ {
			s.Do(&SchoolEdit{ID: expanded, Capacity: &caps[i%2]})
			s.Compare(last + 5)
		}
	})
	b.Run("after-base-edit", func(b *testing.B) {
		s.SwitchScenario("")
		for i := 0; b.Loop(); i++ {
			s.Do(&SchoolEdit{ID: expanded, Capacity: &caps[i%2]})
			s.Compare(last + 5)
		}
	})
}
