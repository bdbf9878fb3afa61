package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuequ/xuequ/model"
	"github.com/xuri/excelize/v2"
)

var (
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts an OLE2 compound file: an Excel 97–2003 .xls
	// (BIFF) workbook, or an encrypted .xlsx.
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Bounds of what a workbook may make us hold in memory.
const (
	// maxUnzip bounds the unzipped size of a workbook (all parts); the
	// same bound for worksheet XML keeps excelize from spilling to
	// temporary files.
	maxUnzip = 256 << 20
	// maxCells bounds the cells kept from one worksheet (a county's ten
	// years of history by school and grade is well under 10⁶).
	maxCells = 2_000_000
)

// readTables reads a table file, told apart by content (then extension):
// an .xlsx workbook gives its sheets (the chosen one first), anything else
// is read as CSV text. An .xls workbook is refused with what to do.
func readTables(name string, data []byte, opt TableOptions, rep *Report) ([]*grid, error) {
	if workbook, err := isWorkbook(name, data); err != nil {
		return nil, err
	} else if workbook {
		return readXLSX(name, data, opt)
	}
	// CSV has no sheets: opt.Sheet names the sheet of the workbooks among
	// the tables of one import and is ignored here.
	g, err := readCSVGrid(name, data, rep)
	if err != nil {
		return nil, err
	}
	return []*grid{g}, nil
}

// isWorkbook tells an .xlsx workbook (zip content) from CSV text; a file
// that is an .xls workbook, or only named like a workbook, is an error
// saying what to do.
func isWorkbook(name string, data []byte) (bool, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, oleMagic):
		return false, model.Inputf(name, "xlsx.old_format", "this is an Excel 97–2003 workbook (.xls) or a password-protected workbook, which Xuequ cannot read; open it in Excel or WPS and save it as .xlsx (Excel 工作簿) without a password, or as CSV UTF-8", nil)
	case bytes.HasPrefix(data, zipMagic):
		return true, nil
	case ext == ".xlsx" || ext == ".xlsm":
		return false, model.Inputf(name, "xlsx.not_zip", "the file is named {{.Ext}} but is not an Excel workbook (it does not start like a zip archive); open it in Excel or WPS and save it as .xlsx or CSV UTF-8", map[string]any{"Ext": ext})
	case ext == ".xls" && bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n"), []byte("<")):
		return false, model.Inputf(name, "xlsx.html", "the file is named .xls but is a web page (HTML) exported by a reporting system; open it in Excel or WPS and save it as .xlsx or CSV UTF-8", nil)
	}
	return false, nil
}

// SheetNames lists the visible worksheets of an .xlsx workbook in order,
// for a sheet picker (TableOptions.Sheet); CSV text gives nil. Errors are
// *model.InputError as ReadHistory gives them.
func SheetNames(name string, data []byte) (names []string, err error) {
	if workbook, err := isWorkbook(name, data); !workbook {
		return nil, err
	}
	defer recoverWorkbook(name, &err)
	f, err := openWorkbook(name, data)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return visibleSheets(f), nil
}

// recoverWorkbook turns a panic inside excelize on a damaged file into an
// InputError.
func recoverWorkbook(name string, err *error) {
	if r := recover(); r != nil {
		*err = model.Inputf(name, "xlsx.damaged", "the workbook is damaged ({{.Err}}); open it in Excel or WPS and save it again as .xlsx", map[string]any{"Err": fmt.Sprint(r)})
	}
}

// openWorkbook opens zip content as an .xlsx workbook within the memory
// bounds (maxUnzip).
func openWorkbook(name string, data []byte) (*excelize.File, error) {
	if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
		return nil, model.Inputf(name, "xlsx.bad_zip", "not a readable zip archive ({{.Err}}); save the table as .xlsx or CSV UTF-8", map[string]any{"Err": err.Error()})
	} else if !slices.ContainsFunc(zr.File, func(f *zip.File) bool { return f.Name == "xl/workbook.xml" }) {
		return nil, model.Inputf(name, "xlsx.not_workbook", "a zip archive but not an .xlsx workbook (no xl/workbook.xml); give the .xlsx or CSV file itself", nil)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true, UnzipSizeLimit: maxUnzip, UnzipXMLSizeLimit: maxUnzip})
	if err != nil {
		return nil, model.Inputf(name, "xlsx.cannot_open", "cannot open the workbook ({{.Err}}); open it in Excel or WPS and save it again as .xlsx", map[string]any{"Err": err.Error()})
	}
	return f, nil
}

