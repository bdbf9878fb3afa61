package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuequ/xuequ/model"
	"golang.org/x/text/width"
)

// csvColumn is a required or optional column and the header names that
// mean it (matched like property names: case, width, separators ignored).
type csvColumn struct {
	name     string
	aliases  []string
	optional bool
}

var (
	colSchool    = csvColumn{name: "school", aliases: []string{"school", "学校", "学校名称", "学校编码", "学校代码", "校名", "schoolid", "schoolname"}}
	colZone      = csvColumn{name: "zone", aliases: []string{"zone", "小区", "片区", "小区编码", "片区编码", "小区名称", "编码", "zoneid"}}
	colYear      = csvColumn{name: "year", aliases: []string{"year", "年份", "年度", "学年", "年"}}
	colGrade     = csvColumn{name: "grade", aliases: []string{"grade", "年级"}}
	colStudents  = csvColumn{name: "students", aliases: []string{"students", "学生数", "在校生", "在校生数", "学生人数", "人数", "enrollment", "pupils"}}
	colClasses   = csvColumn{name: "classes", aliases: []string{"classes", "班级数", "班数", "班级", "教学班数"}, optional: true}
	colBirths    = csvColumn{name: "births", aliases: []string{"births", "出生人口", "出生数", "出生人数"}}
	colDwellings = csvColumn{name: "dwellings", aliases: []string{"dwellings", "住宅套数", "套数", "交付套数", "新增住宅"}}
)

type csvTable struct {
	file string
	cols []int // index in the row of each requested column, -1 = absent
	rows [][]string
	line []int // 1-based file line of each row
}

// readCSV decodes, parses and locates the columns by header name.
func readCSV(name string, data []byte, want []csvColumn, rep *Report) (*csvTable, error) {
	dec, err := decodeTextBad(data)
	if err != nil {
		return nil, &model.InputError{File: name, Msg: fmt.Sprintf("cannot decode the text (%v); save the file as UTF-8 CSV", err)}
	}
	dec.note(rep, name)
	text := dec.text
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	if bytes.Count(text[:min(len(text), 4096)], []byte(";")) > bytes.Count(text[:min(len(text), 4096)], []byte(",")) {
		r.Comma = ';'
	} else if bytes.Count(text[:min(len(text), 4096)], []byte("\t")) > bytes.Count(text[:min(len(text), 4096)], []byte(",")) {
		r.Comma = '\t'
	}
	t := &csvTable{file: name}
	var header []string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			l := 0
			if errors.As(err, &pe) {
				l = pe.Line
			}
			return nil, &model.InputError{File: name, Line: l, Msg: fmt.Sprintf("not valid CSV: %v", err)}
		}
		line, _ := r.FieldPos(0)
		if header == nil {
			if blank(rec) {
				continue
			}
			header = rec
			continue
		}
		if blank(rec) {
			continue
		}
		t.rows = append(t.rows, rec)
		t.line = append(t.line, line)
	}
	if header == nil {
		return nil, &model.InputError{File: name, Msg: "the file is empty; it needs a header row (" + colNames(want) + ")"}
	}
	norm := make([]string, len(header))
	for i, h := range header {
		norm[i] = normName(h)
	}
	for _, c := range want {
		idx := -1
	search:
		for _, a := range c.aliases {
			for i, h := range norm {
				if h == normName(a) {
					idx = i
					break search
				}
			}
		}
		if idx < 0 && !c.optional {
			return nil, &model.InputError{File: name, Line: 1, Field: c.name,
				Msg: fmt.Sprintf("missing column %q; the header is %s but needs %s", c.name, strings.Join(header, ","), colNames(want))}
		}
		t.cols = append(t.cols, idx)
	}
	return t, nil
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func colNames(cs []csvColumn) string {
	var s []string
	for _, c := range cs {
		if c.optional {
			s = append(s, "["+c.name+"]")
		} else {
			s = append(s, c.name)
		}
	}
	return strings.Join(s, ",")
}

func (t *csvTable) cell(row, col int) string {
	i := t.cols[col]
	if i < 0 || i >= len(t.rows[row]) {
		return ""
	}
	return strings.TrimSpace(t.rows[row][i])
}

