package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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

// TestSparklineAxis: with years the chart shows its value range, years
// and the last values as text.
func TestSparklineAxis(t *testing.T) {
	newPanelTestApp(t)
	s := NewSparkline()
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(260, 110))
	s.SetData([]float64{100, 120, 1110, 1300}, 2)
	s.SetAxis([]string{"2021", "2022", "2023", "2024"})
	r := test.TempWidgetRenderer(t, s).(*sparklineRenderer)
	r.Layout(fyne.NewSize(260, 110))
	var texts []string
	for _, o := range r.Objects() {
		if txt, ok := o.(*canvas.Text); ok {
			texts = append(texts, txt.Text)
		}
	}
	for _, want := range []string{"1,300", "100", "2021", "2022", "2024", "120"} {
		if !slices.Contains(texts, want) {
			t.Errorf("axis texts %q lack %q", texts, want)
		}
	}
}
