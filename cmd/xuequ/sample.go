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
	force := fs.Bool("force", false, "replace the -o file even when it is not a Xuequ project")
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
	lock, err := lockTarget(*out, *force)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	if err := saveTarget(*out, app.NewSession(d, "", nil).Save); err != nil {
		return err
	}
	_, err = io.WriteString(stderr, lang.X("cli.sample.done", "Wrote the sample district to {{.File}}.", map[string]any{"File": *out})+"\n")
	return err
}
