package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// Paper is a sheet size. Maps print landscape, the notice list portrait.
type Paper int

const (
	PaperA4 Paper = iota // 210 × 297 mm (the default)
	PaperA3              // 297 × 420 mm
)

// String is the name used on the command line: "A4" or "A3".
func (p Paper) String() string {
	if p == PaperA3 {
		return "A3"
	}
	return "A4"
}

// size returns the short and long side in millimetres.
func (p Paper) size() (short, long float64) {
	if p == PaperA3 {
		return 297, 420
	}
	return 210, 297
}

// ParsePaper reads "A4" or "A3" (any case); "" is A4.
func ParsePaper(s string) (Paper, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "A4":
		return PaperA4, nil
	case "A3":
		return PaperA3, nil
	}
	return PaperA4, fmt.Errorf("unknown paper size %q: use A4 or A3", s)
}

// Theme is what the zone colours of a map mean.
type Theme int

const (
	// ThemeCatchment gives each school's 学区 its own colour, neighbouring
	// catchments different ones, and names the schools: the 划片公示 map.
	ThemeCatchment Theme = iota
	// ThemeStatus colours each zone by the worst class-size status of the
	// school it is assigned to (standard, over standard, 大班额, 超大班额).
	ThemeStatus
)

// String is the name used on the command line.
func (t Theme) String() string {
	if t == ThemeStatus {
		return "status"
	}
	return "catchment"
}

// ParseTheme reads "catchment" or "status"; "" is catchment.
func ParseTheme(s string) (Theme, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "catchment":
		return ThemeCatchment, nil
	case "status", "class_size", "classsize":
		return ThemeStatus, nil
	}
	return ThemeCatchment, fmt.Errorf("unknown map theme %q: use catchment or status", s)
}

// Options are common to every document.
type Options struct {
	// Year is the school year reported on (the year the autumn term
	// starts). 0 uses the session's year. A year past the history is
	// judged on the session's projection.
	Year int
	// Paper is the sheet size (A4 by default).
	Paper Paper
	// Date is printed as the date of the document; zero uses today. PDFs
	// also carry it as their creation date, so a fixed Date gives the
	// same bytes every time.
	Date time.Time
	// Intake is the autumn intake (招生年份) a catchment map or notice
	// announces; 0 is IntakeYear(Date): next autumn.
	Intake int
	// Scenario names the scenario printed; "" is the session's current one
	// (the base plan when that is ""). Any scenario is marked 草案.
	Scenario string
	// Doc is the issuer, data source, 审图号, phone and 公示期 length;
	// zero reads them from the project's settings (DocInfoFromSettings).
	Doc DocInfo
}

// MapOptions choose what a map shows.
type MapOptions struct {
	Options
	Theme Theme
	// Stage is whose catchments are drawn: model.LevelPrimary (default,
	// also for LevelUnknown) or model.LevelJunior. Nine-year schools serve
	// both.
	Stage model.Level
	// DPI is the resolution of the PNG, dots per inch (300 when 0); the
	// PDF and SVG are vector and ignore it.
	DPI float64
	// Portrait prints the map upright; the default is landscape.
	Portrait bool
}

const defaultDPI = 300

// resolve fills the defaults that depend on the session.
func (o Options) resolve(s *app.Session) Options {
	if o.Year == 0 {
		o.Year = s.Year()
	}
	if o.Year == 0 { // a session never has year 0; a title must not say 0年
		o.Year = app.DefaultYear(s.District())
	}
	if o.Date.IsZero() {
		o.Date = time.Now()
	}
	if o.Intake == 0 {
		o.Intake = IntakeYear(o.Date)
	}
	if o.Scenario == "" {
		o.Scenario = s.CurrentScenario()
	}
	if o.Doc == (DocInfo{}) {
		o.Doc = DocInfoFromSettings(s.Settings())
	}
	return o
}

func (o MapOptions) resolve(s *app.Session) MapOptions {
	o.Options = o.Options.resolve(s)
	if o.Stage != model.LevelJunior {
		o.Stage = model.LevelPrimary
	}
	if !(o.DPI > 0) {
		o.DPI = defaultDPI
	}
	return o
}

// checkYear refuses a year the session has no data for, with the range it
// does have.
func checkYear(s *app.Session, year int) error {
	if !s.HasHistory() {
		return nil // no history: pupils are estimated for any year; maps and notices still make sense
	}
	first, last := s.YearRange()
	if year < first || year > last {
		return &model.InputError{File: nameOf(s), Field: "year",
			Msg: fmt.Sprintf("no data for %d: the project covers %d–%d (history and projection); choose a year in that range", year, first, last)}
	}
	return nil
}

func nameOf(s *app.Session) string {
	if p := s.Path(); p != "" {
		return p
	}
	if n := s.District().Name; n != "" {
		return n
	}
	return "project"
}

// dataKind is how a year's figures were obtained, as printed: 实际
// (history), 预测 (projected) or 估算 (estimated from the catchment zones,
// a project without history).
func dataKind(s *app.Session, year int) string {
	switch {
	case !s.HasHistory():
		return "估算"
	case s.Projected(year):
		return "预测"
	}
	return "实际"
}

// chineseDate formats a date as 2025年11月23日.
func chineseDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// stageName is 小学 or 初中.
func stageName(stage model.Level) string {
	if stage == model.LevelJunior {
		return "初中"
	}
	return "小学"
}

// servesStage reports whether a school of level l takes pupils of the
// stage: a nine-year school serves both; an unknown level is given the
// benefit of the doubt.
func servesStage(l, stage model.Level) bool {
	switch l {
	case model.LevelUnknown, model.LevelNineYear:
		return true
	}
	return l == stage
}
