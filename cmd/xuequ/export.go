package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	lang "github.com/xuequ/xuequ/app/i18n"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/app/report"
	"github.com/xuequ/xuequ/model"
)

func init() {
	register(&command{
		name:    "export",
		summary: "print the catchment map (PDF/PNG), the 划片 notice list (PDF) or the 台账 ledger (xlsx)",
		run:     runExport,
	})
}

func runExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", "P.xuequ.gpkg --map OUT.pdf|OUT.png|OUT.svg | --notice OUT.pdf|OUT.xlsx | --ledger OUT.xlsx | --catchments OUT | --zones OUT [options]", stdout)
	mapOut := fs.String("map", "", "write the catchment map (划片示意图) to this .pdf, .png or .svg")
	noticeOut := fs.String("notice", "", "write the notice list of each school's zones (划片范围公示名单) to this .pdf or .xlsx")
	ledgerOut := fs.String("ledger", "", "write the ledger of problem schools (台账) and the yearly summary to this .xlsx")
	scenario := fs.String("scenario", "", "export this scenario of the project instead of the base state")
	paper := fs.String("paper", "A4", "paper size: A4 or A3 (maps landscape, the notice portrait)")
	year := fs.Int("year", 0, "school year reported on (default: the last history year; later years use the projection)")
	theme := fs.String("theme", "catchment", "map colours: catchment (each school's 学区) or status (class-size status)")
	stage := fs.String("stage", "primary", "whose catchments the map shows: primary (小学) or junior (初中)")
	dpi := fs.Float64("dpi", 300, "resolution of a PNG map, dots per inch (72–600); PDF and SVG maps are vector")
	docFlags := addDocFlags(fs)
	langFlag := fs.String("lang", "", "language of the messages: zh or en (default from LANG); documents are in Chinese")
	layers := addLayerFlags(fs) // --catchments, --zones, --encoding: export_layers.go
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *mapOut == "" && *noticeOut == "" && *ledgerOut == "" && !layers.any() {
		return usagef("cli.usage.export.nothing", "export: nothing to export: give --map OUT.pdf|OUT.png, --notice OUT.pdf or --ledger OUT.xlsx (see xuequ export -h)", nil)
	}
	if fs.NArg() == 0 {
		return usagef("cli.usage.export.project", "export: no project file: give P.xuequ.gpkg (xuequ import or xuequ sample writes one)", nil)
	}
	mapExt := strings.ToLower(filepath.Ext(*mapOut))
	if *mapOut == "-" { // standard output
		mapExt = ".pdf"
	}
	if *mapOut != "" && mapExt != ".pdf" && mapExt != ".png" && mapExt != ".svg" {
		return usagef("cli.usage.export.map_ext", "export: --map {{.File}}: the map is written as .pdf, .png or .svg; name the file accordingly", map[string]any{"File": *mapOut})
	}
	noticeExt := strings.ToLower(filepath.Ext(*noticeOut))
	if *noticeOut == "-" { // standard output
		noticeExt = ".pdf"
	}
	if *noticeOut != "" && noticeExt != ".pdf" && noticeExt != ".xlsx" {
		return usagef("cli.usage.export.notice_ext", "export: --notice {{.File}}: the notice list is written as .pdf or .xlsx; name the file accordingly", map[string]any{"File": *noticeOut})
	}
	if *ledgerOut != "" && *ledgerOut != "-" && !strings.EqualFold(filepath.Ext(*ledgerOut), ".xlsx") {
		return usagef("cli.usage.export.ledger_ext", "export: --ledger {{.File}}: the ledger is written as .xlsx; name the file accordingly", map[string]any{"File": *ledgerOut})
	}
	p, err := report.ParsePaper(*paper)
	if err != nil {
		return usagef("cli.usage.export.paper", "export: --paper: unknown paper size {{.Value}}: use A4 or A3", map[string]any{"Value": strconv.Quote(*paper)})
	}
	th, err := report.ParseTheme(*theme)
	if err != nil {
		return usagef("cli.usage.export.theme", "export: --theme: unknown map theme {{.Value}}: use catchment or status", map[string]any{"Value": strconv.Quote(*theme)})
	}
	st, ok := model.ParseLevel(*stage)
	if !ok || (st != model.LevelPrimary && st != model.LevelJunior) {
		return usagef("cli.usage.export.stage", "export: --stage: unknown stage {{.Value}}: use primary (小学) or junior (初中)", map[string]any{"Value": strconv.Quote(*stage)})
	}
	if *dpi < 72 || *dpi > 600 {
		return usagef("cli.usage.export.dpi", "export: --dpi {{.Value}}: give a resolution from 72 to 600", map[string]any{"Value": strconv.FormatFloat(*dpi, 'g', -1, 64)})
	}
	if err := docFlags.check(); err != nil {
		return err
	}
	setLanguage(*langFlag)
	if err := layers.check(); err != nil {
		return err
	}

	in, err := loadInputs(fs.Args(), "", *scenario)
	if err != nil {
		return err
	}
	// The scenario as the GUI shows it, timeline included (计划销号年份).
	s, err := app.OpenProject(in.Project, app.Project)
	if err == nil {
		err = s.SwitchScenario(*scenario)
	}
	if err != nil {
		return err
	}
	opt := docFlags.options(report.Options{Year: *year, Paper: p}, s.Settings())
	mopt := report.MapOptions{Options: opt, Theme: th, Stage: st, DPI: *dpi, Portrait: docFlags.portrait()}

	type job struct {
		path, msgKey, msg string
		write             func(io.Writer) error
	}
	var jobs []job
	if *mapOut != "" {
		jobs = append(jobs, job{*mapOut, "report.cli.wrote.map", "Wrote the catchment map to {{.File}}.", mapWriter(mapExt, s, mopt)})
	}
	if *noticeOut != "" {
		jobs = append(jobs, job{*noticeOut, "report.cli.wrote.notice", "Wrote the notice list to {{.File}}.",
			noticeWriter(noticeExt, s, opt)})
	}
	if *ledgerOut != "" {
		jobs = append(jobs, job{*ledgerOut, "report.cli.wrote.ledger", "Wrote the ledger to {{.File}}.",
			func(w io.Writer) error { return report.LedgerXLSX(w, s, opt) }})
	}
	for _, j := range jobs {
		if err := writeOutput(j.path, stdout, j.write); err != nil {
			return err
		}
		fmt.Fprintln(stderr, lang.X(j.msgKey, j.msg, map[string]any{"File": outputName(j.path)}))
	}
	return layers.write(s, *year, stderr)
}

