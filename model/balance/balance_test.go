package balance

import (
	"math"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// row makes a resources row: qualified, backbone, pe_art, building m²,
// sports m², equipment 元, multimedia rooms.
func row(school string, v ...float64) model.Resources {
	r := model.Resources{School: school, Year: 2024}
	fields := []model.ResourceField{model.ResTeachersQualified, model.ResTeachersBackbone, model.ResTeachersPEArt,
		model.ResBuildingM2, model.ResSportsM2, model.ResEquipmentYuan, model.ResMultimediaRooms}
	for i, f := range fields {
		r.Set(f, v[i])
	}
	return r
}

func analysis(pupils map[string][2]int) model.Analysis {
	var schools []model.School
	var h []model.Enrollment
	for id, p := range pupils {
		lvl := model.LevelPrimary
		if p[1] > 0 {
			lvl = model.LevelNineYear
		}
		schools = append(schools, model.School{ID: id, Level: lvl})
		if p[0] > 0 {
			h = append(h, model.Enrollment{School: id, Year: 2024, Grade: 1, Students: p[0]})
		}
		if p[1] > 0 {
			h = append(h, model.Enrollment{School: id, Year: 2024, Grade: 7, Students: p[1]})
		}
	}
	return model.Analyze(schools, h, 2024, model.DefaultStandards())
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// Worked example, primary standards 4.2, 1, 0.9, 4.5, 7.5, 2000, 2.3:
//
//	A 400 pupils: 20 qualified → 5.0 ✓, 4 backbone → 1.0 ✓ (exactly), 4 PE/art → 1.0 ✓,
//	  2000 m² → 5.0 ✓, 3000 m² → 7.5 ✓ (exactly), 800 000 元 → 2000 ✓, 8 rooms → 2.0
//	  (2.0 / 2.3 = 87 % ≥ 85 %): met 6, passes.
//	B 100 pupils: 3 qualified → 3.0 (71 % < 85 %) ✗, then 1, 1, 450, 750, 200 000, 2 → met 5: fails.
//	CV of qualified: X̄ = (400·5 + 100·3)/500 = 4.6, S² = (400·0.16 + 100·2.56)/500 = 0.64,
//	  S = 0.8, CV = 0.8/4.6 = 0.17391; backbone CV = 0 (both 1.0). All ≤ 0.50: cv_ok.
func TestAssessWorkedExample(t *testing.T) {
	a := analysis(map[string][2]int{"A": {400, 0}, "B": {100, 0}})
	res := []model.Resources{row("A", 20, 4, 4, 2000, 3000, 800000, 8), row("B", 3, 1, 1, 450, 750, 200000, 2)}
	r := Assess(a, res, model.DefaultStandards())
	if len(r.Stages) != 1 || r.Stages[0].Stage != model.LevelPrimary {
		t.Fatalf("stages %+v", r.Stages)
	}
	st := r.Stages[0]
	got := map[string]School{}
	for _, s := range st.Schools {
		got[s.School] = s
	}
	if s := got["A"]; s.Met != 6 || !s.Passes || !near(s.Values[model.QualifiedTeachersPer100], 5) {
		t.Errorf("A: %+v", s)
	}
	if s := got["B"]; s.Met != 5 || s.Passes {
		t.Errorf("B: %+v", s)
	}
	if cv := st.CV[model.QualifiedTeachersPer100]; !near(cv, 0.8/4.6) {
		t.Errorf("CV qualified = %v, want %v", cv, 0.8/4.6)
	}
	if cv := st.CV[model.BackboneTeachersPer100]; !near(cv, 0) || !st.CVKnown[model.BackboneTeachersPer100] {
		t.Errorf("CV backbone = %v", cv)
	}
	if !st.CVOK || st.Passing != 1 || st.CVLimit != 0.5 {
		t.Errorf("stage: cv_ok %v passing %d limit %v", st.CVOK, st.Passing, st.CVLimit)
	}
}

// Boundary: sports 6.375 m² per pupil is exactly 85 % of 7.5 and passes with
// the other six met; 2549 m² for 400 pupils (6.3725) fails.
func TestEightyFivePercentBoundary(t *testing.T) {
	for _, c := range []struct {
		sports float64
		passes bool
	}{{2550, true}, {2549, false}} {
		a := analysis(map[string][2]int{"A": {400, 0}})
		res := []model.Resources{row("A", 20, 4, 4, 2000, c.sports, 800000, 10)}
		s := Assess(a, res, model.DefaultStandards()).Stages[0].Schools[0]
		if s.Met != 6 || s.Passes != c.passes {
			t.Errorf("sports %v m²: met %d passes %v, want 6 %v", c.sports, s.Met, s.Passes, c.passes)
		}
	}
}

// Boundary: two schools of 100 pupils with 3 and 1 m² per pupil: X̄ = 2,
// S = 1, CV = 0.5 exactly, which is within the primary limit; 301 m² gives
// CV = 1.005/2.005 = 0.5012 > 0.5.
func TestCVAtLimit(t *testing.T) {
	for _, c := range []struct {
		building float64
		ok       bool
	}{{300, true}, {301, false}} {
		a := analysis(map[string][2]int{"A": {100, 0}, "B": {100, 0}})
		res := []model.Resources{row("A", 5, 1, 1, c.building, 800, 200000, 3), row("B", 5, 1, 1, 100, 800, 200000, 3)}
		st := Assess(a, res, model.DefaultStandards()).Stages[0]
		if st.CVOK != c.ok {
			t.Errorf("building %v: CV %v cv_ok %v, want %v", c.building, st.CV[model.BuildingM2PerPupil], st.CVOK, c.ok)
		}
	}
}

// A nine-year school of 300 primary + 100 junior pupils with 20 qualified
// teachers enters both stages with 20 × 300/400 = 15 teachers per 300 and
// 5 per 100 pupils: 5 per 100 in both. A school of 49 pupils is listed but
// out of the CVs; one of 50 is in.
func TestNineYearSplitAndMinPupils(t *testing.T) {
	a := analysis(map[string][2]int{"N": {300, 100}, "S": {49, 0}, "T": {50, 0}})
	res := []model.Resources{row("N", 20, 4, 4, 2000, 3000, 800000, 8)}
	r := Assess(a, res, model.DefaultStandards())
	if len(r.Stages) != 2 {
		t.Fatalf("want both stages, got %d", len(r.Stages))
	}
	for _, st := range r.Stages {
		for _, s := range st.Schools {
			if s.School == "N" && !near(s.Values[model.QualifiedTeachersPer100], 5) {
				t.Errorf("%v: N qualified = %v, want 5", st.Stage, s.Values[model.QualifiedTeachersPer100])
			}
			if s.School == "S" && s.InCV || s.School == "T" && !s.InCV {
				t.Errorf("%s: InCV %v", s.School, s.InCV)
			}
			if s.School != "N" && s.Passes {
				t.Errorf("%s has no resources and cannot pass", s.School)
			}
		}
	}
}
