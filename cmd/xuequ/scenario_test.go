package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// scenarioProject saves the sample with one scenario: a new primary
// school, 滨江小学 (N001), that takes the catchment of the first school.
func scenarioProject(t *testing.T) (path string, last int) {
	t.Helper()
	d, _, err := app.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	s := app.NewSession(d, "", app.Project)
	if err := s.NewScenario("新建滨江小学", "滨江新区新建小学"); err != nil {
		t.Fatal(err)
	}
	var zones []string
	var from string
	for _, sc := range d.Schools {
		if sc.Level == model.LevelPrimary {
			from = sc.ID
			break
		}
	}
	for _, z := range d.Zones {
		if z.PrimarySchool == from {
			zones = append(zones, z.ID)
		}
	}
	for _, c := range []app.Command{
		&app.OpenSchool{Name: "滨江小学", Level: model.LevelPrimary, Location: d.School(from).Location, Capacity: 1080, Public: true},
		&app.AssignZones{Zones: zones, School: "N001", Stage: model.LevelPrimary},
	} {
		if err := s.Do(c); err != nil {
			t.Fatal(err)
		}
	}
	path = filepath.Join(t.TempDir(), "scenario.xuequ.gpkg")
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	_, last = d.Years()
	return path, last
}

func TestAnalyzeScenario(t *testing.T) {
	path, last := scenarioProject(t)
	year := strconv.Itoa(last + 3)
	analyze := func(args ...string) analyzeDoc {
		t.Helper()
		code, out, errOut := runCLI(t, append([]string{"analyze", path, "--year", year, "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var doc analyzeDoc
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	find := func(doc analyzeDoc, id string) *schoolDoc {
		for i := range doc.Schools {
			if doc.Schools[i].School == id {
				return &doc.Schools[i]
			}
		}
		return nil
	}
	base, sc := analyze(), analyze("--scenario", "新建滨江小学")
	if find(base, "N001") != nil {
		t.Error("the base has no new school")
	}
	n := find(sc, "N001")
	if n == nil || n.Students == 0 || n.Capacity != 1080 || n.Name != "滨江小学" {
		t.Fatalf("scenario school %+v", n)
	}
	if len(sc.Schools) != len(base.Schools)+1 {
		t.Errorf("%d schools in the scenario, %d in the base", len(sc.Schools), len(base.Schools))
	}
	t.Logf("%s: 滨江小学 %d pupils; large classes %d → %d", year, n.Students, base.Summary.Large, sc.Summary.Large)

	code, _, errOut := runCLI(t, "analyze", path, "--scenario", "nope")
	if code != 1 || !strings.Contains(errOut, `no scenario named "nope"`) || !strings.Contains(errOut, `"新建滨江小学"`) {
		t.Errorf("unknown scenario: exit %d, %q", code, errOut)
	}
	// forecast and assign take the scenario too.
	code, out, errOut := runCLI(t, "forecast", path, "--scenario", "新建滨江小学", "--json")
	if code != 0 || !strings.Contains(out, `"school": "N001"`) {
		t.Errorf("forecast --scenario: exit %d %s", code, errOut)
	}
	code, out, errOut = runCLI(t, "assign", path, "--scenario", "新建滨江小学", "--method", "nearest", "--json")
	if code != 0 || !strings.Contains(out, `"N001"`) {
		t.Errorf("assign --scenario: exit %d %s", code, errOut)
	}
}

// TestAnalyzeScenarioConservesPupils: a scenario that moves three zones of
// 示例县实验小学 (S018) to 城关镇第一小学 (S016) moves their first-graders
// with them; the county total of the first projected year is the base's.
func TestAnalyzeScenarioConservesPupils(t *testing.T) {
	d, _, err := app.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	s := app.NewSession(d, "", app.Project)
	var zones []string
	for _, z := range d.Zones {
		if z.PrimarySchool == "S018" && len(zones) < 3 {
			zones = append(zones, z.ID)
		}
	}
	if err := s.NewScenario("实验小学分流", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Do(&app.AssignZones{Zones: zones, School: "S016", Stage: model.LevelPrimary}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "move.xuequ.gpkg")
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	_, last := d.Years()
	analyze := func(year int, args ...string) analyzeDoc {
		t.Helper()
		code, out, errOut := runCLI(t, append([]string{"analyze", path, "--year", strconv.Itoa(year), "--json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var doc analyzeDoc
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	students := func(doc analyzeDoc, id string) int {
		for _, sc := range doc.Schools {
			if sc.School == id {
				return sc.Students
			}
		}
		return -1
	}
	for y := last + 1; y <= last+5; y++ {
		base, sc := analyze(y), analyze(y, "--scenario", "实验小学分流")
		if y == last+1 && base.Summary.Students != sc.Summary.Students {
			t.Errorf("%d: %d pupils in the scenario, %d in the base", y, sc.Summary.Students, base.Summary.Students)
		}
		moved := students(base, "S018") - students(sc, "S018")
		if moved <= 0 || students(sc, "S016")-students(base, "S016") <= 0 {
			t.Errorf("%d: S018 %d → %d, S016 %d → %d", y, students(base, "S018"), students(sc, "S018"), students(base, "S016"), students(sc, "S016"))
		}
		t.Logf("%d: county %d → %d pupils; S018 %d → %d, S016 %d → %d; 大班额 %d → %d, 超大班额 %d → %d", y,
			base.Summary.Students, sc.Summary.Students, students(base, "S018"), students(sc, "S018"),
			students(base, "S016"), students(sc, "S016"), base.Summary.Large, sc.Summary.Large, base.Summary.VeryLarge, sc.Summary.VeryLarge)
	}
}
