package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuequ/xuequ/model"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// Cell readers of a table row; col < 0 (an absent optional column) reads
// as an empty cell.

// textAt reads a required text cell.
func (g *grid) textAt(row, col int, h *header, name string) (string, error) {
	v := g.cell(row, col)
	if v == "" {
		return "", g.errAtf(row, col, h, name, "input.empty_cell", "empty {{.Name}}; fill it in or delete the row", map[string]any{"Name": colWord(name)})
	}
	return v, nil
}

// countAt reads a non-negative whole number; ok is false for an unknown
// cell (empty, "—", "无" …).
func (g *grid) countAt(row, col int, h *header, name string) (int, bool, error) {
	v := g.cell(row, col)
	n, ok, err := parseCount(v)
	if err != nil {
		return 0, false, g.errAtf(row, col, h, name, "input.not_count", "{{.Problem}}; {{.Name}} must be a whole number ≥ 0", map[string]any{"Problem": problem(err), "Name": colWord(name)})
	}
	return n, ok, nil
}

// classesAt reads an optional classes cell for n students: unknown is 0,
// and a 0 beside pupils is an error (leave it empty if unknown).
func (g *grid) classesAt(row, col int, h *header, n int) (int, error) {
	c, ok, err := g.countAt(row, col, h, "classes")
	if err != nil {
		return 0, err
	}
	if ok && c == 0 && n > 0 {
		return 0, g.errAtf(row, col, h, "classes", "input.zero_classes", "{{.N}} students in 0 classes; leave classes empty if unknown", map[string]any{"N": n})
	}
	return c, nil
}

var yearDigits = regexp.MustCompile(`^(\d{4})`)

// yearAt reads "2024", "2024年", "2024-2025", "2024学年", and in a
// worksheet a date cell (its serial number) as its year.
func (g *grid) yearAt(row, col int, h *header) (int, error) {
	v := width.Fold.String(g.cell(row, col))
	if f, err := strconv.ParseFloat(v, 64); err == nil && g.sheet != "" && f >= 10000 && f < 100000 {
		if t, err := excelize.ExcelDateToTime(f, false); err == nil && validYear(t.Year()) {
			return t.Year(), nil
		}
	}
	m := yearDigits.FindStringSubmatch(v)
	if m == nil {
		return 0, g.errAtf(row, col, h, "year", "input.bad_year", "year {{.Value}} is not a 4-digit year (e.g. 2024)", map[string]any{"Value": strconv.Quote(v)})
	}
	y, _ := strconv.Atoi(m[1])
	if !validYear(y) {
		return 0, g.errAtf(row, col, h, "year", "input.year_range", "year {{.Year}} is out of range", map[string]any{"Year": y})
	}
	return y, nil
}

var chineseGrades = map[string]model.Grade{
	"幼儿园": 0, "学前": 0, "学前班": 0, "k": 0, "kg": 0,
	"一年级": 1, "二年级": 2, "三年级": 3, "四年级": 4, "五年级": 5, "六年级": 6,
	"七年级": 7, "八年级": 8, "九年级": 9, "初一": 7, "初二": 8, "初三": 9,
	"高一": 10, "高二": 11, "高三": 12, "十年级": 10, "十一年级": 11, "十二年级": 12,
}

// kindergartenWords are the 幼儿园 grades of long tables: 小班 −2, 中班 −1,
// 大班 0 (K1/K2/K3 as written in English tables). Wide headers do not
// take them (there −1 marks a bare classes column).
var kindergartenWords = map[string]model.Grade{
	"小班": -2, "中班": -1, "大班": 0, "k1": -2, "k2": -1, "k3": 0,
}

func (g *grid) gradeAt(row, col int, h *header) (model.Grade, error) {
	v := strings.ToLower(width.Fold.String(g.cell(row, col)))
	if gr, ok := chineseGrades[v]; ok {
		return gr, nil
	}
	if gr, ok := kindergartenWords[v]; ok {
		return gr, nil
	}
	f, ok, err := parseNumber(strings.TrimSuffix(v, "年级"))
	if gr := model.Grade(int(f)); err != nil || !ok || f != float64(int(f)) || !gr.Valid() && (gr < -2 || gr > 0) {
		return 0, g.errAtf(row, col, h, "grade", "input.bad_grade", "unknown grade {{.Value}}; use -2, -1, 0 (小班, 中班, 大班/K), 1–6 (primary), 7–9 (junior) or 10–12", map[string]any{"Value": strconv.Quote(g.cell(row, col))})
	}
	return model.Grade(int(f)), nil
}

// ReadHistory reads enrollment history (DESIGN.md §7) from CSV or .xlsx
// (told apart by content): see ReadHistoryWith.
func ReadHistory(name string, data []byte) ([]model.Enrollment, *Report, error) {
	return ReadHistoryWith(name, data, TableOptions{})
}

