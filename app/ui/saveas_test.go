package ui

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/app/report"
)

// saveAsOnto fills 另存为 with name and taps 保存.
func saveAsOnto(t *testing.T, w *mainWindow, name string) {
	t.Helper()
	w.showSaveAs()
	top := w.win.Canvas().Overlays().Top()
	for _, o := range test.LaidOutObjects(top) {
		if e, ok := o.(*widget.Entry); ok {
			e.SetText(name)
		}
	}
	tapButton(t, w, "保存")
}

// tapButton taps the button labelled text on the top overlay.
func tapButton(t *testing.T, w *mainWindow, text string) {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.win.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no %q button", text)
}

// Save As onto an existing project asks 覆盖？; the file keeps its bytes
// when the answer is no and when the save fails, and is replaced only by
// a completed save.
func TestSaveAsNeverTruncatesTheTarget(t *testing.T) {
	w := newTestWindow(t)
	dir := t.TempDir()
	target := filepath.Join(dir, "旧方案.xuequ.gpkg")
	original := []byte("the officer's earlier project")
	if err := os.WriteFile(target, original, 0o644); err != nil {
		t.Fatal(err)
	}
	w.sess.SetPath(filepath.Join(dir, "当前.xuequ.gpkg"))
	saves := 0
	w.cfg.Save = func(context.Context, *app.Session, string) error { saves++; return errors.New("磁盘已满") }
	keeps := func(when string) {
		t.Helper()
		if got, err := os.ReadFile(target); err != nil || string(got) != string(original) {
			t.Fatalf("%s: target now %q (%v)", when, got, err)
		}
	}

	saveAsOnto(t, w, "旧方案")
	keeps("at the 覆盖？ question")
	tapButton(t, w, "取消")
	inflight.Wait()
	keeps("after 取消")
	if saves != 0 {
		t.Fatal("saved although the user said no")
	}

	saveAsOnto(t, w, "旧方案.xuequ.gpkg")
	tapButton(t, w, "替换")
	inflight.Wait()
	keeps("after a failed save")
	if saves != 1 {
		t.Fatalf("%d saves, want 1", saves)
	}

	w.cfg.Save = func(_ context.Context, s *app.Session, path string) error { return s.WriteProject(path) }
	saveAsOnto(t, w, "旧方案")
	tapButton(t, w, "替换")
	inflight.Wait()
	if got, _ := os.ReadFile(target); string(got) == string(original) {
		t.Error("a completed save did not replace the file")
	}
	if w.sess.Path() != target {
		t.Errorf("session path %q, want %q", w.sess.Path(), target)
	}
}

// An export onto an existing file asks 覆盖？ too, and a failed export
// leaves the file as it was.
func TestExportNeverTruncatesTheTarget(t *testing.T) {
	w := newTestWindow(t)
	dir := t.TempDir()
	target := filepath.Join(dir, "大班额台账.xlsx")
	if err := os.WriteFile(target, []byte("last month's ledger"), 0o644); err != nil {
		t.Fatal(err)
	}
	w.sess.SetPath(filepath.Join(dir, "当前.xuequ.gpkg"))
	w.showExport("大班额台账", ".xlsx", func(io.Writer, *app.Session, report.Options) error { return errors.New("失败") })
	tapButton(t, w, "保存")
	tapButton(t, w, "替换")
	inflight.Wait()
	if got, _ := os.ReadFile(target); string(got) != "last month's ledger" {
		t.Errorf("failed export left %q", got)
	}
}
