package main

import (
	"encoding/json"
	"errors"
	"fmt"
	lang "github.com/xuequ/xuequ/app/i18n"
	"github.com/xuequ/xuequ/geo/ingest"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/forecast"
)

func init() {
	register(&command{
		name:    "forecast",
		summary: "enrollment projection by grade (cohort survival), backtest and intervals",
		run:     runForecast,
	})
}

func runForecast(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("forecast", "P.xuequ.gpkg | --history H.csv [--entrants E.csv] [--births B.csv] [--years N] [--window N] [--ratio mean|weighted|smooth] [--round] [--backtest K] [--json]", stdout)
	history := fs.String("history", "", "enrollment history CSV (school,year,grade,students[,classes]) instead of a project file")
	entrants := fs.String("entrants", "", "explicit intakes CSV (school,year,grade,students) for projected years; they win over births")
	births := fs.String("births", "", "births CSV (zone,year,births); without a project, zone is the primary school's id")
	years := fs.Int("years", forecast.DefaultYears, "years to project after the last history year")
	window := fs.Int("window", forecast.DefaultWindow, "years of ratios to average")
	ratio := fs.String("ratio", "mean", "averaging of the yearly ratios: mean, weighted (recent heavier) or smooth (exponential)")
	alpha := fs.Float64("alpha", forecast.DefaultAlpha, "smoothing factor for --ratio smooth, in (0, 1]")
	round := fs.Bool("round", false, "round every projected year to whole pupils before it feeds the next")
	birthLag := fs.Int("birth-lag", forecast.DefaultBirthLag, "age at grade-1 entry in years")
	cutoff := fs.Float64("birth-cutoff", forecast.DefaultBirthCutoff, "share of the grade-1 intake born in year t−lag (the rest in t−lag−1)")
	backtest := fs.Int("backtest", 0, "hide the last K years, project them and report the error per horizon; also gives prediction intervals")
	interval := fs.Float64("interval", forecast.DefaultInterval, "coverage of the prediction intervals from --backtest")
	scenario := fs.String("scenario", "", "project this scenario of the project instead of the base state")
	asJSON := fs.Bool("json", false, "print one JSON document (DESIGN.md §7)")
	langFlag := fs.String("lang", "", "language of the table: zh or en (default from LANG)")
	var topt ingest.TableOptions
	fs.StringVar(&topt.Sheet, "sheet", "", "worksheet of .xlsx tables (default: the first)")
	fs.IntVar(&topt.Year, "year", 0, "school year of a wide table (one row per school) that has no 年份 column or year in its title")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	method, ok := forecast.ParseMethod(*ratio)
	switch {
	case !ok:
		return usagef("cli.usage.forecast.ratio", "forecast: --ratio {{.Value}}: use mean, weighted or smooth", map[string]any{"Value": strconv.Quote(*ratio)})
	case *years < 1 || *years > 100:
		return usagef("cli.usage.forecast.years", "forecast: --years {{.Value}}: give 1–100", map[string]any{"Value": *years})
	case *window < 1:
		return usagef("cli.usage.forecast.window", "forecast: --window {{.Value}}: give at least 1", map[string]any{"Value": *window})
	case *backtest < 0:
		return usagef("cli.usage.forecast.backtest", "forecast: --backtest {{.Value}}: give the number of years to hide, at least 1", map[string]any{"Value": *backtest})
	case *birthLag < 1:
		return usagef("cli.usage.forecast.birth_lag", "forecast: --birth-lag {{.Value}}: give the age at entry in years, e.g. 6", map[string]any{"Value": *birthLag})
	}

	in, err := loadTableInputs(fs.Args(), *history, topt, *scenario)
	if err != nil {
		return err
	}
	d := app.ForProjection(in.District) // closed schools' pupils at the schools that took them
	fin := forecast.Input{Schools: d.Schools, Zones: d.Zones, History: d.History, Births: d.Births, Housing: d.Housing}
	dopt := forecast.DistrictOptions{}
	if *entrants != "" {
		if dopt.Entrants, err = readHistoryFile(*entrants, topt); err != nil {
			return err
		}
		fin.Entrants = dopt.Entrants
	}
	if *births != "" {
		if dopt.Births, err = readBirthsFile(*births, topt); err != nil {
			return err
		}
		fin.Births = dopt.Births
	}
	opt := forecast.Options{Years: *years, Window: *window, Method: method, Alpha: *alpha, Round: *round,
		BirthLag: *birthLag, BirthCutoff: *cutoff, Interval: *interval, Standards: d.Standards}
	dopt.Options = opt
	if len(d.History) == 0 {
		return errors.New(tr("cli.err.no_history_project", "{{.Name}}: no enrollment history to project: import one with --history H.csv", map[string]any{"Name": in.Name}))
	}
	res, err := forecast.District(in.Reference, in.Steps, dopt)
	if err != nil {
		return forecastError(err, in.Name, *entrants, *births)
	}
	var bt *forecast.BacktestResult
	if *backtest > 0 {
		if bt, err = forecast.Backtest(fin, *backtest, opt); err != nil {
			return forecastError(err, in.Name, *entrants, *births)
		}
		applyIntervals(res, bt)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(forecastJSON(res, bt, opt))
	}
	setLanguage(*langFlag)
	return printForecast(stdout, res, bt, opt)
}

