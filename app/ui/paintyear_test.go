package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/model/assign"
)

// On the base district the 起用年份 is disabled; in a scenario a painted
// stroke is scheduled for the year typed (the 项目时间表 shows it).
func TestPaintYearSchedulesPaintedZones(t *testing.T) {
	w := newTestWindow(t)
	if !w.paintYear.entry.Disabled() {
		t.Fatal("起用年份 enabled on the base district")
	}
	if err := w.sess.NewScenario("划片调整", ""); err != nil {
		t.Fatal(err)
	}
	if w.paintYear.entry.Disabled() {
		t.Fatal("起用年份 disabled in a scenario")
	}
	test.Type(w.paintYear.entry, "2027")
	w.paintCheck.SetChecked(true)
	w.picker.SetSelected("P3")
	w.mapView.SetPaintSchool("P3")
	w.mapView.assign([]int{0, 1})
	tl := w.sess.Timeline()
	if len(tl) != 1 || tl[0].Year != 2027 {
		t.Fatalf("timeline %+v, want one edit in 2027", tl)
	}
	if err := w.sess.SwitchScenario(""); err != nil {
		t.Fatal(err)
	}
	if !w.paintYear.entry.Disabled() || w.paintYear.Year() != 0 {
		t.Errorf("back on the base: disabled %v year %d", w.paintYear.entry.Disabled(), w.paintYear.Year())
	}
}

// In a scenario 重新划片 asks its first intake year and schedules the
// redraw for it.
func TestReassignAsksYearInScenario(t *testing.T) {
	w := newTestWindow(t)
	if err := w.sess.NewScenario("重新划片", ""); err != nil {
		t.Fatal(err)
	}
	w.reassign(assign.MethodNearest)
	if !w.sess.UndoLabel().IsZero() {
		t.Fatal("redrew before the year was asked")
	}
	form := w.win.Canvas().Overlays().Top()
	var entry *widget.Entry
	var ok *widget.Button
	for _, o := range test.LaidOutObjects(form) {
		switch v := o.(type) {
		case *widget.Entry:
			entry = v
		case *widget.Button:
			if v.Text == "重新划片" {
				ok = v
			}
		}
	}
	if entry == nil || ok == nil {
		t.Fatal("no year field or button")
	}
	entry.SetText("2028")
	test.Tap(ok)
	tl := w.sess.Timeline()
	if len(tl) != 1 || tl[0].Year != 2028 {
		t.Fatalf("timeline %+v, want the redraw in 2028", tl)
	}
	said := false
	for _, o := range test.LaidOutObjects(w.win.Canvas().Overlays().Top()) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "自 2028 年起招生") {
			said = true
		}
	}
	if !said {
		t.Error("the result does not say from which year the catchments apply")
	}
}
