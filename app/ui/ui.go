// Package ui is Xuequ's desktop GUI on Fyne: the main window (menu, map,
// side panels, year slider, status bar), the map widget, the dialogs, the
// theme with the bundled CJK font and the zh-CN/en translations.
//
// The UI only shows a Session and forwards what the user does to it as
// Commands (package app): no planning logic lives in widgets. Everything
// runs on Fyne's UI goroutine except opening, saving and importing, which
// go through runLong and hand their result back with fyne.Do.
package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/assets"
	"github.com/xuequ/xuequ/model"
)

// AppID is the application ID: the preferences' storage key and the
// desktop-file ID (FyneApp.toml says the same).
const AppID = "cn.xuequ.app"

// Config is what the window needs from the rest of the program. cmd/xuequ
// fills it (main only wires); tests fill it with in-memory fakes. Nil
// functions disable their menu items.
type Config struct {
	// Path is the project to open at start; "" opens the sample district.
	Path string
	// Sample returns the embedded sample district.
	Sample func() (*model.District, error)
	// Open reads a project file into a new session (app.OpenProject). It
	// runs off the UI goroutine.
	Open func(ctx context.Context, path string) (*app.Session, error)
	// Save writes the session's project to path atomically without
	// notifying (Session.WriteProjectContext), giving up when ctx is done
	// (the old file stays). It runs off the UI goroutine on a frozen copy
	// (Session.Freeze), so edits meanwhile cannot race with it; the window
	// calls SetPath on the live session after.
	Save func(ctx context.Context, s *app.Session, path string) error
	// Projector projects enrollment past the history for the sample
	// district (may be nil).
	Projector app.Projector
	// Lock marks a project file as open in this window (store.Lock) and
	// returns the function that releases it; a *store.LockedError means
	// another Xuequ has it open. Nil disables locking.
	Lock func(path string) (unlock func(), err error)
}

// Run starts the desktop app with the main window and returns when the
// user quits.
func Run(cfg Config) error {
	a := fyneapp.NewWithID(AppID)
	if err := SetLanguage(languagePref(a.Preferences())); err != nil {
		fyne.LogError("loading translations", err)
	}
	a.Settings().SetTheme(newTheme(a.Preferences().String(prefThemeMode)))
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))

	w := newMainWindow(a, cfg)
	if cfg.Path != "" {
		w.openPath(cfg.Path)
	} else if cfg.Sample != nil {
		d, err := cfg.Sample()
		if err != nil {
			return err
		}
		w.setSession(app.NewSession(d, "", cfg.Projector))
	} else {
		return errors.New("no sample district and no file to open")
	}
	w.win.ShowAndRun()
	return nil
}
