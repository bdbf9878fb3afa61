package ingest

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuequ/xuequ/model"
	"golang.org/x/text/width"
)

// The wide layout (DESIGN.md §7), as 教育事业统计 tables have it: one row
// per school (and year, when a 年份/学年 column exists) and one students
// column per grade, each optionally followed by its 班数 column:
//
//	学校名称 | 一年级        | 二年级        | … | 合计
//	         | 学生数 | 班数 | 学生数 | 班数 |   |
//
// Grade columns are recognised by a grade word anywhere in the (joined)
// header — 一年级…九年级, 1年级, 初一…初三, 七年级, G1, grade_1 — with the
// rest of the header saying students (学生数, 在校生数, "" …) or classes
// (班数, 班级数, classes). 合计/小计 columns and rows are totals and are
// ignored; other columns (招生数, 毕业生数 …) are ignored too.

// wideGrade is one grade's columns: students, and classes (-1 = none).
type wideGrade struct {
	grade             model.Grade
	students, classes int
}

// wideLayout is the meaning of a wide header's columns.
type wideLayout struct {
	school, year int // column indices; year -1 = no year column
	grades       []wideGrade
}

// gradeTokens are the grade words of wide headers, normalised
// (normName) and longest first so that 十一年级 wins over 一年级 and g12
// over g1.
var gradeTokens = func() []struct {
	tok   string
	grade model.Grade
} {
	type tg = struct {
		tok   string
		grade model.Grade
	}
	var out []tg
	for w, g := range chineseGrades {
		out = append(out, tg{w, g})
	}
	for g := 1; g <= 12; g++ {
		n := strconv.Itoa(g)
		out = append(out, tg{n + "年级", model.Grade(g)}, tg{"grade" + n, model.Grade(g)}, tg{"gr" + n, model.Grade(g)}, tg{"g" + n, model.Grade(g)})
	}
	out = append(out, tg{"gradek", 0}, tg{"kindergarten", 0})
	for w, g := range kindergartenWords { // 小班 中班 大班 (K1–K3 only in long tables: too short to find in headers)
		if !strings.HasPrefix(w, "k") {
			out = append(out, tg{w, g})
		}
	}
	slices.SortFunc(out, func(a, b tg) int {
		return cmp.Or(cmp.Compare(len(b.tok), len(a.tok)), strings.Compare(a.tok, b.tok))
	})
	return out
}()

var (
	studentWords = wordSet("", "学生数", "学生", "学生人数", "在校生", "在校生数", "在校生人数", "在校学生", "在校学生数",
		"人数", "年级", "students", "student", "enrollment", "enrolment", "pupils")
	classWords = wordSet("班数", "班级数", "班级", "班", "教学班", "教学班数", "年级班数", "年级班级数", "classes", "class", "nclasses")
	totalWords = []string{"合计", "小计", "总计", "共计", "total", "sum"}
)

func wordSet(ws ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[w] = true
	}
	return m
}

type wideKind int

const (
	wideOther wideKind = iota
	wideStudents
	wideClasses
)

// classifyWide reads one header name: a grade's students or classes
// column, a bare classes column (班数, grade noGrade), or something else.
//
// A total word next to a grade ("一年级合计" over 男 | 女 | 合计) is that
// grade's total; without a grade (合计, 在校生合计) the column is a total
// and ignored.
func classifyWide(name string) (wideKind, model.Grade) {
	n := headerKey(name)
	for _, t := range gradeTokens {
		i := strings.Index(n, t.tok)
		if i < 0 {
			continue
		}
		rest := n[:i] + n[i+len(t.tok):]
		for _, w := range totalWords {
			rest = strings.ReplaceAll(rest, w, "")
		}
		switch {
		case studentWords[rest]:
			return wideStudents, t.grade
		case classWords[rest]:
			return wideClasses, t.grade
		}
	}
	if classWords[n] {
		return wideClasses, noGrade
	}
	return wideOther, noGrade // totals and anything else
}

// noGrade marks a wide column that belongs to no grade (−1 is 中班).
const noGrade model.Grade = -99

