package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/app"
)

// sampleProject writes the embedded sample district as a project file, as
// `xuequ sample` does.
func sampleProject(t *testing.T) string {
	t.Helper()
	d, _, err := app.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "sample.xuequ.gpkg")
	if err := app.NewSession(d, "", nil).Save(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAssignJSON(t *testing.T) {
	p := sampleProject(t)
	code, out, errOut := runCLI(t, "assign", p, "--method", "optimal", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// The DESIGN.md §7 shape, exactly these names.
	var doc struct {
		Method      string `json:"method"`
		Assignments []struct {
			Zone   string `json:"zone"`
			School string `json:"school"`
		} `json:"assignments"`
		Schools []struct {
			School   string `json:"school"`
			Students int    `json:"students"`
			Capacity int    `json:"capacity"`
		} `json:"schools"`
		Checks map[string]int `json:"checks"`
		Cost   float64        `json:"cost"`
		Demand int            `json:"demand"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if doc.Method != "optimal" || len(doc.Assignments) < 300 || len(doc.Schools) < 10 || doc.Cost <= 0 {
		t.Fatalf("doc: method %q, %d assignments, %d schools, cost %v", doc.Method, len(doc.Assignments), len(doc.Schools), doc.Cost)
	}
	for _, k := range []string{"unassigned", "over_capacity", "non_contiguous", "beyond_radius"} {
		if _, ok := doc.Checks[k]; !ok {
			t.Errorf("checks lack %q: %v", k, doc.Checks)
		}
	}
	if doc.Checks["unassigned"] != 0 {
		t.Errorf("unassigned %d", doc.Checks["unassigned"])
	}
	for _, a := range doc.Assignments {
		if a.Zone == "" || a.School == "" {
			t.Fatalf("assignment %+v", a)
		}
	}
	students := 0
	for _, s := range doc.Schools {
		students += s.Students
	}
	if students != doc.Demand {
		t.Errorf("schools hold %d pupils, demand is %d", students, doc.Demand)
	}
	for _, key := range []string{`"demand"`, `"capacity"`, `"distance_m"`, `"changed"`, `"stage": "primary"`} {
		if !strings.Contains(out, key) {
			t.Errorf("JSON lacks %s", key)
		}
	}

	// Nearest ignores seats, so it leaves more pupils without a seat.
	_, outNear, _ := runCLI(t, "assign", p, "--method", "nearest", "--json")
	var near struct {
		Checks map[string]int `json:"checks"`
		Cost   float64        `json:"cost"`
	}
	if err := json.Unmarshal([]byte(outNear), &near); err != nil {
		t.Fatal(err)
	}
	if near.Checks["over_capacity_students"] <= doc.Checks["over_capacity_students"] || near.Cost > doc.Cost {
		t.Errorf("nearest %+v vs optimal %+v", near, doc.Checks)
	}
}

func TestAssignTableAndErrors(t *testing.T) {
	p := sampleProject(t)
	code, out, errOut := runCLI(t, "assign", p, "--stage", "junior", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Catchments", "junior", "Schools over capacity", "pupil-km"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"assign", p, "--method", "network"}, 1, "road network"},
		{[]string{"assign", p, "--method", "walking"}, 2, "unknown assignment method"},
		{[]string{"assign", p, "--stage", "senior"}, 2, "primary or junior"},
		{[]string{"assign"}, 2, "project file"},
		{[]string{"assign", filepath.Join(t.TempDir(), "missing.xuequ.gpkg")}, 1, "missing.xuequ.gpkg"},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args[1:], code, errOut, tc.code, tc.msg)
		}
	}
}