// applyIntervals puts the backtest's prediction intervals on the
// projections (forecast.ApplyIntervals).
func applyIntervals(res *forecast.DistrictResult, bt *forecast.BacktestResult) {
	r := &forecast.Result{BaseYear: res.BaseYear, Projections: res.Projections, Notes: res.Notes}
	forecast.ApplyIntervals(r, bt)
	res.Notes = r.Notes
}

// forecastError names the user's files in input errors and turns option
// errors (flag values) into usage errors.
func forecastError(err error, historyName, entrantsName, birthsName string) error {
	var ie *model.InputError
	if !errors.As(err, &ie) {
		return err
	}
	switch ie.File {
	case "forecast options":
		return usagef("cli.usage.forecast.option", "forecast: {{.Msg}}", map[string]any{"Msg": lang.TrInput(ie, nil)})
	case "history":
		c := *ie
		c.File = historyName
		return &c
	case "entrants":
		c := *ie
		c.File = entrantsName
		return &c
	case "births":
		if birthsName != "" {
			c := *ie
			c.File = birthsName
			return &c
		}
	}
	return err
}

type forecastDoc struct {
	BaseYear        int              `json:"base_year"`
	Method          string           `json:"method"`
	Window          int              `json:"window"`
	Rounded         bool             `json:"rounded"`
	Projections     []projectionDoc  `json:"projections"`
	Ratios          []ratioDoc       `json:"ratios"`
	Backtest        []horizonDoc     `json:"backtest"`
	BacktestSchools []schoolErrorDoc `json:"backtest_schools,omitempty"`
	Notes           []string         `json:"notes"`
	// Schools are the school totals of every projected year (analyze's).
	Schools []forecastSchoolDoc `json:"schools"`
}

// projectionJSON is one projected grade: pupils unrounded, then its class
// picture exactly as `analyze` judges the rounded pupils (model.Analyze):
// classes in use, classes needed at the standard, sizes, status, seats
// (classes × standard) and seat_gap = students − seats.
func projectionJSON(p forecast.Projection, rec model.Enrollment, std model.Standards) projectionDoc {
	g := forecast.GradeOf(rec, std)
	pd := projectionDoc{
		School: p.School, Year: p.Year, Grade: int(p.Grade), Students: p.Students, Source: p.Source.String(),
		Classes: g.Classes, ClassesNeeded: g.ClassesNeeded, ClassSizes: g.ClassSizes, Status: g.Status.String(),
		Seats: g.Seats, SeatGap: g.SeatGap, Kindergarten: p.Grade <= 0,
	}
	if pd.ClassSizes == nil {
		pd.ClassSizes = []int{}
	}
	if p.HasInterval {
		pd.Lower, pd.Upper = finite(p.Lower), finite(p.Upper)
	}
	return pd
}

