package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuequ/xuequ/model"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// TableOptions tune how a table (CSV or .xlsx) is read.
type TableOptions struct {
	// Sheet names the worksheet of an .xlsx workbook; "" reads the first
	// visible sheet (and, for wide tables that take their year from the
	// title or sheet name, every other sheet laid out the same way: one
	// sheet per year).
	Sheet string
	// Year is the school year (autumn start, e.g. 2024 for 2024–2025) of a
	// wide table that has no 年份 column and no year in its title or
	// sheet name; 0 = none.
	Year int
}

// grid is one table as read from a CSV file or a worksheet: its non-blank
// rows, each with its 1-based position (CSV line, worksheet row).
type grid struct {
	file  string
	sheet string // worksheet name; "" for CSV
	rows  [][]string
	pos   []int
}

// header is where a table's header was found and what it means.
type header struct {
	first int      // index in grid.rows of the (first) header row
	n     int      // header rows: 1, or 2–3 joined (merged group labels)
	names []string // header text per column, multi-row headers joined
	wide  bool     // the alternative layout of findHeader (wideColumns, yearColumns)
	cols  []int    // long layout: column index of each wanted column, -1 = absent
}

// maxHeaderScan bounds how many rows from the top are tried as the header
// (title rows such as "2024学年小学在校生情况统计表" and "单位：人" come first).
const maxHeaderScan = 30

func (g *grid) cell(row, col int) string {
	if col < 0 || col >= len(g.rows[row]) {
		return ""
	}
	return strings.TrimSpace(g.rows[row][col])
}

// where names a cell for messages: the sheet and Excel cell name for a
// worksheet, the column for CSV; col < 0 names the row only.
func (g *grid) where(row, col int, h *header) string { return g.place(row, col, h).String() }

// place is where as a translatable message (the zero Message for no place).
func (g *grid) place(row, col int, h *header) model.Message {
	name := ""
	if h != nil && col >= 0 && col < len(h.names) && h.names[col] != "" {
		name = fmt.Sprintf("%q", h.names[col])
	}
	switch {
	case g.sheet != "" && col >= 0:
		c, _ := excelize.ColumnNumberToName(col + 1)
		args := map[string]any{"Sheet": fmt.Sprintf("%q", g.sheet), "Cell": fmt.Sprintf("%s%d", c, g.pos[row])}
		if name != "" {
			args["Column"] = name
			return model.Msg("where.sheet_cell_column", "sheet {{.Sheet}}, cell {{.Cell}} (column {{.Column}}): ", args)
		}
		return model.Msg("where.sheet_cell", "sheet {{.Sheet}}, cell {{.Cell}}: ", args)
	case g.sheet != "":
		return model.Msg("where.sheet_row", "sheet {{.Sheet}}, row {{.Row}}: ", map[string]any{"Sheet": fmt.Sprintf("%q", g.sheet), "Row": g.pos[row]})
	case col >= 0 && name != "":
		return model.Msg("where.column_name", "column {{.N}} ({{.Column}}): ", map[string]any{"N": col + 1, "Column": name})
	case col >= 0:
		return model.Msg("where.column", "column {{.N}}: ", map[string]any{"N": col + 1})
	}
	return model.Message{}
}

// errAt is the *model.InputError for a cell; Line is the CSV line or the
// worksheet row as Excel numbers it.
func (g *grid) errAt(row, col int, h *header, field, format string, args ...any) error {
	return &model.InputError{File: g.file, Line: g.pos[row], Field: field, Msg: g.where(row, col, h) + fmt.Sprintf(format, args...)}
}

// errAtf is errAt with a translatable message: key (without "errors.")
// and the English template text, which follows the cell's place
// ({{.Where}}).
func (g *grid) errAtf(row, col int, h *header, field, key, text string, args map[string]any) error {
	a := map[string]any{"Where": g.place(row, col, h)}
	for k, v := range args {
		a[k] = v
	}
	return model.Inputf(g.file, key, "{{.Where}}"+text, a).At(g.pos[row], field)
}

// numeric reports whether a row holds a number: a data row, not a header
// or title row. Whole numbers that could be years (2018) do not count: a
// header row may list years ("出生人口" over 2018 | 2019).
func numeric(row []string) bool {
	for _, c := range row {
		if v, ok, err := parseNumber(c); ok && err == nil && (v != float64(int(v)) || !validYear(int(v))) {
			return true
		}
	}
	return false
}

