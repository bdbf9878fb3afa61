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

// Preschool is the 学前 picture of a year: a projected year's
// kindergartens are the engine's records of that year, the same records as
// AnalysisFor (and so its summary's kindergarten line).
func (s *Session) Preschool(year int) preschool.Result {
	return preschool.Assess(s.district, year, s.records(year))
}

// EstatesIn checks every estate with dwellings delivered by year as it
// stands in that year: its dwellings so far against the spare places of
// that year's analysis (unknown outside the session's years).
func (s *Session) EstatesIn(year int) []estates.Estate {
	first, last := s.YearRange()
	if year < first || year > last {
		return estates.AssessYear(s.district, year, nil)
	}
	a := s.AnalysisFor(year)
	return estates.AssessYear(s.district, year, &a)
}

// validatePlanningStandards checks the 优质均衡 rule's numbers: a school
// must meet 1–7 indicators, the others at most 100 % of the standard, and
// the 千人学位 and household numbers must not be negative (0 takes the
// default).
func validatePlanningStandards(s model.Standards) error {
	switch {
	case s.BalanceMinMet < 0 || s.BalanceMinMet > int(model.NumIndicators):
		return errorf("std.balance_met", "a school must meet between 1 and {{.N}} indicators, not {{.Met}}",
			map[string]any{"N": int(model.NumIndicators), "Met": s.BalanceMinMet})
	case s.BalanceMinShare < 0 || s.BalanceMinShare > 1:
		return errorf("std.balance_share", "the other indicators' share of the standard must be between 0 and 100 %", nil)
	}
	return nil
}