// forecastSchools is every school of every projected year as `analyze
// --year Y` gives it: pupils, classes and seats of grades 1–9, seat_gap
// = students − seats, and kindergarten apart.
func forecastSchools(res *forecast.DistrictResult) []forecastSchoolDoc {
	out := []forecastSchoolDoc{}
	years := map[int]bool{}
	var order []int
	for _, e := range res.Records {
		if !years[e.Year] {
			years[e.Year] = true
			order = append(order, e.Year)
		}
	}
	slices.Sort(order)
	for _, y := range order {
		at := res.At(y)
		a := model.Analyze(at.Schools, res.Records, y, at.Standards)
		for _, r := range a.Schools {
			sd := forecastSchoolDoc{School: r.School, Year: y, Students: r.Students, Classes: r.Classes,
				ClassesNeeded: r.ClassesNeeded, CapacityKnown: r.CapacitySource.Known(), Large: r.Large, VeryLarge: r.VeryLarge,
				Kindergarten: kindergartenJSON(r.Kindergarten)}
			if sd.CapacityKnown {
				sd.Capacity, sd.SeatGap = r.Capacity, r.SeatGap
			}
			out = append(out, sd)
		}
	}
	return out
}

// forecastSchoolDoc is one school in one projected year.
type forecastSchoolDoc struct {
	School        string           `json:"school"`
	Year          int              `json:"year"`
	Students      int              `json:"students"`
	Classes       int              `json:"classes"`
	ClassesNeeded int              `json:"classes_needed"`
	Capacity      int              `json:"capacity"`
	CapacityKnown bool             `json:"capacity_known"`
	SeatGap       int              `json:"seat_gap"`
	Large         int              `json:"large"`
	VeryLarge     int              `json:"very_large"`
	Kindergarten  *kindergartenDoc `json:"kindergarten,omitempty"`
}

type projectionDoc struct {
	School        string   `json:"school"`
	Year          int      `json:"year"`
	Grade         int      `json:"grade"`
	Students      float64  `json:"students"`
	Lower         *float64 `json:"lower,omitempty"`
	Upper         *float64 `json:"upper,omitempty"`
	Source        string   `json:"source"`
	Classes       int      `json:"classes"`
	ClassesNeeded int      `json:"classes_needed"`
	ClassSizes    []int    `json:"class_sizes"`
	Status        string   `json:"status"`
	// Seats are classes × standard class size; SeatGap = students − seats
	// (positive = shortage), as everywhere.
	Seats        int  `json:"seats"`
	SeatGap      int  `json:"seat_gap"`
	Kindergarten bool `json:"kindergarten,omitempty"`
}

type ratioDoc struct {
	School       string  `json:"school"`
	Grade        int     `json:"grade"`
	Ratio        float64 `json:"ratio"`
	Kind         string  `json:"kind"`
	Observations int     `json:"observations"`
	District     bool    `json:"district,omitempty"`
}

// horizonDoc uses pointers so that an undefined error (no pairs to compare)
// is JSON null rather than NaN, which encoding/json refuses.
type horizonDoc struct {
	Horizon    int      `json:"horizon"`
	MAPE       *float64 `json:"mape"`
	NaiveMAPE  *float64 `json:"naive_mape"`
	TrendMAPE  *float64 `json:"trend_mape"`
	N          int      `json:"n"`
	LowerError *float64 `json:"lower_error"`
	UpperError *float64 `json:"upper_error"`
}

type schoolErrorDoc struct {
	School    string   `json:"school"`
	N         int      `json:"n"`
	MAPE      *float64 `json:"mape"`
	NaiveMAPE *float64 `json:"naive_mape"`
	TrendMAPE *float64 `json:"trend_mape"`
}

