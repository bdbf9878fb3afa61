//go:build cgo && !nogui

package main

import (
	"context"
	"errors"
	"os"
	"runtime"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/app/ui"
	"github.com/xuequ/xuequ/model"
)

// gui opens the desktop application: `xuequ` shows the embedded sample
// district, `xuequ FILE` opens that project. It is the only path that
// starts GLFW/OpenGL, and only once a display is known to be there.
func gui(args []string) error {
	fs := newFlagSet("xuequ", "[FILE.xuequ.gpkg]", os.Stdout)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return &usageError{tr("cli.err.gui_args", "expected at most one project file, got {{.N}} arguments (see xuequ -h)", map[string]any{"N": fs.NArg()})}
	}
	if err := checkDisplay(); err != nil {
		return err
	}
	return ui.Run(ui.Config{
		Path: fs.Arg(0),
		Sample: func() (*model.District, error) {
			d, _, err := app.LoadSample()
			return d, err
		},
		Open: func(ctx context.Context, path string) (*app.Session, error) {
			return app.OpenProjectContext(ctx, path, app.Project)
		},
		Save:      func(ctx context.Context, s *app.Session, path string) error { return s.WriteProjectContext(ctx, path) },
		Projector: app.Project,
		Lock: func(path string) (func(), error) {
			l, err := store.Lock(path)
			if err != nil {
				return nil, err
			}
			return func() { _ = l.Unlock() }, nil
		},
	})
}

// checkDisplay refuses to start the GUI on an X11/Wayland system without a
// display (a server, an ssh session), where GLFW would panic: the user gets
// a sentence and the way to the command-line tools instead.
func checkDisplay() error {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return nil
	}
	if os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" {
		return nil
	}
	return errors.New(tr("cli.err.no_display", "no display: the desktop app needs a graphical session ($DISPLAY or $WAYLAND_DISPLAY is not set). Start it from the desktop, or use the commands (xuequ -h) on this machine."))
}
