package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestSparklineGolden(t *testing.T) {
	newPanelTestApp(t)
	s := NewSparkline()
	s.SetData([]float64{100, 120, 110, 130, 140, 135, 150}, 4)
	w := test.NewTempWindow(t, s)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(160, 48))
	test.AssertImageMatches(t, "sparkline_history_projection.png", w.Canvas().Capture())

	s.SetData([]float64{5, 5, 5}, 3)
	test.AssertRendersToMarkup(t, "sparkline_flat.xml", w.Canvas())
}

func TestSparklineDashes(t *testing.T) {
	newPanelTestApp(t)
	s := NewSparkline()
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(200, 40))
	r := test.TempWidgetRenderer(t, s).(*sparklineRenderer)

	s.SetData([]float64{1, 2, 3}, 3) // all history: one line per step
	r.Layout(fyne.NewSize(200, 40))
	if got := len(r.Objects()); got != 2 {
		t.Errorf("history only: %d objects, want 2 lines", got)
	}
	s.SetData([]float64{1, 2, 3}, 1) // two projected steps: dashed
	r.Layout(fyne.NewSize(200, 40))
	if got := len(r.Objects()); got < 10 {
		t.Errorf("projection: %d objects, want many dashes", got)
	}
	s.SetData(nil, 0)
	r.Layout(fyne.NewSize(200, 40))
	if got := len(r.Objects()); got != 0 {
		t.Errorf("no data: %d objects", got)
	}
}
