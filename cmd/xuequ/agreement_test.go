package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// timelineProject saves the sample with a scenario "规划" on a timeline:
// a school expanded in last+2, 滨江小学 opening in last+3 with the
// catchment of the first primary school, and a small primary school
// closing after last+1.
func timelineProject(t *testing.T) (path string, last int) {
	t.Helper()
	d, _, err := app.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	_, last = d.Years()
	s := app.NewSession(d, "", app.Project)
	if err := s.NewScenario("规划", ""); err != nil {
		t.Fatal(err)
	}
	var primaries []string
	for _, sc := range d.Schools {
		if sc.Level == model.LevelPrimary {
			primaries = append(primaries, sc.ID)
		}
	}
	from, grown, closing := primaries[0], primaries[1], primaries[len(primaries)-1]
	var zones []string
	for _, z := range d.Zones {
		if z.PrimarySchool == from {
			zones = append(zones, z.ID)
		}
	}
	rooms := d.School(grown).Classrooms + 6
	for _, c := range []app.Command{
		app.At(last+2, &app.SchoolEdit{ID: grown, Classrooms: &rooms}),
		app.At(last+3, &app.OpenSchool{Name: "滨江小学", Level: model.LevelPrimary, Location: d.School(from).Location, Capacity: 1080, Public: true}),
		app.At(last+3, &app.AssignZones{Zones: zones, School: "N001", Stage: model.LevelPrimary}),
		app.At(last+1, &app.CloseSchool{ID: closing}),
	} {
		if err := s.Do(c); err != nil {
			t.Fatal(err)
		}
	}
	path = filepath.Join(t.TempDir(), "timeline.xuequ.gpkg")
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	return path, last
}

// gradeKey names one projected grade of one school in one year.
type gradeKey struct {
	school      string
	year, grade int
}

// gradeFigures are what must agree: pupils, classes, status.
type gradeFigures struct {
	students, classes int
	status            string
}

// TestAgreement: for every projected school, grade and year of the sample
// district — base and a scenario on a timeline — `forecast --json`,
// `analyze --year Y --json` and the GUI Session give the same students,
// classes and status (they all call forecast.District).
func TestAgreement(t *testing.T) {
	path, last := timelineProject(t)
	for _, scenario := range []string{"", "规划"} {
		t.Run("scenario="+scenario, func(t *testing.T) {
			extra := []string{}
			if scenario != "" {
				extra = []string{"--scenario", scenario}
			}
			fc := forecastFigures(t, path, app.ProjectionYears, extra)
			sess, err := app.OpenProject(path, app.Project)
			if err != nil {
				t.Fatal(err)
			}
			if err := sess.SwitchScenario(scenario); err != nil {
				t.Fatal(err)
			}
			n, nursery := 0, 0
			for y := last + 1; y <= last+app.ProjectionYears; y++ {
				an := analyzeFigures(t, path, y, extra)
				ga := sess.AnalysisFor(y)
				gui := sessionFigures(ga)
				// The kindergarten line (幼儿园：在园 N 人 · M 班 · 学位缺口 G) is
				// the kindergartens' 小班 + 中班 + 大班 of the forecast.
				kg := kindergartenSummary(t, path, y, extra)
				if g := ga.Summary.Kindergarten; kg.Students != g.Students || kg.Classes != g.Classes || kg.SeatGap != g.SeatGap {
					t.Errorf("%d: kindergarten summary: analyze %+v, GUI %+v", y, kg, g)
				}
				kgPupils, kgClasses := 0, 0
				for k, f := range fc {
					if k.year == y && k.grade <= 0 {
						kgPupils += f.students
						kgClasses += f.classes
					}
				}
				if kgPupils != kg.Students || kgClasses != kg.Classes || kg.Students == 0 {
					t.Errorf("%d: kindergarten summary %+v, forecast rows %d pupils in %d classes", y, kg, kgPupils, kgClasses)
				}
				for k, f := range fc {
					if k.year != y {
						continue
					}
					n++
					if k.grade < 0 {
						nursery++ // 小班/中班 of kindergartens
					}
					if an[k] != f || gui[k] != f {
						t.Errorf("%+v: forecast %+v, analyze %+v, GUI %+v", k, f, an[k], gui[k])
					}
				}
				for k := range gui {
					if _, ok := fc[k]; !ok {
						t.Errorf("%+v: in the GUI, not in forecast", k)
					}
				}
			}
			t.Logf("%d projected school-grade-years agree (%d of kindergartens' 小班/中班)", n, nursery)
			if nursery == 0 {
				t.Error("no kindergarten 小班/中班 compared")
			}
			if n < 1000 {
				t.Errorf("only %d projected grades compared", n)
			}
		})
	}
}

