package ingest

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/model"
	"github.com/xuri/excelize/v2"
)

// update regenerates the committed fixtures under testdata/xlsx:
// go test -run TestBureauFixtures ./geo/ingest -update
var update = flag.Bool("update", false, "regenerate testdata/xlsx fixtures")

// xlsxSheet is a worksheet to build: rows of cell values (string, int)
// from A1 down, and merged ranges such as {"A1", "H1"}.
type xlsxSheet struct {
	name   string
	rows   [][]any
	merges [][2]string
}

// buildXLSX writes a workbook with the sheets in order.
func buildXLSX(t testing.TB, sheets ...xlsxSheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range s.merges {
			if err := f.MergeCell(s.name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
	}
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func sortEnrollment(h []model.Enrollment) []model.Enrollment {
	h = slices.Clone(h)
	slices.SortFunc(h, func(a, b model.Enrollment) int {
		return cmp.Or(strings.Compare(a.School, b.School), cmp.Compare(a.Year, b.Year), cmp.Compare(a.Grade, b.Grade))
	})
	return h
}

// sampleDistrict reads the embedded sample's schools and history.
func sampleDistrict(t testing.TB) ([]model.School, []model.Enrollment, []byte) {
	t.Helper()
	sb, err := os.ReadFile("../../assets/sample/schools.geojson")
	if err != nil {
		t.Fatal(err)
	}
	schools, _, err := ReadSchools("schools.geojson", sb, Options{})
	if err != nil {
		t.Fatal(err)
	}
	hb, err := os.ReadFile("../../assets/sample/history.csv")
	if err != nil {
		t.Fatal(err)
	}
	hist, _, err := ReadHistory("history.csv", hb)
	if err != nil {
		t.Fatal(err)
	}
	return schools, hist, hb
}

// wideCells lays out the history of one year as 教育事业统计 rows: per
// school its code, name, total students and classes, then students and
// classes of grades 1–9 (empty where the school has no such grade). The
// last row is the 合计 row.
func wideCells(schools []model.School, hist []model.Enrollment, year int, withYear bool) [][]any {
	type key struct {
		school string
		grade  model.Grade
	}
	by := map[key]model.Enrollment{}
	for _, e := range hist {
		if e.Year == year {
			by[key{e.School, e.Grade}] = e
		}
	}
	var rows [][]any
	total := make([]int, 20)
	for i, s := range schools {
		row := []any{}
		if withYear {
			row = append(row, fmt.Sprintf("%d-%d学年", year, year+1))
		}
		row = append(row, fmt.Sprintf("42112%05d", i+1), s.Name)
		sum, cls := 0, 0
		var grades []any
		has := false
		for g := model.Grade(1); g <= 9; g++ {
			e, ok := by[key{s.ID, g}]
			if !ok {
				grades = append(grades, "", "")
				continue
			}
			has = true
			sum, cls = sum+e.Students, cls+e.Classes
			total[2*g], total[2*g+1] = total[2*g]+e.Students, total[2*g+1]+e.Classes
			if i%5 == 0 { // numbers stored as text, as pasted from another system
				grades = append(grades, strconv.Itoa(e.Students), strconv.Itoa(e.Classes))
			} else {
				grades = append(grades, e.Students, e.Classes)
			}
		}
		if !has {
			continue
		}
		total[0], total[1] = total[0]+sum, total[1]+cls
		rows = append(rows, append(append(row, sum, cls), grades...))
	}
	last := []any{}
	if withYear {
		last = append(last, fmt.Sprintf("%d-%d学年", year, year+1))
	}
	last = append(last, "", "合计")
	for i := 0; i < 20; i++ {
		last = append(last, total[i])
	}
	return append(rows, last)
}

// wideHeader is the two-row header of wideCells: 学校代码, 学校名称, then
// 合计 and 一年级…九年级 each over 学生数 | 班数.
func wideHeader(withYear bool) ([][]any, [][2]string) {
	top, sub := []any{}, []any{}
	var merges [][2]string
	col := 1
	cell := func(c, r int) string { s, _ := excelize.CoordinatesToCellName(c, r); return s }
	for _, h := range []string{"学年", "学校代码", "学校名称"} {
		if h == "学年" && !withYear {
			continue
		}
		top, sub = append(top, h), append(sub, "")
		merges = append(merges, [2]string{cell(col, 3), cell(col, 4)})
		col++
	}
	for _, g := range []string{"合计", "一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"} {
		top, sub = append(top, g, ""), append(sub, "学生数", "班数")
		merges = append(merges, [2]string{cell(col, 3), cell(col+1, 3)})
		col += 2
	}
	return [][]any{top, sub}, merges
}

// bureauSheet is one 教育事业统计-style sheet: a merged title, the 填报单位
// line, the two-row merged header, the schools, the 合计 row and a note.
func bureauSheet(name, title string, schools []model.School, hist []model.Enrollment, years []int) xlsxSheet {
	withYear := len(years) > 1
	hdr, merges := wideHeader(withYear)
	width := len(hdr[0])
	last, _ := excelize.CoordinatesToCellName(width, 1)
	unit, _ := excelize.CoordinatesToCellName(width-2, 2)
	unitEnd, _ := excelize.CoordinatesToCellName(width, 2)
	rows := [][]any{{title}, make([]any, width-2)}
	rows[1][0] = "填报单位：示范县教育局（盖章）"
	rows[1] = append(rows[1], "单位：人、个")
	rows = append(rows, hdr...)
	for _, y := range years {
		rows = append(rows, wideCells(schools, hist, y, withYear)...)
	}
	rows = append(rows, nil, []any{"注：在校生数为9月30日统计数，班数含复式班。"})
	merges = append(merges, [2]string{"A1", last}, [2]string{"A2", "E2"}, [2]string{unit, unitEnd})
	return xlsxSheet{name: name, rows: rows, merges: merges}
}

// TestBureauFixtures writes (with -update) or checks the committed
// fixtures that look like a bureau's files: the per-year 教育事业统计
// workbook and a wide GBK CSV with a 学年 column.
func TestBureauFixtures(t *testing.T) {
	schools, hist, _ := sampleDistrict(t)
	files := map[string][]byte{
		"jiaoyu_tongji_2020-2025.xlsx": bureauWorkbook(t, schools, hist),
		"history_wide_gbk.csv":         wideCSV(t, schools, hist),
	}
	for name, b := range files {
		p := filepath.Join("testdata", "xlsx", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s missing; run go test -run TestBureauFixtures ./geo/ingest -update", p)
		}
	}
}

func historyYears(hist []model.Enrollment) []int {
	var ys []int
	for _, e := range hist {
		if !slices.Contains(ys, e.Year) {
			ys = append(ys, e.Year)
		}
	}
	slices.Sort(ys)
	return ys
}

// bureauWorkbook is one sheet per school year, named "2020" …, the year
// also in each title; a hidden-free "说明" sheet at the end.
func bureauWorkbook(t testing.TB, schools []model.School, hist []model.Enrollment) []byte {
	var sheets []xlsxSheet
	for _, y := range historyYears(hist) {
		sheets = append(sheets, bureauSheet(strconv.Itoa(y), fmt.Sprintf("示范县%d-%d学年中小学在校生情况统计表（教基）", y, y+1), schools, hist, []int{y}))
	}
	sheets = append(sheets, xlsxSheet{name: "填表说明", rows: [][]any{{"1. 本表由各校填报，乡镇中心校汇总。"}, {"2. 班数含复式班。"}}})
	return buildXLSX(t, sheets...)
}

// yearColumnWorkbook is one sheet with a 学年 column holding every year.
func yearColumnWorkbook(t testing.TB, schools []model.School, hist []model.Enrollment) []byte {
	return buildXLSX(t, bureauSheet("在校生", "示范县中小学在校生情况统计表", schools, hist, historyYears(hist)))
}

// wideCSV is the year-column layout saved as CSV by Excel in GBK: merged
// cells become a label followed by empty cells.
func wideCSV(t testing.TB, schools []model.School, hist []model.Enrollment) []byte {
	s := bureauSheet("", "示范县2020-2025学年中小学在校生统计表", schools, hist, historyYears(hist))
	var b []byte
	for _, row := range s.rows {
		for i, c := range row {
			if i > 0 {
				b = append(b, ',')
			}
			if c != nil {
				b = append(b, fmt.Sprint(c)...)
			}
		}
		b = append(b, '\r', '\n')
	}
	return gbk(t, string(b))
}
