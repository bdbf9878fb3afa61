package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/xuequ/xuequ/geo/ingest"
	"io"
	"strconv"
	"strings"

	lang "github.com/xuequ/xuequ/app/i18n"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/forecast"
)

func init() {
	register(&command{
		name:    "analyze",
		summary: "class sizes, 大班额/超大班额, seats and 大校额 for one year",
		run:     runAnalyze,
	})
}

func runAnalyze(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("analyze", "P.xuequ.gpkg | --history H.csv [--year Y] [--json]", stdout)
	history := fs.String("history", "", "enrollment history CSV (school,year,grade,students[,classes]) instead of a project file")
	year := fs.Int("year", 0, "school year to analyse (default: the last year of the history; without history the current school year)")
	scenario := fs.String("scenario", "", "analyse this scenario of the project instead of the base state")
	asJSON := fs.Bool("json", false, "print one JSON document (DESIGN.md §7)")
	langFlag := fs.String("lang", "", "language of the table: zh or en (default from LANG)")
	sheet := fs.String("sheet", "", "worksheet of an .xlsx history (default: the first)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// --year also dates a wide history table that has no year of its own.
	in, err := loadTableInputs(fs.Args(), *history, ingest.TableOptions{Sheet: *sheet, Year: *year}, *scenario)
	if err != nil {
		return err
	}
	d := in.District
	if *year == 0 {
		*year = app.DefaultYear(d)
	}
	a, err := analyzeYear(in, *year)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		doc := analysisJSON(a)
		addPlanningBlocks(&doc, in, *year) // 学前 and 配套 (analyze_planning.go)
		return enc.Encode(doc)
	}
	setLanguage(*langFlag)
	if err := printAnalysis(stdout, a, d.Standards.OrDefault()); err != nil {
		return err
	}
	return printPlanning(stdout, in, *year) // 学前 and 配套 (analyze_planning.go)
}

// analyzeYear analyses one year of the input: history, the projection
// past it (forecast.District, as the GUI), or an estimate from the
// catchment zones for a project without history. The schools' seats are
// those in force that year along the scenario's timeline.
func analyzeYear(in *inputs, year int) (model.Analysis, error) {
	d := in.District
	first, last := d.Years()
	switch {
	case len(d.History) == 0 && in.Project == "":
		return model.Analysis{}, errors.New(tr("cli.err.no_history_analyse", "{{.Name}}: no enrollment history to analyse: import one with --history H.csv", map[string]any{"Name": in.Name}))
	case len(d.History) == 0:
		// GIS layers only: pupils estimated from the catchment zones.
		return model.AnalyzeEstimate(d.Schools, d.Zones, year, d.Standards), nil
	case year < first || year > last:
		if in.Project == "" {
			return model.Analysis{}, errors.New(tr("cli.err.no_records_year", "{{.Name}}: no records for year {{.Year}} (the history covers {{.First}}–{{.Last}})", map[string]any{"Name": in.Name, "Year": year, "First": first, "Last": last}))
		}
		res, err := projectFor(in, year-last)
		if err != nil {
			return model.Analysis{}, err
		}
		at := res.At(year)
		return model.Analyze(at.Schools, res.Records, year, at.Standards), nil
	}
	at := (&forecast.DistrictResult{Steps: in.Steps}).At(year)
	return model.Analyze(at.Schools, d.History, year, at.Standards), nil
}

type analyzeDoc struct {
	Year    int         `json:"year"`
	Schools []schoolDoc `json:"schools"`
	Summary summaryDoc  `json:"summary"`
	// Estimated: the project has no enrollment history and every pupil
	// figure is estimated from the catchment zones (model.AnalyzeEstimate).
	Estimated bool `json:"estimated"`
	// Preschool (学前) and Estates (配套学校): see analyze_planning.go.
	Preschool *preschoolDoc `json:"preschool"`
	Estates   []estateDoc   `json:"estates"`
}

type schoolDoc struct {
	School   string `json:"school"`
	Name     string `json:"name"`
	Level    string `json:"level"`
	Students int    `json:"students"`
	Classes  int    `json:"classes"`
	// Capacity and SeatGap stay numbers (the §7 shape) and are 0 when the
	// capacity is unknown: read capacity_known before using them.
	Capacity        int        `json:"capacity"`
	SeatGap         int        `json:"seat_gap"`
	ClassesNeeded   int        `json:"classes_needed"`
	OversizedSchool bool       `json:"oversized_school"`
	SmallSchool     bool       `json:"small_school"`
	Grades          []gradeDoc `json:"grades"`
	// Added for projects without history or capacity: Estimated (pupils
	// estimated from the catchment zones), CapacityKnown, CapacitySource
	// (model.CapacitySource: explicit, classes, classrooms_estimate,
	// unknown) and CapacityEstimated (seats from classrooms × standard).
	Estimated         bool   `json:"estimated"`
	CapacityKnown     bool   `json:"capacity_known"`
	CapacitySource    string `json:"capacity_source"`
	CapacityEstimated bool   `json:"capacity_estimated"`
	// Kindergarten is the school's kindergarten apart (grades −2…0).
	Kindergarten *kindergartenDoc `json:"kindergarten,omitempty"`
}

