package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs one command line in-process and returns exit status, stdout
// and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const historyCSV = `school,year,grade,students,classes
A,2023,1,100,2
A,2024,1,113,2
A,2024,2,90,2
B,2024,7,133,2
`

func TestAnalyzeJSON(t *testing.T) {
	h := writeFile(t, "h.csv", historyCSV)
	code, out, errOut := runCLI(t, "analyze", "--history", h, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Year    int `json:"year"`
		Schools []struct {
			School  string `json:"school"`
			Level   string `json:"level"`
			SeatGap int    `json:"seat_gap"`
			Grades  []struct {
				Grade      int    `json:"grade"`
				ClassSizes []int  `json:"class_sizes"`
				Status     string `json:"status"`
			} `json:"grades"`
		} `json:"schools"`
		Summary struct {
			Classes    int     `json:"classes"`
			Large      int     `json:"large"`
			VeryLarge  int     `json:"very_large"`
			LargeShare float64 `json:"large_share"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if doc.Year != 2024 || len(doc.Schools) != 2 {
		t.Fatalf("doc %+v", doc)
	}
	a := doc.Schools[0]
	if a.School != "A" || a.Grades[0].Status != "large" || len(a.Grades[0].ClassSizes) != 2 || a.Grades[0].ClassSizes[0] != 57 {
		t.Errorf("school A %+v", a)
	}
	if doc.Schools[1].Grades[0].Status != "very_large" {
		t.Errorf("school B %+v", doc.Schools[1])
	}
	if s := doc.Summary; s.Classes != 6 || s.Large != 2 || s.VeryLarge != 2 {
		t.Errorf("summary %+v", s)
	}
	for _, key := range []string{`"seat_gap"`, `"oversized_school"`, `"small_school"`, `"over_standard"`, `"large_share"`, `"capacity"`} {
		if !strings.Contains(out, key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
}

func TestAnalyzeTable(t *testing.T) {
	h := writeFile(t, "h.csv", historyCSV)
	code, out, errOut := runCLI(t, "analyze", "--history", h, "--lang", "zh")
	if code != 0 || !strings.Contains(out, "大班额") || !strings.Contains(out, "班额分析") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "analyze", "--history", h, "--lang", "en", "--year", "2023")
	if code != 0 || !strings.Contains(out, "Large-class share") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestAnalyzeBadInput(t *testing.T) {
	tests := []struct {
		name, csv string
		want      []string
	}{
		{"negative.csv", "school,year,grade,students\nA,2024,1,-5\n", []string{"negative.csv", ":2", "students"}},
		{"words.csv", "school,year,grade,students\nA,2024,one,5\n", []string{"words.csv", ":2", "grade"}},
		{"nocol.csv", "school,year,students\nA,2024,5\n", []string{"nocol.csv", "grade"}},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, "analyze", "--history", writeFile(t, tt.name, tt.csv), "--json")
		if code != 1 {
			t.Errorf("%s: exit %d, want 1 (%s)", tt.name, code, errOut)
		}
		for _, w := range tt.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%s: message %q lacks %q", tt.name, errOut, w)
			}
		}
		if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
			t.Errorf("%s: stack trace in %q", tt.name, errOut)
		}
	}
	if code, _, errOut := runCLI(t, "analyze", "--history", "/no/such/file.csv"); code != 1 || !strings.Contains(errOut, "/no/such/file.csv") {
		t.Errorf("missing file: exit %d %q", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"analyze"},
		{"analyze", "--bogus"},
		{"analyze", "a.gpkg", "b.gpkg"},
	} {
		if code, _, errOut := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut)
		}
	}
	if code, out, _ := runCLI(t, "--help"); code != 0 || !strings.Contains(out, "analyze") {
		t.Errorf("--help: %d %s", code, out)
	}
	if code, out, _ := runCLI(t, "analyze", "-h"); code != 0 || !strings.Contains(out, "--history") && !strings.Contains(out, "-history") {
		t.Errorf("analyze -h: %d %s", code, out)
	}
}

// TestAnalyzeKindergartenApart: grade 0 (大班) pupils are reported in
// "kindergarten" (standard 35 per class), never in the K–9 students,
// classes, seats or 大班额 counts.
func TestAnalyzeKindergartenApart(t *testing.T) {
	h := writeFile(t, "h.csv", "school,year,grade,students,classes\nA,2024,0,80,2\nA,2024,1,113,2\n")
	code, out, errOut := runCLI(t, "analyze", "--history", h, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Schools []struct {
			Students     int `json:"students"`
			Classes      int `json:"classes"`
			Capacity     int `json:"capacity"`
			SeatGap      int `json:"seat_gap"`
			Kindergarten struct {
				Students, Classes, Seats int
				SeatGap                  int `json:"seat_gap"`
			} `json:"kindergarten"`
		} `json:"schools"`
		Summary struct {
			Students, Classes, Large int
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Schools[0]
	// Grade 1: 113 in 2 classes of 45 → 90 seats, gap +23; K: 80 in 2 of 35 → 70 seats, gap +10.
	if s.Students != 113 || s.Classes != 2 || s.Capacity != 90 || s.SeatGap != 23 ||
		s.Kindergarten.Students != 80 || s.Kindergarten.Seats != 70 || s.Kindergarten.SeatGap != 10 {
		t.Errorf("school %+v", s)
	}
	if doc.Summary.Students != 113 || doc.Summary.Classes != 2 || doc.Summary.Large != 2 {
		t.Errorf("summary %+v", doc.Summary)
	}
	_, table, _ := runCLI(t, "analyze", "--history", h, "--lang", "zh")
	if !strings.Contains(table, "幼儿园（不计入以上义务教育数字）：在园幼儿 80") {
		t.Errorf("table lacks the kindergarten line:\n%s", table)
	}
}