// ReadHistoryWith reads enrollment history from a CSV file (UTF-8 or GBK)
// or an .xlsx workbook, in the long layout — columns
// school,year,grade,students[,classes] by header name, Chinese headers
// (学校,年份,年级,学生数,班级数) accepted — or the wide layout of
// 教育事业统计 tables (one row per school, grade columns; see wide.go).
// Title rows above the header are skipped and two- or three-row headers
// joined. school is kept as written; use ResolveSchools to match it
// against school ids or names. A bad cell is a *model.InputError naming
// its line (worksheet row), sheet, cell and column.
func ReadHistoryWith(name string, data []byte, opt TableOptions) ([]model.Enrollment, *Report, error) {
	rep := &Report{}
	grids, err := readTables(name, data, opt, rep)
	if err != nil {
		return nil, rep, err
	}
	want := []csvColumn{colSchool, colYear, colGrade, colStudents, colClasses}
	g := grids[0]
	h, err := findHeader(g, want, isWideHistory, wideHistoryHintMsg)
	if err != nil {
		return nil, rep, err
	}
	var out []model.Enrollment
	if !h.wide {
		if out, err = readLongHistory(g, h); err != nil {
			return nil, rep, err
		}
		noteLayout(rep, g, h, "long", 0, "")
	} else {
		if out, err = readWideSheets(grids, h, opt, rep); err != nil {
			return nil, rep, err
		}
	}
	rep.add(Issue{Severity: Info, Code: CodeFeatureCount, File: name, Args: rowCount(len(out), "enrollment"),
		Message: fmt.Sprintf("read %d enrollment rows", len(out))})
	return out, rep, nil
}

func readLongHistory(g *grid, h *header) ([]model.Enrollment, error) {
	out := make([]model.Enrollment, 0, len(g.rows)-h.first-h.n)
	var err error
	for i := h.first + h.n; i < len(g.rows); i++ {
		var e model.Enrollment
		if e.School, err = g.textAt(i, h.cols[0], h, "school"); err != nil {
			return nil, err
		}
		if e.Year, err = g.yearAt(i, h.cols[1], h); err != nil {
			return nil, err
		}
		if e.Grade, err = g.gradeAt(i, h.cols[2], h); err != nil {
			return nil, err
		}
		n, ok, err := g.countAt(i, h.cols[3], h, "students")
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, g.errAtf(i, h.cols[3], h, "students", "input.empty_cell", "empty {{.Name}}; fill it in or delete the row", map[string]any{"Name": colWord("students")})
		}
		e.Students = n
		if e.Classes, err = g.classesAt(i, h.cols[4], h, n); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// readWideSheets reads the first grid as a wide table and, when its year
// came from its title or sheet name, every further grid (the other sheets
// of the workbook) that is a wide table with its own year: one sheet per
// year.
func readWideSheets(grids []*grid, h *header, opt TableOptions, rep *Report) ([]model.Enrollment, error) {
	want := []csvColumn{colSchool, colYear, colGrade, colStudents, colClasses}
	skipped := map[string][]int{}
	out, year, from, err := readWide(grids[0], h, opt, skipped)
	if err != nil {
		return nil, err
	}
	noteLayout(rep, grids[0], h, "wide", year, from)
	noteSkipped(rep, grids[0], skipped)
	if from != yearFromTitle && from != yearFromSheet {
		return out, nil
	}
	type record struct {
		school string
		year   int
		grade  model.Grade
	}
	sheetOf := map[record]string{}
	for _, e := range out {
		sheetOf[record{e.School, e.Year, e.Grade}] = grids[0].sheet
	}
	for _, g := range grids[1:] {
		h, err := findHeader(g, want, isWideHistory, wideHistoryHintMsg)
		if err != nil || !h.wide {
			noteSheetSkipped(rep, g, "no-header")
			continue
		}
		if _, _, err := wideYear(g, h, TableOptions{}); err != nil {
			noteSheetSkipped(rep, g, "no-year")
			continue
		}
		skipped := map[string][]int{}
		recs, y, yearFrom, err := readWide(g, h, TableOptions{}, skipped)
		if err != nil {
			return nil, err
		}
		for _, e := range recs {
			k := record{e.School, e.Year, e.Grade}
			if other, dup := sheetOf[k]; dup {
				return nil, model.Inputf(g.file, "input.sheets_overlap", "sheets {{.Sheet1}} and {{.Sheet2}} both hold grade {{.Grade}} of {{.School}} in {{.Year}}; correct the year in the title or sheet name, or read one sheet with --sheet",
					map[string]any{"Sheet1": strconv.Quote(other), "Sheet2": strconv.Quote(g.sheet), "Grade": int(e.Grade), "School": strconv.Quote(e.School), "Year": e.Year}).At(0, "year")
			}
			sheetOf[k] = g.sheet
		}
		noteLayout(rep, g, h, "wide", y, yearFrom)
		noteSkipped(rep, g, skipped)
		out = append(out, recs...)
	}
	return out, nil
}

// zoneYearCount is one row of a births or housing table.
type zoneYearCount struct {
	zone    string
	year, n int
}

// readZoneYear reads a zone,year,count table: the long layout (want:
// zone, year and the count column) or one row per zone with a column per
// year ("2018", "2018年", "出生人口" over "2018年 | 2019年"; see
// yearColumns), where an unknown cell is no record.
func readZoneYear(name string, data []byte, opt TableOptions, want []csvColumn, rep *Report) ([]zoneYearCount, error) {
	grids, err := readTables(name, data, opt, rep)
	if err != nil {
		return nil, err
	}
	g, count := grids[0], want[2]
	byYear := func(names []string) bool { _, cols := yearColumns(names, count); return len(cols) > 0 }
	h, err := findHeader(g, want, byYear, model.Msg("input.wide_births_hint", ", or one row per zone with a column per year (2018年, 2019年 … or {{.Alias}} over them)", map[string]any{"Alias": count.aliases[1]}))
	if err != nil {
		return nil, err
	}
	var out []zoneYearCount
	if !h.wide {
		noteLayout(rep, g, h, "long", 0, "")
		for i := h.first + h.n; i < len(g.rows); i++ {
			var r zoneYearCount
			if r.zone, err = g.textAt(i, h.cols[0], h, "zone"); err != nil {
				return nil, err
			}
			if r.year, err = g.yearAt(i, h.cols[1], h); err != nil {
				return nil, err
			}
			if r.n, err = requiredCount(g, i, h.cols[2], h, count.name); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, nil
	}
	noteLayout(rep, g, h, "years", 0, "")
	zone, cols := yearColumns(h.names, count)
	skipped := map[string][]int{}
	for i := h.first + h.n; i < len(g.rows); i++ {
		z := g.cell(i, zone)
		switch {
		case z == "":
			skipped["no-school"] = append(skipped["no-school"], g.pos[i])
			continue
		case totalRow(z):
			skipped["total"] = append(skipped["total"], g.pos[i])
			continue
		}
		for _, c := range cols {
			n, ok, err := g.countAt(i, c.col, h, count.name)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, zoneYearCount{zone: z, year: c.year, n: n})
			}
		}
	}
	noteSkipped(rep, g, skipped)
	return out, nil
}

