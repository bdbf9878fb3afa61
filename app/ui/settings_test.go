package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/xuequ/xuequ/model"
)

func settingsEntry(t *testing.T, s *SettingsDialog, name string) *standardField {
	t.Helper()
	for _, f := range s.fields {
		if f.name == name {
			return f
		}
	}
	t.Fatalf("no field %q", name)
	return nil
}

func TestSettingsApplyAndUndo(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(700, 800))
	s := NewSettingsDialog(sess, w)
	s.Show()
	test.AssertRendersToMarkup(t, "settings_dialog.xml", w.Canvas())

	if got := settingsEntry(t, s, "大班额占比目标（低于）").entry.Text; got != "5" {
		t.Errorf("share shown as %q, want 5 (percent)", got)
	}
	large := settingsEntry(t, s, "大班额起点").entry
	large.SetText("45") // not above the primary standard of 45
	if s.Apply() {
		t.Fatal("an invalid order of thresholds was applied")
	}
	if !s.message.Visible() || !strings.HasPrefix(s.message.Text, "标准无效：") {
		t.Errorf("message %q", s.message.Text)
	}
	large.SetText("abc")
	if s.Apply() || !strings.Contains(s.message.Text, "大班额起点：请输入整数") {
		t.Errorf("message %q", s.message.Text)
	}

	large.SetText("60")
	settingsEntry(t, s, "大班额占比目标（低于）").entry.SetText("3")
	if !s.Apply() {
		t.Fatalf("valid standards refused: %s", s.message.Text)
	}
	std := sess.District().Standards
	if std.LargeClassMin != 60 || std.LargeShareTarget != 0.03 {
		t.Errorf("standards now %+v", std)
	}
	if err := sess.Undo(); err != nil || sess.District().Standards != model.DefaultStandards() {
		t.Errorf("undo: %v, standards %+v", err, sess.District().Standards)
	}

	// Applying unchanged numbers records no edit.
	s2 := NewSettingsDialog(sess, w)
	_ = sess.Redo()
	_ = sess.Undo()
	if !s2.Apply() || !sess.UndoLabel().IsZero() {
		t.Errorf("unchanged apply recorded %q", sess.UndoLabel().String())
	}
}

func TestSettingsDefaults(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	w := test.NewTempWindow(t, nil)
	s := NewSettingsDialog(sess, w)
	settingsEntry(t, s, "小学服务半径").entry.SetText("800")
	s.load(model.DefaultStandards())
	if got := settingsEntry(t, s, "小学服务半径").entry.Text; got != "500" {
		t.Errorf("defaults restored radius %q", got)
	}
}
