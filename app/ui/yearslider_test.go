package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

func TestYearSlider(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	y := NewYearSlider(sess)
	sess.OnChange(y.Refresh)
	test.NewTempWindow(t, y)

	if y.slider.Min != 2021 || y.slider.Max != 2033 || y.label.Text != "2023" {
		t.Fatalf("range %v–%v label %q", y.slider.Min, y.slider.Max, y.label.Text)
	}
	y.SetYear(2026)
	if sess.Year() != 2026 || y.label.Text != "2026（预测）" {
		t.Errorf("year %d label %q", sess.Year(), y.label.Text)
	}
	sess.SetYear(2022) // from elsewhere (menu, CLI): the slider follows
	if y.slider.Value != 2022 || y.label.Text != "2022" {
		t.Errorf("slider %v label %q", y.slider.Value, y.label.Text)
	}
}

// A district without history is studied in the current school year
// (never year 0), the only year the slider offers.
func TestYearSliderEmptyDistrict(t *testing.T) {
	newPanelTestApp(t)
	setAppNow(t, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	y := NewYearSlider(app.NewSession(&model.District{}, "", nil))
	test.NewTempWindow(t, y)
	if !y.slider.Disabled() || y.label.Text != "2025" {
		t.Errorf("disabled %v label %q", y.slider.Disabled(), y.label.Text)
	}
}
