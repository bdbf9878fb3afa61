package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// newTestWindow opens the main window on the test district, headless.
func newTestWindow(t *testing.T) *mainWindow {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme("light"))
	if err := setupLanguage(langChinese); err != nil {
		t.Fatal(err)
	}
	w := newMainWindow(a, Config{Sample: func() (*model.District, error) { return testDistrict(), nil }})
	t.Cleanup(w.win.Close)
	w.setSession(testSession())
	w.win.Resize(fyne.NewSize(1280, 800))
	return w
}

func TestMainWindowGolden(t *testing.T) {
	w := newTestWindow(t)
	test.AssertRendersToImage(t, "mainwindow.png", w.win.Canvas())
}

func TestMainWindowUndoShortcutAndTitle(t *testing.T) {
	w := newTestWindow(t)
	if strings.Contains(w.win.Title(), "•") {
		t.Errorf("fresh session shows as dirty: %q", w.win.Title())
	}
	err := w.sess.Do(&app.AssignZones{Zones: []string{"Z00"}, School: "P2", Stage: model.LevelPrimary})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(w.win.Title(), "•") {
		t.Errorf("edited session title lacks the dirty mark: %q", w.win.Title())
	}
	if w.undoItem.Disabled || !strings.HasPrefix(w.undoItem.Label, "撤销") {
		t.Errorf("undo item after an edit: %q disabled=%v", w.undoItem.Label, w.undoItem.Disabled)
	}

	w.win.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutUndo)
	if got := w.sess.District().Zone("Z00").PrimarySchool; got != "P1" {
		t.Errorf("Ctrl+Z did not undo: Z00 is with %q", got)
	}
	if !w.undoItem.Disabled || w.redoItem.Disabled {
		t.Errorf("after undo: undo disabled=%v redo disabled=%v", w.undoItem.Disabled, w.redoItem.Disabled)
	}
	w.win.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutRedo)
	if got := w.sess.District().Zone("Z00").PrimarySchool; got != "P2" {
		t.Errorf("Ctrl+Shift+Z did not redo: Z00 is with %q", got)
	}
}

func TestMainWindowZoomShortcutsAndSelection(t *testing.T) {
	w := newTestWindow(t)
	w.win.Canvas().Capture()
	res := w.mapView.view.Resolution
	w.win.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutZoomIn)
	if got := res / w.mapView.view.Resolution; got < 1.99 || got > 2.01 {
		t.Errorf("Ctrl+= zoomed by %v, want 2", got)
	}
	w.win.Canvas().OnTypedRune()('-')
	if got := w.mapView.view.Resolution; got < res*0.99 || got > res*1.01 {
		t.Errorf("'-' did not zoom back out: %v vs %v", got, res)
	}

	// A school picked in the table is selected on the map.
	w.selectSchool("P3", true)
	if w.mapView.SelectedSchool() != "P3" {
		t.Errorf("table selection did not reach the map: %q", w.mapView.SelectedSchool())
	}
}

func TestRecentFiles(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	for i := 0; i < maxRecentFiles+3; i++ {
		addRecentFile(p, "/tmp/p"+string(rune('a'+i))+".xuequ.gpkg")
	}
	addRecentFile(p, "/tmp/pc.xuequ.gpkg")
	got := recentFiles(p)
	if len(got) != maxRecentFiles || got[0] != "/tmp/pc.xuequ.gpkg" || got[1] != "/tmp/pk.xuequ.gpkg" {
		t.Errorf("recent files: %v", got)
	}
	if s := windowSize(p); s.Width != defaultWindowW || s.Height != defaultWindowH {
		t.Errorf("default window size %v", s)
	}
}

func TestMainWindowOpenAndSaveOffTheUIGoroutine(t *testing.T) {
	w := newTestWindow(t)
	var savedTo string
	w.cfg.Open = func(_ context.Context, path string) (*app.Session, error) {
		return app.NewSession(testDistrict(), path, nil), nil
	}
	w.cfg.Save = func(_ context.Context, s *app.Session, path string) error {
		savedTo = path
		return nil
	}
	w.openPath("/tmp/县城.xuequ.gpkg")
	waitFor(t, func() bool { return strings.HasPrefix(w.win.Title(), "县城.xuequ.gpkg —") })
	if err := w.sess.Do(&app.AssignZones{Zones: []string{"Z00"}, School: "P2", Stage: model.LevelPrimary}); err != nil {
		t.Fatal(err)
	}
	w.savePath("/tmp/新方案")
	waitFor(t, func() bool { r := recentFiles(w.app.Preferences()); return len(r) == 2 && r[0] == savedTo })
	if strings.Contains(w.win.Title(), "•") {
		t.Errorf("saved session still marked dirty: %q", w.win.Title())
	}
	if savedTo != "/tmp/新方案.xuequ.gpkg" || w.sess.Path() != savedTo {
		t.Errorf("saved to %q, session path %q", savedTo, w.sess.Path())
	}
	if r := recentFiles(w.app.Preferences()); len(r) < 2 || r[0] != savedTo {
		t.Errorf("recent files after open and save: %v", r)
	}
}

// waitFor polls cond for up to 5 s (long work reports back through fyne.Do).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
