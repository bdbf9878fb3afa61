package report

import (
	"fmt"
	"strings"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// Problem types of the 台账, in the order they are listed.
const (
	ProblemVeryLarge = "超大班额"
	ProblemLarge     = "大班额"
	ProblemShortage  = "学位缺口"
	ProblemOversized = "大校额"
	ProblemSmall     = "小规模学校"
)

// problems lists what puts a school on the ledger in one year: 超大班额 or
// 大班额 classes, a seat shortage (SeatGap > 0), more pupils than the
// 大校额 limit, fewer than the 小规模学校 limit. Nil means none.
func problems(r *model.SchoolResult) []string {
	var p []string
	if r.VeryLarge > 0 {
		p = append(p, ProblemVeryLarge)
	}
	if r.Large > 0 {
		p = append(p, ProblemLarge)
	}
	if r.SeatGap > 0 {
		p = append(p, ProblemShortage)
	}
	if r.OversizedSchool {
		p = append(p, ProblemOversized)
	}
	if r.SmallSchool {
		p = append(p, ProblemSmall)
	}
	return p
}

// LedgerRow is one school of the 台账: its figures in the ledger year and
// when it is (or was) cleared.
type LedgerRow struct {
	Seq      int    // 序号, 1-based
	School   string // school ID
	Name     string
	Level    model.Level
	Township string
	Students int // 在校生
	Classes  int // 班数 (compulsory grades)
	Capacity int // 学位 (0 when CapacitySource is unknown)
	// CapacitySource says where the seats come from: unknown seats print
	// 未知, seats from classrooms 估算 (model.CapacitySource).
	CapacitySource model.CapacitySource
	// Estimated is true when the pupils (and so classes and shortage) are
	// estimates from the catchment zones: a project without history.
	Estimated bool
	// Shortage is the 学位缺口: pupils beyond the seats, 0 when there are
	// enough or the seats are unknown.
	Shortage  int
	Large     int // 大班额 classes (56–65 with the default standards)
	VeryLarge int // 超大班额 classes (66+)
	MaxClass  int // the largest class, pupils
	// Problems are the problem types in the ledger year; for a cleared
	// school, those of the last year it had any (ProblemYear).
	Problems    []string
	ProblemYear int
	// ClearYear is the 计划销号年份: for a school with 大班额 or 超大班额, the
	// first later year in which it has none under the session's scenario
	// (its timeline of 新建/扩建/撤并 included); for a school with other
	// problems only, the first later year free of them; 0 when that is not
	// within the projection.
	ClearYear int
	Cleared   bool // 已销号: problems in an earlier year, none in the ledger year
}

// ProblemText is the 问题类型 cell: the problems joined by 、, with the year
// for a cleared school.
func (r *LedgerRow) ProblemText() string {
	s := strings.Join(r.Problems, "、")
	if r.Cleared {
		s += fmt.Sprintf("（%d年）", r.ProblemYear)
	}
	return s
}

// LedgerRows builds the 台账 of year (0 = the session's year).
//
// Open rows (未销号) are the schools with a problem in that year, in the
// district's order; ClearYear is the first later year — history, then
// the session's projection (which keeps every school's classes as in the
// last history year, i.e. assumes no new classrooms) — in which the school
// has none of the problem types. A school that also must stop being 大校额
// or 小规模 may therefore never clear within the projection: that is the
// honest answer, since only building or merging changes those.
//
// Cleared rows (已销号) follow: schools with a problem in an earlier
// history year and none in the ledger year; ClearYear is the year after
// their last problem year.
func LedgerRows(s *app.Session, year int) ([]LedgerRow, error) {
	if year == 0 {
		year = s.Year()
	}
	if err := checkYear(s, year); err != nil {
		return nil, err
	}
	d := s.District()
	first, last := s.YearRange()
	cache := map[int]map[string]*model.SchoolResult{}
	resultsOf := func(y int) map[string]*model.SchoolResult {
		if m, ok := cache[y]; ok {
			return m
		}
		a := s.AnalysisFor(y)
		m := make(map[string]*model.SchoolResult, len(a.Schools))
		for i := range a.Schools {
			m[a.Schools[i].School] = &a.Schools[i]
		}
		cache[y] = m
		return m
	}
	now := resultsOf(year)
	var open, cleared []LedgerRow
	for i := range d.Schools {
		sc := &d.Schools[i]
		r := now[sc.ID]
		if r == nil {
			continue
		}
		row := LedgerRow{School: sc.ID, Name: sc.Name, Level: sc.Level, Township: sc.Township,
			Students: r.Students, Classes: r.Classes, Capacity: r.Capacity, Shortage: max(0, r.SeatGap),
			CapacitySource: r.CapacitySource, Estimated: r.StudentsEstimated,
			Large: r.Large, VeryLarge: r.VeryLarge, MaxClass: maxClass(r)}
		if p := problems(r); p != nil {
			row.Problems, row.ProblemYear = p, year
			row.ClearYear = clearYear(r, year+1, last, func(y int) *model.SchoolResult { return resultsOf(y)[sc.ID] })
			open = append(open, row)
			continue
		}
		for y := year - 1; y >= first && !s.Projected(y); y-- {
			if ry := resultsOf(y)[sc.ID]; ry != nil {
				if p := problems(ry); p != nil {
					row.Problems, row.ProblemYear, row.ClearYear, row.Cleared = p, y, y+1, true
					cleared = append(cleared, row)
					break
				}
			}
		}
	}
	rows := append(open, cleared...)
	for i := range rows {
		rows[i].Seq = i + 1
	}
	return rows, nil
}

// clearYear is the 计划销号年份 of a school with problems in r: the first
// year from…last in which the school has no 大班额 (when r has any), else
// none of the problem types; a closed school (no result) is cleared the
// year it has no pupils. 0 when no such year is within the range.
func clearYear(r *model.SchoolResult, from, last int, at func(year int) *model.SchoolResult) int {
	large := r.Large+r.VeryLarge > 0
	for y := from; y <= last; y++ {
		ry := at(y)
		switch {
		case ry == nil:
			return y
		case large && ry.Large+ry.VeryLarge == 0, !large && problems(ry) == nil:
			return y
		}
	}
	return 0
}

func maxClass(r *model.SchoolResult) int {
	m := 0
	for _, g := range r.Grades {
		if g.Grade < 1 || g.Grade > 9 {
			continue
		}
		for _, c := range g.ClassSizes {
			m = max(m, c)
		}
	}
	return m
}

// YearSummary is one line of the 汇总 sheet.
type YearSummary struct {
	Year      int
	Projected bool
	Estimated bool // pupils estimated from the catchment zones (no history)
	model.Summary
	Problem int // schools with any ledger problem
}

// Summaries returns the district summary of every year of the session:
// history, then projection.
func Summaries(s *app.Session) []YearSummary {
	first, last := s.YearRange()
	if first == 0 && last == 0 {
		return nil
	}
	out := make([]YearSummary, 0, last-first+1)
	for y := first; y <= last; y++ {
		a := s.AnalysisFor(y)
		if len(a.Schools) == 0 {
			continue
		}
		ys := YearSummary{Year: y, Projected: s.Projected(y), Estimated: a.Estimated, Summary: a.Summary}
		for i := range a.Schools {
			if problems(&a.Schools[i]) != nil {
				ys.Problem++
			}
		}
		out = append(out, ys)
	}
	return out
}
