package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// The scenario commands round-trip: new from an edit list, list, show
// (whose edit list new reads back), new --from, delete.
func TestScenarioCommands(t *testing.T) {
	p := sampleProject(t)
	edits := writeFile(t, "edits.json", `{"version":1,"edits":[
		{"kind":"open_school","data":{"id":"N900","name":"滨江小学","level":"primary","lon":113.91,"lat":30.95,"capacity":1080,"public":true,"year":2028}}]}`)
	if code, _, errOut := runCLI(t, "scenario", "new", p, "滨江", "--edits", edits, "--description", "新建小学"); code != 0 {
		t.Fatalf("new: exit %d: %s", code, errOut)
	}
	code, out, errOut := runCLI(t, "scenario", "list", p, "--json")
	if code != 0 {
		t.Fatalf("list: exit %d: %s", code, errOut)
	}
	var list struct {
		Scenarios []scenarioDoc `json:"scenarios"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list.Scenarios) != 1 ||
		list.Scenarios[0].Name != "滨江" || list.Scenarios[0].Edits != 1 || list.Scenarios[0].Description != "新建小学" {
		t.Fatalf("list: %v %s", err, out)
	}
	code, out, _ = runCLI(t, "scenario", "show", p, "滨江", "--json")
	var shown scenarioDoc
	if err := json.Unmarshal([]byte(out), &shown); code != 0 || err != nil || !strings.Contains(string(shown.EditList), "N900") {
		t.Fatalf("show: exit %d %v %s", code, err, out)
	}
	again := writeFile(t, "again.json", string(shown.EditList))
	if code, _, errOut := runCLI(t, "scenario", "new", p, "copy", "--from", "滨江", "--edits", again, "--lang", "en"); code != 1 ||
		!strings.Contains(errOut, "edit 1") {
		t.Errorf("opening N900 twice: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "scenario", "new", p, "copy", "--from", "滨江"); code != 0 {
		t.Fatalf("new --from: exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "scenario", "delete", p, "滨江"); code != 0 {
		t.Fatalf("delete: exit %d: %s", code, errOut)
	}
	_, out, _ = runCLI(t, "scenario", "list", p, "--json")
	if !strings.Contains(out, `"copy"`) || strings.Contains(out, "滨江\"") {
		t.Errorf("after delete: %s", out)
	}
	if code, _, _ := runCLI(t, "scenario", "delete", p, "nope"); code != 1 {
		t.Errorf("deleting a missing scenario: exit %d", code)
	}
}

// Bad edits are refused with the edit's number and field, and nothing is
// written.
func TestScenarioBadEdits(t *testing.T) {
	p := sampleProject(t)
	for _, c := range []struct{ json, want string }{
		{`{"version":1,"edits":[{"kind":"open_school","data":{"name":"A","level":"primary","lon":"east","lat":30}}]}`, `edit 1 (open_school), field lon`},
		{`{"version":1,"edits":[{"kind":"close_school","data":{"id":"X"}},{"kind":"open_school","data":{"name":"A","level":"primary","lng":113}}]}`, `edit 2 (open_school), field lng`},
		{`{"version":1,"edits":[{"kind":"open_school","data":{"name":"A","level":"senior_x","lon":113,"lat":30}}]}`, `field level`},
		{`{"version":1,"edits":[{"kind":"paint","data":{}}]}`, `edit 1 (paint), field kind`},
		{`{"edits":[]}`, `field version`},
		{`{"version":1,"edits":[{"kind":"assign_zones","data":{"zones":["no-such-zone"],"school":"X","stage":"primary"}}]}`, `edit 1 (assign_zones)`},
	} {
		f := writeFile(t, "bad.json", c.json)
		code, _, errOut := runCLI(t, "scenario", "new", p, "bad", "--edits", f, "--lang", "en")
		if code != 1 || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, filepath.Base(f)) {
			t.Errorf("%s: exit %d, %q; want %q", c.json, code, errOut, c.want)
		}
	}
	_, out, _ := runCLI(t, "scenario", "list", p, "--json")
	if strings.Contains(out, `"bad"`) {
		t.Errorf("a refused scenario was saved: %s", out)
	}
	if code, _, _ := runCLI(t, "scenario", "frobnicate", p); code != 2 {
		t.Errorf("unknown action: exit %d", code)
	}
}

// assign --apply writes the catchments as one edit into a scenario; the
// report shows the lower bound and gap.
func TestAssignApplyScenario(t *testing.T) {
	p := sampleProject(t)
	if code, _, errOut := runCLI(t, "scenario", "new", p, "redraw"); code != 0 {
		t.Fatalf("new: %s", errOut)
	}
	code, out, errOut := runCLI(t, "assign", p, "--method", "optimal", "--apply", "--scenario", "redraw", "--json")
	if code != 0 {
		t.Fatalf("apply: exit %d: %s", code, errOut)
	}
	var doc assignDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc.LowerBound == nil || doc.Gap == nil || !doc.Applied {
		t.Fatalf("apply doc: %v %s", err, out)
	}
	if *doc.LowerBound <= 0 || *doc.LowerBound > *doc.Objective+0.1 || *doc.Gap < 0 {
		t.Errorf("bound %v objective %v gap %v", *doc.LowerBound, *doc.Objective, *doc.Gap)
	}
	if doc.Checks.NonContiguous != 0 {
		t.Errorf("applied catchments in pieces: %+v", doc.Checks)
	}
	_, out, _ = runCLI(t, "scenario", "list", p, "--json")
	if !strings.Contains(out, `"edits": 1`) {
		t.Errorf("the scenario did not get one edit: %s", out)
	}
	// The scenario now holds the catchments: drawing them again changes nothing.
	_, out, _ = runCLI(t, "assign", p, "--method", "optimal", "--scenario", "redraw", "--json")
	var again assignDoc
	_ = json.Unmarshal([]byte(out), &again)
	if again.Changed != 0 {
		t.Errorf("after --apply, %d zones still change", again.Changed)
	}
	code, out, _ = runCLI(t, "assign", p, "--lang", "en", "--stability", "0.5", "--contiguity=false")
	if code != 0 || !strings.Contains(out, "Lower bound") || !strings.Contains(out, "gap") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "assign", p, "--stability", "-1"); code != 2 {
		t.Errorf("negative stability: exit %d", code)
	}
}
