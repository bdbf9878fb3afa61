package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/forecast"
)

// TestXLSXHistoryForecast is the acceptance test of issue 9: an .xlsx
// history, long or wide, gives exactly the records and the forecast of
// the equivalent CSV.
func TestXLSXHistoryForecast(t *testing.T) {
	schools, _, csvData := sampleDistrict(t)
	want, _, err := ReadHistory("history.csv", csvData)
	if err != nil {
		t.Fatal(err)
	}
	want, _ = ResolveSchools(want, schools)
	wantProj := project(t, schools, want)

	var longRows [][]any
	for _, line := range strings.Split(strings.TrimSpace(string(csvData)), "\n") {
		var row []any
		for i, c := range strings.Split(strings.TrimSpace(line), ",") {
			var n int
			if _, err := fmt.Sscan(c, &n); err == nil && i > 0 {
				row = append(row, n)
			} else {
				row = append(row, c)
			}
		}
		longRows = append(longRows, row)
	}
	fixture := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", "xlsx", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	_, hist, _ := sampleDistrict(t)
	cases := map[string][]byte{
		"long.xlsx":                    buildXLSX(t, xlsxSheet{name: "在校生", rows: append([][]any{{"示范县在校生历史数据"}}, longRows...)}),
		"jiaoyu_tongji_2020-2025.xlsx": fixture("jiaoyu_tongji_2020-2025.xlsx"),
		"year_column.xlsx":             yearColumnWorkbook(t, schools, hist),
		"history_wide_gbk.csv":         fixture("history_wide_gbk.csv"),
	}
	for name, data := range cases {
		got, rep, err := ReadHistory(name, data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got, r := ResolveSchools(got, schools)
		if r.Has(CodeUnknownSchool) {
			t.Errorf("%s: %s", name, r)
		}
		if !slices.Equal(sortEnrollment(got), sortEnrollment(want)) {
			t.Errorf("%s: %d records differ from the CSV's %d\n%s", name, len(got), len(want), rep)
			continue
		}
		if p := project(t, schools, got); p != wantProj {
			t.Errorf("%s: the forecast differs from the CSV's", name)
		}
		if strings.Contains(name, "tongji") && (len(rep.ByCode(CodeTableLayout)) != 6 || len(rep.ByCode(CodeSheetSkipped)) != 1 || len(rep.ByCode(CodeRowsSkipped)) != 12) {
			t.Errorf("%s: report\n%s", name, rep)
		}
	}
}

func project(t *testing.T, schools []model.School, hist []model.Enrollment) string {
	t.Helper()
	r, err := forecast.Project(forecast.Input{Schools: schools, History: hist}, forecast.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%v\n%v\n%v", r.Projections, r.Ratios, r.Notes)
}

func TestWideLayouts(t *testing.T) {
	e := func(school string, year int, g model.Grade, n, c int) model.Enrollment {
		return model.Enrollment{School: school, Year: year, Grade: g, Students: n, Classes: c}
	}
	cases := []struct {
		name, data string
		opt        TableOptions
		want       []model.Enrollment
	}{
		{"one-row header, year column", "学校,年份,一年级,二年级,合计\nA,2024,40,38,78\n", TableOptions{},
			[]model.Enrollment{e("A", 2024, 1, 40, 0), e("A", 2024, 2, 38, 0)}},
		{"title year, 班数 after each grade, totals", "2024学年小学在校生情况统计表\n单位：人\n学校名称,一年级,班数,二年级,班数,合计\nA,40,1,0,,40\nB,—,,25,1,25\n合计,40,1,25,1,65\n", TableOptions{},
			[]model.Enrollment{e("A", 2024, 1, 40, 1), e("A", 2024, 2, 0, 0), e("B", 2024, 2, 25, 1)}},
		{"english", "school,year,G1,G1_classes,grade_2,grade 2 classes\nA,2023,10,1,12,1\n", TableOptions{},
			[]model.Enrollment{e("A", 2023, 1, 10, 1), e("A", 2023, 2, 12, 1)}},
		{"digits, --year", "学校,1年级,2年级\nA,10,\n", TableOptions{Year: 2022},
			[]model.Enrollment{e("A", 2022, 1, 10, 0)}},
		{"junior words", "学校,学年,初一,初二,八年级班数,九年级\nJ,2024-2025学年,100,90,2,\n", TableOptions{},
			[]model.Enrollment{e("J", 2024, 7, 100, 0), e("J", 2024, 8, 90, 2)}},
		{"two-row CSV header, group over grades", ",2025年\n学校,在校学生数,,,招生数,,班数,\n,合计,一年级,二年级,一年级,二年级,一年级,二年级\n甲小学,80,50,30,50,30,1,1\n,,,,,,,\n小计,80,50,30,50,30,1,1\n", TableOptions{Year: 1999},
			[]model.Enrollment{e("甲小学", 2025, 1, 50, 1), e("甲小学", 2025, 2, 30, 1)}},
		{"班数 before 人数", "学校,一年级,,二年级,\n,班数,人数,班数,人数\nA,2,90,1,45\n", TableOptions{Year: 2024},
			[]model.Enrollment{e("A", 2024, 1, 90, 2), e("A", 2024, 2, 45, 1)}},
		{"merged 学年 saved as CSV, grade totals over 男|女|合计", "学年,学校,一年级,,,二年级,,\n,,男,女,合计,男,女,合计\n2023,A,5,6,11,4,4,8\n,B,1,1,2,,,\n2024,A,6,6,12,5,6,11\n", TableOptions{},
			[]model.Enrollment{e("A", 2023, 1, 11, 0), e("A", 2023, 2, 8, 0), e("B", 2023, 1, 2, 0), e("A", 2024, 1, 12, 0), e("A", 2024, 2, 11, 0)}},
	}
	for _, c := range cases {
		got, rep, err := ReadHistoryWith("w.csv", []byte(c.data), c.opt)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: got %+v\nwant %+v\n%s", c.name, got, c.want, rep)
		}
	}
	bad := []struct{ name, data, field, msg string }{
		{"no year", "学校,一年级\nA,10\n", "year", "--year"},
		{"bad count", "学校,年份,一年级\nA,2024,十\n", "students", `column 3 ("一年级")`},
		{"no header", "title\n学校,年级\nA,1\n", "year", "wide layout"},
		{"school twice", "学校,年份,一年级\nA,2024,1\nB,2024,2\nA,2024,3\n", "school", `listed again for 2024 (first in row 2)`},
	}
	for _, b := range bad {
		_, _, err := ReadHistory("w.csv", []byte(b.data))
		var ie *model.InputError
		if !errors.As(err, &ie) || ie.Field != b.field || !strings.Contains(err.Error(), b.msg) {
			t.Errorf("%s: got %v, want field %s and %q", b.name, err, b.field, b.msg)
		}
	}
}

func TestXLSXErrors(t *testing.T) {
	wb := buildXLSX(t, xlsxSheet{name: "2024", rows: [][]any{{"学校", "一年级"}, {"A", 10}, {"B", "四十"}}})
	for _, c := range []struct {
		name string
		data []byte
		opt  TableOptions
		want string
	}{
		{"h.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), TableOptions{}, "Excel 97–2003"},
		{"h.xlsx", []byte("school,year\n"), TableOptions{}, "not an Excel workbook"},
		{"h.xls", []byte("<html><table>"), TableOptions{}, "web page"},
		{"h.zip", []byte("PK\x03\x04garbage"), TableOptions{}, "zip archive"},
		{"h.xlsx", wb, TableOptions{Sheet: "2023"}, `no sheet named "2023"; its sheets are "2024"`},
		{"h.xlsx", wb, TableOptions{}, `sheet "2024", cell B3 (column "一年级")`},
	} {
		_, _, err := ReadHistoryWith(c.name, c.data, c.opt)
		var ie *model.InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
	if names, err := SheetNames("h.xlsx", wb); err != nil || !slices.Equal(names, []string{"2024"}) {
		t.Errorf("SheetNames: %v %v", names, err)
	}
	if names, err := SheetNames("h.csv", []byte("a,b\n")); err != nil || names != nil {
		t.Errorf("SheetNames of CSV: %v %v", names, err)
	}
	if _, err := SheetNames("h.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")); err == nil {
		t.Errorf("SheetNames of .xls: no error")
	}
	var ie *model.InputError
	if _, _, err := ReadHistory("h.xlsx", wb); !errors.As(err, &ie) || ie.Line != 3 || ie.File != "h.xlsx" {
		t.Errorf("position: %#v", ie)
	}
}

// TestXLSXSheetsOfOneYear: a workbook with a 小学 and an 初中 sheet of the
// same year reads both; the same school and grade on two sheets is an
// error naming them.
func TestXLSXSheetsOfOneYear(t *testing.T) {
	sheet := func(name, school, grade string) xlsxSheet {
		return xlsxSheet{name: name, rows: [][]any{{"2024年" + name + "在校生"}, {"学校名称", grade}, {school, 40}}}
	}
	h, _, err := ReadHistory("h.xlsx", buildXLSX(t, sheet("小学", "A", "一年级"), sheet("初中", "B", "七年级")))
	if err != nil || !slices.Equal(h, []model.Enrollment{{School: "A", Year: 2024, Grade: 1, Students: 40}, {School: "B", Year: 2024, Grade: 7, Students: 40}}) {
		t.Errorf("%v %v", h, err)
	}
	_, _, err = ReadHistory("h.xlsx", buildXLSX(t, sheet("小学", "A", "一年级"), sheet("副本", "A", "一年级")))
	if err == nil || !strings.Contains(err.Error(), `sheets "小学" and "副本" both hold grade 1 of "A" in 2024`) {
		t.Errorf("duplicate sheets: %v", err)
	}
}

func TestXLSXBirthsHousing(t *testing.T) {
	wb := buildXLSX(t,
		xlsxSheet{name: "说明", rows: [][]any{{"见后"}}},
		xlsxSheet{name: "出生", rows: [][]any{{"各小区出生人口"}, {"小区编码", "年份", "出生人口"}, {"Z1", 2018, 1200}}})
	b, _, err := ReadBirthsWith("b.xlsx", wb, TableOptions{Sheet: "出生"})
	if err != nil || len(b) != 1 || b[0] != (model.Births{Zone: "Z1", Year: 2018, Births: 1200}) {
		t.Errorf("births %v %v", b, err)
	}
	wb = buildXLSX(t, xlsxSheet{name: "Sheet1", rows: [][]any{{"zone", "year", "dwellings"}, {"Z1", 2025, 300}}})
	h, _, err := ReadHousing("d.xlsx", wb)
	if err != nil || len(h) != 1 || h[0].Dwellings != 300 {
		t.Errorf("housing %v %v", h, err)
	}
}

func TestZoneByYear(t *testing.T) {
	b, rep, err := ReadBirths("b.csv", gbk(t, "各小区出生人口统计\n小区编码,出生人口,,\n,2018年,2019年,2020年\nZ1,120,—,0\nZ2,80,85,90\n合计,200,85,90\n"))
	want := []model.Births{{Zone: "Z1", Year: 2018, Births: 120}, {Zone: "Z1", Year: 2020}, {Zone: "Z2", Year: 2018, Births: 80}, {Zone: "Z2", Year: 2019, Births: 85}, {Zone: "Z2", Year: 2020, Births: 90}}
	if err != nil || !slices.Equal(b, want) {
		t.Errorf("births %v %v\n%s", b, err, rep)
	}
	b, _, err = ReadBirths("b.csv", []byte("小区,出生人口,\n,2018,2019\nZ1,2000,2001\n"))
	if err != nil || !slices.Equal(b, []model.Births{{Zone: "Z1", Year: 2018, Births: 2000}, {Zone: "Z1", Year: 2019, Births: 2001}}) {
		t.Errorf("births with plain years %v %v", b, err)
	}
	h, _, err := ReadHousing("d.csv", []byte("片区,2025年交付套数,2026年交付套数\nZ1,300,\n"))
	if err != nil || !slices.Equal(h, []model.Housing{{Zone: "Z1", Year: 2025, Dwellings: 300}}) {
		t.Errorf("housing %v %v", h, err)
	}
	if _, _, err := ReadBirths("b.csv", []byte("小区,人口\nZ1,3\n")); err == nil || !strings.Contains(err.Error(), "column per year") {
		t.Errorf("no births columns: %v", err)
	}
}

// TestReadCSVTable: the cell-by-cell table reader (value maps) skips
// titles, reads xlsx and names the cell of an error.
func TestReadCSVTable(t *testing.T) {
	want := []csvColumn{{name: "field", aliases: []string{"field", "字段"}}, {name: "value", aliases: []string{"value"}}, {name: "to", aliases: []string{"to"}, optional: true}}
	for name, data := range map[string][]byte{
		"v.csv":  []byte("值替换表\n字段,value\nzones.x,A\n"),
		"v.xlsx": buildXLSX(t, xlsxSheet{name: "S", rows: [][]any{{"值替换表"}, {"字段", "value"}, {"zones.x", "A"}}}),
	} {
		tb, err := readCSV(name, data, want, &Report{})
		if err != nil || len(tb.rows) != 1 || tb.cell(0, 0) != "zones.x" || tb.cell(0, 1) != "A" || tb.cell(0, 2) != "" {
			t.Errorf("%s: %v %+v", name, err, tb)
			continue
		}
		err = tb.errAt(0, "value", "bad %s", "A")
		if ie := (*model.InputError)(nil); !errors.As(err, &ie) || ie.Line != 3 || ie.Field != "value" || !strings.Contains(ie.Msg, "value") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// tableSampleIssues raises every report code of the table readers, for
// TestIssueArgs.
func tableSampleIssues(t *testing.T) []Issue {
	var out []Issue
	_, rep, err := ReadHistoryWith("w.csv", []byte("2024年统计表\n学校,一年级\nA,1\n,2\n合计,3\n"), TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, rep.Issues...)
	wb := buildXLSX(t, xlsxSheet{name: "2023学年", rows: [][]any{{"学校", "一年级"}, {"A", 10}}},
		xlsxSheet{name: "说明", rows: [][]any{{"注"}}}, xlsxSheet{name: "x", rows: [][]any{{"学校", "一年级"}, {"A", 10}}})
	_, rep, err = ReadHistoryWith("w.xlsx", wb, TableOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, rep.Issues...)
	for _, o := range []TableOptions{{Year: 2020}, {}} {
		_, rep, err = ReadHistoryWith("w.csv", []byte("学校,年份,一年级\nA,2024,1\n"), o)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rep.Issues...)
	}
	_, rep, err = ReadHistoryWith("w.csv", []byte("学校,一年级\nA,1\n"), TableOptions{Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, rep.Issues...)
	_, rep, err = ReadBirths("b.csv", []byte("小区,2020年\nZ1,1\n"))
	if err != nil {
		t.Fatal(err)
	}
	return append(out, rep.Issues...)
}

// BenchmarkReadHistoryXLSX reads the committed 教育事业统计 workbook (six
// year sheets of 41 schools, 1,350 records).
func BenchmarkReadHistoryXLSX(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "xlsx", "jiaoyu_tongji_2020-2025.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := ReadHistory("h.xlsx", data); err != nil {
			b.Fatal(err)
		}
	}
}
