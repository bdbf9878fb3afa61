package main

import (
	"io"

	lang "github.com/xuequ/xuequ/app/i18n"

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
	out := fs.String("o", "", "project file to write (.xuequ.gpkg; - writes it to standard output)")
	force := fs.Bool("force", false, "replace an existing -o file")
	fs.String("lang", "", "language of the messages: zh or en (default from LANG)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return &usageError{tr("cli.err.sample_out", "sample: give the output file with -o P.xuequ.gpkg (- writes it to standard output)")}
	}
	d, _, err := app.LoadSample()
	if err != nil {
		return err
	}
	lock, err := lockOutput(*out, *force)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	if err := saveOutput(*out, stdout, app.NewSession(d, "", nil).Save); err != nil {
		return err
	}
	_, err = io.WriteString(stderr, lang.X("cli.sample.done", "Wrote the sample district to {{.File}}.", map[string]any{"File": outputName(*out)})+"\n")
	return err
}
