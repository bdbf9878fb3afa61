package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
)

// readResourcesFile reads a resources table (--resources R) and matches
// its schools to d's by id or name (a bare --history district has only
// the ids the history uses, which then match as they are).
func readResourcesFile(path, sheet string, d *model.District) ([]model.Resources, *ingest.Report, error) {
	data, err := readInputFile(path, "resources")
	if err != nil {
		return nil, nil, err
	}
	rows, rep, err := ingest.ReadResources(path, data, ingest.TableOptions{Sheet: sheet})
	if err != nil || len(d.Schools) == 0 {
		return rows, rep, err
	}
	rows, rrep := ingest.ResolveResources(rows, d.Schools)
	rep.Merge(rrep)
	return rows, rep, nil
}

// loadResources adds --resources to the input's district: the table
// replaces the project's resources when given. Rows of schools that match
// none are left out and said on stderr.
func loadResources(in *inputs, path, sheet string, stderr io.Writer) error {
	if path == "" {
		return nil
	}
	rows, rep, err := readResourcesFile(path, sheet, in.District)
	if err != nil {
		return err
	}
	for _, is := range rep.Issues {
		if is.Severity == ingest.Error || is.Severity == ingest.Warning {
			fmt.Fprintln(stderr, "xuequ: "+issueLine(is))
		}
	}
	in.District.Resources = rows
	return nil
}

// analysisFor returns the class-size analysis of year: history, estimate
// (no history) or projection (a later year of a project).
func analysisFor(in *inputs, year int) (model.Analysis, error) {
	d := in.District
	first, last := d.Years()
	switch {
	case len(d.History) == 0:
		return model.AnalyzeEstimate(d.Schools, d.Zones, year, d.Standards), nil
	case year >= first && year <= last:
		return model.Analyze(d.Schools, d.History, year, d.Standards), nil
	case year < first || in.Project == "":
		return model.Analysis{}, &model.InputError{File: in.Name, Field: "year",
			Msg: tr("cli.err.resources_year", "no records for year {{.Year}} (the history covers {{.First}}–{{.Last}}); give a year of the history, or a project file to project later years",
				map[string]any{"Year": year, "First": first, "Last": last})}
	}
	return analyzeYear(in, year) // the projection as analyze and the GUI see it
}

// resourceFlags are the flags staffing and balance share.
type resourceFlags struct {
	history, resources, scenario, sheet, lang *string
	year                                      *int
	asJSON                                    *bool
}

func addResourceFlags(name, usage string, stdout io.Writer) (*flag.FlagSet, *resourceFlags) {
	fs := newFlagSet(name, usage, stdout)
	f := &resourceFlags{
		history:   fs.String("history", "", "enrollment history CSV or .xlsx (school,year,grade,students[,classes]) instead of a project file"),
		resources: fs.String("resources", "", "school resources CSV or .xlsx (school,year,teachers,… or 专任教师数 …); default: the project's"),
		year:      fs.Int("year", 0, "school year (default: the last year of the history; later years are projected from a project file)"),
		scenario:  fs.String("scenario", "", "use this scenario of the project instead of the base state"),
		sheet:     fs.String("sheet", "", "worksheet of the .xlsx tables (default: the first)"),
		asJSON:    fs.Bool("json", false, "print one JSON document"),
		lang:      fs.String("lang", "", "language of the table: zh or en (default from LANG)"),
	}
	return fs, f
}

// loadResourceInputs parses the flags and loads the district, its
// resources and the analysis of the year.
func loadResourceInputs(fs *flag.FlagSet, f *resourceFlags, args []string, stderr io.Writer) (*inputs, error) {
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	setLanguage(*f.lang) // of the messages on the resources table, too
	in, err := loadTableInputs(fs.Args(), *f.history, ingest.TableOptions{Sheet: *f.sheet, Year: *f.year}, *f.scenario)
	if err != nil {
		return nil, err
	}
	if err := loadResources(in, *f.resources, *f.sheet, stderr); err != nil {
		return nil, err
	}
	if *f.year == 0 {
		*f.year = app.DefaultYear(in.District)
	}
	return in, nil
}

// intPtr is &n, for a JSON number that may be null.
func intPtr(n int) *int { return &n }

// writeJSON prints v as one indented JSON document.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// cmpOr is a, or b when a is empty.
func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// runResourceReport runs staffing or balance: the inputs, the year's
// analysis (history, or the projection as analyze sees it), then report's
// document as JSON or its table.
func runResourceReport(name string, args []string, stdout, stderr io.Writer,
	report func(a model.Analysis, d *model.District) (doc any, print func(io.Writer) error)) error {
	fs, f := addResourceFlags(name, "P.xuequ.gpkg | --history H.csv --resources R.csv [--year Y] [--json]", stdout)
	in, err := loadResourceInputs(fs, f, args, stderr)
	if err != nil {
		return err
	}
	a, err := analysisFor(in, *f.year)
	if err != nil {
		return err
	}
	doc, print := report(a, in.District)
	if *f.asJSON {
		return writeJSON(stdout, doc)
	}
	setLanguage(*f.lang)
	return print(stdout)
}