// ReadBirths reads zone,year,births (出生人口 by zone and year) from CSV or
// .xlsx; see ReadBirthsWith.
func ReadBirths(name string, data []byte) ([]model.Births, *Report, error) {
	return ReadBirthsWith(name, data, TableOptions{})
}

// ReadBirthsWith reads births by zone and year from CSV or .xlsx (opt.Sheet
// picks the worksheet): columns zone,year,births (小区,年份,出生人口), or
// one row per zone with a column per year. Title rows above the header
// are skipped.
func ReadBirthsWith(name string, data []byte, opt TableOptions) ([]model.Births, *Report, error) {
	rep := &Report{}
	recs, err := readZoneYear(name, data, opt, []csvColumn{colZone, colYear, colBirths}, rep)
	if err != nil {
		return nil, rep, err
	}
	out := make([]model.Births, len(recs))
	for i, r := range recs {
		out[i] = model.Births{Zone: r.zone, Year: r.year, Births: r.n}
	}
	rep.add(Issue{Severity: Info, Code: CodeFeatureCount, File: name, Args: rowCount(len(out), "births"),
		Message: fmt.Sprintf("read %d births rows", len(out))})
	return out, rep, nil
}

// ReadHousing reads zone,year,dwellings (dwellings first occupied that
// year) from CSV or .xlsx; see ReadHousingWith.
func ReadHousing(name string, data []byte) ([]model.Housing, *Report, error) {
	return ReadHousingWith(name, data, TableOptions{})
}

// ReadHousingWith reads dwellings first occupied by zone and year from CSV
// or .xlsx (opt.Sheet picks the worksheet): columns zone,year,dwellings
// (小区,年份,住宅套数), or one row per zone with a column per year. Title
// rows above the header are skipped.
func ReadHousingWith(name string, data []byte, opt TableOptions) ([]model.Housing, *Report, error) {
	rep := &Report{}
	recs, err := readZoneYear(name, data, opt, []csvColumn{colZone, colYear, colDwellings}, rep)
	if err != nil {
		return nil, rep, err
	}
	out := make([]model.Housing, len(recs))
	for i, r := range recs {
		out[i] = model.Housing{Zone: r.zone, Year: r.year, Dwellings: r.n}
	}
	rep.add(Issue{Severity: Info, Code: CodeFeatureCount, File: name, Args: rowCount(len(out), "housing"),
		Message: fmt.Sprintf("read %d housing rows", len(out))})
	return out, rep, nil
}

func requiredCount(g *grid, row, col int, h *header, name string) (int, error) {
	n, ok, err := g.countAt(row, col, h, name)
	if err == nil && !ok {
		err = g.errAtf(row, col, h, name, "input.empty_cell", "empty {{.Name}}; fill it in or delete the row", map[string]any{"Name": colWord(name)})
	}
	return n, err
}