func (t *csvTable) errAt(row int, field, format string, args ...any) error {
	return &model.InputError{File: t.file, Line: t.line[row], Field: field, Msg: fmt.Sprintf(format, args...)}
}

// text reads a required text cell.
func (t *csvTable) text(row, col int, name string) (string, error) {
	v := t.cell(row, col)
	if v == "" {
		return "", t.errAt(row, name, "empty %s; fill it in or delete the row", name)
	}
	return v, nil
}

// count reads a required non-negative whole number.
func (t *csvTable) count(row, col int, name string, required bool) (int, error) {
	v := t.cell(row, col)
	n, ok, err := parseCount(v)
	if err != nil {
		return 0, t.errAt(row, name, "%v; %s must be a whole number ≥ 0", err, name)
	}
	if !ok && required {
		return 0, t.errAt(row, name, "empty %s; fill it in or delete the row", name)
	}
	return n, nil
}

var yearDigits = regexp.MustCompile(`^(\d{4})`)

func (t *csvTable) year(row, col int) (int, error) {
	v := width.Fold.String(t.cell(row, col))
	m := yearDigits.FindStringSubmatch(v)
	if m == nil {
		return 0, t.errAt(row, "year", "year %q is not a 4-digit year (e.g. 2024)", v)
	}
	y, _ := strconv.Atoi(m[1])
	if y < 1949 || y > 2200 {
		return 0, t.errAt(row, "year", "year %d is out of range", y)
	}
	return y, nil
}

var chineseGrades = map[string]model.Grade{
	"幼儿园": 0, "学前": 0, "学前班": 0, "k": 0, "kg": 0,
	"一年级": 1, "二年级": 2, "三年级": 3, "四年级": 4, "五年级": 5, "六年级": 6,
	"七年级": 7, "八年级": 8, "九年级": 9, "初一": 7, "初二": 8, "初三": 9,
	"高一": 10, "高二": 11, "高三": 12, "十年级": 10, "十一年级": 11, "十二年级": 12,
}

func (t *csvTable) grade(row, col int) (model.Grade, error) {
	v := strings.ToLower(width.Fold.String(t.cell(row, col)))
	if g, ok := chineseGrades[v]; ok {
		return g, nil
	}
	f, ok, err := parseNumber(strings.TrimSuffix(v, "年级"))
	if err != nil || !ok || f != float64(int(f)) || !model.Grade(int(f)).Valid() {
		return 0, t.errAt(row, "grade", "unknown grade %q; use 0 (kindergarten), 1–6 (primary), 7–9 (junior) or 10–12", t.cell(row, col))
	}
	return model.Grade(int(f)), nil
}

// ReadHistory reads enrollment history (DESIGN.md §7): columns
// school,year,grade,students[,classes] by header name, Chinese headers
// (学校,年份,年级,学生数,班级数) accepted. school is kept as written; use
// ResolveSchools to match it against school ids or names. A bad row is a
// *model.InputError naming its line.
func ReadHistory(name string, data []byte) ([]model.Enrollment, *Report, error) {
	rep := &Report{}
	t, err := readCSV(name, data, []csvColumn{colSchool, colYear, colGrade, colStudents, colClasses}, rep)
	if err != nil {
		return nil, rep, err
	}
	out := make([]model.Enrollment, 0, len(t.rows))
	for i := range t.rows {
		var e model.Enrollment
		if e.School, err = t.text(i, 0, "school"); err != nil {
			return nil, rep, err
		}
		if e.Year, err = t.year(i, 1); err != nil {
			return nil, rep, err
		}
		if e.Grade, err = t.grade(i, 2); err != nil {
			return nil, rep, err
		}
		if e.Students, err = t.count(i, 3, "students", true); err != nil {
			return nil, rep, err
		}
		if e.Classes, err = t.count(i, 4, "classes", false); err != nil {
			return nil, rep, err
		}
		if e.Classes == 0 && e.Students > 0 && t.cols[4] >= 0 && t.cell(i, 4) != "" {
			return nil, rep, t.errAt(i, "classes", "%d students in 0 classes; leave classes empty if unknown", e.Students)
		}
		out = append(out, e)
	}
	rep.add(Issue{Severity: Info, Code: CodeFeatureCount, File: name, Args: rowCount(len(out), "enrollment"),
		Message: fmt.Sprintf("read %d enrollment rows", len(out))})
	return out, rep, nil
}

