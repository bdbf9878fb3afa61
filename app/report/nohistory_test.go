package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// noHistorySession is a project imported from GIS layers only (schools
// and zones, no history; P1 has seats, P2 classrooms, P3 and J1 neither;
// Z2 has a known 0 count, Z3 only population), opened with the app clock
// in November 2026: school year 2026.
func noHistorySession(t *testing.T) *app.Session {
	t.Helper()
	old := app.Now
	app.Now = func() time.Time { return time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { app.Now = old })
	const cell = 0.01
	square := func(c int) orb.MultiPolygon {
		x := 117 + float64(c)*cell
		return orb.MultiPolygon{{{{x, 31}, {x + cell, 31}, {x + cell, 31 + cell}, {x, 31 + cell}, {x, 31}}}}
	}
	at := func(c int) orb.Point { return orb.Point{117 + (float64(c)+0.5)*cell, 31 + cell/2} }
	d := &model.District{Name: "无历史县", Schools: []model.School{
		{ID: "P1", Name: "城关一小", Level: model.LevelPrimary, Location: at(0), Capacity: 100},
		{ID: "P2", Name: "城关二小", Level: model.LevelPrimary, Location: at(1), Classrooms: 12},
		{ID: "P3", Name: "河口小学", Level: model.LevelPrimary, Location: at(2)},
		{ID: "J1", Name: "城关初中", Level: model.LevelJunior, Location: at(1)},
	}, Zones: []model.Zone{
		{ID: "Z1", Name: "东苑", Geometry: square(0), Population: 3000, PrimaryAge: 300, JuniorAge: 120, PrimarySchool: "P1", JuniorSchool: "J1"},
		{ID: "Z2", Name: "西苑", Geometry: square(1), Population: 800, PrimaryAgeKnown: true, JuniorAgeKnown: true, PrimarySchool: "P2", JuniorSchool: "J1"},
		{ID: "Z3", Name: "河口村", Geometry: square(2), Population: 4000, PrimarySchool: "P3", JuniorSchool: "J1"},
	}}
	return app.NewSession(d, "", app.Project)
}

// yearZero finds a year 0 printed as a year: "0年" not preceded by a digit.
var yearZero = regexp.MustCompile(`(^|[^0-9])0\s*年`)

func TestNoHistoryTitles(t *testing.T) {
	s := noHistorySession(t)
	for _, theme := range []Theme{ThemeCatchment, ThemeStatus} {
		opt := MapOptions{Options: Options{Date: fixedDate}, Theme: theme}.resolve(s)
		title, sub := mapTitle(s, opt), mapSubtitle(s, opt)
		if !strings.Contains(title, "无历史县2026年小学学区") || yearZero.MatchString(title+sub) {
			t.Errorf("map title %q subtitle %q", title, sub)
		}
		if theme == ThemeStatus {
			if !strings.Contains(sub, "估算数据") {
				t.Errorf("status subtitle %q does not say 估算", sub)
			}
			m := newMapModel(s, opt)
			if line := statusSummary(m); !strings.HasPrefix(line, "2026年全域（估算）") {
				t.Errorf("status summary %q", line)
			}
		}
		var buf bytes.Buffer
		if err := MapPDF(&buf, s, opt); err != nil {
			t.Fatal(err)
		}
		checkPDF(t, "map", buf.Bytes(), 1)
	}
	opt := Options{Date: fixedDate}.resolve(s)
	if got := noticeTitle(opt.Year); got != "2026年义务教育学校招生划片范围公示" {
		t.Errorf("notice title %q", got)
	}
	var buf bytes.Buffer
	if err := NoticePDF(&buf, s, Options{Date: fixedDate}); err != nil {
		t.Fatal(err)
	}
	checkPDF(t, "notice", buf.Bytes(), 0)
}

func TestNoHistoryLedger(t *testing.T) {
	s := noHistorySession(t)
	var buf bytes.Buffer
	if err := LedgerXLSX(&buf, s, Options{Date: fixedDate}); err != nil {
		t.Fatal(err)
	}
	dump(t, "ledger-nohist.xlsx", buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(SheetLedger)
	if !strings.Contains(rows[0][0], "无历史县2026年义务教育学校问题台账") || !strings.Contains(rows[0][0], "估算数据") {
		t.Errorf("ledger title %q", rows[0][0])
	}
	// P1: 300 estimated pupils on 100 seats (a shortage); P3: 4000 × 0.075
	// = 300 pupils, seats unknown; P2: a known 0, small school.
	byName := map[string][]string{}
	for _, r := range rows[2:] {
		byName[r[1]] = r
	}
	if r := byName["城关一小"]; r == nil || r[4] != "300（估算）" || r[6] != "100" || r[7] != "200（估算）" {
		t.Errorf("城关一小 %v", r)
	}
	if r := byName["城关二小"]; r == nil || r[4] != "0（估算）" || r[6] != "540（估算）" {
		t.Errorf("城关二小 %v", r)
	}
	sum, _ := f.GetRows(SheetSummary)
	if len(sum) != 3 || sum[2][0] != "2026" || sum[2][1] != "估算" || sum[2][len(SummaryHeader)-1] != "2" {
		t.Errorf("summary sheet %v", sum)
	}
	for _, sheet := range [][][]string{rows, sum} {
		for _, r := range sheet {
			for _, c := range r {
				if yearZero.MatchString(c) {
					t.Errorf("cell %q", c)
				}
			}
		}
	}
}
