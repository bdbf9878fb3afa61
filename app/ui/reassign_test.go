package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/model/assign"
)

// TestReassignResultMatchesStatusBar: the result names this year's seat
// shortage exactly as the status bar does.
func TestReassignResultMatchesStatusBar(t *testing.T) {
	w := newTestWindow(t)
	w.reassign(assign.MethodNearest)
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no result")
	}
	var text []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			text = append(text, l.Text)
		}
	}
	all := strings.Join(text, "\n")
	short := formatInt(float64(w.sess.Analysis().Summary.SeatShortage))
	if !strings.Contains(w.status.Text, "学位缺口 "+short) {
		t.Fatalf("status bar %q lacks 学位缺口 %s", w.status.Text, short)
	}
	if !strings.Contains(all, "→ "+short) || !strings.Contains(all, "改变学区的小区") {
		t.Errorf("result does not show the status bar's shortage %s:\n%s", short, all)
	}
}
