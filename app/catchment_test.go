package app

import (
	"reflect"
	"sort"
	"testing"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/forecast"
)

// entry sums the projected pupils of grade g by school and year.
func entry(recs []model.Enrollment, g model.Grade) map[string]map[int]int {
	out := map[string]map[int]int{}
	for _, e := range recs {
		if e.Grade != g {
			continue
		}
		if out[e.School] == nil {
			out[e.School] = map[int]int{}
		}
		out[e.School][e.Year] += e.Students
	}
	return out
}

// totals sums grade g (all grades when g < 0) over schools, by year.
func totals(recs []model.Enrollment, g model.Grade) map[int]int {
	out := map[int]int{}
	for _, e := range recs {
		if g < 0 || e.Grade == g {
			out[e.Year] += e.Students
		}
	}
	return out
}

// zonesOf lists the zones in a school's primary catchment, by id.
func zonesOf(d *model.District, school string) []string {
	var out []string
	for _, z := range d.Zones {
		if z.PrimarySchool == school {
			out = append(out, z.ID)
		}
	}
	sort.Strings(out)
	return out
}

// scenarioProjection runs the edits in a new scenario of the sample and
// returns the reference projection, the scenario's and the session.
func scenarioProjection(t *testing.T, edits ...Command) (ref, got []model.Enrollment, s *Session) {
	t.Helper()
	s = projectedSession(t)
	ref, err := Project(s.District(), nil, ProjectionYears)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.NewScenario("test", ""); err != nil {
		t.Fatal(err)
	}
	for _, c := range edits {
		if err := s.Do(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.ProjectionError(); err != nil {
		t.Fatal(err)
	}
	return ref, s.cur.projected.Records, s
}

// checkConserved: the county's grade-1 and grade-7 intake of every
// projected year is the reference's.
func checkConserved(t *testing.T, ref, got []model.Enrollment) {
	t.Helper()
	for _, g := range []model.Grade{1, 7} {
		want, have := totals(ref, g), totals(got, g)
		if len(want) != ProjectionYears || !reflect.DeepEqual(want, have) {
			t.Errorf("grade %d totals by year: reference %v, edited %v", g, want, have)
		}
	}
}

const (
	experimental = "S018" // 示例县实验小学
	neighbour    = "S016" // 城关镇第一小学
)

func TestMovedZonesTakeTheirIntake(t *testing.T) {
	d, _, err := LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	zones := zonesOf(d, experimental)
	ref, got, s := scenarioProjection(t, &AssignZones{Zones: zones, School: neighbour, Stage: model.LevelPrimary})
	checkConserved(t, ref, got)
	r1, g1 := entry(ref, 1), entry(got, 1)
	_, last := d.Years()
	for y := last + 1; y <= last+ProjectionYears; y++ {
		if g1[experimental][y] != 0 {
			t.Errorf("%d: %s keeps %d first-graders without a catchment", y, experimental, g1[experimental][y])
		}
		if want := r1[experimental][y] + r1[neighbour][y]; g1[neighbour][y] != want {
			t.Errorf("%d: %s has %d first-graders, want its own %d + %d", y, neighbour, g1[neighbour][y], r1[neighbour][y], r1[experimental][y])
		}
	}
	// Schools untouched by the move project exactly as before.
	for id, ys := range r1 {
		if id != experimental && id != neighbour && !reflect.DeepEqual(ys, g1[id]) {
			t.Errorf("%s's intake changed: %v → %v", id, ys, g1[id])
		}
	}
	// Fewer pupils, smaller classes in the grades that entered after the
	// move, and the neighbour's larger.
	year := last + 4
	before := model.Analyze(s.base.district.Schools, ref, year, s.District().Standards)
	after := s.AnalysisFor(year)
	for id, fewer := range map[string]bool{experimental: true, neighbour: false} {
		b, _ := findResult(before, id)
		a, _ := findResult(after, id)
		mb, ma := maxClass(b, 4), maxClass(a, 4)
		if (a.Students < b.Students) != fewer || (ma < mb) != fewer || ma == mb {
			t.Errorf("%d: %s has %d pupils, largest class in grades 1–4 %d; before the move %d, %d", year, id, a.Students, ma, b.Students, mb)
		}
	}
}

func findResult(a model.Analysis, id string) (model.SchoolResult, bool) {
	for _, r := range a.Schools {
		if r.School == id {
			return r, true
		}
	}
	return model.SchoolResult{}, false
}

// maxClass is the largest class of grades 1 … upTo.
func maxClass(r model.SchoolResult, upTo model.Grade) int {
	m := 0
	for _, g := range r.Grades {
		if g.Grade > upTo {
			continue
		}
		for _, c := range g.ClassSizes {
			m = max(m, c)
		}
	}
	return m
}

func TestNewSchoolTakesItsZonesShare(t *testing.T) {
	d, _, err := LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	from := map[string][]string{experimental: zonesOf(d, experimental)[:3], neighbour: zonesOf(d, neighbour)[:2]}
	moved := append(append([]string(nil), from[experimental]...), from[neighbour]...)
	ref, got, s := scenarioProjection(t,
		&OpenSchool{ID: "N001", Name: "滨江小学", Level: model.LevelPrimary, Location: d.School(experimental).Location, Capacity: 1080},
		&AssignZones{Zones: moved, School: "N001", Stage: model.LevelPrimary})
	checkConserved(t, ref, got)
	r1, g1 := entry(ref, 1), entry(got, 1)
	// The share of each donor's intake its moved zones carry.
	share := map[string]float64{}
	for donor, zs := range from {
		var all []*model.Zone
		for _, id := range zonesOf(d, donor) {
			all = append(all, d.Zone(id))
		}
		w := forecast.ZoneWeights(all, model.LevelPrimary)
		for i, z := range all {
			for _, m := range zs {
				if z.ID == m {
					share[donor] += w[i]
				}
			}
		}
	}
	_, last := d.Years()
	for y := last + 1; y <= last+ProjectionYears; y++ {
		want := 0.0
		for donor, f := range share {
			want += f * float64(r1[donor][y])
		}
		if diff := float64(g1["N001"][y]) - want; diff < -1 || diff > 1 {
			t.Errorf("%d: N001 has %d first-graders, want %.1f (its zones' share)", y, g1["N001"][y], want)
		}
		if lost := r1[experimental][y] + r1[neighbour][y] - g1[experimental][y] - g1[neighbour][y]; lost != g1["N001"][y] {
			t.Errorf("%d: the donors lost %d first-graders, N001 took %d", y, lost, g1["N001"][y])
		}
	}
	if g1["N001"][last+1] == 0 {
		t.Error("the new school has no intake")
	}
	_ = s
}

func TestUneditedProjectionUnchanged(t *testing.T) {
	s := projectedSession(t)
	want, err := Project(s.District(), nil, ProjectionYears)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.cur.projected.Records, want) {
		t.Fatal("the base projection differs from Project")
	}
	d := s.District()
	zones := zonesOf(d, experimental)[:2]
	capacity := 2000
	if err := s.NewScenario("round trip", ""); err != nil {
		t.Fatal(err)
	}
	for _, c := range []Command{
		&SchoolEdit{ID: experimental, Capacity: &capacity},
		&AssignZones{Zones: zones, School: neighbour, Stage: model.LevelPrimary},
		&AssignZones{Zones: zones, School: experimental, Stage: model.LevelPrimary},
	} {
		if err := s.Do(c); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(s.cur.projected.Records, want) {
		t.Error("a scenario with the reference catchments projects differently")
	}
	got, err := ProjectScenario(d, s.District(), ProjectionYears)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ProjectScenario with the reference catchments differs (err %v)", err)
	}
}

func TestClosedSchoolIntakeConserved(t *testing.T) {
	ref, got, s := scenarioProjection(t, &CloseSchool{ID: experimental})
	checkConserved(t, ref, got)
	for _, e := range got {
		if e.School == experimental {
			t.Fatalf("the closed school has projected records: %+v", e)
		}
	}
	// Enrolled pupils move with the merged history, progressing with the
	// receivers' ratios: the county total stays within 1 %.
	want, have := totals(ref, -1), totals(got, -1)
	for y, n := range want {
		if d := float64(have[y]-n) / float64(n); d < -0.01 || d > 0.01 {
			t.Errorf("%d: %d pupils in the county, reference %d", y, have[y], n)
		}
	}
	_ = s
}

func TestJuniorZonesIntoNineYearSchool(t *testing.T) {
	d, _, err := LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	// Junior zones of 城关中学 (S015) to 南湖九年一贯制学校 (S027).
	var zones []string
	for _, z := range d.Zones {
		if z.JuniorSchool == "S015" && len(zones) < 5 {
			zones = append(zones, z.ID)
		}
	}
	ref, got, _ := scenarioProjection(t, &AssignZones{Zones: zones, School: "S027", Stage: model.LevelJunior})
	checkConserved(t, ref, got)
	r7, g7 := entry(ref, 7), entry(got, 7)
	_, last := d.Years()
	y := last + 1
	if g7["S015"][y] >= r7["S015"][y] || g7["S027"][y] <= r7["S027"][y] {
		t.Errorf("grade 7 in %d: S015 %d → %d, S027 %d → %d", y, r7["S015"][y], g7["S015"][y], r7["S027"][y], g7["S027"][y])
	}
}

// BenchmarkRecomputeAfterZoneEdit: moving three zones to a neighbour in a
// scenario and back, each with its recompute (the reference projection is
// cached; target: a few ms).
func BenchmarkRecomputeAfterZoneEdit(b *testing.B) {
	s := projectedSession(b)
	if err := s.NewScenario("bench", ""); err != nil {
		b.Fatal(err)
	}
	zones := zonesOf(s.District(), experimental)[:3]
	to := [2]string{neighbour, experimental}
	for i := 0; b.Loop(); i++ {
		if err := s.Do(&AssignZones{Zones: zones, School: to[i%2], Stage: model.LevelPrimary}); err != nil {
			b.Fatal(err)
		}
	}
}
