package staffing

import (
	"testing"

	"github.com/xuequ/xuequ/model"
)

func grades(school string, year int, byGrade map[int][2]int) []model.Enrollment {
	var out []model.Enrollment
	for g, sc := range byGrade {
		out = append(out, model.Enrollment{School: school, Year: year, Grade: model.Grade(g), Students: sc[0], Classes: sc[1]})
	}
	return out
}

func teachers(school string, year, n int) model.Resources {
	r := model.Resources{School: school, Year: year}
	r.Set(model.ResTeachers, float64(n))
	return r
}

// Worked example, defaults (19 / 13.5, 班师比 2, small < 200):
//
//	P  primary, 400 pupils (6 × 66, +4 in g1), 12 classes: ⌈400/19⌉ = ⌈21.05⌉ = 22, rule ratio;
//	   20 teachers → gap +2.
//	N  nine-year, 190 primary + 135 junior = 325: ⌈190/19⌉ + ⌈135/13.5⌉ = 10 + 10 = 20;
//	   18 teachers → gap +2.
//	S  primary, 120 pupils in 6 classes: ratio ⌈120/19⌉ = 7, class 6 × 2 = 12 → 12, rule class;
//	   no teachers row → actual unknown.
//	Summary: required 22 + 20 + 12 = 54; actual 38 (P, N); gap 4; shortage 4; unknown 1.
func TestComputeWorkedExample(t *testing.T) {
	schools := []model.School{
		{ID: "P", Level: model.LevelPrimary}, {ID: "N", Level: model.LevelNineYear}, {ID: "S", Level: model.LevelPrimary},
	}
	var h []model.Enrollment
	h = append(h, grades("P", 2024, map[int][2]int{1: {70, 2}, 2: {66, 2}, 3: {66, 2}, 4: {66, 2}, 5: {66, 2}, 6: {66, 2}})...)
	h = append(h, grades("N", 2024, map[int][2]int{1: {95, 2}, 2: {95, 2}, 7: {135, 3}})...)
	h = append(h, grades("S", 2024, map[int][2]int{1: {20, 1}, 2: {20, 1}, 3: {20, 1}, 4: {20, 1}, 5: {20, 1}, 6: {20, 1}})...)
	std := model.DefaultStandards()
	a := model.Analyze(schools, h, 2024, std)
	res := []model.Resources{teachers("P", 2024, 20), teachers("N", 2022, 18)}
	got := Compute(a, res, std)
	want := map[string]School{
		"P": {Students: 400, Classes: 12, Required: 22, Rule: RuleRatio, Actual: 20, ActualKnown: true, Gap: 2},
		"N": {Students: 325, Classes: 7, Required: 20, Rule: RuleRatio, Actual: 18, ActualKnown: true, Gap: 2},
		"S": {Students: 120, Classes: 6, Required: 12, Rule: RuleClass},
	}
	for _, s := range got.Schools {
		w := want[s.School]
		if s.Students != w.Students || s.Classes != w.Classes || s.Required != w.Required || s.Rule != w.Rule ||
			s.Actual != w.Actual || s.ActualKnown != w.ActualKnown || s.Gap != w.Gap {
			t.Errorf("%s: got %+v, want %+v", s.School, s, w)
		}
	}
	if m := got.Summary; m.Required != 54 || m.Actual != 38 || m.Gap != 4 || m.Shortage != 4 || m.Unknown != 1 {
		t.Errorf("summary %+v", m)
	}
}

// Boundary: 199 pupils in 12 classes is staffed by class (max(⌈199/19⌉ = 11,
// 24) = 24); 200 pupils by ratio only (⌈200/19⌉ = 11).
func TestSmallSchoolBoundary(t *testing.T) {
	std := model.DefaultStandards()
	for _, c := range []struct {
		pupils, want int
		rule         Rule
	}{{199, 24, RuleClass}, {200, 11, RuleRatio}} {
		r := model.SchoolResult{School: "A", Level: model.LevelPrimary, Grades: []model.GradeResult{
			{Grade: 1, Students: c.pupils, Classes: 12},
		}}
		s := schoolStaffing(&r, std)
		if s.Required != c.want || s.Rule != c.rule {
			t.Errorf("%d pupils: required %d (%s), want %d (%s)", c.pupils, s.Required, s.Rule, c.want, c.rule)
		}
	}
}

// Exact division stays exact: 27 junior pupils / 13.5 = 2 teachers, 38 / 19 = 2.
func TestExactRatio(t *testing.T) {
	if got := ceilDiv(27, 13.5); got != 2 {
		t.Errorf("⌈27/13.5⌉ = %d, want 2", got)
	}
	if got := ceilDiv(39, 19); got != 3 {
		t.Errorf("⌈39/19⌉ = %d, want 3", got)
	}
}
