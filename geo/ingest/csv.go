package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuequ/xuequ/model"
)

// csvColumn is a required or optional column and the header names that
// mean it (matched like property names: case, width, separators and
// parenthesised units ignored; the first alias found wins).
type csvColumn struct {
	name     string
	aliases  []string
	optional bool
}

var (
	colSchool    = csvColumn{name: "school", aliases: []string{"school", "学校", "学校名称", "学校全称", "学校名", "单位名称", "学校编码", "学校代码", "学校标识码", "校名", "schoolid", "schoolname"}}
	colZone      = csvColumn{name: "zone", aliases: []string{"zone", "小区", "片区", "小区编码", "片区编码", "小区名称", "编码", "zoneid"}}
	colYear      = csvColumn{name: "year", aliases: []string{"year", "年份", "年度", "学年", "学年度", "统计年份", "年"}}
	colGrade     = csvColumn{name: "grade", aliases: []string{"grade", "年级"}}
	colStudents  = csvColumn{name: "students", aliases: []string{"students", "学生数", "在校生", "在校生数", "在校学生数", "学生人数", "人数", "enrollment", "pupils"}}
	colClasses   = csvColumn{name: "classes", aliases: []string{"classes", "班级数", "班数", "班级", "教学班数"}, optional: true}
	colBirths    = csvColumn{name: "births", aliases: []string{"births", "出生人口", "出生数", "出生人数"}}
	colDwellings = csvColumn{name: "dwellings", aliases: []string{"dwellings", "住宅套数", "套数", "交付套数", "新增住宅"}}
)

// readCSVGrid decodes and parses CSV text (comma, semicolon or tab
// separated) into a grid of its non-blank rows.
func readCSVGrid(name string, data []byte, rep *Report) (*grid, error) {
	dec, err := decodeTextBad(data)
	if err != nil {
		return nil, model.Inputf(name, "input.decode", "cannot decode the text ({{.Err}}); save the file as UTF-8 CSV", map[string]any{"Err": err.Error()})
	}
	dec.note(rep, name)
	text := dec.text
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	head := text[:min(len(text), 4096)]
	if bytes.Count(head, []byte(";")) > bytes.Count(head, []byte(",")) {
		r.Comma = ';'
	} else if bytes.Count(head, []byte("\t")) > bytes.Count(head, []byte(",")) {
		r.Comma = '\t'
	}
	g := &grid{file: name}
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
			return nil, model.Inputf(name, "input.bad_csv", "not valid CSV: {{.Err}}", map[string]any{"Err": err.Error()}).At(l, "")
		}
		if blank(rec) {
			continue
		}
		line, _ := r.FieldPos(0)
		g.rows = append(g.rows, rec)
		g.pos = append(g.pos, line)
	}
	return g, nil
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// csvTable is a long table (CSV or .xlsx) with its columns located by
// header name (readCSV), for small tables read cell by cell.
type csvTable struct {
	g    *grid
	h    *header
	want []csvColumn
	rows [][]string // the data rows below the header
}

// readCSV reads a table (CSV or the first sheet of an .xlsx; title rows
// skipped) and locates want's columns; a required one missing is an
// InputError.
func readCSV(name string, data []byte, want []csvColumn, rep *Report) (*csvTable, error) {
	grids, err := readTables(name, data, TableOptions{}, rep)
	if err != nil {
		return nil, err
	}
	h, err := findHeader(grids[0], want, nil, model.Message{})
	if err != nil {
		return nil, err
	}
	return &csvTable{g: grids[0], h: h, want: want, rows: grids[0].rows[h.first+h.n:]}, nil
}

// cell is the trimmed text of want[col] in data row row ("" if absent).
func (t *csvTable) cell(row, col int) string {
	return t.g.cell(t.h.first+t.h.n+row, t.h.cols[col])
}

// errAt is the InputError for the named column of data row row.
func (t *csvTable) errAt(row int, field, format string, args ...any) error {
	col := -1
	for i, c := range t.want {
		if c.name == field {
			col = t.h.cols[i]
		}
	}
	return t.g.errAt(t.h.first+t.h.n+row, col, t.h, field, format, args...)
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

// colWord names a table column in messages: its name ("students") in
// English, its first Chinese header ("学生数") in Chinese.
func colWord(name string) model.Message {
	chinese := name
	for _, c := range append([]csvColumn{colSchool, colZone, colYear, colGrade, colStudents, colClasses, colBirths, colDwellings}, resourceColumns[:]...) {
		if c.name != name {
			continue
		}
		for _, a := range c.aliases {
			if a != "" && a[0] >= 0x80 {
				chinese = a
				break
			}
		}
	}
	return model.Msg("column", "{{.Name}}", map[string]any{"Name": name, "Chinese": chinese})
}