func visibleSheets(f *excelize.File) []string {
	var sheets []string
	for _, s := range f.GetSheetList() {
		if v, err := f.GetSheetVisible(s); err == nil && v {
			sheets = append(sheets, s)
		}
	}
	return sheets
}

// readXLSX reads the sheets of a workbook: opt.Sheet, or the first
// visible sheet followed by the other visible ones. Cells are raw values
// (1234, not "1,234"); merged cells carry their value over the whole
// merged range.
func readXLSX(name string, data []byte, opt TableOptions) (grids []*grid, err error) {
	defer recoverWorkbook(name, &err)
	f, err := openWorkbook(name, data)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := visibleSheets(f)
	if opt.Sheet != "" {
		chosen := ""
		for _, s := range f.GetSheetList() {
			if s == opt.Sheet || (chosen == "" && headerKey(s) == headerKey(opt.Sheet)) {
				chosen = s
			}
		}
		if chosen == "" {
			return nil, model.Inputf(name, "xlsx.no_sheet", "the workbook has no sheet named {{.Sheet}}; its sheets are {{.Sheets}}", map[string]any{"Sheet": strconv.Quote(opt.Sheet), "Sheets": quoteList(f.GetSheetList())}).At(0, "--sheet")
		}
		sheets = []string{chosen}
	}
	if len(sheets) == 0 {
		return nil, model.Inputf(name, "xlsx.no_visible_sheet", "the workbook has no visible sheet", nil)
	}
	for _, s := range sheets {
		g, err := readSheet(f, name, s)
		if err != nil {
			return nil, err
		}
		grids = append(grids, g)
	}
	return grids, nil
}

// maxMergeRows: merged ranges are read only from sheets whose rows end
// before it. excelize expands the whole sheet to read them (about 80 bytes
// per row up to the last); a stray cell in row 1,048,576 would cost 80 MB.
const maxMergeRows = 200_000

// readSheet reads a worksheet into a grid of its non-blank rows, filling
// merged ranges with their top-left value.
func readSheet(f *excelize.File, name, sheet string) (*grid, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, model.Inputf(name, "xlsx.bad_sheet", "sheet {{.Sheet}} cannot be read ({{.Err}}); open the workbook in Excel or WPS and save it again", map[string]any{"Sheet": strconv.Quote(sheet), "Err": err.Error()})
	}
	defer rows.Close()
	g := &grid{file: name, sheet: sheet}
	cells, last := 0, 0
	for r := 1; rows.Next(); r++ {
		last = r
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, model.Inputf(name, "xlsx.bad_row", "sheet {{.Sheet}}, row {{.Row}} cannot be read ({{.Err}}); open the workbook in Excel or WPS and save it again", map[string]any{"Sheet": strconv.Quote(sheet), "Row": r, "Err": err.Error()}).At(r, "")
		}
		if blank(cols) {
			continue
		}
		for strings.TrimSpace(cols[len(cols)-1]) == "" {
			cols = cols[:len(cols)-1]
		}
		if cells += len(cols); cells > maxCells {
			return nil, model.Inputf(name, "xlsx.too_many_cells", "sheet {{.Sheet}} has more than {{.Max}} cells; keep only the table in the sheet (delete unused rows and columns)", map[string]any{"Sheet": strconv.Quote(sheet), "Max": maxCells}).At(r, "")
		}
		g.rows = append(g.rows, slices.Clone(cols))
		g.pos = append(g.pos, r)
	}
	if err := rows.Error(); err != nil {
		return nil, model.Inputf(name, "xlsx.bad_sheet", "sheet {{.Sheet}} cannot be read ({{.Err}}); open the workbook in Excel or WPS and save it again", map[string]any{"Sheet": strconv.Quote(sheet), "Err": err.Error()})
	}
	if last <= maxMergeRows {
		if err := fillMerged(f, g, cells); err != nil {
			return nil, &model.InputError{File: name, Msg: fmt.Sprintf("sheet %q: %v", sheet, err)}
		}
	}
	return g, nil
}

