package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/app/report"
)

func TestExportAll(t *testing.T) {
	p := sampleProject(t)
	dir := t.TempDir()
	mapPDF, mapPNG := filepath.Join(dir, "map.pdf"), filepath.Join(dir, "map.png")
	notice, ledger := filepath.Join(dir, "notice.pdf"), filepath.Join(dir, "ledger.xlsx")
	code, out, errOut := runCLI(t, "export", p, "--map", mapPDF, "--notice", notice, "--ledger", ledger,
		"--paper", "A3", "--year", "2026", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != "" {
		t.Errorf("stdout should stay empty, got %q", out)
	}
	for _, f := range []struct{ path, magic string }{{mapPDF, "%PDF-"}, {notice, "%PDF-"}, {ledger, "PK"}} {
		data, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte(f.magic)) {
			t.Errorf("%s does not start with %q", f.path, f.magic)
		}
		if !strings.Contains(errOut, f.path) {
			t.Errorf("stderr does not report %s: %q", f.path, errOut)
		}
	}
	// The other formats: SVG map (portrait), notice as xlsx, with the intake year.
	svg, noticeX := filepath.Join(dir, "map.svg"), filepath.Join(dir, "notice.xlsx")
	code, _, errOut = runCLI(t, "export", p, "--map", svg, "--orientation", "portrait", "--notice", noticeX, "--intake", "2027")
	if code != 0 {
		t.Fatalf("svg/xlsx: exit %d: %s", code, errOut)
	}
	if data, _ := os.ReadFile(svg); !bytes.Contains(data, []byte("2027年小学学区划分示意图")) || !bytes.Contains(data, []byte(`width="210mm"`)) {
		t.Errorf("the SVG map is not a portrait 2027 map")
	}
	if data, _ := os.ReadFile(noticeX); !bytes.HasPrefix(data, []byte("PK")) {
		t.Errorf("the notice workbook is not an xlsx")
	}
	code, _, errOut = runCLI(t, "export", p, "--map", mapPNG, "--theme", "status", "--stage", "junior", "--dpi", "72")
	if code != 0 {
		t.Fatalf("png: exit %d: %s", code, errOut)
	}
	if data, _ := os.ReadFile(mapPNG); !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Errorf("map.png is not a PNG")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 6 {
		t.Errorf("want exactly the 6 outputs (no temporary files left), got %d", len(entries))
	}
}

func TestExportUsage(t *testing.T) {
	p := sampleProject(t)
	out := filepath.Join(t.TempDir(), "x")
	for _, args := range [][]string{
		{"export", p},                           // nothing to export
		{"export", "--map", out + ".pdf"},       // no project
		{"export", p, "--map", out + ".tif"},    // map format
		{"export", p, "--notice", out + ".png"}, // notice format
		{"export", p, "--ledger", out + ".csv"}, // ledger format
		{"export", p, "--map", out + ".pdf", "--paper", "B5"},
		{"export", p, "--map", out + ".pdf", "--theme", "density"},
		{"export", p, "--map", out + ".pdf", "--stage", "senior"},
		{"export", p, "--map", out + ".pdf", "--dpi", "5000"},
		{"export", p, "--map", out + ".pdf", "--orientation", "sideways"},
		{"export", p, "--notice", out + ".pdf", "--intake", "26"},
		{"export", p, "--bogus"},
		{"export", p, p, "--map", out + ".pdf"}, // two projects
	} {
		code, _, errOut := runCLI(t, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args[1:], code, errOut)
		}
	}
	if code, out, _ := runCLI(t, "export", "-h"); code != 0 || !strings.Contains(out, "--ledger") && !strings.Contains(out, "-ledger") {
		t.Errorf("-h: exit %d, %q", code, out)
	}
}

func TestExportBadInput(t *testing.T) {
	p := sampleProject(t)
	dir := t.TempDir()
	missingDir := filepath.Join(dir, "no", "such", "dir", "map.pdf")
	code, _, errOut := runCLI(t, "export", p, "--map", missingDir)
	if code != 1 || !strings.Contains(errOut, missingDir) || !strings.Contains(errOut, "does not exist") {
		t.Errorf("missing folder: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "export", p, "--ledger", filepath.Join(dir, "l.xlsx"), "--year", "1999")
	if code != 1 || !strings.Contains(errOut, "1999") {
		t.Errorf("bad year: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "export", filepath.Join(dir, "none.xuequ.gpkg"), "--notice", filepath.Join(dir, "n.pdf"))
	if code != 1 {
		t.Errorf("missing project: exit %d, %q", code, errOut)
	}
	// An existing output is kept intact when the export fails.
	keep := filepath.Join(dir, "keep.xlsx")
	os.WriteFile(keep, []byte("old"), 0o644)
	if code, _, _ := runCLI(t, "export", p, "--ledger", keep, "--year", "1999"); code != 1 {
		t.Errorf("bad year over existing file: exit %d", code)
	}
	if data, _ := os.ReadFile(keep); string(data) != "old" {
		t.Errorf("existing output changed: %q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("leftover files: %d entries", len(entries))
	}
}

// TestExportDocSettings: the issuer, phone and 公示期 saved in the project
// reach the exported notice.
func TestExportDocSettings(t *testing.T) {
	d, _, err := app.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "p.xuequ.gpkg")
	s := app.NewSession(d, "", nil)
	s.SetSettings(report.DocInfo{Issuer: "示例县教育局（测试）", Phone: "0710-7654321", NoticeDays: 5}.Settings())
	if err := s.Save(p); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "notice.xlsx")
	if code, _, errOut := runCLI(t, "export", p, "--notice", out, "--intake", "2027"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sub, _ := f.GetCellValue(report.SheetNotice, "A2")
	title, _ := f.GetCellValue(report.SheetNotice, "A1")
	if !strings.Contains(title, "2027年") || !strings.Contains(sub, "示例县教育局（测试）") || !strings.Contains(sub, "0710-7654321") {
		t.Errorf("notice header %q / %q", title, sub)
	}
}
