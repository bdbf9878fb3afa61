package app

import (
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/balance"
	"github.com/xuequ/xuequ/model/estates"
	"github.com/xuequ/xuequ/model/preschool"
	"github.com/xuequ/xuequ/model/staffing"
)

// The issue-14 questions of the current plan (scenario), for any year of
// the session: history, or projection (same records as AnalysisFor).

// Staffing is the teacher staffing (编制) of a year: required by 生师比 and
// 班师比 against the last known teachers.
func (s *Session) Staffing(year int) staffing.Result {
	return staffing.Compute(s.AnalysisFor(year), s.district.Resources, s.district.Standards)
}

// Balance is the 优质均衡 assessment of a year.
func (s *Session) Balance(year int) balance.Result {
	return balance.Assess(s.AnalysisFor(year), s.district.Resources, s.district.Standards)
}

// Preschool is the 学前 picture of a year.
func (s *Session) Preschool(year int) preschool.Result {
	return preschool.Assess(s.district, year)
}

// Estates checks the 配套学校 rule for every estate and delivery year
// within the session's years (history and projection); later deliveries
// have no analysis and report their spare seats as unknown.
func (s *Session) Estates() []estates.Estate {
	first, last := s.YearRange()
	return estates.Assess(s.district, func(y int) (model.Analysis, bool) {
		if y < first || y > last {
			return model.Analysis{}, false
		}
		return s.AnalysisFor(y), true
	})
}

// EstatesIn returns the estates of Estates for one year: each estate's
// latest delivery at or before year (its dwellings so far), nil when none
// has dwellings yet.
func (s *Session) EstatesIn(year int) []estates.Estate {
	latest := map[string]estates.Estate{}
	var order []string
	for _, e := range s.Estates() {
		if e.Year > year {
			continue
		}
		if _, ok := latest[e.Zone]; !ok {
			order = append(order, e.Zone)
		}
		latest[e.Zone] = e
	}
	out := make([]estates.Estate, 0, len(order))
	for _, z := range order {
		out = append(out, latest[z])
	}
	return out
}
