package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// A small county by hand: primary P (400 pupils, 12 classes), nine-year N
// (190 primary + 135 junior, 7 classes), small primary S (120 in 6).
const planningHistory = `school,year,grade,students,classes
P,2024,1,70,2
P,2024,2,66,2
P,2024,3,66,2
P,2024,4,66,2
P,2024,5,66,2
P,2024,6,66,2
N,2024,1,95,2
N,2024,2,95,2
N,2024,7,135,3
S,2024,1,60,3
S,2024,2,60,3
`

// Resources in the bureau's headers. P: 20 teachers; N: 18 (2023: a
// projected or later year uses the last known row); S: none.
const planningResources = `学校名称,年份,专任教师数,高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数
P,2024,20,20,4,4,2000,3000,800000,8
N,2023,18,13,3,3,1300,2000,650000,6
`

// Worked example (19 / 13.5, small < 200 staffed at 2 per class):
//
//	P ⌈400/19⌉ = 22, 20 teachers → +2 · N ⌈190/19⌉ + ⌈135/13.5⌉ = 20, 18 → +2 ·
//	S 120 < 200: max(⌈120/19⌉ = 7, 6 × 2 = 12) = 12, rule class, teachers null.
//	Summary required 54, actual 38, gap 4.
func TestStaffingJSON(t *testing.T) {
	h, r := writeFile(t, "h.csv", planningHistory), writeFile(t, "r.csv", planningResources)
	code, out, errOut := runCLI(t, "staffing", "--history", h, "--resources", r, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc staffingDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]staffingSchool{}
	for _, s := range doc.Schools {
		got[s.School] = s
	}
	if s := got["P"]; s.Required != 22 || s.Actual == nil || *s.Actual != 20 || *s.Gap != 2 || s.Rule != "ratio" {
		t.Errorf("P %+v", s)
	}
	if s := got["N"]; s.Required != 20 || *s.Gap != 2 || *s.ActualYear != 2023 {
		t.Errorf("N %+v", s)
	}
	if s := got["S"]; s.Required != 12 || s.Rule != "class" || s.Actual != nil || s.Gap != nil {
		t.Errorf("S %+v", s)
	}
	if m := doc.Summary; doc.Year != 2024 || m.Required != 54 || m.Actual != 38 || m.Gap != 4 {
		t.Errorf("summary %+v", m)
	}
	if !strings.Contains(out, `"actual": null`) {
		t.Errorf("unknown teachers must be null:\n%s", out)
	}
}

// Balance (primary standards 4.2 1 0.9 4.5 7.5 2000 2.3):
//
//	P 400: 5, 1, 1, 5, 7.5, 2000, 2.0 (87 %) → met 6, passes.
//	N enters both stages with resources ÷ 325 pupils: qualified 13/325 × 100 = 4.0
//	  (< 4.2 primary; junior 5.3 → 75 % ✗), backbone 0.92 (✗ < 1, 92 %), …
//	S 120: no resources → all null, met 0, fails.
func TestBalanceJSON(t *testing.T) {
	h, r := writeFile(t, "h.csv", planningHistory), writeFile(t, "r.csv", planningResources)
	code, out, errOut := runCLI(t, "balance", "--history", h, "--resources", r, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc balanceDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Stages) != 2 || doc.Stages[0].Stage != "primary" || doc.Stages[1].Stage != "junior" || doc.Stages[1].CVLimit != 0.45 {
		t.Fatalf("stages %+v", doc.Stages)
	}
	for _, s := range doc.Stages[0].Schools {
		switch s.School {
		case "P":
			if s.Met != 6 || !s.Passes || *s.Values["multimedia_rooms_per_100"] != 2 {
				t.Errorf("P %+v", s)
			}
		case "N":
			if v := *s.Values["qualified_teachers_per_100"]; v < 3.99 || v > 4.01 {
				t.Errorf("N qualified %v, want 4.0", v)
			}
		case "S":
			if s.Met != 0 || s.Passes || s.Values["building_m2_per_pupil"] != nil {
				t.Errorf("S %+v", s)
			}
		}
	}
	code, out, _ = runCLI(t, "balance", "--history", h, "--resources", r, "--lang", "en")
	if code != 0 || !strings.Contains(out, "CV") {
		t.Errorf("table: %d\n%s", code, out)
	}
}