// kindergartenDoc is a school's (or the district's) kindergarten, apart
// from the K–9 figures: seat_gap = students − seats, positive = shortage.
type kindergartenDoc struct {
	Students      int `json:"students"`
	Classes       int `json:"classes"`
	ClassesNeeded int `json:"classes_needed"`
	Seats         int `json:"seats"`
	SeatGap       int `json:"seat_gap"`
}

func kindergartenJSON(k *model.StageResult) *kindergartenDoc {
	if k == nil {
		return nil
	}
	return &kindergartenDoc{Students: k.Students, Classes: k.Classes, ClassesNeeded: k.ClassesNeeded, Seats: k.Seats, SeatGap: k.SeatGap}
}

type gradeDoc struct {
	Grade            int    `json:"grade"`
	Students         int    `json:"students"`
	Classes          int    `json:"classes"`
	ClassesEstimated bool   `json:"classes_estimated,omitempty"`
	ClassSizes       []int  `json:"class_sizes"`
	Status           string `json:"status"`
	ClassesNeeded    int    `json:"classes_needed"`
	// Seats = classes × standard; SeatGap = students − seats.
	Seats   int `json:"seats"`
	SeatGap int `json:"seat_gap"`
}

type summaryDoc struct {
	Classes         int     `json:"classes"`
	OverStandard    int     `json:"over_standard"`
	Large           int     `json:"large"`
	VeryLarge       int     `json:"very_large"`
	LargeShare      float64 `json:"large_share"`
	TargetMet       bool    `json:"target_met"`
	Students        int     `json:"students"`
	Capacity        int     `json:"capacity"`
	SeatShortage    int     `json:"seat_shortage"`
	OversizedSchool int     `json:"oversized_schools"`
	SmallSchool     int     `json:"small_schools"`
	// CapacityUnknown counts the schools of unknown capacity (left out of
	// capacity and seat_shortage); CapacityEstimated those whose seats are
	// estimated from classrooms.
	CapacityUnknown   int `json:"capacity_unknown"`
	CapacityEstimated int `json:"capacity_estimated"`
	// Kindergarten totals the kindergartens apart (seat_gap = Σ shortages).
	Kindergarten kindergartenDoc `json:"kindergarten"`
}

func analysisJSON(a model.Analysis) analyzeDoc {
	doc := analyzeDoc{Year: a.Year, Schools: make([]schoolDoc, 0, len(a.Schools)), Estimated: a.Estimated}
	for _, r := range a.Schools {
		sd := schoolDoc{
			School: r.School, Name: r.Name, Level: r.Level.String(), Students: r.Students,
			Classes: r.Classes, ClassesNeeded: r.ClassesNeeded,
			OversizedSchool: r.OversizedSchool, SmallSchool: r.SmallSchool,
			Grades:    make([]gradeDoc, 0, len(r.Grades)),
			Estimated: r.StudentsEstimated, CapacityKnown: r.CapacitySource.Known(),
			CapacitySource: r.CapacitySource.String(), CapacityEstimated: r.CapacitySource.Estimated(),
			Kindergarten: kindergartenJSON(r.Kindergarten),
		}
		if r.CapacitySource.Known() {
			sd.Capacity, sd.SeatGap = r.Capacity, r.SeatGap
		}
		for _, g := range r.Grades {
			sizes := g.ClassSizes
			if sizes == nil {
				sizes = []int{}
			}
			sd.Grades = append(sd.Grades, gradeDoc{
				Grade: int(g.Grade), Students: g.Students, Classes: g.Classes, ClassesEstimated: g.ClassesEstimated,
				ClassSizes: sizes, Status: g.Status.String(), ClassesNeeded: g.ClassesNeeded,
				Seats: g.Seats, SeatGap: g.SeatGap,
			})
		}
		doc.Schools = append(doc.Schools, sd)
	}
	s := a.Summary
	doc.Summary = summaryDoc{
		Classes: s.Classes, OverStandard: s.OverStandard, Large: s.Large, VeryLarge: s.VeryLarge,
		LargeShare: s.LargeShare, TargetMet: s.TargetMet, Students: s.Students, Capacity: s.Capacity,
		SeatShortage: s.SeatShortage, OversizedSchool: s.OversizedSchool, SmallSchool: s.SmallSchool,
		CapacityUnknown: s.CapacityUnknown, CapacityEstimated: s.CapacityEstimated,
		Kindergarten: *kindergartenJSON(&s.Kindergarten),
	}
	return doc
}

