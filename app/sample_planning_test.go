package app

import (
	"testing"

	"github.com/xuequ/xuequ/model"
)

// The sample shows the issue-14 features on first start: kindergartens
// with 小班/中班/大班 history, 普惠 ones, resources rows and housing.
func TestSampleHasPlanningData(t *testing.T) {
	d, _, err := LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	kg, inclusive := 0, 0
	for _, s := range d.Schools {
		if s.Level == model.LevelKindergarten {
			kg++
			if s.Inclusive && !s.Public {
				inclusive++
			}
		}
	}
	nursery := 0
	for _, e := range d.History {
		if e.Grade < 0 {
			nursery++
		}
	}
	if kg == 0 || inclusive == 0 || nursery == 0 || len(d.Resources) == 0 || len(d.Housing) == 0 {
		t.Errorf("kindergartens %d (普惠民办 %d), 小班/中班 rows %d, resources %d, housing %d", kg, inclusive, nursery, len(d.Resources), len(d.Housing))
	}
}

// The 优质均衡 numbers are checked with the other standards.
func TestValidatePlanningStandards(t *testing.T) {
	s := model.DefaultStandards()
	s.BalanceMinMet = 8
	if err := ValidateStandards(s); err == nil {
		t.Error("8 of 7 indicators accepted")
	}
	s = model.DefaultStandards()
	s.BalanceMinShare = 1.2
	if err := ValidateStandards(s); err == nil {
		t.Error("120 % accepted")
	}
	if err := ValidateStandards(model.DefaultStandards()); err != nil {
		t.Error(err)
	}
}

// For every projected year of the sample, the 学前 panel's kindergartens
// are the engine's: each one's enrolled equals its grades' pupils in AnalysisFor
// (forecast.District's records), and the county's enrolled equals the
// summary's kindergarten line.
func TestPreschoolProjectedMatchesEngine(t *testing.T) {
	d, _, err := LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	s := NewSession(d, "", Project)
	_, lastHist := d.Years()
	_, last := s.YearRange()
	if last <= lastHist {
		t.Fatalf("no projected years (history ends %d, range ends %d)", lastHist, last)
	}
	for y := lastHist + 1; y <= last; y++ {
		a := s.AnalysisFor(y)
		engine := map[string]int{}
		for _, r := range a.Schools {
			if r.Level == model.LevelKindergarten {
				for _, g := range r.Grades {
					engine[r.School] += g.Students
				}
			}
		}
		p := s.Preschool(y)
		if !p.Projected || len(p.Kindergartens) == 0 {
			t.Fatalf("%d: projected %v, %d kindergartens", y, p.Projected, len(p.Kindergartens))
		}
		for _, k := range p.Kindergartens {
			if k.Enrolled != engine[k.School] {
				t.Errorf("%d %s: 学前 enrolled %d, engine %d", y, k.School, k.Enrolled, engine[k.School])
			}
		}
		if p.County.Enrolled != a.Summary.Kindergarten.Students {
			t.Errorf("%d: county enrolled %d, summary kindergarten %d", y, p.County.Enrolled, a.Summary.Kindergarten.Students)
		}
	}
}
