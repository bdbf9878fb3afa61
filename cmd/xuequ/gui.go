package main

import (
	"context"
	"fmt"
	"os"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/app/ui"
	"github.com/xuequ/xuequ/model"
)

// gui opens the desktop application: `xuequ` shows the embedded sample
// district, `xuequ FILE` opens that project.
func gui(args []string) error {
	fs := newFlagSet("xuequ", "[FILE.xuequ.gpkg]", os.Stdout)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return &usageError{fmt.Sprintf("expected at most one project file, got %d arguments (see xuequ -h)", fs.NArg())}
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