// finite returns a pointer to v, or nil for NaN and ±Inf.
func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func forecastJSON(res *forecast.DistrictResult, bt *forecast.BacktestResult, opt forecast.Options) forecastDoc {
	doc := forecastDoc{
		BaseYear: res.BaseYear, Method: opt.Method.String(), Window: opt.Window,
		Rounded: opt.Round, Projections: make([]projectionDoc, 0, len(res.Projections)),
		Ratios: make([]ratioDoc, 0, len(res.Ratios)), Backtest: []horizonDoc{}, Notes: res.Notes,
		Schools: forecastSchools(res),
	}
	if doc.Notes == nil {
		doc.Notes = []string{}
	}
	for i, p := range res.Projections {
		doc.Projections = append(doc.Projections, projectionJSON(p, res.Records[i], res.At(p.Year).Standards))
	}
	for _, r := range res.Ratios {
		doc.Ratios = append(doc.Ratios, ratioDoc{School: r.School, Grade: int(r.Grade), Ratio: r.Ratio,
			Kind: r.Kind.String(), Observations: r.Observations, District: r.District})
	}
	if bt != nil {
		for _, h := range bt.Horizons {
			doc.Backtest = append(doc.Backtest, horizonDoc{Horizon: h.Horizon, MAPE: finite(h.MAPE),
				NaiveMAPE: finite(h.NaiveMAPE), TrendMAPE: finite(h.TrendMAPE), N: h.N,
				LowerError: finite(h.LowerError), UpperError: finite(h.UpperError)})
		}
		for _, s := range bt.Schools {
			doc.BacktestSchools = append(doc.BacktestSchools, schoolErrorDoc{School: s.School, N: s.N,
				MAPE: finite(s.MAPE), NaiveMAPE: finite(s.NaiveMAPE), TrendMAPE: finite(s.TrendMAPE)})
		}
		doc.Notes = append(doc.Notes, bt.Notes...)
	}
	return doc
}

// printForecast writes the projection as a table: one row per school and
// grade, one column per projected year, then the ratios used, the backtest
// and the notes.
func printForecast(w io.Writer, res *forecast.DistrictResult, bt *forecast.BacktestResult, opt forecast.Options) error {
	fmt.Fprintf(w, "%s (%s %d, %s)\n\n", tr("cli.forecast.title", "Enrollment projection"),
		tr("cli.forecast.base", "base year"), res.BaseYear, opt.Method)
	years := []int{}
	for y := res.BaseYear + 1; y <= res.BaseYear+opt.Years; y++ {
		years = append(years, y)
	}
	tw := newTabWriter(w, true)
	head := []string{tr("cli.col.school", "School"), tr("cli.forecast.grade", "Grade")}
	for _, y := range years {
		head = append(head, strconv.Itoa(y))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	type key struct {
		school string
		grade  model.Grade
	}
	rows := map[key][]string{}
	var order []key
	for _, p := range res.Projections {
		k := key{p.School, p.Grade}
		if _, ok := rows[k]; !ok {
			order = append(order, k)
			rows[k] = make([]string, len(years))
		}
		if i := p.Year - res.BaseYear - 1; i >= 0 && i < len(years) {
			cell := strconv.FormatFloat(p.Students, 'f', 1, 64)
			if p.HasInterval {
				cell += fmt.Sprintf(" [%.0f–%.0f]", p.Lower, p.Upper)
			}
			rows[k][i] = cell
		}
	}
	for _, k := range order {
		fmt.Fprintf(tw, "%s\t%d\t%s\t\n", k.school, k.grade, strings.Join(rows[k], "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s:\n", tr("cli.forecast.ratios", "Ratios used"))
	tw = newTabWriter(w, false)
	for _, r := range res.Ratios {
		fmt.Fprintf(tw, "  %s\t%s\t%.3f\t%s\n", r.School, gradeName(r.Grade), r.Ratio, r.Kind)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if bt != nil {
		fmt.Fprintf(w, "\n%s (%d–%d):\n", tr("cli.forecast.backtest", "Backtest, mean absolute percentage error"), bt.HoldoutYear+1, bt.BaseYear)
		for _, h := range bt.Horizons {
			fmt.Fprintf(w, "  +%d: %s %s  %s %s  %s %s\n", h.Horizon,
				tr("cli.forecast.model", "model"), pct(h.MAPE), tr("cli.forecast.naive", "same as last year"), pct(h.NaiveMAPE),
				tr("cli.forecast.trend", "linear trend"), pct(h.TrendMAPE))
		}
	}
	notes := res.Notes
	if bt != nil {
		notes = append(notes, bt.Notes...)
	}
	for _, n := range notes {
		fmt.Fprintln(w, "  * "+n)
	}
	return nil
}

func pct(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
}
