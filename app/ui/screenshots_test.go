package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app"
)

// TestPlanningScreenshots writes the README screenshots of the planning
// panels on the sample district when XUEQU_SCREENSHOTS names a folder
// (e.g. XUEQU_SCREENSHOTS=$PWD/docs go test -tags ci -run Screenshots ./app/ui):
// screenshot-staffing.png, screenshot-balance.png, screenshot-preschool.png.
func TestPlanningScreenshots(t *testing.T) {
	dir := os.Getenv("XUEQU_SCREENSHOTS")
	if dir == "" {
		t.Skip("set XUEQU_SCREENSHOTS to a folder to write the screenshots")
	}
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme("light"))
	if err := SetLanguage(langChinese); err != nil {
		t.Fatal(err)
	}
	d, _, err := app.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	w := newMainWindow(a, Config{})
	t.Cleanup(w.win.Close)
	t.Cleanup(inflight.Wait)
	sess := app.NewSession(d, "", app.Project)
	w.setSession(sess)
	w.win.Resize(fyne.NewSize(1440, 860))
	tabs := findTabs(t, w.win.Content())
	// Room for the planning tables: a wider right column, the detail pane
	// folded away.
	w.outer.SetOffset(0.2)
	w.inner.SetOffset(0.4)
	for _, obj := range test.LaidOutObjects(w.win.Content()) {
		if sp, ok := obj.(*container.Split); ok && !sp.Horizontal {
			sp.Offset = 0.97
			sp.Refresh()
		}
	}
	for _, shot := range []struct {
		file  string
		tab   int
		theme MapTheme
	}{
		{"screenshot-staffing.png", 1, ThemeStaffing},
		{"screenshot-balance.png", 2, ThemeBalance},
		{"screenshot-preschool.png", 3, ThemeEstates},
	} {
		tabs.SelectIndex(shot.tab)
		selectTheme(t, w.win.Content(), shot.theme.Label())
		img := w.win.Canvas().Capture()
		f, err := os.Create(filepath.Join(dir, shot.file))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// selectTheme chooses the theme in the toolbar's select, as a user does.
func selectTheme(t *testing.T, o fyne.CanvasObject, label string) {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if sel, ok := obj.(*widget.Select); ok && slices.Contains(sel.Options, label) {
			sel.SetSelected(label)
			return
		}
	}
	t.Fatalf("no theme select with %q", label)
}

func findTabs(t *testing.T, o fyne.CanvasObject) *container.AppTabs {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if tabs, ok := obj.(*container.AppTabs); ok {
			return tabs
		}
	}
	t.Fatal("no tabs in the window")
	return nil
}
