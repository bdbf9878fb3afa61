package main

import (
	"io"

	"fyne.io/fyne/v2/lang"

	"github.com/xuequ/xuequ/app"
)

func init() {
	register(&command{
		name:    "sample",
		summary: "write the embedded sample district as a project file",
		run:     runSample,
	})
}

func runSample(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sample", "-o P.xuequ.gpkg", stdout)
	out := fs.String("o", "", "project file to write (.xuequ.gpkg)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return &usageError{"sample: give the output file with -o P.xuequ.gpkg"}
	}
	d, _, err := app.LoadSample()
	if err != nil {
		return err
	}
	if err := app.NewSession(d, "", nil).Save(*out); err != nil {
		return err
	}
	setLanguage("")
	_, err = io.WriteString(stderr, lang.X("cli.sample.done", "Wrote the sample district to {{.File}}.", map[string]any{"File": *out})+"\n")
	return err
}
