package main

import (
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo/ingest"
)

func init() {
	register(&command{
		name:    "import",
		summary: "read schools and zones GeoJSON (+ CSVs) into a new project file",
		run:     runImport,
	})
}

// multiFlag collects a repeatable flag (--map a=b --map c=d).
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func runImport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import", "--schools S.geojson --zones Z.geojson [--history H.csv] [--births B.csv] [--housing D.csv] [--map schools.name=学校名称 ...] -o P.xuequ.gpkg", stdout)
	var opt ingest.ImportOptions
	var maps multiFlag
	fs.StringVar(&opt.Schools, "schools", "", "school sites: GeoJSON points (required)")
	fs.StringVar(&opt.Zones, "zones", "", "residential zones: GeoJSON polygons (required)")
	fs.StringVar(&opt.History, "history", "", "enrollment history CSV: school,year,grade,students[,classes]")
	fs.StringVar(&opt.Births, "births", "", "births CSV: zone,year,births")
	fs.StringVar(&opt.Housing, "housing", "", "new housing CSV: zone,year,dwellings")
	fs.StringVar(&opt.Sheet, "sheet", "", "worksheet of .xlsx tables (default: the first)")
	fs.IntVar(&opt.Year, "year", 0, "school year of a wide history table (one row per school) that has no 年份 column or year in its title")
	fs.StringVar(&opt.Name, "name", "", "district name (default: the zones file's name)")
	fs.StringVar(&opt.CRS, "crs", "", "coordinate system of both GeoJSON files when the file does not say, e.g. EPSG:4547")
	fs.BoolVar(&opt.GCJ02, "gcj02", false, "coordinates carry the GCJ-02 offset (Amap/Tencent); convert to WGS-84")
	fs.Var(&maps, "map", "field mapping override layer.field=源字段, repeatable (e.g. schools.name=学校名称)")
	out := fs.String("o", "", "project file to write (.xuequ.gpkg, required)")
	quiet := fs.Bool("q", false, "print only warnings and errors of the import report")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return &usageError{fmt.Sprintf("import: unexpected argument %q", fs.Arg(0))}
	case opt.Schools == "" || opt.Zones == "":
		return &usageError{"import: --schools and --zones are required"}
	case *out == "":
		return &usageError{"import: give the project file to write with -o P.xuequ.gpkg"}
	}
	opt.Map = maps
	d, rep, err := ingest.Import(opt)
	setLanguage("")
	if rep != nil && len(rep.Issues) > 0 {
		fmt.Fprintln(stderr, tr("cli.import.report", "Import report")+":")
		for _, is := range rep.Issues {
			if *quiet && is.Severity == ingest.Info {
				continue
			}
			fmt.Fprintln(stderr, "  "+issueLine(is))
		}
	}
	if err != nil {
		return err
	}
	if err := app.NewSession(d, "", nil).Save(*out); err != nil {
		return err
	}
	fmt.Fprintln(stderr, lang.X("cli.import.done", "Wrote {{.File}}: {{.Schools}} schools, {{.Zones}} zones, {{.Records}} history records.",
		map[string]any{"File": *out, "Schools": len(d.Schools), "Zones": len(d.Zones), "Records": len(d.History)}))
	return nil
}

// issueLine is is.String() in the CLI language: the severity word, the
// place and the message from assets/i18n/ingest.*.json (English: exactly
// is.String()). Issues without Args keep their English message.
func issueLine(is ingest.Issue) string {
	args := is.LineArgs()
	args["Severity"] = lang.X(is.Severity.Key(), is.Severity.String())
	if is.Code != "" && is.Args != nil {
		args["Message"] = lang.X(is.Key(), is.Message, is.Args)
	}
	return lang.X(ingest.LineKey, is.String(), args)
}
