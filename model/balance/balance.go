// Package balance assesses 县域义务教育优质均衡 (教督〔2017〕6号 art. 6): the
// seven resource indicators of every school, whether each school reaches
// them, and the pupil-weighted 差异系数 of each indicator across the county.
//
// Per school and stage (Standards.BalanceStandards):
//
//	value      = resource / pupils (× 100 for the per-100 indicators)
//	passes     = met ≥ 6 and every other value ≥ 85 % of its standard
//
// Per stage and indicator, over the schools with at least BalanceMinPupils
// pupils and a known value (Pᵢ pupils, Xᵢ value):
//
//	X̄ = ΣPᵢXᵢ / ΣPᵢ,  S = √(ΣPᵢ(Xᵢ − X̄)² / ΣPᵢ),  CV = S / X̄
//	cv_ok = every CV ≤ 0.50 (primary) / 0.45 (junior)
//
// Pupils are the school's grade 1–6 (primary) or 7–9 (junior) pupils of the
// year. A nine-year school enters both stages; its resources are split by
// pupil share (primary gets primary pupils ÷ all pupils of each resource),
// so its per-pupil values are the same in both stages.
package balance

import (
	"math"

	"github.com/xuequ/xuequ/model"
)

// eps absorbs float error at the boundaries: 21 teachers per 500 pupils is
// exactly 4.2 per 100, and 85 % of a standard is 85 %.
const eps = 1e-9

// School is one school's indicators in one stage.
type School struct {
	School   string
	Name     string
	Students int
	// Values and Known per indicator; an unknown value (no resources row,
	// or the column empty) does not count as met.
	Values [model.NumIndicators]float64
	Known  [model.NumIndicators]bool
	// Meets marks the indicators at or above the standard; Met counts them.
	Meets [model.NumIndicators]bool
	Met   int
	// Passes: Met ≥ BalanceMinMet and the others ≥ BalanceMinShare of the
	// standard.
	Passes bool
	// InCV is false for schools under BalanceMinPupils pupils (教学点),
	// listed but left out of the CVs.
	InCV bool
}

// Stage is the assessment of one stage.
type Stage struct {
	Stage    model.Level // LevelPrimary or LevelJunior
	Schools  []School
	Standard [model.NumIndicators]float64
	// CV per indicator, CVKnown false when no school of the CV has a
	// value or the mean is 0.
	CV      [model.NumIndicators]float64
	CVKnown [model.NumIndicators]bool
	CVLimit float64
	// CVOK: every CV is known and ≤ CVLimit.
	CVOK bool
	// Passing counts the schools that pass.
	Passing int
}

// Result is the assessment of a district in one year.
type Result struct {
	Year   int
	Stages []Stage
}

// Assess assesses the year of the analysis (history or projected) with the
// resources rows (a school's row of the year, else its last earlier one).
// A stage without schools is left out.
func Assess(a model.Analysis, res []model.Resources, std model.Standards) Result {
	std = std.OrDefault()
	out := Result{Year: a.Year, Stages: []Stage{}}
	for _, stage := range []model.Level{model.LevelPrimary, model.LevelJunior} {
		st := assessStage(a, res, stage, std)
		if len(st.Schools) > 0 {
			out.Stages = append(out.Stages, st)
		}
	}
	return out
}

func assessStage(a model.Analysis, res []model.Resources, stage model.Level, std model.Standards) Stage {
	standard, limit := std.BalanceStandard(stage)
	st := Stage{Stage: stage, Standard: standard, CVLimit: limit}
	for i := range a.Schools {
		r := &a.Schools[i]
		if r.Level != model.LevelUnknown && !r.Level.InK9() {
			continue
		}
		pupils, all := stagePupils(r, stage)
		if pupils == 0 {
			continue
		}
		s := School{School: r.School, Name: r.Name, Students: pupils, InCV: pupils >= std.BalanceMinPupils}
		if row := model.LatestResources(res, r.School, a.Year); row != nil {
			values(&s, row, all)
		}
		judge(&s, standard, std.BalanceStandards)
		if s.Passes {
			st.Passing++
		}
		st.Schools = append(st.Schools, s)
	}
	st.CV, st.CVKnown = cvs(st.Schools)
	st.CVOK = true
	for k := range st.CV {
		if !st.CVKnown[k] || st.CV[k] > limit+eps {
			st.CVOK = false
		}
	}
	return st
}

// stagePupils returns the school's pupils of the stage and of grades 1–9.
func stagePupils(r *model.SchoolResult, stage model.Level) (pupils, all int) {
	for _, g := range r.Grades {
		gs := g.Grade.Stage()
		if gs == stage {
			pupils += g.Students
		}
		if gs == model.LevelPrimary || gs == model.LevelJunior {
			all += g.Students
		}
	}
	return pupils, all
}

// values fills the indicator values: the stage's share of each resource
// (pupils ÷ all) divided by the stage's pupils, which is resource ÷ all.
func values(s *School, row *model.Resources, all int) {
	for _, ind := range model.Indicators() {
		f, per100 := model.IndicatorField(ind)
		v, ok := row.Value(f)
		if !ok || all <= 0 {
			continue
		}
		x := v / float64(all)
		if per100 {
			x *= 100
		}
		s.Values[ind], s.Known[ind] = x, true
	}
}

// judge applies the 6-of-7 and 85 % rule.
func judge(s *School, standard [model.NumIndicators]float64, b model.BalanceStandards) {
	near := true
	for k, v := range s.Values {
		switch {
		case !s.Known[k]:
			near = false
		case v >= standard[k]*(1-eps):
			s.Meets[k] = true
			s.Met++
		case v < standard[k]*b.BalanceMinShare*(1-eps):
			near = false
		}
	}
	s.Passes = s.Met >= b.BalanceMinMet && near
}

// cvs returns the pupil-weighted 差异系数 of each indicator over the
// schools in the CV with a known value.
func cvs(schools []School) (cv [model.NumIndicators]float64, known [model.NumIndicators]bool) {
	for k := range cv {
		var sp, spx float64
		for _, s := range schools {
			if s.InCV && s.Known[k] {
				p := float64(s.Students)
				sp += p
				spx += p * s.Values[k]
			}
		}
		if sp == 0 || spx == 0 {
			continue
		}
		mean := spx / sp
		var ss float64
		for _, s := range schools {
			if s.InCV && s.Known[k] {
				d := s.Values[k] - mean
				ss += float64(s.Students) * d * d
			}
		}
		cv[k], known[k] = math.Sqrt(ss/sp)/mean, true
	}
	return cv, known
}
