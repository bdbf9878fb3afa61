package main

import (
	"fmt"
	"io"
	"path/filepath"
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
	fs := newFlagSet("export", "P.xuequ.gpkg --map OUT.pdf|OUT.png | --notice OUT.pdf | --ledger OUT.xlsx [options]", stdout)
	mapOut := fs.String("map", "", "write the catchment map (划片公示图) to this .pdf or .png")
	noticeOut := fs.String("notice", "", "write the notice list of each school's zones (划片范围公示名单) to this .pdf")
	ledgerOut := fs.String("ledger", "", "write the ledger of problem schools (台账) and the yearly summary to this .xlsx")
	scenario := fs.String("scenario", "", "export this scenario of the project instead of the base state")
	paper := fs.String("paper", "A4", "paper size: A4 or A3 (maps landscape, the notice portrait)")
	year := fs.Int("year", 0, "school year reported on (default: the last history year; later years use the projection)")
	theme := fs.String("theme", "catchment", "map colours: catchment (each school's 学区) or status (class-size status)")
	stage := fs.String("stage", "primary", "whose catchments the map shows: primary (小学) or junior (初中)")
	dpi := fs.Float64("dpi", 300, "resolution of the map image, dots per inch (72–600)")
	langFlag := fs.String("lang", "", "language of the messages: zh or en (default from LANG); documents are in Chinese")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *mapOut == "" && *noticeOut == "" && *ledgerOut == "" {
		return &usageError{"export: nothing to export: give --map OUT.pdf|OUT.png, --notice OUT.pdf or --ledger OUT.xlsx (see xuequ export -h)"}
	}
	if fs.NArg() == 0 {
		return &usageError{"export: no project file: give P.xuequ.gpkg (xuequ import or xuequ sample writes one)"}
	}
	mapExt := strings.ToLower(filepath.Ext(*mapOut))
	if *mapOut == "-" { // standard output
		mapExt = ".pdf"
	}
	if *mapOut != "" && mapExt != ".pdf" && mapExt != ".png" {
		return &usageError{fmt.Sprintf("export: --map %s: the map is written as .pdf or .png; name the file accordingly", *mapOut)}
	}
	if *noticeOut != "" && *noticeOut != "-" && !strings.EqualFold(filepath.Ext(*noticeOut), ".pdf") {
		return &usageError{fmt.Sprintf("export: --notice %s: the notice list is written as .pdf; name the file accordingly", *noticeOut)}
	}
	if *ledgerOut != "" && *ledgerOut != "-" && !strings.EqualFold(filepath.Ext(*ledgerOut), ".xlsx") {
		return &usageError{fmt.Sprintf("export: --ledger %s: the ledger is written as .xlsx; name the file accordingly", *ledgerOut)}
	}
	p, err := report.ParsePaper(*paper)
	if err != nil {
		return &usageError{"export: --paper: " + err.Error()}
	}
	th, err := report.ParseTheme(*theme)
	if err != nil {
		return &usageError{"export: --theme: " + err.Error()}
	}
	st, ok := model.ParseLevel(*stage)
	if !ok || (st != model.LevelPrimary && st != model.LevelJunior) {
		return &usageError{fmt.Sprintf("export: --stage: unknown stage %q: use primary (小学) or junior (初中)", *stage)}
	}
	if *dpi < 72 || *dpi > 600 {
		return &usageError{fmt.Sprintf("export: --dpi %g: give a resolution from 72 to 600", *dpi)}
	}
	setLanguage(*langFlag)

	in, err := loadInputs(fs.Args(), "", *scenario)
	if err != nil {
		return err
	}
	s := app.NewSessionWithReference(in.Reference, in.District, in.Project, app.Project)
	opt := report.Options{Year: *year, Paper: p}
	mopt := report.MapOptions{Options: opt, Theme: th, Stage: st, DPI: *dpi}

	type job struct {
		path, msgKey, msg string
		write             func(io.Writer) error
	}
	var jobs []job
	if *mapOut != "" {
		write := func(w io.Writer) error { return report.MapPDF(w, s, mopt) }
		if mapExt == ".png" {
			write = func(w io.Writer) error { return report.MapPNG(w, s, mopt) }
		}
		jobs = append(jobs, job{*mapOut, "report.cli.wrote.map", "Wrote the catchment map to {{.File}}.", write})
	}
	if *noticeOut != "" {
		jobs = append(jobs, job{*noticeOut, "report.cli.wrote.notice", "Wrote the notice list to {{.File}}.",
			func(w io.Writer) error { return report.NoticePDF(w, s, opt) }})
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
	return nil
}
