package forecast

import (
	"strconv"

	"github.com/xuequ/xuequ/model"
)

// Method is how the yearly ratios of the window are averaged into one.
type Method int

const (
	// MethodMean is the plain mean of the window's ratios.
	MethodMean Method = iota
	// MethodWeighted is a linearly weighted mean: the oldest ratio of the
	// window has weight 1, the next 2, …, the newest n.
	MethodWeighted
	// MethodSmooth is simple exponential smoothing with factor Alpha:
	// s₁ = r₁, sᵢ = α·rᵢ + (1−α)·sᵢ₋₁; the result is the last s.
	MethodSmooth
)

var methodNames = [...]string{"mean", "weighted", "smooth"}

// String is the name used on the command line and in JSON.
func (m Method) String() string {
	if m < 0 || int(m) >= len(methodNames) {
		return "unknown"
	}
	return methodNames[m]
}

// ParseMethod accepts "mean", "weighted" and "smooth" (also "exponential").
func ParseMethod(s string) (Method, bool) {
	switch s {
	case "mean", "average":
		return MethodMean, true
	case "weighted", "linear":
		return MethodWeighted, true
	case "smooth", "exponential", "ses":
		return MethodSmooth, true
	}
	return MethodMean, false
}

// Defaults used when an Options field is zero.
const (
	DefaultYears    = 5
	DefaultWindow   = 5
	DefaultAlpha    = 0.4
	DefaultBirthLag = 6
	// DefaultBirthCutoff is the share of a grade-1 intake born in year
	// t−lag: pupils must be 6 by 31 August, so a September intake is born
	// September t−7 … August t−6, i.e. 8/12 in t−6 and 4/12 in t−7.
	DefaultBirthCutoff = 8.0 / 12
	DefaultInterval    = 0.8
)

// DefaultHousingYield is the number of grade-1 pupils a newly occupied
// dwelling adds to its primary school in each year since first occupancy
// (index 0 = the year of occupancy): about 0.24 first-graders per dwelling
// over seven years, the children who move in with young families. Children
// born in the estate later appear in its births, so the vector fades out.
func DefaultHousingYield() []float64 {
	return []float64{0.04, 0.05, 0.05, 0.04, 0.03, 0.02, 0.01}
}

// DefaultJuniorHousingYield is the number of grade-7 pupils a newly occupied
// dwelling adds to its junior school in each year since first occupancy.
func DefaultJuniorHousingYield() []float64 {
	return []float64{0.03, 0.03, 0.02, 0.02, 0.01}
}

// Options tunes a projection. The zero value of every field means its
// default.
type Options struct {
	// Years is how many years to project after the base year (default 5).
	Years int
	// Window is how many recent yearly ratios are averaged (default 5).
	// With fewer years of history the available ones are used and a note
	// says so.
	Window int
	Method Method
	// Alpha is the smoothing factor of MethodSmooth, in (0, 1] (default 0.4).
	Alpha float64
	// Round rounds every projected year half-up to whole pupils before it
	// feeds the next year. By default the carry-forward is unrounded.
	Round bool
	// BirthLag is the age at school entry in years: grade-1 pupils of year t
	// were born in t−BirthLag (default 6).
	BirthLag int
	// BirthCutoff is the share of the intake born in t−BirthLag; the rest,
	// 1−BirthCutoff, was born in t−BirthLag−1. It is in (0, 1] (default
	// 8/12, see DefaultBirthCutoff); for "all born in t−lag−1" use
	// BirthLag+1 with BirthCutoff 1.
	BirthCutoff float64
	// HousingYield is the grade-1 yield per dwelling by years since first
	// occupancy (nil = DefaultHousingYield; an empty non-nil slice turns the
	// housing term off). JuniorHousingYield is the same for grade 7 of
	// junior schools.
	HousingYield       []float64
	JuniorHousingYield []float64
	// BaseYear is the last year of history to use (default: the last year
	// in the history). Records after it are ignored.
	BaseYear int
	// Interval is the coverage of prediction intervals, in (0, 1)
	// (default 0.8, i.e. the 10 % and 90 % quantiles of backtest errors).
	Interval float64
	// Standards gives the standard class sizes for classes needed and class
	// status (zero value = model.DefaultStandards).
	Standards model.Standards
}

