package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// School A (grades 1–3 from the records) 2021–2023, entrants for grade 1:
//
//	grade  2021 2022 2023     entrants: 2024 130, 2025 125
//	1       100  110  121
//	2        90   95   99
//	3        80   88   95
//
// r(2) = mean(95/100, 99/110) = 0.925, r(3) = mean(88/90, 95/95) = 0.988…
// 2024: g1 130 (entrants), g2 121·0.925 = 111.925, g3 99·0.98889 = 97.9
// 2025: g1 125, g2 130·0.925 = 120.25, g3 111.925·0.98889 = 110.68139
// 2026: no entrants or births → g1 keeps 125; g2 125·0.925 = 115.625
const forecastHistoryCSV = `school,year,grade,students,classes
A,2021,1,100,2
A,2021,2,90,2
A,2021,3,80,2
A,2022,1,110,2
A,2022,2,95,2
A,2022,3,88,2
A,2023,1,121,2
A,2023,2,99,2
A,2023,3,95,2
`

const forecastEntrantsCSV = `school,year,grade,students
A,2024,1,130
A,2025,1,125
`

type forecastOut struct {
	BaseYear    int `json:"base_year"`
	Projections []struct {
		School   string  `json:"school"`
		Year     int     `json:"year"`
		Grade    int     `json:"grade"`
		Students float64 `json:"students"`
		Source   string  `json:"source"`
		Status   string  `json:"status"`
	} `json:"projections"`
	Ratios []struct {
		School string  `json:"school"`
		Grade  int     `json:"grade"`
		Ratio  float64 `json:"ratio"`
	} `json:"ratios"`
	Backtest []struct {
		Horizon   int      `json:"horizon"`
		MAPE      *float64 `json:"mape"`
		NaiveMAPE *float64 `json:"naive_mape"`
	} `json:"backtest"`
	Notes []string `json:"notes"`
}

func TestForecastJSON(t *testing.T) {
	h := writeFile(t, "h.csv", forecastHistoryCSV)
	e := writeFile(t, "e.csv", forecastEntrantsCSV)
	code, out, errOut := runCLI(t, "forecast", "--history", h, "--entrants", e, "--years", "3", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc forecastOut
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.BaseYear != 2023 || len(doc.Projections) != 9 || len(doc.Ratios) != 3 {
		t.Fatalf("doc %+v", doc)
	}
	want := map[[2]int]float64{
		{2024, 1}: 130, {2024, 2}: 111.925, {2024, 3}: 97.9,
		{2025, 1}: 125, {2025, 2}: 120.25, {2025, 3}: 111.925 * (88.0/90 + 1) / 2,
		{2026, 1}: 125, {2026, 2}: 115.625,
	}
	for _, p := range doc.Projections {
		if w, ok := want[[2]int{p.Year, p.Grade}]; ok && math.Abs(p.Students-w) > 1e-6 {
			t.Errorf("%d grade %d = %v, want %v", p.Year, p.Grade, p.Students, w)
		}
		if p.Year == 2024 && p.Grade == 1 && p.Source != "entrants" {
			t.Errorf("source %q, want entrants", p.Source)
		}
	}
	if r := doc.Ratios[1]; r.Grade != 2 || math.Abs(r.Ratio-0.925) > 1e-9 {
		t.Errorf("ratio %+v", r)
	}
	if doc.Backtest == nil {
		t.Error(`"backtest" missing: the contract keeps the key, empty without --backtest`)
	}
	// The raw document uses the contract's names.
	for _, key := range []string{`"projections"`, `"ratios"`, `"backtest"`, `"school"`, `"year"`, `"grade"`, `"students"`, `"ratio"`} {
		if !strings.Contains(out, key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
}

func TestForecastBacktestAndTable(t *testing.T) {
	h := writeFile(t, "h.csv", forecastHistoryCSV)
	code, out, errOut := runCLI(t, "forecast", "--history", h, "--backtest", "1", "--ratio", "weighted", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc forecastOut
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	// Hiding 2023 and projecting it from 2022 (ratios from 2022 only):
	// g1 110 vs 121, g2 110·0.95 = 104.5 vs 99, g3 95·88/90 vs 95.
	want := (11.0/121 + 5.5/99 + math.Abs(95-95*88.0/90)/95) / 3
	if len(doc.Backtest) != 1 || doc.Backtest[0].MAPE == nil || math.Abs(*doc.Backtest[0].MAPE-want) > 1e-9 {
		t.Fatalf("backtest %+v, want MAPE %v", doc.Backtest, want)
	}

	code, out, errOut = runCLI(t, "forecast", "--history", h, "--years", "2", "--round", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, s := range []string{"2024", "2025", "112.0", "0.925"} {
		if !strings.Contains(out, s) {
			t.Errorf("table lacks %q:\n%s", s, out)
		}
	}
}

func TestForecastErrors(t *testing.T) {
	h := writeFile(t, "h.csv", forecastHistoryCSV)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"forecast"}, 2, "no input"},
		{[]string{"forecast", "--history", h, "--ratio", "median"}, 2, "--ratio"},
		{[]string{"forecast", "--history", h, "--years", "0"}, 2, "--years"},
		{[]string{"forecast", "--history", h, "--backtest", "5"}, 2, "cannot hide 5"},
		{[]string{"forecast", "--history", h, "--alpha", "2", "--ratio", "smooth"}, 2, "smoothing factor"},
		{[]string{"forecast", "--history", h, "--births", writeFile(t, "b.csv", "zone,year,births\nA,2017,-3\n")}, 1, `b.csv:2: field "births"`},
		{[]string{"forecast", "--history", h, "--births", writeFile(t, "b2.csv", "zone,births\n")}, 1, `field "year"`},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("%v: exit %d %q, want %d with %q", tc.args[1:], code, errOut, tc.code, tc.msg)
		}
	}
}

// Births keyed by school id (no project zones) drive grade 1.
func TestForecastBirthsWithoutZones(t *testing.T) {
	h := writeFile(t, "h.csv", forecastHistoryCSV)
	b := writeFile(t, "b.csv", "zone,year,births\nA,2015,125\nA,2016,137\nA,2017,151\nA,2018,150\n")
	code, out, errOut := runCLI(t, "forecast", "--history", h, "--births", b, "--birth-cutoff", "1", "--years", "1", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc forecastOut
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	// ρ = mean(100/125, 110/137, 121/151) for 2021–2023; 2024 = ρ·150.
	rho := (100.0/125 + 110.0/137 + 121.0/151) / 3
	if p := doc.Projections[0]; p.Grade != 1 || math.Abs(p.Students-rho*150) > 1e-6 || p.Source != "births" {
		t.Errorf("grade 1 %+v, want %v from births", p, rho*150)
	}
}