// joinHeader joins header rows column by column: a group label with empty
// cells to its right (a merged "一年级" over "学生数 | 班数", exported to CSV
// or left unmerged) is carried over the columns that have a label below,
// and repeated parts (a vertically merged "学校名称") are kept once.
func joinHeader(rows [][]string) []string {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	at := func(r []string, c int) string {
		if c < len(r) {
			return strings.TrimSpace(r[c])
		}
		return ""
	}
	filled := make([][]string, len(rows))
	for i, r := range rows {
		filled[i] = make([]string, width)
		for c := range width {
			filled[i][c] = at(r, c)
		}
	}
	below := func(i, c int) bool {
		for _, r := range filled[i+1:] {
			if r[c] != "" {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(filled)-1; i++ {
		for c := 1; c < width; c++ {
			if filled[i][c] == "" && filled[i][c-1] != "" && below(i, c) && below(i, c-1) {
				filled[i][c] = filled[i][c-1]
			}
		}
	}
	out := make([]string, width)
	for c := range width {
		var parts []string
		for _, r := range filled {
			if v := r[c]; v != "" && (len(parts) == 0 || parts[len(parts)-1] != v) {
				parts = append(parts, v)
			}
		}
		out[c] = strings.Join(parts, "")
	}
	return out
}

// matchLong finds want's columns among header names; ok when every
// required one is there.
func matchLong(names []string, want []csvColumn) (cols []int, found int, ok bool) {
	norm := make([]string, len(names))
	for i, h := range names {
		norm[i] = headerKey(h)
	}
	ok = true
	for _, c := range want {
		idx := -1
	search:
		for _, a := range c.aliases {
			a = headerKey(a)
			for i, h := range norm {
				if h == a {
					idx = i
					break search
				}
			}
		}
		if idx >= 0 && !c.optional {
			found++
		}
		if idx < 0 && !c.optional {
			ok = false
		}
		cols = append(cols, idx)
	}
	return cols, found, ok
}

// findHeader finds the header: the first row (joined with up to two label
// rows below it) where want's required columns are found, or the
// alternative layout when one is given (alt accepts its header names; hint
// describes it for the error). Rows above it are titles. Without a header
// the error names the best candidate row and the columns it lacks.
func findHeader(g *grid, want []csvColumn, alt func(names []string) bool, hint model.Message) (*header, error) {
	if len(g.rows) == 0 {
		where := model.Message{}
		if g.sheet != "" {
			where = model.Msg("where.sheet", "sheet {{.Sheet}}: ", map[string]any{"Sheet": strconv.Quote(g.sheet)})
		}
		return nil, model.Inputf(g.file, "input.empty_table", "{{.Where}}the table is empty; it needs a header row ({{.Need}})", map[string]any{"Where": where, "Need": colNames(want)})
	}
	bestRow, bestFound := 0, -1
	for r := 0; r < min(len(g.rows), maxHeaderScan); r++ {
		for n := 3; n >= 1; n-- {
			if r+n > len(g.rows) || !labelRows(g, r+1, r+n) {
				continue
			}
			names := joinHeader(g.rows[r : r+n])
			cols, found, ok := matchLong(names, want)
			if ok {
				return &header{first: r, n: n, names: names, cols: cols}, nil
			}
			if alt != nil && alt(names) {
				return &header{first: r, n: n, names: names, wide: true}, nil
			}
			if found > bestFound {
				bestRow, bestFound = r, found
			}
		}
	}
	cols, _, _ := matchLong(g.rows[bestRow], want)
	missing := ""
	for i, c := range want {
		if cols[i] < 0 && !c.optional {
			missing = c.name
			break
		}
	}
	return nil, model.Inputf(g.file, "input.missing_column", "{{.Where}}missing column {{.Column}}; the header is {{.Header}} but needs {{.Need}}{{.Hint}}",
		map[string]any{"Where": g.place(bestRow, -1, nil), "Column": strconv.Quote(missing), "Header": strings.Join(g.rows[bestRow], ","),
			"Need": colNames(want), "Hint": hint}).At(g.pos[bestRow], missing)
}

// labelRows reports whether rows [from, to) are header rows below the
// first one: none of them holds a number (data rows do).
func labelRows(g *grid, from, to int) bool {
	for i := from; i < to; i++ {
		if numeric(g.rows[i]) {
			return false
		}
	}
	return true
}

// headerKey is how header names compare: normName (width, case,
// separators ignored; with its replacer built once, as headers are
// compared often) without parenthesised units.
func headerKey(s string) string {
	return stripParens(nameSeparators.Replace(strings.ToLower(width.Fold.String(strings.TrimSpace(s)))))
}

// stripParens drops parenthesised units from a normalised header name:
// "学生数(人)" → "学生数".
func stripParens(s string) string {
	for {
		i := strings.IndexAny(s, "(（")
		if i < 0 {
			return s
		}
		j := strings.IndexAny(s[i:], ")）")
		if j < 0 {
			return s
		}
		_, w := utf8.DecodeRuneInString(s[i+j:])
		s = s[:i] + s[i+j+w:]
	}
}

// title is the text above the header and the sheet name, where a wide
// table without a year column says its year.
func (g *grid) title(h *header) string {
	var b strings.Builder
	for _, r := range g.rows[:h.first] {
		for _, c := range r {
			b.WriteString(c)
			b.WriteByte(' ')
		}
	}
	return b.String()
}
