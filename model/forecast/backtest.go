package forecast

import (
	"fmt"
	"math"
	"sort"

	"github.com/xuequ/xuequ/model"
	"gonum.org/v1/gonum/stat"
)

// HorizonError is the backtest accuracy of projections h years ahead,
// over every school and grade with an actual count above 0.
type HorizonError struct {
	Horizon int
	N       int // school-grade pairs compared
	// MAPE is the mean of |actual − projected| / actual for the cohort
	// model; NaiveMAPE for "same as in the last seen year", TrendMAPE for a
	// straight line fitted to the grade's last Window+1 seen years. All are
	// NaN when N is 0.
	MAPE, NaiveMAPE, TrendMAPE float64
	// LowerError and UpperError are the empirical quantiles of the relative
	// error (actual − projected) / projected at (1 − Interval)/2 and
	// (1 + Interval)/2: the actual fell between projected·(1+LowerError) and
	// projected·(1+UpperError) in that share of cases.
	LowerError, UpperError float64
}

// SchoolError is the backtest accuracy of one school over all horizons and
// grades.
type SchoolError struct {
	School                     string
	N                          int
	MAPE, NaiveMAPE, TrendMAPE float64
}

// BacktestResult is the outcome of Backtest.
type BacktestResult struct {
	// HoldoutYear is the last year the backtest projection saw; years
	// HoldoutYear+1 … BaseYear were hidden and projected.
	HoldoutYear, BaseYear int
	Interval              float64
	Horizons              []HorizonError // horizons 1 … k
	Schools               []SchoolError  // in projection order
	Notes                 []string
}

