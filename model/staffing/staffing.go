// Package staffing computes 教职工编制: the teachers each school needs by
// 生师比 and, for small schools, 班师比, against the teachers it has.
//
// Rule (Standards.StaffingStandards, 中央编办发〔2014〕72号, 国办发〔2018〕27号):
//
//	by ratio  = ⌈primary pupils / 19⌉ + ⌈junior pupils / 13.5⌉
//	            (each stage of a nine-year school by its own ratio, summed)
//	by class  = ⌈classes × 2⌉           (班师比 1:2 = two teachers per class)
//	required  = by ratio                        pupils ≥ 200 (SmallSchoolStaffed)
//	          = max(by ratio, by class)         pupils < 200, rule "class"
//	gap       = required − actual teachers      (positive = shortage)
//
// Pupils and classes are the school's grades 1–9 of the year (history, or
// projected); kindergarten and senior grades are outside these ratios.
// Actual teachers are the school's resources row of the year or, for a
// projected year, the last known one.
package staffing

import (
	"math"

	"github.com/xuequ/xuequ/model"
)

// Rule says which rule set a school's requirement.
type Rule string

const (
	RuleRatio Rule = "ratio" // 生师比
	RuleClass Rule = "class" // under the small-school limit: max(生师比, 班师比)
)

// School is the staffing of one school in one year.
type School struct {
	School   string
	Name     string
	Level    model.Level
	Students int // grades 1–9
	Classes  int // grades 1–9 (estimated at standard size when not given)
	// ByRatio and ByClass are the two requirements; Required the one
	// that applies (see the package comment).
	ByRatio, ByClass, Required int
	Rule                       Rule
	// Actual is the teachers of the year's (or last known) resources row;
	// ActualKnown false when the school has none (Gap is then 0 and
	// meaningless). ActualYear is the year of that row.
	Actual      int
	ActualKnown bool
	ActualYear  int
	Gap         int
}

// Summary totals the district. Actual and Gap cover only the schools whose
// teachers are known; Shortage is Σ of the positive gaps (surplus teachers
// in one school do not fill another's posts).
type Summary struct {
	Required, Actual, Gap, Shortage int
	Unknown                         int // schools without teachers
}

// Result is the staffing of a district in one year.
type Result struct {
	Year    int
	Schools []School
	Summary Summary
}

// Compute returns the staffing of every K–9 school of the analysis (the
// class-size analysis of the year, history or projected) with the
// resources rows of the district.
func Compute(a model.Analysis, res []model.Resources, std model.Standards) Result {
	std = std.OrDefault()
	out := Result{Year: a.Year, Schools: []School{}}
	for i := range a.Schools {
		r := &a.Schools[i]
		if r.Level != model.LevelUnknown && !r.Level.InK9() {
			continue
		}
		s := schoolStaffing(r, std)
		if s.Students == 0 {
			continue
		}
		if row := model.LatestResources(res, r.School, a.Year); row != nil {
			if t, ok := row.Value(model.ResTeachers); ok {
				s.Actual, s.ActualKnown, s.ActualYear = int(math.Round(t)), true, row.Year
				s.Gap = s.Required - s.Actual
			}
		}
		out.Schools = append(out.Schools, s)
		out.Summary.add(&s)
	}
	return out
}

func (m *Summary) add(s *School) {
	m.Required += s.Required
	if !s.ActualKnown {
		m.Unknown++
		return
	}
	m.Actual += s.Actual
	m.Gap += s.Gap
	if s.Gap > 0 {
		m.Shortage += s.Gap
	}
}

// schoolStaffing applies the rule to one school's analysed grades.
func schoolStaffing(r *model.SchoolResult, std model.Standards) School {
	s := School{School: r.School, Name: r.Name, Level: r.Level, Rule: RuleRatio}
	var primary, junior int
	for _, g := range r.Grades {
		switch g.Grade.Stage() {
		case model.LevelPrimary:
			primary += g.Students
		case model.LevelJunior:
			junior += g.Students
		default:
			continue
		}
		s.Classes += g.Classes
	}
	s.Students = primary + junior
	s.ByRatio = ceilDiv(primary, std.PupilTeacherPrimary) + ceilDiv(junior, std.PupilTeacherJunior)
	s.ByClass = ceil(float64(s.Classes) * std.TeachersPerClass)
	s.Required = s.ByRatio
	if s.Students < std.SmallSchoolStaffed {
		s.Rule = RuleClass
		s.Required = max(s.ByRatio, s.ByClass)
	}
	return s
}

// ceilDiv is ⌈n / ratio⌉, 0 for no pupils or no ratio.
func ceilDiv(n int, ratio float64) int {
	if n <= 0 || ratio <= 0 {
		return 0
	}
	return ceil(float64(n) / ratio)
}

// ceil rounds up, forgiving the last bits of float error (27/13.5 = 2 must
// stay 2, not become 3).
func ceil(x float64) int {
	return int(math.Ceil(x - 1e-9))
}
