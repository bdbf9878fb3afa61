package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
)

// newFlagSet returns a flag set for a subcommand whose parse errors become
// usage errors and whose -h prints usage to stdout, in the CLI language.
func newFlagSet(name, usage string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	flagSetsMu.Lock()
	flagSets = append(flagSets, fs)
	flagSetsMu.Unlock()
	fs.Usage = func() {
		cmd := "xuequ " + name
		if name == "xuequ" { // the GUI's own flags
			cmd = name
		}
		fmt.Fprintln(stdout, tr("cli.usage.line", "Usage: {{.Cmd}} {{.Args}}", map[string]any{"Cmd": cmd, "Args": usage}))
		fmt.Fprintln(stdout)
		fmt.Fprintln(stdout, tr("cli.usage.options", "Options:"))
		printDefaults(stdout, fs)
	}
	return fs
}

// flagSets are the flag sets made, for the test that every option's text
// is translated.
var (
	flagSets   []*flag.FlagSet
	flagSetsMu sync.Mutex
)

// printDefaults is flag.PrintDefaults with each flag's text translated
// (key cli.opt.COMMAND.FLAG, the English usage as fallback), plus --lang
// for commands that do not define it (parseFlags accepts it everywhere).
func printDefaults(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  -" + f.Name
		if name != "" {
			line += " " + name
		}
		text := tr("cli.opt."+fs.Name()+"."+f.Name, usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			text += tr("cli.usage.default", " (default {{.V}})", map[string]any{"V": f.DefValue})
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", line, strings.ReplaceAll(text, "\n", "\n    \t"))
	})
	if fs.Lookup("lang") == nil {
		fmt.Fprintf(w, "  -lang string\n    \t%s\n", tr("cli.opt.lang", "language of the messages: zh or en (default from LANG, Chinese otherwise)"))
	}
}

// parseFlags parses args, letting flags follow positional arguments
// (`xuequ analyze P.xuequ.gpkg --json`), and turns a bad flag into a
// translated usageError. Positional arguments ("-" among them: standard
// input or output) are left in fs.Args(). --lang, which run has applied
// already, is accepted by every command.
func parseFlags(fs *flag.FlagSet, args []string) error {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		if name == "lang" && f == nil { // applied by run; skip it and its value
			if !hasValue && i+1 < len(args) {
				i++
			}
			continue
		}
		flags = append(flags, a)
		if f != nil && !hasValue && !isBoolFlag(f) {
			if i+1 == len(args) { // else fs.Parse would take the "--" added below
				return flagUsageError(fs, tr("cli.err.flag_noarg", "option -{{.Flag}} needs a value", map[string]any{"Flag": name}))
			}
			i++
			flags = append(flags, args[i])
		}
	}
	fs.SetOutput(io.Discard)
	err := fs.Parse(append(flags, append([]string{"--"}, positional...)...))
	if errors.Is(err, flag.ErrHelp) {
		return err // fs.Parse has printed the usage
	}
	if err != nil {
		return flagUsageError(fs, flagError(err))
	}
	return nil
}

func flagUsageError(fs *flag.FlagSet, msg string) error {
	return &usageError{tr("cli.err.flags", "{{.Cmd}}: {{.Err}} (see xuequ {{.Cmd}} -h)",
		map[string]any{"Cmd": fs.Name(), "Err": msg})}
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// The flag package's errors, which it only gives as text.
var (
	reUndefined = regexp.MustCompile(`^flag provided but not defined: -(.*)$`)
	reNoArg     = regexp.MustCompile(`^flag needs an argument: -(.*)$`)
	reBadValue  = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-([^:]*): (.*)$`)
)

// flagError says err of flag.Parse in the CLI language.
func flagError(err error) string {
	msg := err.Error()
	if m := reUndefined.FindStringSubmatch(msg); m != nil {
		return tr("cli.err.flag_unknown", "unknown option -{{.Flag}}", map[string]any{"Flag": m[1]})
	}
	if m := reNoArg.FindStringSubmatch(msg); m != nil {
		return tr("cli.err.flag_noarg", "option -{{.Flag}} needs a value", map[string]any{"Flag": m[1]})
	}
	if m := reBadValue.FindStringSubmatch(msg); m != nil {
		return tr("cli.err.flag_value", "option -{{.Flag}}: {{.Value}} is not a valid value", map[string]any{"Flag": m[2], "Value": fmt.Sprintf("%q", m[1])})
	}
	return msg
}

// languageFromArgs applies the first --lang of the command line (any
// command, before its flags are parsed, so that usage and flag errors
// are in that language too), else the locale's language.
func languageFromArgs(args []string) error {
	code := ""
	for i, a := range args {
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !isFlag(a) || name != "lang" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
		}
		code = value
		break
	}
	chooseLanguage(code)
	if !validLanguage(code) {
		return &usageError{tr("cli.err.lang", "--lang {{.Code}}: use zh (Chinese) or en (English)", map[string]any{"Code": code})}
	}
	return nil
}

// dropLeadingLang removes a --lang given before the command
// (`xuequ --lang en analyze P`), which languageFromArgs has applied.
func dropLeadingLang(args []string) []string {
	if len(args) == 0 || !isFlag(args[0]) {
		return args
	}
	name, _, hasValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
	switch {
	case name != "lang":
		return args
	case hasValue:
		return args[1:]
	case len(args) > 1:
		return args[2:]
	}
	return nil
}
