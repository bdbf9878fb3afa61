package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// TestQuitOffersSaveDiscardCancel: quitting with unsaved changes asks
// 保存并退出 / 不保存 / 取消; 取消 keeps the window, 保存并退出 saves first.
func TestQuitOffersSaveDiscardCancel(t *testing.T) {
	w := newTestWindow(t)
	var saved string
	w.cfg.Save = func(_ context.Context, _ *app.Session, path string) error { saved = path; return nil }
	w.sess.SetPath("/tmp/xuequ-quit-test.xuequ.gpkg")
	if err := w.sess.Do(&app.AssignZones{Zones: []string{"Z00"}, School: "P2", Stage: model.LevelPrimary}); err != nil {
		t.Fatal(err)
	}
	w.closeRequested()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no question")
	}
	findButton(t, top, "不保存")
	test.Tap(findButton(t, top, "取消"))
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("取消 left the question open")
	}

	quitCalled := false
	w.askUnsaved("?", "保存并退出", "不保存", func() { quitCalled = true })
	test.Tap(findButton(t, w.win.Canvas().Overlays().Top(), "保存并退出"))
	inflight.Wait()
	if saved != "/tmp/xuequ-quit-test.xuequ.gpkg" || !quitCalled {
		t.Errorf("保存并退出: saved %q, quit %v", saved, quitCalled)
	}
}

// TestFileDialogPlacesInChinese: the file dialog's places are translated.
func TestFileDialogPlacesInChinese(t *testing.T) {
	w := newTestWindow(t)
	w.cfg.Open = func(context.Context, string) (*app.Session, error) { return nil, nil }
	w.showOpenDialog()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no file dialog")
	}
	var texts []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
			if l.Text == "Home" || l.Text == "Computer" {
				t.Errorf("place %q is not translated", l.Text)
			}
		}
	}
	found := false
	for _, s := range texts {
		found = found || s == "主目录"
	}
	if !found {
		t.Errorf("no 主目录 among %q", texts)
	}
}

// TestHelpMenu: Help holds the usage, the standards' sources and About.
func TestHelpMenu(t *testing.T) {
	w := newTestWindow(t)
	help := w.menu.Items[len(w.menu.Items)-1]
	if len(help.Items) < 3 || help.Items[0].Label != "使用说明" || help.Items[1].Label != "标准与依据" {
		t.Fatalf("help menu: %+v", help.Items)
	}
	help.Items[1].Action()
	if w.win.Canvas().Overlays().Top() == nil {
		t.Error("标准与依据 shows nothing")
	}
}

// TestNewSchoolOffersCatchment: placing a school offers its catchment, and
// the nearest-zones choice assigns the zones nearer to it than to others.
func TestNewSchoolOffersCatchment(t *testing.T) {
	w := newTestWindow(t)
	d := w.sess.District()
	site := d.Schools[0].Location
	c := &app.OpenSchool{Name: "滨江小学", Level: model.LevelPrimary, Public: true, Location: orb.Point{site[0] + 0.0001, site[1]}}
	if err := w.sess.Do(c); err != nil {
		t.Fatal(err)
	}
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no offer to draw the catchment")
	}
	zones := nearestZones(w.sess.District(), c.ID, model.LevelPrimary)
	if len(zones) == 0 {
		t.Fatal("no zone is nearest to a school next to another")
	}
	var auto *widget.Button
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "划入就近") {
			auto = b
		}
	}
	if auto == nil {
		t.Fatal("no 划入就近 button")
	}
	test.Tap(auto)
	for _, id := range zones {
		if got := w.sess.District().Zone(id).PrimarySchool; got != c.ID {
			t.Errorf("zone %s is with %q", id, got)
		}
	}
	// Undo and redo do not ask again.
	w.undo()
	w.undo()
	w.redo()
	if n := len(w.win.Canvas().Overlays().List()); n != 0 {
		t.Errorf("redo asked again (%d overlays)", n)
	}
}

// TestEditDuringSave: the save writes a frozen copy; an edit made while it
// runs is not in it and leaves the project dirty afterwards.
func TestEditDuringSave(t *testing.T) {
	w := newTestWindow(t)
	release := make(chan struct{})
	var got string
	w.cfg.Save = func(_ context.Context, s *app.Session, _ string) error {
		<-release
		got = s.District().Zone("Z00").PrimarySchool
		return nil
	}
	w.savePath(t.TempDir() + "/p.xuequ.gpkg")
	if err := w.sess.Do(&app.AssignZones{Zones: []string{"Z00"}, School: "P2", Stage: model.LevelPrimary}); err != nil {
		t.Fatal(err)
	}
	close(release)
	inflight.Wait()
	if got != "P1" {
		t.Errorf("the save saw the edit made during it: Z00 → %q", got)
	}
	if !w.sess.Dirty() {
		t.Error("an edit made during the save is marked saved")
	}
}
