// Command xuequ is the Xuequ desktop application and its command-line tools.
// With no subcommand it opens the GUI; see DESIGN.md §7 for the CLI contract.
//
// main only wires: each subcommand lives in its own file, registers itself
// in init with register, parses its flags and calls into app/..., model/...
// and geo/.... The GUI is in gui.go, built only with cgo (GLFW/OpenGL);
// a CGO_ENABLED=0 build is the command-line tools alone (nogui.go), and no
// subcommand ever initialises a window system.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"

	"github.com/xuequ/xuequ/app/store"
)

// command is one subcommand. run gets the arguments after the subcommand
// name and writes results to stdout, diagnostics to stderr.
type command struct {
	name    string
	summary string // one line for `xuequ --help`, English; translated under cli.cmd.NAME
	run     func(args []string, stdout, stderr io.Writer) error
}

var commands = map[string]*command{}

// atExit holds clean-ups (temporary copies of standard input) that run
// when the command line is done.
var atExit []func()

func register(c *command) { commands[c.name] = c }

// usageError is a wrong command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// wrapped is an error whose message (in the CLI language) replaces the
// wrapped error's, which errors.Is/As still find.
type wrapped struct {
	msg string
	err error
}

func (w *wrapped) Error() string { return w.msg }
func (w *wrapped) Unwrap() error { return w.err }

// usagef is a usage error in the CLI language: key names it in
// assets/i18n/usage.*.json, fallback is the English template and args its
// values. Every subcommand's usage errors go through it (or tr).
func usagef(key, fallback string, args map[string]any) *usageError {
	return &usageError{tr(key, fallback, args)}
}

// commandsError is a usage error followed by the list of commands: an
// unknown command, or the GUI asked of a build without one.
type commandsError struct{ msg string }

func (e *commandsError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status: 0 success, 1
// bad input, 2 usage error.
func run(args []string, stdout, stderr io.Writer) int {
	// Every project this process saves records the version that wrote it.
	store.AppVersion = version()
	stdinUsed, stdoutUsed = false, false
	defer func() {
		for _, f := range atExit {
			f()
		}
		atExit = nil
	}()
	if err := languageFromArgs(args); err != nil {
		return exitStatus(err, stderr)
	}
	args = dropLeadingLang(args)
	if len(args) == 0 {
		return exitStatus(gui(args), stderr)
	}
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
	if isFlag(args[0]) || isFile(args[0]) {
		return exitStatus(gui(args), stderr)
	}
	return exitStatus(&commandsError{tr("cli.err.unknown_command",
		"unknown command or file {{.Word}}: give one of the commands below, or a project file that exists", map[string]any{"Word": args[0]})}, stderr)
}

func isFlag(a string) bool { return len(a) > 1 && a[0] == '-' }

// isFile reports whether path names an existing file (not a folder): a
// word that is neither a command nor a file is a typo, not a project.
func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir()
}

func exitStatus(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ue *usageError
	var ce *commandsError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "xuequ:", ue.msg)
		return 2
	case errors.As(err, &ce):
		fmt.Fprintln(stderr, "xuequ:", ce.msg)
		fmt.Fprintln(stderr)
		printCommands(stderr)
		return 2
	}
	fmt.Fprintln(stderr, "xuequ:", trError(err))
	return 1
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, tr("cli.usage.title", "xuequ — school-layout and class-size planning"))
	fmt.Fprintln(w)
	fmt.Fprintln(w, tr("cli.usage.synopsis", "Usage:\n  xuequ [FILE.xuequ.gpkg]      open the desktop app (the sample district when no FILE)\n  xuequ COMMAND [options]      run a command; xuequ COMMAND -h for its options"))
	fmt.Fprintln(w)
	printCommands(w)
	fmt.Fprintln(w)
	fmt.Fprintln(w, tr("cli.usage.exit", "Common options: --lang zh|en (language of messages and tables). A file name - reads standard input or writes standard output.\nExit status: 0 success, 1 bad input (the message names the file, line or\nfeature, field and what to do), 2 usage error."))
}

// printCommands lists the subcommands with their one-line summaries.
func printCommands(w io.Writer) {
	fmt.Fprintln(w, tr("cli.usage.commands", "Commands:"))
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	tw := newTabWriter(w, false)
	for _, n := range names {
		fmt.Fprintf(tw, "  %s\t%s\n", n, tr("cli.cmd."+n, commands[n].summary))
	}
	tw.Flush()
}

// version is store.AppVersion as the build set it (make and .ci pass
// -ldflags "-X github.com/xuequ/xuequ/app/store.AppVersion=$(git describe
// --tags --always --dirty)"), and for a plain `go build` "dev" plus the
// commit it was built from.
func version() string {
	v := store.AppVersion
	if v != "dev" && v != "" {
		return v
	}
	v = "dev"
	if bi, ok := debug.ReadBuildInfo(); ok {
		rev, dirty := "", ""
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && len(s.Value) >= 7:
				rev = "+" + s.Value[:7]
			case s.Key == "vcs.modified" && s.Value == "true":
				dirty = "-dirty"
			}
		}
		if rev != "" {
			return v + rev + dirty
		}
	}
	return v
}