func TestResourcesBadInput(t *testing.T) {
	h := writeFile(t, "h.csv", planningHistory)
	r := writeFile(t, "r.csv", "school,year,teachers\nP,2024,-1\n")
	code, _, errOut := runCLI(t, "staffing", "--history", h, "--resources", r)
	if code != 1 || !strings.Contains(errOut, "r.csv:2") || !strings.Contains(errOut, "teachers") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "staffing", "--history", h, "--year", "2030")
	if code != 1 || !strings.Contains(errOut, "2030") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// analyze --json on the sample project carries the preschool block and the
// estates list; an estate's needed places follow dwellings × 3.0 / 1000 ×
// 70 and 35.
func TestAnalyzePlanningBlocks(t *testing.T) {
	p := sampleProject(t)
	code, out, errOut := runCLI(t, "analyze", p, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc analyzeDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Preschool == nil || len(doc.Preschool.Kindergartens) == 0 || len(doc.Preschool.Townships) == 0 ||
		doc.Preschool.Targets.GrossEnrolment != 0.95 || doc.Preschool.County.GrossEnrolment == nil {
		t.Fatalf("preschool block %+v", doc.Preschool)
	}
	if len(doc.Estates) == 0 {
		t.Fatal("no estates")
	}
	for _, e := range doc.Estates {
		residents := float64(e.Dwellings) * 3
		wantP := int(residents/1000*70 + 0.999999)
		if e.Residents != int(residents) || e.Needed.Primary != wantP {
			t.Errorf("%s %d: residents %d needed %d, want %v and %d", e.Zone, e.Year, e.Residents, e.Needed.Primary, residents, wantP)
		}
		if e.NeedsSchool != (e.Shortfall.Primary > 0 || e.Shortfall.Junior > 0) || e.NeedsSchool != (e.SuggestedScale != nil) {
			t.Errorf("%s %d: needs_school %v, shortfall %+v, scale %+v", e.Zone, e.Year, e.NeedsSchool, e.Shortfall, e.SuggestedScale)
		}
	}
	if !strings.Contains(out, `"preschool"`) || !strings.Contains(out, `"spare_within_radius"`) {
		t.Error("JSON keys missing")
	}
}

// import --resources keeps the resources in the project, matched to the
// school by name; staffing on the project then uses them.
func TestImportResources(t *testing.T) {
	schools := writeFile(t, "schools.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"编码":"S1","名称":"城关第一小学","学段":"小学"},"geometry":{"type":"Point","coordinates":[114.005,30.005]}}]}`)
	zones := writeFile(t, "zones.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"编码":"Z1","名称":"阳光小区","人口":800,"对口小学":"S1"},"geometry":{"type":"Polygon","coordinates":[[[114,30],[114.01,30],[114.01,30.01],[114,30.01],[114,30]]]}}]}`)
	history := writeFile(t, "h.csv", "school,year,grade,students,classes\nS1,2024,1,380,8\n")
	res := writeFile(t, "r.csv", "学校名称,年份,专任教师数\n城关第一小学,2024,18\n")
	out := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	code, _, errOut := runCLI(t, "import", "--schools", schools, "--zones", zones, "--history", history, "--resources", res, "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, js, errOut := runCLI(t, "staffing", out, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// ⌈380 / 19⌉ = 20 required, 18 teachers: gap +2.
	var doc staffingDoc
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Schools) != 1 || doc.Schools[0].Required != 20 || doc.Schools[0].Actual == nil || *doc.Schools[0].Gap != 2 {
		t.Errorf("%s", js)
	}
}

// analyze --json of a projected year: the preschool block is the engine's
// projection, its county's enrolled equal to the summary's kindergarten
// students.
func TestAnalyzePreschoolProjected(t *testing.T) {
	p := sampleProject(t)
	code, out, errOut := runCLI(t, "analyze", p, "--json", "--year", "2028")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc analyzeDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Preschool == nil || !doc.Preschool.Projected {
		t.Fatalf("preschool block %+v", doc.Preschool)
	}
	if got, want := doc.Preschool.County.Enrolled, doc.Summary.Kindergarten.Students; got != want || got == 0 {
		t.Errorf("preschool county enrolled %d, summary kindergarten %d", got, want)
	}
}
