package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// setAppNow fixes the app clock (the school year of a project without
// history) for one test.
func setAppNow(t *testing.T, now time.Time) {
	t.Helper()
	old := app.Now
	app.Now = func() time.Time { return now }
	t.Cleanup(func() { app.Now = old })
}

// noHistorySession is a project imported from GIS layers only, opened in
// November 2026 (school year 2026): P1 has seats, P2 classrooms, P3 and
// J1 neither; Z2 has a known 0 count, Z3 only population.
func noHistorySession(t *testing.T) *app.Session {
	t.Helper()
	setAppNow(t, time.Date(2026, 11, 29, 9, 30, 0, 0, time.UTC))
	const cell = 0.01
	square := func(c int) orb.MultiPolygon {
		x := 117 + float64(c)*cell
		return orb.MultiPolygon{{{{x, 31}, {x + cell, 31}, {x + cell, 31 + cell}, {x, 31 + cell}, {x, 31}}}}
	}
	at := func(c int) orb.Point { return orb.Point{117 + (float64(c)+0.5)*cell, 31 + cell/2} }
	d := &model.District{Name: "无历史县", Schools: []model.School{
		{ID: "P1", Name: "城关一小", Level: model.LevelPrimary, Location: at(0), Capacity: 100, Public: true},
		{ID: "P2", Name: "城关二小", Level: model.LevelPrimary, Location: at(1), Classrooms: 12, Public: true},
		{ID: "P3", Name: "河口小学", Level: model.LevelPrimary, Location: at(2), Public: true},
		{ID: "J1", Name: "城关初中", Level: model.LevelJunior, Location: at(1), Public: true},
	}, Zones: []model.Zone{
		{ID: "Z1", Name: "东苑", Geometry: square(0), Population: 3000, PrimaryAge: 300, JuniorAge: 120, PrimarySchool: "P1", JuniorSchool: "J1"},
		{ID: "Z2", Name: "西苑", Geometry: square(1), Population: 800, PrimaryAgeKnown: true, JuniorAgeKnown: true, PrimarySchool: "P2", JuniorSchool: "J1"},
		{ID: "Z3", Name: "河口村", Geometry: square(2), Population: 4000, PrimarySchool: "P3", JuniorSchool: "J1"},
	}}
	return app.NewSession(d, "", app.Project)
}

// yearZero finds a year 0 printed as a year ("0年", "0 学年", "Year 0").
var yearZero = regexp.MustCompile(`(^|[^0-9])0\s*(年|学年)|Year 0\b`)

func TestNoHistorySummary(t *testing.T) {
	newPanelTestApp(t)
	sess := noHistorySession(t)
	s := NewSummary(sess)
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(360, 720))
	test.AssertRendersToMarkup(t, "summary_nohistory.xml", w.Canvas())
	if s.title.Text != "2026年全县概况（估算）" {
		t.Errorf("title %q", s.title.Text)
	}
	if !s.note.Visible() || !strings.Contains(s.note.Text, "估算") || !strings.Contains(s.note.Text, "学位未知的学校2所") {
		t.Errorf("note %q", s.note.Text)
	}
	// The sample-like districts with history and seats have no note.
	s2 := NewSummary(newPanelTestSession())
	test.NewTempWindow(t, s2)
	if s2.note.Visible() {
		t.Errorf("note %q on a district with history and seats", s2.note.Text)
	}
}

func TestNoHistorySchoolTableAndDetail(t *testing.T) {
	newPanelTestApp(t)
	sess := noHistorySession(t)
	table := NewSchoolTable(sess, nil)
	w := test.NewTempWindow(t, table)
	w.Resize(fyne.NewSize(820, 300))
	cell := func(id string, col int) string {
		for row, r := range table.rows {
			if r.school.ID == id {
				o := table.createCell()
				table.updateCell(widget.TableCellID{Row: row, Col: col}, o)
				return o.(*fyne.Container).Objects[0].(*widget.Label).Text
			}
		}
		t.Fatalf("no row %s", id)
		return ""
	}
	for _, c := range []struct {
		school string
		col    int
		want   string
	}{
		{"P1", schoolColStudents, "约300"},
		{"P1", schoolColSeats, "100"},
		{"P1", schoolColSeatGap, "约200"},
		{"P2", schoolColStudents, "约0"}, // a known 0 stays 0
		{"P2", schoolColSeats, "约540"},
		{"P3", schoolColStudents, "约300"}, // 4000 × 0.075
		{"P3", schoolColSeats, "未知"},
		{"P3", schoolColSeatGap, "未知"},
	} {
		if got := cell(c.school, c.col); got != c.want {
			t.Errorf("%s column %d = %q, want %q", c.school, c.col, got, c.want)
		}
	}

	d := NewSchoolDetail(sess)
	test.NewTempWindow(t, d)
	d.SetSchool("P3")
	if got := d.figures.Text; !strings.HasPrefix(got, "2026年：在校生 300（估算）") || !strings.Contains(got, "学位 未知，学位缺口 未知") {
		t.Errorf("detail figures %q", got)
	}
	d.SetSchool("P1")
	if got := d.figures.Text; yearZero.MatchString(got) || !strings.Contains(got, "学位 100，学位缺口 200（估算）") {
		t.Errorf("detail figures %q", got)
	}
}

func TestNoHistoryStatusBar(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme("light"))
	if err := SetLanguage(langChinese); err != nil {
		t.Fatal(err)
	}
	sess := noHistorySession(t)
	w := newMainWindow(a, Config{Sample: func() (*model.District, error) { return sess.District(), nil }})
	t.Cleanup(w.win.Close)
	t.Cleanup(inflight.Wait)
	w.setSession(sess)
	w.win.Resize(fyne.NewSize(1280, 800))
	status := w.status.Text
	for _, want := range []string{"2026 学年（估算）", "学校 4 所", "学位未知 2 所"} {
		if !strings.Contains(status, want) {
			t.Errorf("status bar %q lacks %q", status, want)
		}
	}
	if yearZero.MatchString(status) || yearZero.MatchString(w.win.Title()) {
		t.Errorf("a year 0 in %q / %q", status, w.win.Title())
	}
	if err := SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	w.updateStatus()
	if s := w.status.Text; !strings.Contains(s, "Year 2026 (estimated)") || yearZero.MatchString(s) {
		t.Errorf("English status %q", s)
	}
	_ = SetLanguage(langChinese)
}

// The detail's year column says the pupils are estimated.
func TestNoHistoryDetailYearHeader(t *testing.T) {
	newPanelTestApp(t)
	d := NewSchoolDetail(noHistorySession(t))
	test.NewTempWindow(t, d)
	d.SetSchool("P1")
	l := widget.NewLabel("")
	d.updateHeader(widget.TableCellID{Row: -1, Col: 0}, l)
	if l.Text != "▸2026估算" {
		t.Errorf("year header %q", l.Text)
	}
}
