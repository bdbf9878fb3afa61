package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

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
	if err := SetLanguage(langChinese); err != nil {
		t.Fatal(err)
	}
	w := newMainWindow(a, Config{Sample: func() (*model.District, error) { return testDistrict(), nil }})
	t.Cleanup(w.win.Close)
	t.Cleanup(inflight.Wait) // runs first: no open or save outlives its test
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
	inflight.Wait() // the test driver runs fyne.Do callbacks on the worker goroutine
	if !strings.HasPrefix(w.win.Title(), "县城.xuequ.gpkg —") {
		t.Fatalf("title after open: %q", w.win.Title())
	}
	if err := w.sess.Do(&app.AssignZones{Zones: []string{"Z00"}, School: "P2", Stage: model.LevelPrimary}); err != nil {
		t.Fatal(err)
	}
	w.savePath("/tmp/新方案")
	inflight.Wait()
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

func TestMenuActionsOpenTheirDialogs(t *testing.T) {
	w := newTestWindow(t)
	w.cfg.Save = func(context.Context, *app.Session, string) error { return nil }
	for name, action := range map[string]func(){
		"about": w.showAbout, "settings": w.showSettings, "import": w.showImport,
		"export": w.showExportPNG, "saveas": w.showSaveAs, "importreport": w.showImportReport,
	} {
		before := len(w.win.Canvas().Overlays().List())
		action()
		if got := len(w.win.Canvas().Overlays().List()); got <= before {
			t.Errorf("%s: no dialog shown", name)
			continue
		}
		w.win.Canvas().Overlays().Top().Hide()
		w.win.Canvas().Overlays().Remove(w.win.Canvas().Overlays().Top())
	}

	// View ▸ Map Theme ticks the chosen theme and stores it.
	w.themeItem.ChildMenu.Items[1].Action()
	if w.mapView.MapTheme() != ThemeDensity || !w.themeItem.ChildMenu.Items[1].Checked {
		t.Errorf("theme menu: map theme %v", w.mapView.MapTheme())
	}
	if got := w.app.Preferences().String(prefMapTheme); got != "density" {
		t.Errorf("stored map theme %q", got)
	}
}

func TestMapExportIsScaled(t *testing.T) {
	m, _ := newTestMap(t)
	img, err := m.Export(2)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 2*m.view.W || b.Dy() != 2*m.view.H {
		t.Errorf("export at 2×: %v for a %d×%d view", b, m.view.W, m.view.H)
	}
}

// TestSaveAndReopenRealProject goes through package app's project file
// (app/store): save the edited test district, open it again.
func TestSaveAndReopenRealProject(t *testing.T) {
	w := newTestWindow(t)
	w.cfg.Save = func(_ context.Context, s *app.Session, path string) error { return s.WriteProject(path) }
	w.cfg.Open = func(_ context.Context, path string) (*app.Session, error) { return app.OpenProject(path, nil) }
	if err := w.sess.Do(&app.AssignZones{Zones: []string{"Z00"}, School: "P2", Stage: model.LevelPrimary}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "测试")
	w.savePath(path)
	inflight.Wait()
	path += ".xuequ.gpkg"
	if w.sess.Dirty() || w.sess.Path() != path {
		t.Fatalf("after save: dirty=%v path=%q", w.sess.Dirty(), w.sess.Path())
	}
	old := w.sess
	w.openPath(path)
	inflight.Wait()
	if w.sess == old {
		t.Fatal("the project did not reopen")
	}
	if got := w.sess.District().Zone("Z00").PrimarySchool; got != "P2" {
		t.Errorf("reopened project: Z00 is with %q, want the saved edit P2", got)
	}
}