func forecastFigures(t *testing.T, path string, years int, extra []string) map[gradeKey]gradeFigures {
	t.Helper()
	args := append([]string{"forecast", path, "--json", "--years", strconv.Itoa(years)}, extra...)
	code, out, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("forecast: exit %d: %s", code, errOut)
	}
	var doc struct {
		Projections []struct {
			School   string  `json:"school"`
			Year     int     `json:"year"`
			Grade    int     `json:"grade"`
			Students float64 `json:"students"`
			Classes  int     `json:"classes"`
			Status   string  `json:"status"`
			Seats    int     `json:"seats"`
			SeatGap  int     `json:"seat_gap"`
		} `json:"projections"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	m := map[gradeKey]gradeFigures{}
	for _, p := range doc.Projections {
		n := int(p.Students + 0.5)
		m[gradeKey{p.School, p.Year, p.Grade}] = gradeFigures{n, p.Classes, p.Status}
		if p.SeatGap != n-p.Seats {
			t.Errorf("%s %d grade %d: seat_gap %d ≠ students %d − seats %d", p.School, p.Year, p.Grade, p.SeatGap, n, p.Seats)
		}
	}
	return m
}

func analyzeFigures(t *testing.T, path string, year int, extra []string) map[gradeKey]gradeFigures {
	t.Helper()
	args := append([]string{"analyze", path, "--json", "--year", fmt.Sprint(year)}, extra...)
	code, out, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errOut)
	}
	var doc struct {
		Schools []struct {
			School   string `json:"school"`
			Students int    `json:"students"`
			Capacity int    `json:"capacity"`
			SeatGap  int    `json:"seat_gap"`
			Known    bool   `json:"capacity_known"`
			Grades   []struct {
				Grade    int    `json:"grade"`
				Students int    `json:"students"`
				Classes  int    `json:"classes"`
				Status   string `json:"status"`
			} `json:"grades"`
		} `json:"schools"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	m := map[gradeKey]gradeFigures{}
	for _, s := range doc.Schools {
		if s.Known && s.SeatGap != s.Students-s.Capacity {
			t.Errorf("%s %d: seat_gap %d ≠ students %d − capacity %d", s.School, year, s.SeatGap, s.Students, s.Capacity)
		}
		for _, g := range s.Grades {
			m[gradeKey{s.School, year, g.Grade}] = gradeFigures{g.Students, g.Classes, g.Status}
		}
	}
	return m
}

func kindergartenSummary(t *testing.T, path string, year int, extra []string) model.StageResult {
	t.Helper()
	args := append([]string{"analyze", path, "--json", "--year", fmt.Sprint(year)}, extra...)
	code, out, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("analyze: exit %d: %s", code, errOut)
	}
	var doc struct {
		Summary struct {
			Kindergarten struct {
				Students int `json:"students"`
				Classes  int `json:"classes"`
				SeatGap  int `json:"seat_gap"`
			} `json:"kindergarten"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	k := doc.Summary.Kindergarten
	return model.StageResult{Students: k.Students, Classes: k.Classes, SeatGap: k.SeatGap}
}

func sessionFigures(a model.Analysis) map[gradeKey]gradeFigures {
	m := map[gradeKey]gradeFigures{}
	for _, s := range a.Schools {
		for _, g := range s.Grades {
			m[gradeKey{s.School, a.Year, int(g.Grade)}] = gradeFigures{g.Students, g.Classes, g.Status.String()}
		}
	}
	return m
}

// TestTimelineEarlierYearsCLI: the scenario's first edit takes effect in
// last+2 (a closure after last+1), so `analyze --year last+1` gives the
// base's figures, and last+2 does not.
func TestTimelineEarlierYearsCLI(t *testing.T) {
	path, last := timelineProject(t)
	scen := []string{"--scenario", "规划"}
	for y, same := range map[int]bool{last + 1: true, last + 2: false} {
		base, got := analyzeFigures(t, path, y, nil), analyzeFigures(t, path, y, scen)
		equal := len(base) == len(got)
		for k, f := range base {
			equal = equal && got[k] == f
		}
		if equal != same {
			t.Errorf("%d: scenario equal to the base: %v, want %v", y, equal, same)
		}
	}
}
