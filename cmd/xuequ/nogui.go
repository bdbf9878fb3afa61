//go:build !cgo || nogui

package main

// gui in a build without cgo (the command-line tools for servers and
// scripts): there is no desktop app to open, so `xuequ` and `xuequ FILE`
// say which build to use instead.
func gui(args []string) error {
	return &commandsError{tr("cli.err.no_gui", "this build of xuequ has no desktop app (it is the command-line tools only); use the desktop build to open projects, or one of the commands below")}
}
