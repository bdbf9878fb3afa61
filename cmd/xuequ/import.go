package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	lang "github.com/xuequ/xuequ/app/i18n"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
)

func init() {
	register(&command{
		name:    "import",
		summary: "read schools and zones (Shapefile, GeoPackage, KML/KMZ, GeoJSON) and tables (CSV, xlsx) into a new project file",
		run:     runImport,
	})
}

// multiFlag collects a repeatable flag (--map a=b --map c=d).
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func runImport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import", "--schools S.shp|.geojson|.kml|.kmz|.gpkg|.zip --zones Z.shp|… [--history H.csv|.xlsx] [--births B.csv|.xlsx] [--housing D.csv|.xlsx] [--resources R.csv|.xlsx] [--map schools.name=学校名称 ...] [--map-value zones.primary_school=城关一小=城关镇第一小学 ...] -o P.xuequ.gpkg", stdout)
	var opt ingest.ImportOptions
	var maps, values multiFlag
	fs.StringVar(&opt.Schools, "schools", "", "school sites: points as Shapefile (.shp or .zip), GeoPackage, KML/KMZ or GeoJSON (required)")
	fs.StringVar(&opt.Zones, "zones", "", "residential zones: polygons as Shapefile (.shp or .zip), GeoPackage, KML/KMZ or GeoJSON (required)")
	fs.StringVar(&opt.SchoolsLayer, "schools-layer", "", "layer of a multi-layer schools file (GeoPackage table, Shapefile in a .zip, KML folder)")
	fs.StringVar(&opt.ZonesLayer, "zones-layer", "", "layer of a multi-layer zones file")
	fs.StringVar(&opt.History, "history", "", "enrollment history, CSV or .xlsx: school,year,grade,students[,classes], or one row per school with 一年级…九年级 columns")
	fs.StringVar(&opt.Births, "births", "", "births, CSV or .xlsx: zone,year,births")
	fs.StringVar(&opt.Housing, "housing", "", "new housing, CSV or .xlsx: zone,year,dwellings")
	resources := fs.String("resources", "", "school resources, CSV or .xlsx: school,year,teachers,teachers_qualified,… (专任教师数, 教学及辅助用房面积 …)")
	fs.StringVar(&opt.Sheet, "sheet", "", "worksheet of the .xlsx tables (default: the first)")
	fs.Var(&values, "map-value", "replace a value that matches nothing: layer.field=value=replacement, repeatable (zones.primary_school=城关一小=城关镇第一小学, schools.level=K-8=nine_year)")
	valueMap := fs.String("value-map", "", "value replacements from a CSV (field,value,replacement) or from a project file's saved value map")
	fs.IntVar(&opt.Year, "year", 0, "school year of a wide history table (one row per school) that has no 年份 column or year in its title")
	fs.StringVar(&opt.Name, "name", "", "district name (default: the zones file's name)")
	fs.StringVar(&opt.CRS, "crs", "", "coordinate system of both GeoJSON files when the file does not say, e.g. EPSG:4547")
	fs.BoolVar(&opt.GCJ02, "gcj02", false, "coordinates carry the GCJ-02 offset (Amap/Tencent); convert to WGS-84")
	fs.Var(&maps, "map", "field mapping override layer.field=源字段, repeatable (e.g. schools.name=学校名称)")
	out := fs.String("o", "", "project file to write (.xuequ.gpkg, required; - writes it to standard output)")
	quiet := fs.Bool("q", false, "print only warnings and errors of the import report")
	force := fs.Bool("force", false, "replace an existing -o project (never one of the inputs)")
	format := fs.String("format", "", "format of the input given as - (standard input): geojson, kml, kmz, zip, gpkg, csv or xlsx (default: told from the content)")
	fs.String("lang", "", "language of the messages and the report: zh or en (default from LANG)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return &usageError{tr("cli.err.unexpected_arg", "{{.Cmd}}: unexpected argument {{.Arg}}", map[string]any{"Cmd": "import", "Arg": strconv.Quote(fs.Arg(0))})}
	case opt.Schools == "" || opt.Zones == "":
		return &usageError{tr("cli.err.import_inputs", "import: --schools and --zones are required")}
	case *out == "":
		return &usageError{tr("cli.err.import_out", "import: give the project file to write with -o P.xuequ.gpkg (- writes it to standard output)")}
	}
	opt.Map, opt.MapValue = maps, values
	// The project file stays locked from here until after the save's
	// rename: a second writer is refused, never silently overwritten.
	lock, err := lockOutput(*out, *force, opt.Schools, opt.Zones, opt.History, opt.Births, opt.Housing, *valueMap, *resources)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	tmp, cleanup, err := stdinInput(&opt, *format)
	if err != nil {
		return err
	}
	defer cleanup()
	if *valueMap != "" {
		vm, err := readValueMap(*valueMap)
		if err != nil {
			return err
		}
		opt.Values = vm
	}
	defer importMemory()()
	d, rep, err := ingest.Import(opt)
	importRead()
	if err == nil && *resources != "" {
		var rrep *ingest.Report
		d.Resources, rrep, err = readResourcesFile(*resources, opt.Sheet, d)
		rep.Merge(rrep)
	}
	if rep != nil {
		header := false
		for _, is := range rep.Issues {
			if *quiet && is.Severity == ingest.Info {
				continue
			}
			if !header {
				fmt.Fprintln(stderr, tr("cli.import.report", "Import report")+":")
				header = true
			}
			fmt.Fprintln(stderr, "  "+stdinName(issueLine(is), tmp))
		}
	}
	if err != nil {
		return errStdin(err, tmp)
	}
	sess := app.NewSession(d, "", nil)
	used, _ := opt.Values.With(opt.MapValue) // Import has accepted them
	sess.SetImportRecord(rep, used)
	if err := saveOutput(*out, stdout, sess.Save); err != nil {
		return err
	}
	printUnassigned(stderr, d)
	fmt.Fprintln(stderr, lang.X("cli.import.done", "Wrote {{.File}}: {{.Schools}} schools, {{.Zones}} zones, {{.Records}} history records.",
		map[string]any{"File": outputName(*out), "Schools": len(d.Schools), "Zones": len(d.Zones), "Records": len(d.History)}))
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