// fillMerged copies each merged range's top-left value into its other
// cells, within the non-blank rows and their columns. cells is the number
// of cells held so far; filling may add at most as many again.
func fillMerged(f *excelize.File, g *grid, cells int) error {
	merged, err := f.GetMergeCells(g.sheet, true)
	if err != nil {
		return fmt.Errorf("merged cells unreadable (%v)", err)
	}
	width := 0
	for _, r := range g.rows {
		width = max(width, len(r))
	}
	budget := 2*cells + 1000 // cells visited
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		c1, c2 = min(c1, c2), min(max(c1, c2), width)
		r1, r2 = min(r1, r2), max(r1, r2)
		top, found := slices.BinarySearch(g.pos, r1)
		if !found || c1 > len(g.rows[top]) || strings.TrimSpace(g.rows[top][c1-1]) == "" {
			continue // nothing to carry over
		}
		v := g.rows[top][c1-1]
		for i := top; i < len(g.pos) && g.pos[i] <= r2; i++ {
			if budget -= c2 - c1 + 1; budget < 0 {
				return fmt.Errorf("too many merged cells; unmerge them (选中 ▸ 取消合并单元格) or keep only the table in the sheet")
			}
			row := g.rows[i]
			if len(row) < c2 {
				row = append(row, make([]string, c2-len(row))...)
			}
			for c := c1; c <= c2; c++ {
				if row[c-1] == "" {
					row[c-1] = v
				}
			}
			g.rows[i] = row
		}
	}
	return nil
}

// noteLayout reports how a table was read when that is not plain: a
// worksheet, title rows skipped, a multi-row header or a wide layout
// ("wide": one row per school; "years": one row per zone, a column per
// year), and where a wide table's year came from.
func noteLayout(rep *Report, g *grid, h *header, layout string, year int, from string) {
	if layout == "long" && h.first == 0 && h.n == 1 && g.sheet == "" {
		return
	}
	first, last := g.pos[h.first], g.pos[h.first+h.n-1]
	var b strings.Builder
	if g.sheet != "" {
		fmt.Fprintf(&b, "sheet %q: ", g.sheet)
	}
	switch layout {
	case "wide":
		b.WriteString("wide layout (one row per school, grade columns)")
	case "years":
		b.WriteString("wide layout (one row per zone, year columns)")
	default:
		b.WriteString("long layout")
	}
	fmt.Fprintf(&b, ", header in row %d", first)
	if last != first {
		fmt.Fprintf(&b, "–%d", last)
	}
	switch from {
	case yearFromTitle:
		fmt.Fprintf(&b, "; year %d from the title", year)
	case yearFromSheet:
		fmt.Fprintf(&b, "; year %d from the sheet name", year)
	case yearFromOption:
		fmt.Fprintf(&b, "; year %d as given by --year", year)
	}
	rep.add(Issue{Severity: Info, Code: CodeTableLayout, File: g.file, Line: first,
		Args:    map[string]any{"Sheet": g.sheet, "Layout": layout, "First": first, "Last": last, "Year": year, "YearFrom": from},
		Message: b.String()})
}

// noteSkipped reports the rows of a wide table left out: totals
// ("total") and rows without a school ("no-school").
func noteSkipped(rep *Report, g *grid, skipped map[string][]int) {
	for _, kase := range []string{"total", "no-school"} {
		rows := skipped[kase]
		if len(rows) == 0 {
			continue
		}
		list := make([]string, 0, 10)
		for _, r := range rows[:min(len(rows), 10)] {
			list = append(list, strconv.Itoa(r))
		}
		shown := strings.Join(list, ", ")
		if len(rows) > 10 {
			shown += ", …"
		}
		var b strings.Builder
		if g.sheet != "" {
			fmt.Fprintf(&b, "sheet %q: ", g.sheet)
		}
		if kase == "total" {
			fmt.Fprintf(&b, "skipped %d total row(s) (合计/小计) — row %s", len(rows), shown)
		} else {
			fmt.Fprintf(&b, "skipped %d row(s) with no school — row %s", len(rows), shown)
		}
		rep.add(Issue{Severity: Info, Code: CodeRowsSkipped, File: g.file, Line: rows[0],
			Args:    map[string]any{"Sheet": g.sheet, "Case": kase, "N": len(rows), "Rows": shown},
			Message: b.String()})
	}
}

// noteSheetSkipped reports a further sheet of a one-sheet-per-year
// workbook that was not read: "no-header" or "no-year".
func noteSheetSkipped(rep *Report, g *grid, kase string) {
	msg := fmt.Sprintf("sheet %q skipped: no table with a school column and grade columns", g.sheet)
	if kase == "no-year" {
		msg = fmt.Sprintf("sheet %q skipped: no year in its title or name", g.sheet)
	}
	rep.add(Issue{Severity: Info, Code: CodeSheetSkipped, File: g.file, Args: map[string]any{"Sheet": g.sheet, "Case": kase}, Message: msg})
}