// withDefaults fills zero fields and checks ranges.
func (o Options) withDefaults() (Options, error) {
	if o.Years == 0 {
		o.Years = DefaultYears
	}
	if o.Window == 0 {
		o.Window = DefaultWindow
	}
	if o.Alpha == 0 {
		o.Alpha = DefaultAlpha
	}
	if o.BirthLag == 0 {
		o.BirthLag = DefaultBirthLag
	}
	if o.BirthCutoff == 0 {
		o.BirthCutoff = DefaultBirthCutoff
	}
	if o.HousingYield == nil {
		o.HousingYield = DefaultHousingYield()
	}
	if o.JuniorHousingYield == nil {
		o.JuniorHousingYield = DefaultJuniorHousingYield()
	}
	if o.Interval == 0 {
		o.Interval = DefaultInterval
	}
	o.Standards = o.Standards.OrDefault()
	bad := func(field string, m model.Message) (Options, error) {
		return o, model.InputMsg("forecast options", m).At(0, field)
	}
	switch {
	case o.Years < 0 || o.Years > 100:
		return bad("years", model.Msg("forecast.years", "{{.Value}} years to project: give 1–100", map[string]any{"Value": o.Years}))
	case o.Window < 1:
		return bad("window", model.Msg("forecast.window", "window of {{.Value}} years: give at least 1", map[string]any{"Value": o.Window}))
	case o.Method < MethodMean || o.Method > MethodSmooth:
		return bad("method", model.Msg("forecast.method", "unknown averaging method {{.Value}}: use mean, weighted or smooth", map[string]any{"Value": int(o.Method)}))
	case !(o.Alpha > 0 && o.Alpha <= 1):
		return bad("alpha", model.Msg("forecast.alpha", "smoothing factor {{.Value}}: give a number in (0, 1]", map[string]any{"Value": strconv.FormatFloat(o.Alpha, 'g', -1, 64)}))
	case o.BirthLag < 0 || o.BirthLag > 20:
		return bad("birth_lag", model.Msg("forecast.birth_lag", "birth lag of {{.Value}} years: give 0–20 (6 = grade 1 at age 6)", map[string]any{"Value": o.BirthLag}))
	case !(o.BirthCutoff > 0 && o.BirthCutoff <= 1):
		return bad("birth_cutoff", model.Msg("forecast.birth_cutoff", "cutoff share {{.Value}}: give a share in (0, 1]", map[string]any{"Value": strconv.FormatFloat(o.BirthCutoff, 'g', -1, 64)}))
	case !(o.Interval > 0 && o.Interval < 1):
		return bad("interval", model.Msg("forecast.interval", "interval coverage {{.Value}}: give a share in (0, 1), e.g. 0.8", map[string]any{"Value": strconv.FormatFloat(o.Interval, 'g', -1, 64)}))
	}
	for i, v := range o.HousingYield {
		if !(v >= 0) {
			return o, model.Inputf("forecast options", "forecast.yield", "yield {{.Value}} in year {{.Year}} after occupancy: give pupils per dwelling ≥ 0", map[string]any{"Value": strconv.FormatFloat(v, 'g', -1, 64), "Year": i}).At(0, "housing_yield")
		}
	}
	for i, v := range o.JuniorHousingYield {
		if !(v >= 0) {
			return o, model.Inputf("forecast options", "forecast.yield", "yield {{.Value}} in year {{.Year}} after occupancy: give pupils per dwelling ≥ 0", map[string]any{"Value": strconv.FormatFloat(v, 'g', -1, 64), "Year": i}).At(0, "junior_housing_yield")
		}
	}
	return o, nil
}