// stdinInput replaces the one input of opt given as "-" by a temporary
// copy of standard input (format from --format or the content); tmp is
// its path, for messages to say "-" instead.
func stdinInput(opt *ingest.ImportOptions, format string) (tmp string, cleanup func(), err error) {
	cleanup = func() {}
	for _, p := range []*string{&opt.Schools, &opt.Zones, &opt.History, &opt.Births, &opt.Housing} {
		if *p != "-" {
			continue
		}
		if tmp != "" {
			return "", cleanup, &usageError{tr("cli.err.stdin_twice", "only one input can be - (standard input)")}
		}
		if tmp, cleanup, err = stdinFile(format); err != nil {
			return "", func() {}, err
		}
		*p = tmp
	}
	if opt.Name == "" && opt.Zones == tmp && tmp != "" {
		opt.Name = "stdin"
	}
	return tmp, cleanup, nil
}

// readValueMap reads --value-map: a project file's saved value map, or a
// CSV with columns field,value,replacement.
func readValueMap(path string) (ingest.ValueMap, error) {
	if strings.HasSuffix(strings.ToLower(path), ".gpkg") {
		p, _, err := store.Open(path)
		if err != nil {
			return nil, err
		}
		return p.ValueMap, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &model.InputError{File: path, Msg: tr("cli.err.read", "cannot read the file: {{.Err}}", map[string]any{"Err": unwrapPathError(err).Error()})}
	}
	return ingest.ReadValueMap(path, data)
}

// printUnassigned says how many zones the import left without a school
// per stage, so that a file whose references did not resolve never passes
// as a finished project.
func printUnassigned(w io.Writer, d *model.District) {
	var primary, junior int
	for i := range d.Zones {
		if d.Zones[i].PrimarySchool == "" {
			primary++
		}
		if d.Zones[i].JuniorSchool == "" {
			junior++
		}
	}
	if primary+junior == 0 {
		return
	}
	fmt.Fprintln(w, lang.X("cli.import.unassigned", "Zones without a catchment school: {{.Primary}} of {{.Zones}} (primary), {{.Junior}} of {{.Zones}} (junior) — they show as 未划片; see the report above.",
		map[string]any{"Primary": primary, "Junior": junior, "Zones": len(d.Zones)}))
}
