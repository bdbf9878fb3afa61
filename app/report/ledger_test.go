package report

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestLedgerXLSX(t *testing.T) {
	s := session(t)
	var buf bytes.Buffer
	if err := LedgerXLSX(&buf, s, Options{Date: fixedDate}); err != nil {
		t.Fatal(err)
	}
	dump(t, "ledger.xlsx", buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 4 || got[0] != SheetLedger || got[1] != SheetSummary || got[2] != SheetBalance || got[3] != SheetStaffing {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows(SheetLedger)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rows[0][0], "2025年义务教育学校问题台账") {
		t.Errorf("title %q", rows[0][0])
	}
	if strings.Join(rows[1], ",") != strings.Join(LedgerHeader, ",") {
		t.Errorf("header %v", rows[1])
	}
	want, err := LedgerRows(s, 0)
	if err != nil {
		t.Fatal(err)
	}
	data := rows[2:]
	if len(data) != len(want) || len(data) < 5 {
		t.Fatalf("%d data rows, LedgerRows gives %d", len(data), len(want))
	}
	col := func(name string) int {
		for i, h := range LedgerHeader {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	found := false
	for i, r := range data {
		if r[0] != strconv.Itoa(i+1) {
			t.Errorf("row %d: 序号 %q", i+3, r[0])
		}
		if r[col("学校")] == "示例县实验小学" {
			found = true
			if !strings.Contains(r[col("问题类型")], "超大班额") || !strings.Contains(r[col("问题类型")], "大校额") ||
				r[col("状态")] != StatusOpen || r[col("超大班额班数")] == "0" {
				t.Errorf("示例县实验小学: %v", r)
			}
		}
	}
	if !found {
		t.Error("the sample's 超大班额 school 示例县实验小学 is not on the ledger")
	}
	// Typed cells: counts are numbers, the status a drop-down.
	if v, _ := f.GetCellValue(SheetLedger, "E3", excelize.Options{RawCellValue: true}); v == "" || strings.Contains(v, ",") {
		t.Errorf("在校生 is not a plain number: %q", v)
	}
	if dv, err := f.GetDataValidations(SheetLedger); err != nil || len(dv) != 1 || !strings.Contains(dv[0].Formula1, StatusCleared) {
		t.Errorf("status drop-down: %v %v", dv, err)
	}
	if p, err := f.GetPanes(SheetLedger); err != nil || !p.Freeze || p.YSplit != 2 {
		t.Errorf("panes %+v %v", p, err)
	}

	sum, err := f.GetRows(SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(sum[1], ",") != strings.Join(SummaryHeader, ",") {
		t.Errorf("summary header %v", sum[1])
	}
	if len(sum)-2 != 16 { // 2020–2025 history + 10 projected years
		t.Errorf("%d summary years, want 16", len(sum)-2)
	}
	for _, r := range sum[2:] {
		if r[0] == "2025" {
			if r[1] != "实际" || r[8] != "12.1%" || r[10] != "未达标" {
				t.Errorf("2025 summary %v", r)
			}
		}
	}
}

// TestLedgerClearYear checks 计划销号年份 against the analysis itself: the
// first later year without 大班额 for a school that has them, else the
// first without its problems.
func TestLedgerClearYear(t *testing.T) {
	s := session(t)
	rows, err := LedgerRows(s, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, last := s.YearRange()
	open, cleared := 0, 0
	for _, r := range rows {
		if r.Cleared {
			cleared++
			continue
		}
		open++
		large := r.Large+r.VeryLarge > 0
		for y := s.Year() + 1; y <= last; y++ {
			var bad bool
			for _, sr := range s.AnalysisFor(y).Schools {
				if sr.School == r.School {
					bad = problems(&sr) != nil
					if large {
						bad = sr.Large+sr.VeryLarge > 0
					}
				}
			}
			switch {
			case r.ClearYear == 0 && !bad:
				t.Errorf("%s: no clear year, but clear in %d", r.Name, y)
			case r.ClearYear > 0 && y < r.ClearYear && !bad:
				t.Errorf("%s: clear year %d, but already clear in %d", r.Name, r.ClearYear, y)
			case y == r.ClearYear && bad:
				t.Errorf("%s: clear year %d has problems", r.Name, y)
			}
		}
	}
	if open != 11 {
		t.Errorf("%d open rows; the sample has 11 problem schools in 2025", open)
	}
	if cleared == 0 {
		t.Error("no cleared rows; the sample has schools whose 大班额 ended before 2025")
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.xlsx")
	os.WriteFile(p, []byte("old"), 0o644)
	fail := errors.New("boom")
	err := WriteFileAtomic(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return fail
	})
	if !errors.Is(err, fail) {
		t.Errorf("error %v", err)
	}
	if data, _ := os.ReadFile(p); string(data) != "old" {
		t.Errorf("a failed write changed the file: %q", data)
	}
	if err := WriteFileAtomic(p, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(p); string(data) != "new" {
		t.Errorf("content %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files left in the folder", len(entries))
	}
	for _, bad := range []string{filepath.Join(dir, "missing", "x.pdf"), dir} {
		err := WriteFileAtomic(bad, func(io.Writer) error { return nil })
		if err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

// TestLedgerPrintSetup reads the page setup back: A4 landscape, one page
// wide, print titles and an autofilter on the header row.
func TestLedgerPrintSetup(t *testing.T) {
	var buf bytes.Buffer
	if err := LedgerXLSX(&buf, session(t), Options{Date: fixedDate}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	checkPrintSetup(t, f, SheetLedger, "landscape", "$1:$2")
	checkPrintSetup(t, f, SheetSummary, "landscape", "$1:$2")
}

func checkPrintSetup(t *testing.T, f *excelize.File, sheet, orient, titles string) {
	t.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Size == nil || *pl.Size != xlsxA4 || pl.Orientation == nil || *pl.Orientation != orient ||
		pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("%s: page layout %+v", sheet, pl)
	}
	if p, err := f.GetSheetProps(sheet); err != nil || p.FitToPage == nil || !*p.FitToPage {
		t.Errorf("%s: fit to page not set: %+v %v", sheet, p, err)
	}
	found, filter := false, false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet && strings.HasSuffix(dn.RefersTo, titles) {
			found = true
		}
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == sheet {
			filter = true
		}
	}
	if !found {
		t.Errorf("%s: no print titles %s in %v", sheet, titles, f.GetDefinedName())
	}
	if !filter {
		t.Errorf("%s: no autofilter", sheet)
	}
	if panes, err := f.GetPanes(sheet); err != nil || !panes.Freeze {
		t.Errorf("%s: header not frozen", sheet)
	}
}

// TestLedgerPrintsOnePageWide prints the ledger with LibreOffice (skipped
// when soffice is not installed): each sheet on one A4 landscape page.
func TestLedgerPrintsOnePageWide(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) not on PATH")
	}
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler-utils) not on PATH")
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := LedgerXLSX(&buf, session(t), Options{Date: fixedDate}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ledger.xlsx"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", dir, filepath.Join(dir, "ledger.xlsx"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("soffice failed: %v %s", err, out)
	}
	info, err := exec.Command("pdfinfo", filepath.Join(dir, "ledger.pdf")).Output()
	if err != nil {
		t.Fatal(err)
	}
	// One page wide per sheet: 台账 and 汇总 one page each; 优质均衡 and 编制
	// one page wide, the longer of them may run onto a second page down.
	var pages int
	for _, l := range strings.Split(string(info), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			pages, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	if pages < 4 || pages > 6 || !strings.Contains(string(info), "841.89 x 595.3") {
		t.Errorf("the ledger does not print one A4 landscape page wide per sheet (4 sheets, 4–6 pages):\n%s", info)
	}
}