// ReadBirths reads zone,year,births (出生人口 by zone and year).
func ReadBirths(name string, data []byte) ([]model.Births, *Report, error) {
	rep := &Report{}
	t, err := readCSV(name, data, []csvColumn{colZone, colYear, colBirths}, rep)
	if err != nil {
		return nil, rep, err
	}
	out := make([]model.Births, 0, len(t.rows))
	for i := range t.rows {
		var b model.Births
		if b.Zone, err = t.text(i, 0, "zone"); err != nil {
			return nil, rep, err
		}
		if b.Year, err = t.year(i, 1); err != nil {
			return nil, rep, err
		}
		if b.Births, err = t.count(i, 2, "births", true); err != nil {
			return nil, rep, err
		}
		out = append(out, b)
	}
	rep.add(Issue{Severity: Info, Code: CodeFeatureCount, File: name, Args: rowCount(len(out), "births"),
		Message: fmt.Sprintf("read %d births rows", len(out))})
	return out, rep, nil
}

// ReadHousing reads zone,year,dwellings (dwellings first occupied that year).
func ReadHousing(name string, data []byte) ([]model.Housing, *Report, error) {
	rep := &Report{}
	t, err := readCSV(name, data, []csvColumn{colZone, colYear, colDwellings}, rep)
	if err != nil {
		return nil, rep, err
	}
	out := make([]model.Housing, 0, len(t.rows))
	for i := range t.rows {
		var h model.Housing
		if h.Zone, err = t.text(i, 0, "zone"); err != nil {
			return nil, rep, err
		}
		if h.Year, err = t.year(i, 1); err != nil {
			return nil, rep, err
		}
		if h.Dwellings, err = t.count(i, 2, "dwellings", true); err != nil {
			return nil, rep, err
		}
		out = append(out, h)
	}
	rep.add(Issue{Severity: Info, Code: CodeFeatureCount, File: name, Args: rowCount(len(out), "housing"),
		Message: fmt.Sprintf("read %d housing rows", len(out))})
	return out, rep, nil
}

// rowCount holds the Args of the CodeFeatureCount issue of a CSV: the rows
// read and what they are ("enrollment", "births", "housing").
func rowCount(n int, layer string) map[string]any {
	return map[string]any{"N": n, "Layer": layer, "CRS": ""}
}

// ResolveSchools rewrites each record's School to a school id: by id,
// then exact name, then the name tiers of schoolIndex (width, spaces,
// brackets, place prefixes, 第一小学/一小). Records whose school is not
// found, or fits several schools, are dropped and reported once per
// school as an Error.
func ResolveSchools(history []model.Enrollment, schools []model.School) ([]model.Enrollment, *Report) {
	rep := &Report{}
	ix := newSchoolIndex(schools)
	out := make([]model.Enrollment, 0, len(history))
	reported := map[string]bool{}
	for _, e := range history {
		i, kind, _ := ix.resolve(e.School, nil)
		if i < 0 {
			if !reported[e.School] {
				reported[e.School] = true
				rep.add(Issue{Severity: Error, Code: CodeUnknownSchool, Field: "school", ID: e.School,
					Args:    map[string]any{"School": e.School},
					Message: fmt.Sprintf("school %q in the history matches no school id or name; its rows were left out — correct the name or the schools file", e.School)})
			}
			continue
		}
		id := schools[i].ID
		if kind != matchID && !reported[e.School] {
			reported[e.School] = true
			fuzzy := kind != matchName
			how := "by name"
			if fuzzy {
				how = "by name (ignoring spaces/width)"
			}
			rep.add(Issue{Severity: Info, Code: CodeSchoolByName, Field: "school", ID: id,
				Args:    map[string]any{"School": e.School, "ID": id, "Fuzzy": fuzzy},
				Message: fmt.Sprintf("history school %q matched school %s %s", e.School, id, how)})
		}
		e.School = id
		out = append(out, e)
	}
	return out, rep
}