// printAnalysis writes the human-readable report: one row per school, the
// grades that break the rules, and the district summary.
func printAnalysis(w io.Writer, a model.Analysis, std model.Standards) error {
	fmt.Fprintf(w, "%s %d\n", tr("cli.analyze.title", "Class-size analysis"), a.Year)
	if a.Estimated {
		fmt.Fprintln(w, tr("cli.analyze.estimated", "Estimated: the project has no enrollment history; pupils are "+
			"estimated from the catchment zones' school-age children (or population × school-age share), classes at standard size."))
	}
	fmt.Fprintln(w)
	tw := newTabWriter(w, false)
	fmt.Fprintln(tw, strings.Join([]string{
		tr("cli.col.school", "School"), tr("cli.col.level", "Level"), tr("cli.col.students", "Pupils"),
		tr("cli.col.classes", "Classes"), tr("cli.col.capacity", "Seats"), tr("cli.col.gap", "Seat gap"),
		tr("cli.col.worst", "Worst class"), tr("cli.col.flags", "Flags"),
	}, "\t"))
	for _, r := range a.Schools {
		r = r.Row() // a kindergarten shows its own stage
		var flags []string
		if r.OversizedSchool {
			flags = append(flags, tr("cli.flag.oversized", "oversized school"))
		}
		if r.SmallSchool {
			flags = append(flags, tr("cli.flag.small", "small school"))
		}
		for _, g := range r.Grades {
			if g.Status >= model.StatusLarge {
				flags = append(flags, fmt.Sprintf("%s %v", gradeName(g.Grade), g.ClassSizes))
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Name, levelName(r.Level),
			estimatedIf(strconv.Itoa(r.Students), r.StudentsEstimated), estimatedIf(strconv.Itoa(r.Classes), r.StudentsEstimated),
			seatsText(r), gapText(r), statusName(r.Worst()), strings.Join(flags, "; "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	s := a.Summary
	verdict := tr("cli.summary.missed", "target missed")
	if s.TargetMet {
		verdict = tr("cli.summary.met", "target met")
	}
	_, err := fmt.Fprintf(w, "\n%s: %d  %s: %d  %s: %d  %s: %d\n%s: %.1f%% (%s < %.0f%%: %s)\n%s: %d  %s: %d  %s: %d\n",
		tr("cli.summary.classes", "Classes"), s.Classes,
		tr("cli.status.over_standard", "over standard"), s.OverStandard,
		tr("cli.status.large", "large (56–65)"), s.Large,
		tr("cli.status.very_large", "very large (66+)"), s.VeryLarge,
		tr("cli.summary.share", "Large-class share"), 100*s.LargeShare,
		tr("cli.summary.target", "target"), 100*std.LargeShareTarget, verdict,
		tr("cli.summary.oversized", "Oversized schools"), s.OversizedSchool,
		tr("cli.summary.small", "Small schools"), s.SmallSchool,
		tr("cli.summary.shortage", "Seat shortage"), s.SeatShortage)
	if k := s.Kindergarten; err == nil && k.Students > 0 {
		// Kindergarten is its own stage: apart from the K–9 figures above.
		_, err = fmt.Fprintln(w, lang.X("cli.summary.kindergarten", "幼儿园（不计入以上义务教育数字）：在园幼儿 {{.Students}}，班数 {{.Classes}}，"+
			"学位 {{.Seats}}，学位缺口 {{.Gap}}", map[string]any{"Students": k.Students, "Classes": k.Classes, "Seats": k.Seats, "Gap": k.SeatGap}))
	}
	if err == nil && (s.CapacityUnknown > 0 || s.CapacityEstimated > 0) {
		_, err = fmt.Fprintln(w, lang.X("cli.summary.capacity", "Schools of unknown capacity: {{.Unknown}} (left out of seats and "+
			"seat gaps); seats estimated from classrooms: {{.Estimated}}",
			map[string]any{"Unknown": s.CapacityUnknown, "Estimated": s.CapacityEstimated}))
	}
	return err
}

// estimatedIf marks text as an estimate (估算) when estimated.
func estimatedIf(text string, estimated bool) string {
	if !estimated {
		return text
	}
	return lang.X("cli.estimated", "{{.V}} (est.)", map[string]any{"V": text})
}

// seatsText is a school's seats, "unknown" when the source gave none and
// marked estimated when counted from classrooms.
func seatsText(r model.SchoolResult) string {
	if !r.CapacitySource.Known() {
		return tr("cli.unknown", "unknown")
	}
	return estimatedIf(strconv.Itoa(r.Capacity), r.CapacitySource.Estimated())
}

// gapText is a school's seat gap (signed), "unknown" when its seats are.
func gapText(r model.SchoolResult) string {
	if !r.CapacitySource.Known() {
		return tr("cli.unknown", "unknown")
	}
	return estimatedIf(fmt.Sprintf("%+d", r.SeatGap), r.CapacitySource.Estimated() || r.StudentsEstimated)
}
