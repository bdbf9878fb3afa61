package ui

import (
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/synth"
)

var (
	sampleOnce     sync.Once
	sampleDistrict *model.District
)

// sampleSession is a session on the synthetic sample county (a realistic
// size) with the shift projector, so that every year has figures.
func sampleSession(tb testing.TB) *app.Session {
	tb.Helper()
	sampleOnce.Do(func() { sampleDistrict = synth.Sample() })
	d := *sampleDistrict
	d.Schools = append([]model.School(nil), sampleDistrict.Schools...)
	d.Zones = append([]model.Zone(nil), sampleDistrict.Zones...)
	return app.NewSession(&d, "", shiftProjector)
}

// TestPanelsOnSample builds every panel on the synthetic sample and walks
// through its schools and zones: no panic, sensible numbers.
func TestPanelsOnSample(t *testing.T) {
	newPanelTestApp(t)
	sess := sampleSession(t)
	table := NewSchoolTable(sess, nil)
	detail := NewSchoolDetail(sess)
	zone := NewZoneDetail(sess)
	sum := NewSummary(sess)
	year := NewYearSlider(sess)
	for _, p := range []interface{ Refresh() }{table, detail, zone, sum, year} {
		sess.OnChange(p.Refresh)
	}
	w := test.NewTempWindow(t, table)
	w.Resize(fyne.NewSize(900, 600))

	d := sess.District()
	if len(table.rows) != len(d.Schools) {
		t.Errorf("table shows %d of %d schools", len(table.rows), len(d.Schools))
	}
	for _, s := range d.Schools[:min(len(d.Schools), 20)] {
		detail.SetSchool(s.ID)
		if detail.title.Text != s.Name {
			t.Fatalf("detail shows %q for %s", detail.title.Text, s.ID)
		}
	}
	for _, z := range d.Zones[:min(len(d.Zones), 20)] {
		zone.SetZone(z.ID)
	}
	if !sess.UndoLabel().IsZero() {
		t.Errorf("browsing edited the district: %s", sess.UndoLabel().String())
	}
	first, last := sess.YearRange()
	year.SetYear(first)
	year.SetYear(last)
	if sess.Year() != last || !sum.gauge.valid {
		t.Errorf("year %d (want %d), gauge valid %v", sess.Year(), last, sum.gauge.valid)
	}
}

func BenchmarkSchoolTableRefresh(b *testing.B) {
	test.NewTempApp(b)
	sess := sampleSession(b)
	table := NewSchoolTable(sess, nil)
	test.NewTempWindow(b, table).Resize(fyne.NewSize(900, 600))
	b.ResetTimer()
	for b.Loop() {
		table.Refresh()
	}
}

// BenchmarkSchoolDetailSetSchool measures a click on a school: one
// analysis per year of the session's range.
func BenchmarkSchoolDetailSetSchool(b *testing.B) {
	test.NewTempApp(b)
	sess := sampleSession(b)
	detail := NewSchoolDetail(sess)
	test.NewTempWindow(b, detail).Resize(fyne.NewSize(500, 700))
	id := sess.District().Schools[0].ID
	b.ResetTimer()
	for b.Loop() {
		detail.SetSchool(id)
	}
}

func BenchmarkSummaryRefresh(b *testing.B) {
	test.NewTempApp(b)
	sess := sampleSession(b)
	sum := NewSummary(sess)
	test.NewTempWindow(b, sum).Resize(fyne.NewSize(360, 700))
	b.ResetTimer()
	for b.Loop() {
		sum.Refresh()
	}
}