// Backtest hides the last k years of history (before Options.BaseYear if
// set), projects them with the same options and compares with what
// happened. Explicit entrants are not used: the hidden intakes are
// projected from births, feeders or last year as the model would.
func Backtest(in Input, k int, opt Options) (*BacktestResult, error) {
	full, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	if len(in.History) == 0 {
		return nil, &model.InputError{File: "history", Msg: "no enrollment history to backtest"}
	}
	minY, maxY := in.History[0].Year, in.History[0].Year
	for _, e := range in.History {
		minY, maxY = min(minY, e.Year), max(maxY, e.Year)
	}
	base := maxY
	if opt.BaseYear != 0 {
		base = opt.BaseYear
	}
	if k < 1 || base-k < minY {
		return nil, &model.InputError{File: "forecast options", Field: "backtest",
			Msg: fmt.Sprintf("cannot hide %d year(s) of a history of %d–%d: give 1–%d", k, minY, base, max(base-minY, 0))}
	}
	hold := base - k
	bo := opt
	bo.BaseYear, bo.Years = hold, k
	hidden := in
	hidden.Entrants = nil
	hidden.History = make([]model.Enrollment, 0, len(in.History))
	for _, e := range in.History {
		if e.Year <= hold {
			hidden.History = append(hidden.History, e)
		}
	}
	res, err := Project(hidden, bo)
	if err != nil {
		return nil, err
	}

	// Actual counts by school, grade and year, under the IDs the projection
	// uses (records may name a school by its unique name).
	alias := map[string]string{}
	for _, s := range in.Schools {
		alias[s.ID] = s.ID
	}
	for _, s := range in.Schools {
		if _, isID := alias[s.Name]; !isID && s.Name != "" {
			alias[s.Name] = s.ID
		}
	}
	type key struct {
		school string
		grade  model.Grade
		year   int
	}
	actual := map[key]float64{}
	for _, e := range in.History {
		if e.Year < hold-full.Window || e.Year > base {
			continue
		}
		id := e.School
		if a, ok := alias[id]; ok {
			id = a
		}
		actual[key{id, e.Grade, e.Year}] += float64(e.Students)
	}

	type acc struct{ ape, naive, trend, rel []float64 }
	hz := make([]acc, k)
	schoolAcc := map[string]*acc{}
	var order []string
	xs, ys := make([]float64, 0, full.Window+1), make([]float64, 0, full.Window+1)
	for _, p := range res.Projections {
		a, ok := actual[key{p.School, p.Grade, p.Year}]
		if !ok || a <= 0 {
			continue
		}
		last, ok := actual[key{p.School, p.Grade, hold}]
		if !ok {
			continue // the grade did not exist yet: no naive baseline to compare with
		}
		xs, ys = xs[:0], ys[:0]
		for y := hold - full.Window; y <= hold; y++ {
			if v, ok := actual[key{p.School, p.Grade, y}]; ok {
				xs, ys = append(xs, float64(y-hold)), append(ys, v)
			}
		}
		trend := last
		if len(xs) >= 2 {
			alpha, beta := stat.LinearRegression(xs, ys, nil, false)
			trend = max(0, alpha+beta*float64(p.Year-hold))
		}
		h := &hz[p.Year-hold-1]
		h.ape = append(h.ape, math.Abs(a-p.Students)/a)
		h.naive = append(h.naive, math.Abs(a-last)/a)
		h.trend = append(h.trend, math.Abs(a-trend)/a)
		if p.Students > 0 {
			h.rel = append(h.rel, (a-p.Students)/p.Students)
		}
		sa := schoolAcc[p.School]
		if sa == nil {
			sa = &acc{}
			schoolAcc[p.School] = sa
			order = append(order, p.School)
		}
		sa.ape = append(sa.ape, h.ape[len(h.ape)-1])
		sa.naive = append(sa.naive, h.naive[len(h.naive)-1])
		sa.trend = append(sa.trend, h.trend[len(h.trend)-1])
	}

	out := &BacktestResult{HoldoutYear: hold, BaseYear: base, Interval: full.Interval,
		Notes: []string{"backtest: entrants are not used; hidden intakes are projected as the model would"}}
	for _, n := range res.Notes {
		out.Notes = append(out.Notes, fmt.Sprintf("backtest from %d: %s", hold, n))
	}
	lo, hi := (1-full.Interval)/2, (1+full.Interval)/2
	for i, h := range hz {
		he := HorizonError{Horizon: i + 1, N: len(h.ape),
			MAPE: meanOrNaN(h.ape), NaiveMAPE: meanOrNaN(h.naive), TrendMAPE: meanOrNaN(h.trend),
			LowerError: math.NaN(), UpperError: math.NaN()}
		if len(h.rel) > 0 {
			sort.Float64s(h.rel)
			he.LowerError = stat.Quantile(lo, stat.Empirical, h.rel, nil)
			he.UpperError = stat.Quantile(hi, stat.Empirical, h.rel, nil)
		}
		if he.N == 0 {
			out.Notes = append(out.Notes, fmt.Sprintf("horizon %d: no school and grade has both a count in %d and one in %d to compare", i+1, hold, hold+i+1))
		}
		out.Horizons = append(out.Horizons, he)
	}
	for _, id := range order {
		sa := schoolAcc[id]
		out.Schools = append(out.Schools, SchoolError{School: id, N: len(sa.ape),
			MAPE: meanOrNaN(sa.ape), NaiveMAPE: meanOrNaN(sa.naive), TrendMAPE: meanOrNaN(sa.trend)})
	}
	return out, nil
}

func meanOrNaN(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return stat.Mean(x, nil)
}

// ApplyIntervals sets Lower and Upper of every projection from the
// backtest's relative errors at the projection's horizon. Horizons beyond
// the backtest's reuse its longest horizon with errors (a note says so),
// which understates the uncertainty of far years.
func ApplyIntervals(r *Result, b *BacktestResult) {
	beyond := false
	for i := range r.Projections {
		p := &r.Projections[i]
		h := min(p.Year-r.BaseYear, len(b.Horizons))
		if p.Year-r.BaseYear > len(b.Horizons) {
			beyond = true
		}
		for h >= 1 && math.IsNaN(b.Horizons[h-1].LowerError) {
			h--
		}
		if h < 1 {
			continue
		}
		he := b.Horizons[h-1]
		p.Lower = max(0, p.Students*(1+he.LowerError))
		p.Upper = max(0, p.Students*(1+he.UpperError))
		p.HasInterval = true
	}
	if beyond {
		r.Notes = append(r.Notes, fmt.Sprintf("prediction intervals beyond %d year(s) ahead reuse the errors of the longest backtest horizon and are too narrow", len(b.Horizons)))
	}
}
