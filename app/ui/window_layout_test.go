package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// smallestScreen is the logical size of the planners' screens: 1366×768
// at 100 % and 1920×1080 at 150 % (1280×720), less title bar and taskbar.
var smallestScreen = fyne.NewSize(1280, 640)

// TestWindowKeepsItsSize: selecting a school, painting and switching the
// language never change what the window needs, and it fits the smallest
// screen in both languages.
func TestWindowKeepsItsSize(t *testing.T) {
	w := newTestWindow(t)
	w.win.Resize(smallestScreen)
	need := func(what string) fyne.Size {
		t.Helper()
		m := w.win.Content().MinSize()
		if m.Width > smallestScreen.Width || m.Height > smallestScreen.Height {
			t.Errorf("%s: the window needs %v, more than %v", what, m, smallestScreen)
		}
		if got := w.win.Canvas().Size(); got != smallestScreen {
			t.Errorf("%s: the window is %v, want %v", what, got, smallestScreen)
		}
		return m
	}
	start := need("start")
	w.mapView.SelectSchool("P1")
	w.selectSchool("P1", true)
	if m := need("school selected"); m.Width != start.Width {
		t.Errorf("selecting a school changed the window's width %v → %v", start.Width, m.Width)
	}
	w.paintCheck.SetChecked(true)
	w.picker.SetSelected("P2")
	if m := need("paint mode"); m.Width != start.Width {
		t.Errorf("paint mode changed the window's width %v → %v", start.Width, m.Width)
	}
	w.paintCheck.SetChecked(false)
	w.setLanguage(langEnglish)
	t.Cleanup(func() { SetLanguage(langChinese) })
	need("English") // the window keeps its size; English may need more room inside it
	if w.panels.table.Selected() != "P1" {
		t.Errorf("the selection did not survive the language switch: %q", w.panels.table.Selected())
	}
	w.setLanguage(langChinese)
	need("Chinese again")
}

// TestLanguageSwitchesLive: the menu and panels change language at once.
func TestLanguageSwitchesLive(t *testing.T) {
	w := newTestWindow(t)
	t.Cleanup(func() { SetLanguage(langChinese) })
	if got := w.menu.Items[0].Label; got != "文件" {
		t.Fatalf("menu starts as %q", got)
	}
	w.setLanguage(langEnglish)
	if got := w.menu.Items[0].Label; got != "File" {
		t.Errorf("after switching to English the menu says %q", got)
	}
	if got := w.win.MainMenu().Items[0].Label; got != "File" {
		t.Errorf("the window's menu says %q", got)
	}
	w.setLanguage(langChinese)
	if got := w.menu.Items[0].Label; got != "文件" {
		t.Errorf("back to Chinese the menu says %q", got)
	}
}

// TestPaintPickerSortedWithoutClosed: the picker offers the open schools of
// the stage only.
func TestPaintPickerSortedWithoutClosed(t *testing.T) {
	w := newTestWindow(t)
	items := paintableSchools(w.sess.District(), w.mapView.Stage())
	if len(items) == 0 {
		t.Fatal("no schools to paint with")
	}
	for _, it := range items {
		if s := w.sess.District().School(it.id); s == nil || s.Closed {
			t.Errorf("picker offers %q", it.id)
		}
	}
	w.picker.filter("zzzz-no-such-school")
	if len(w.picker.shown) != 0 {
		t.Errorf("search kept %d schools", len(w.picker.shown))
	}
}

// TestListenersRemoved: rebuilding the panels (language switch) and
// closing the comparison window leave no listener behind.
func TestListenersRemoved(t *testing.T) {
	w := newTestWindow(t)
	t.Cleanup(func() { SetLanguage(langChinese) })
	n := w.sess.Listeners()
	w.setLanguage(langEnglish)
	w.setLanguage(langChinese)
	if got := w.sess.Listeners(); got != n {
		t.Errorf("language switches left %d listeners, had %d", got, n)
	}
	w.showCompare()
	w.showCompare()
	if got := w.sess.Listeners(); got != n+1 {
		t.Errorf("an open comparison: %d listeners, want %d", got, n+1)
	}
	w.setLanguage(langEnglish) // rebuilds the comparison too
	w.setLanguage(langChinese)
	if got := w.sess.Listeners(); got != n+1 {
		t.Errorf("language switches with a comparison open: %d listeners, want %d", got, n+1)
	}
	w.compareWin.Close()
	if got := w.sess.Listeners(); got != n {
		t.Errorf("closing the comparison left %d listeners, had %d", got, n)
	}
}
