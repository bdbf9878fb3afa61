package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestZoneDetailAssign(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	z := NewZoneDetail(sess)
	sess.OnChange(z.Refresh)
	w := test.NewTempWindow(t, z)
	w.Resize(fyne.NewSize(360, 360))
	z.SetZone("Z2")
	test.AssertRendersToMarkup(t, "zonedetail_z2.xml", w.Canvas())

	// Junior choices: not assigned, 城关中学, the nine-year school.
	if got := len(z.junior.Options); got != 3 {
		t.Fatalf("junior options %v", z.junior.Options)
	}
	z.junior.SetSelected("新区九年一贯制学校 (S4)")
	if got := sess.District().Zone("Z2").JuniorSchool; got != "S4" {
		t.Fatalf("junior school = %q, want S4", got)
	}
	if sess.UndoLabel().IsZero() {
		t.Fatal("the assignment is not undoable")
	}
	z.primary.SetSelectedIndex(0)
	if got := sess.District().Zone("Z2").PrimarySchool; got != "" {
		t.Errorf("primary school = %q, want unassigned", got)
	}
	_ = sess.Undo()
	_ = sess.Undo()
	if zone := sess.District().Zone("Z2"); zone.JuniorSchool != "S2" || zone.PrimarySchool != "S3" {
		t.Errorf("after undo: %s/%s, want S3/S2", zone.PrimarySchool, zone.JuniorSchool)
	}
	if z.junior.Selected != "城关中学 (S2)" {
		t.Errorf("select shows %q after undo", z.junior.Selected)
	}
}

func TestZoneDetailRefreshDoesNotEdit(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	z := NewZoneDetail(sess)
	test.NewTempWindow(t, z)
	z.SetZone("Z1")
	z.SetZone("Z3")
	z.Refresh()
	if !sess.UndoLabel().IsZero() || sess.Dirty() {
		t.Errorf("showing zones changed the district: %q", sess.UndoLabel().String())
	}
	z.SetZone("nope")
	if !z.empty.Visible() {
		t.Error("unknown zone must show the hint")
	}
}
