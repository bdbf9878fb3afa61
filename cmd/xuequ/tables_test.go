package main

import (
	"os"
	"strings"
	"testing"
)

// TestForecastWideTables: the same history as one row per school and
// year (wide CSV), and as an .xlsx workbook chosen by --sheet, projects
// exactly as the long CSV; a wide table without a year needs --year.
func TestForecastWideTables(t *testing.T) {
	long := writeFile(t, "h.csv", forecastHistoryCSV)
	wide := writeFile(t, "w.csv", "示范县在校生统计\n学校,学年,一年级,班数,二年级,班数,三年级,班数,合计\n"+
		"A,2021-2022学年,100,2,90,2,80,2,270\nA,2022,110,2,95,2,88,2,293\nA,2023,121,2,99,2,95,2,315\n合计,,,,,,,,\n")
	_, want, _ := runCLI(t, "forecast", "--history", long, "--years", "3", "--json")
	code, got, errOut := runCLI(t, "forecast", "--history", wide, "--years", "3", "--json")
	if code != 0 || got != want {
		t.Errorf("wide CSV: exit %d, %s\n%s\nwant\n%s", code, errOut, got, want)
	}
	noYear := writeFile(t, "n.csv", "学校,一年级,二年级,三年级\nA,121,99,95\n")
	if code, _, errOut := runCLI(t, "forecast", "--history", noYear, "--json"); code != 1 || !strings.Contains(errOut, "--year") {
		t.Errorf("no year: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "analyze", "--history", noYear, "--year", "2023", "--json"); code != 0 {
		t.Errorf("analyze --year dates the table: exit %d, %s", code, errOut)
	}
	xlsx, err := os.ReadFile("../../geo/ingest/testdata/xlsx/jiaoyu_tongji_2020-2025.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	book := writeFile(t, "b.xlsx", string(xlsx))
	if code, out, errOut := runCLI(t, "analyze", "--history", book, "--sheet", "2021", "--json"); code != 0 || !strings.Contains(out, `"year": 2021`) {
		t.Errorf("--sheet: exit %d, %s\n%.300s", code, errOut, out)
	}
	if code, _, errOut := runCLI(t, "forecast", "--history", book, "--sheet", "1999"); code != 1 || !strings.Contains(errOut, `no sheet named "1999"`) {
		t.Errorf("--sheet 1999: exit %d, %s", code, errOut)
	}
}
