package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// TestSchoolDetailSetLevel: picking a 学段 is one undoable edit; the
// picker follows undo and does not send an edit when it is only loaded.
func TestSchoolDetailSetLevel(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	d := NewSchoolDetail(sess)
	sess.OnChange(d.Refresh)
	test.NewTempWindow(t, d)
	d.SetSchool("S3")
	if d.level.Selected != "小学" || !sess.UndoLabel().IsZero() {
		t.Fatalf("level shown %q, undo %v", d.level.Selected, sess.UndoLabel())
	}
	if got := d.level.Options; !slices.Equal(got, []string{"小学", "初中", "九年一贯制", "幼儿园", "高中", "其他", "未知"}) {
		t.Errorf("level options %v", got)
	}
	d.level.SetSelected("其他")
	if got := sess.District().School("S3").Level; got != model.LevelOther {
		t.Fatalf("level after pick %v", got)
	}
	if got := trLabel(sess.UndoLabel()); got != "将 河西小学 的学段改为其他" {
		t.Errorf("undo label %q", got)
	}
	if err := sess.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := sess.District().School("S3").Level; got != model.LevelPrimary || d.level.Selected != "小学" {
		t.Errorf("after undo: level %v, picker %q", got, d.level.Selected)
	}
	if !sess.UndoLabel().IsZero() {
		t.Error("reloading the picker after undo must not send an edit")
	}
	d.SetSchool("S2")
	if d.level.Selected != "初中" || !sess.UndoLabel().IsZero() {
		t.Errorf("S2 level shown %q", d.level.Selected)
	}
}

// TestSchoolTableLevelFilterOther: the level filter offers 其他 and 未知.
func TestSchoolTableLevelFilterOther(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	table := NewSchoolTable(sess, nil)
	sess.OnChange(table.Refresh)
	test.NewTempWindow(t, table)
	for _, want := range []string{"其他", "未知"} {
		if !slices.Contains(table.level.Options, want) {
			t.Fatalf("level filter %v lacks %s", table.level.Options, want)
		}
	}
	table.level.SetSelected("其他")
	if got := shownSchools(table); len(got) != 0 {
		t.Errorf("其他 before the edit: %v", got)
	}
	table.level.SetSelectedIndex(0)
	if err := sess.Do(app.SetSchoolLevel("S4", model.LevelOther)); err != nil {
		t.Fatal(err)
	}
	table.level.SetSelected("其他")
	if got := shownSchools(table); !slices.Equal(got, []string{"S4"}) {
		t.Errorf("其他 after the edit: %v", got)
	}
	if got := schoolLevelText(model.LevelOther); got != "其他" {
		t.Errorf("LevelOther text %q", got)
	}
}
