// Command xuequ is the Xuequ desktop application and its command-line tools.
// With no subcommand it opens the GUI; see DESIGN.md §7 for the CLI contract.
//
// main only wires: each subcommand lives in its own file, registers itself
// in init with register, parses its flags and calls into app/..., model/...
// and geo/....
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/xuequ/xuequ/app/store"
)

// command is one subcommand. run gets the arguments after the subcommand
// name and writes results to stdout, diagnostics to stderr.
type command struct {
	name    string
	summary string // one line for `xuequ --help`
	run     func(args []string, stdout, stderr io.Writer) error
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// usageError is a wrong command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status: 0 success, 1
// bad input, 2 usage error.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "-h", "-help", "--help", "help":
			printUsage(stdout)
			return 0
		case "-version", "--version", "version":
			fmt.Fprintln(stdout, "xuequ", version())
			return 0
		}
		if c, ok := commands[args[0]]; ok {
			return exitStatus(c.run(args[1:], stdout, stderr), stderr)
		}
		if len(args[0]) > 0 && args[0][0] == '-' && args[0] != "-" {
			return exitStatus(gui(args), stderr)
		}
	}
	return exitStatus(gui(args), stderr)
}

func exitStatus(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "xuequ:", err)
		return 2
	}
	fmt.Fprintln(stderr, "xuequ:", err)
	return 1
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, `xuequ — 学区规划 school-layout and class-size planning

Usage:
  xuequ [FILE.xuequ.gpkg]      open the desktop app (the sample district when no FILE)
  xuequ COMMAND [options]      run a command; xuequ COMMAND -h for its options

Commands:`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, `
Exit status: 0 success, 1 bad input (the message names the file, line or
feature, field and what to do), 2 usage error.`)
}

// newFlagSet returns a flag set for a subcommand whose parse errors become
// usage errors and whose -h prints usage to stdout.
func newFlagSet(name, usage string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		cmd := "xuequ " + name
		if name == "xuequ" { // the GUI's own flags
			cmd = name
		}
		fmt.Fprintf(stdout, "Usage: %s %s\n\nOptions:\n", cmd, usage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, letting flags follow positional arguments
// (`xuequ analyze P.xuequ.gpkg --json`), and turns a bad flag into a
// usageError. Positional arguments are left in fs.Args().
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
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil && !isBoolFlag(f) && i+1 < len(args) {
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
		return &usageError{fmt.Sprintf("%s: %v (see xuequ %s -h)", fs.Name(), err, fs.Name())}
	}
	return nil
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// version is store.AppVersion (set at release with -ldflags "-X
// github.com/xuequ/xuequ/app/store.AppVersion=1.2.3"), and for a
// development build the commit it was built from.
func version() string {
	v := store.AppVersion
	if v != "dev" {
		return v
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 7 {
				return v + "+" + s.Value[:7]
			}
		}
	}
	return v
}
