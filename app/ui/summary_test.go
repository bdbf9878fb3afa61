package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

func TestSummaryGolden(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	s := NewSummary(sess)
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(360, 720))
	test.AssertRendersToMarkup(t, "summary_2023.xml", w.Canvas())

	sess.SetYear(2025)
	s.Refresh()
	test.AssertRendersToMarkup(t, "summary_2025.xml", w.Canvas())
}

func TestSummaryGauge(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	s := NewSummary(sess)
	sess.OnChange(s.Refresh)
	test.NewTempWindow(t, s)

	sum := sess.Analysis().Summary
	if sum.TargetMet || !s.gauge.valid || s.gauge.met() {
		t.Fatalf("2023 misses the 5%% target (share %.3f): gauge must be red", sum.LargeShare)
	}
	if got := s.values[summaryVeryLarge].Text; got != "3 班" {
		t.Errorf("超大班额 = %s, want 3", got)
	}
	// Raising the thresholds through the session makes every class
	// standard: the gauge turns green.
	std := sess.District().Standards
	std.LargeClassMin, std.VeryLargeClassMin = 90, 99
	if err := sess.Do(&app.SetStandards{To: std}); err != nil {
		t.Fatal(err)
	}
	if !s.gauge.met() || s.values[summaryLarge].Text != "0 班" {
		t.Errorf("after raising thresholds: met %v, large %s", s.gauge.met(), s.values[summaryLarge].Text)
	}
	// Two blocks side by side: a header and five rows of two years each.
	if got := len(s.projRows.Objects) / 6; got != 1+5 {
		t.Errorf("projection list has %d rows, want header + 5 rows of two years", got)
	}
}

func TestSummaryNoHistory(t *testing.T) {
	newPanelTestApp(t)
	sess := app.NewSession(&model.District{Name: "empty"}, "", nil)
	s := NewSummary(sess)
	test.NewTempWindow(t, s)
	if s.gauge.valid || s.projTitle.Visible() {
		t.Error("an empty district has no share to judge and no projection")
	}
}