// wideColumns reads a wide header; an error says why it is not one.
func wideColumns(names []string) (*wideLayout, error) {
	cols, _, ok := matchLong(names, []csvColumn{colSchool, {name: "year", aliases: colYear.aliases, optional: true}})
	if !ok {
		return nil, fmt.Errorf("no school column")
	}
	l := &wideLayout{school: cols[0], year: cols[1]}
	at := map[model.Grade]int{} // index in l.grades
	prevStudents := -1          // index in l.grades of the grade whose students column is just left
	for c, name := range names {
		if c == l.school || c == l.year {
			prevStudents = -1
			continue
		}
		kind, g := classifyWide(name)
		switch {
		case kind == wideStudents:
			prevStudents = -1
			if i, ok := at[g]; !ok {
				at[g] = len(l.grades)
				l.grades = append(l.grades, wideGrade{grade: g, students: c, classes: -1})
				prevStudents = at[g]
			} else if l.grades[i].students < 0 { // its 班数 came first
				l.grades[i].students = c
			}
			continue
		case kind == wideClasses && g == noGrade && prevStudents >= 0:
			if l.grades[prevStudents].classes < 0 {
				l.grades[prevStudents].classes = c
			}
		case kind == wideClasses && g != noGrade:
			if i, ok := at[g]; ok && l.grades[i].classes < 0 {
				l.grades[i].classes = c
			} else if !ok {
				// 班数 group before the students group: keep it for later.
				at[g] = len(l.grades)
				l.grades = append(l.grades, wideGrade{grade: g, students: -1, classes: c})
			}
		}
		prevStudents = -1
	}
	for _, wg := range l.grades {
		if wg.students < 0 {
			continue
		}
		return l, nil
	}
	return nil, fmt.Errorf("no grade columns")
}

// isWideHistory accepts the header of a wide history table.
func isWideHistory(names []string) bool {
	_, err := wideColumns(names)
	return err == nil
}

const wideHistoryHint = ", or the wide layout: a school column and grade columns (一年级…九年级, 1年级, G1, grade_1)"

var wideHistoryHintMsg = model.Msg("input.wide_history_hint", wideHistoryHint, nil)

// yearColumn is a column of counts for one year.
type yearColumn struct{ col, year int }

// yearHeader is a year column's header once its count words are removed:
// "2018", "2018年", "2018年度".
var yearHeader = regexp.MustCompile(`^((?:19|20|21)\d\d)(?:年度|年)?$`)

