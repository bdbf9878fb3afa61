package ui

import (
	"testing"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/assign"
)

// The catchment menu items redraw every catchment of the map's stage as
// one edit that Ctrl+Z takes back.
func TestReassignFromMenuIsOneUndoableEdit(t *testing.T) {
	w := newTestWindow(t)
	before := map[string]string{}
	for _, z := range w.sess.District().Zones {
		before[z.ID] = z.PrimarySchool
	}
	w.reassign(assign.MethodNearest)
	if w.sess.UndoLabel().IsZero() {
		t.Fatal("reassign did not record an edit")
	}
	for _, z := range w.sess.District().Zones {
		if z.PrimarySchool == "" {
			t.Errorf("zone %s lost its school", z.ID)
		}
	}
	w.undo()
	for _, z := range w.sess.District().Zones {
		if z.PrimarySchool != before[z.ID] {
			t.Errorf("undo left zone %s at %s, want %s", z.ID, z.PrimarySchool, before[z.ID])
		}
	}
	if w.mapView.Stage() != model.LevelPrimary {
		t.Errorf("stage %v", w.mapView.Stage())
	}
}

func TestExportMenuHasTheThreeDocuments(t *testing.T) {
	w := newTestWindow(t)
	if n := len(w.exportMenuItems()); n != 3 {
		t.Fatalf("%d export items, want 3", n)
	}
}