// docFlags are the export flags of the printed documents' fields.
type docFlags struct {
	intake      *int
	orientation *string
}

func addDocFlags(fs *flag.FlagSet) *docFlags {
	return &docFlags{
		intake:      fs.Int("intake", 0, "autumn intake the map and notice announce (招生年份; default: next autumn)"),
		orientation: fs.String("orientation", "landscape", "map orientation: landscape or portrait"),
	}
}

func (f *docFlags) check() error {
	if o := strings.ToLower(*f.orientation); o != "landscape" && o != "portrait" {
		return usagef("cli.usage.export.orientation", "export: --orientation {{.Value}}: use landscape or portrait", map[string]any{"Value": strconv.Quote(*f.orientation)})
	}
	if *f.intake != 0 && (*f.intake < 1900 || *f.intake > 2200) {
		return usagef("cli.usage.export.intake", "export: --intake {{.Value}}: give a year such as 2026", map[string]any{"Value": *f.intake})
	}
	return nil
}

func (f *docFlags) portrait() bool { return strings.EqualFold(*f.orientation, "portrait") }

// options adds the intake year and the project's document settings
// (issuer, 数据来源, 审图号, phone, 公示期) to opt.
func (f *docFlags) options(opt report.Options, settings map[string]string) report.Options {
	opt.Intake = *f.intake
	opt.Doc = report.DocInfoFromSettings(settings)
	return opt
}

// mapWriter writes the map in the format of its extension.
func mapWriter(ext string, s *app.Session, opt report.MapOptions) func(io.Writer) error {
	switch ext {
	case ".png":
		return func(w io.Writer) error { return report.MapPNG(w, s, opt) }
	case ".svg":
		return func(w io.Writer) error { return report.MapSVG(w, s, opt) }
	}
	return func(w io.Writer) error { return report.MapPDF(w, s, opt) }
}

// noticeWriter writes the notice list in the format of its extension.
func noticeWriter(ext string, s *app.Session, opt report.Options) func(io.Writer) error {
	if ext == ".xlsx" {
		return func(w io.Writer) error { return report.NoticeXLSX(w, s, opt) }
	}
	return func(w io.Writer) error { return report.NoticePDF(w, s, opt) }
}