// yearColumns reads the header of a table with one row per zone and a
// column per year: the zone column (colZone, -1 = none) and the year
// columns, whose headers may carry count's words (出生人口2018年, 2018年出生数).
func yearColumns(names []string, count csvColumn) (zone int, cols []yearColumn) {
	zc, _, ok := matchLong(names, []csvColumn{colZone})
	if !ok {
		return -1, nil
	}
	words := make([]string, len(count.aliases)) // longest first: 交付套数 before 套数
	for i, a := range count.aliases {
		words[i] = headerKey(a)
	}
	slices.SortFunc(words, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	for c, name := range names {
		if c == zc[0] {
			continue
		}
		n := headerKey(name)
		for _, w := range words {
			n = strings.ReplaceAll(n, w, "")
		}
		if m := yearHeader.FindStringSubmatch(n); m != nil {
			y, _ := strconv.Atoi(m[1])
			if validYear(y) && !slices.ContainsFunc(cols, func(yc yearColumn) bool { return yc.year == y }) {
				cols = append(cols, yearColumn{col: c, year: y})
			}
		}
	}
	return zc[0], cols
}

// totalRow reports whether a school cell labels a total or sub-total row
// (合计, 全县总计, 其中：公办) rather than a school.
func totalRow(school string) bool {
	n := headerKey(school)
	for _, w := range totalWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return strings.HasPrefix(n, "其中") || n == "全县" || n == "全区" || n == "全市" || n == "全旗"
}

var (
	// yearWithUnit finds "2024年", "2024学年", "2024-2025学年", "2024～25年度".
	yearWithUnit = regexp.MustCompile(`((?:19|20|21)\d\d)\s*(?:[-—–~～至/]\s*(?:\d{2,4})\s*)?(?:学年|年度|年)`)
	// bareYear finds a lone 4-digit year ("2024", "2024-2025") in a sheet name.
	bareYear = regexp.MustCompile(`(?:^|\D)((?:19|20|21)\d\d)(?:\D|$)`)
)

// yearInText is the school year a title or sheet name states: the first
// "2024年"/"2024学年"/"2024-2025学年" (the autumn start year); a bare
// 4-digit year only when bare is set (sheet names). 0 = none.
func yearInText(s string, bare bool) int {
	s = width.Fold.String(s)
	m := yearWithUnit.FindStringSubmatch(s)
	if m == nil && bare {
		m = bareYear.FindStringSubmatch(s)
	}
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	if !validYear(y) {
		return 0
	}
	return y
}

// validYear bounds the years a table may hold.
func validYear(y int) bool { return y >= 1949 && y <= 2200 }

// Where a wide table's year came from, for the report.
const (
	yearFromColumn = "column"
	yearFromTitle  = "title"
	yearFromSheet  = "sheet"
	yearFromOption = "option"
)

// wideYear decides the year of a wide table without a year column.
func wideYear(g *grid, h *header, opt TableOptions) (int, string, error) {
	if y := yearInText(g.title(h), false); y != 0 {
		return y, yearFromTitle, nil
	}
	if y := yearInText(g.sheet, true); y != 0 {
		return y, yearFromSheet, nil
	}
	if opt.Year != 0 {
		if !validYear(opt.Year) {
			return 0, "", model.Inputf(g.file, "input.option_year", "year {{.Year}} is out of range; give the autumn start year, e.g. 2024 for 2024–2025", map[string]any{"Year": opt.Year}).At(0, "--year")
		}
		return opt.Year, yearFromOption, nil
	}
	where := model.Message{}
	if g.sheet != "" {
		where = model.Msg("where.sheet", "sheet {{.Sheet}}: ", map[string]any{"Sheet": strconv.Quote(g.sheet)})
	}
	return 0, "", model.Inputf(g.file, "input.no_year", "{{.Where}}the table has one row per school but no year: add a 年份 column, put the year in the title (2024学年…) or the sheet name, or give it with --year",
		map[string]any{"Where": where}).At(g.pos[h.first], "year")
}

// readWide turns a wide table into enrollment records: one per school and
// grade whose students cell is known (an empty or "—" cell is no record,
// 0 is zero). Total rows and rows without a school are skipped and
// counted in skipped. An empty year cell takes the year of the row above
// (a merged 学年 cell saved as CSV). A school listed twice for a year is
// an error.
func readWide(g *grid, h *header, opt TableOptions, skipped map[string][]int) ([]model.Enrollment, int, string, error) {
	l, err := wideColumns(h.names)
	if err != nil {
		return nil, 0, "", err
	}
	year, from := 0, yearFromColumn
	if l.year < 0 {
		if year, from, err = wideYear(g, h, opt); err != nil {
			return nil, 0, "", err
		}
	}
	var out []model.Enrollment
	type schoolYear struct {
		school string
		year   int
	}
	seen := map[schoolYear]int{} // row of each school and year
	lastYear := 0
	for i := h.first + h.n; i < len(g.rows); i++ {
		school := g.cell(i, l.school)
		switch {
		case school == "":
			skipped["no-school"] = append(skipped["no-school"], g.pos[i])
			continue
		case totalRow(school):
			skipped["total"] = append(skipped["total"], g.pos[i])
			continue
		}
		y := year
		if l.year >= 0 {
			if g.cell(i, l.year) == "" && lastYear != 0 {
				y = lastYear
			} else if y, err = g.yearAt(i, l.year, h); err != nil {
				return nil, 0, "", err
			}
			lastYear = y
		}
		if prev, dup := seen[schoolYear{school, y}]; dup {
			return nil, 0, "", g.errAtf(i, l.school, h, "school", "input.duplicate_school", "school {{.School}} is listed again for {{.Year}} (first in row {{.Row}}); delete or merge one of the rows", map[string]any{"School": strconv.Quote(school), "Year": y, "Row": prev})
		}
		seen[schoolYear{school, y}] = g.pos[i]
		for _, wg := range l.grades {
			if wg.students < 0 {
				continue
			}
			n, ok, err := g.countAt(i, wg.students, h, "students")
			if err != nil {
				return nil, 0, "", err
			}
			if !ok {
				continue
			}
			c, err := g.classesAt(i, wg.classes, h, n)
			if err != nil {
				return nil, 0, "", err
			}
			out = append(out, model.Enrollment{School: school, Year: y, Grade: wg.grade, Students: n, Classes: c})
		}
	}
	return out, year, from, nil
}
