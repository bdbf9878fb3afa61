package report

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// Sheet names of the ledger workbook.
const (
	SheetLedger  = "台账"
	SheetSummary = "汇总"
)

// Ledger status values (状态), also offered as a drop-down in the sheet.
const (
	StatusOpen    = "未销号"
	StatusCleared = "已销号"
)

// LedgerHeader is the header row of the 台账 sheet (row 2; row 1 is the
// title).
var LedgerHeader = []string{"序号", "学校", "学段", "乡镇", "在校生", "班数", "学位", "学位缺口",
	"大班额班数", "超大班额班数", "最大班额", "问题类型", "整改措施", "计划销号年份", "状态"}

var ledgerWidths = []float64{6, 24, 11, 11, 9, 7, 9, 9, 10, 12, 9, 30, 32, 13, 9}

// SummaryHeader is the header row of the 汇总 sheet.
var SummaryHeader = []string{"年份", "数据", "学校数", "在校生", "班数", "超标准班数", "大班额班数", "超大班额班数",
	"大班额占比", "目标", "达标情况", "大校额学校数", "小规模学校数", "学位", "学位缺口", "台账学校数", "学位未知学校数"}

var summaryWidths = []float64{8, 7, 8, 10, 8, 11, 11, 13, 11, 8, 10, 13, 13, 10, 10, 11, 14}

// LedgerXLSX writes the 台账 workbook of opt.Year: sheet 台账 with one row
// per problem school (see LedgerRows; 整改措施 left empty for the officer,
// 状态 a drop-down) and sheet 汇总 with the district summary of every
// history and projected year (大班额占比 against the target). Header rows
// are styled, frozen, filtered and repeated on every printed page; both
// sheets print A4 landscape, one page wide. Counts use thousands
// separators, shares percent.
func LedgerXLSX(w io.Writer, s *app.Session, opt Options) error {
	opt = opt.resolve(s)
	rows, err := LedgerRows(s, opt.Year)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newSheetStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetLedger); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetSummary); err != nil {
		return err
	}
	d := s.District()
	title := fmt.Sprintf("%s%d年义务教育学校问题台账", d.Name, opt.Year)
	note := fmt.Sprintf("（%s数据；制表日期：%s；计划销号年份依据预测、按现有班数测算）", dataKind(s, opt.Year), chineseDate(opt.Date))
	if !s.HasHistory() {
		note = fmt.Sprintf("（估算数据：无在校生历史，在校生按片区学龄人口估算、班数按标准班额估算；制表日期：%s）", chineseDate(opt.Date))
	}
	sw := &sheetWriter{f: f, sheet: SheetLedger}
	sw.title(title+note, len(LedgerHeader), st.title)
	sw.header(LedgerHeader, ledgerWidths, st.header)
	for i := range rows {
		r := &rows[i]
		clear := any("—")
		if r.ClearYear > 0 {
			clear = r.ClearYear
		}
		status, statusStyle := StatusOpen, st.open
		if r.Cleared {
			status, statusStyle = StatusCleared, st.cleared
		}
		sw.row([]any{r.Seq, r.Name, levelChinese(r.Level), r.Township, estimatedCell(r.Students, r.Estimated),
			estimatedCell(r.Classes, r.Estimated), capacityCell(r.Capacity, r.CapacitySource),
			shortageCell(r), r.Large, r.VeryLarge, r.MaxClass, r.ProblemText(), "", clear, status},
			[]int{st.center, st.text, st.center, st.center, st.count, st.count, st.count, st.count, st.count,
				st.count, st.count, st.wrap, st.wrap, st.center, statusStyle})
	}
	if len(rows) > 0 {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("O3:O%d", len(rows)+2)
		if err := dv.SetDropList([]string{StatusOpen, StatusCleared}); err != nil {
			return err
		}
		sw.err = firstErr(sw.err, f.AddDataValidation(SheetLedger, dv))
	}

	sm := &sheetWriter{f: f, sheet: SheetSummary}
	sm.title(fmt.Sprintf("%s大班额、学位与学校规模汇总（%d年为台账年份）", d.Name, opt.Year), len(SummaryHeader), st.title)
	sm.header(SummaryHeader, summaryWidths, st.header)
	target := d.Standards.OrDefault().LargeShareTarget
	for _, y := range Summaries(s) {
		kind, verdict, vs := "实际", "未达标", st.open
		switch {
		case y.Estimated:
			kind = "估算"
		case y.Projected:
			kind = "预测"
		}
		if y.TargetMet {
			verdict, vs = "达标", st.cleared
		}
		yearStyle := st.center
		if y.Year == opt.Year {
			yearStyle = st.centerBold
		}
		sm.row([]any{y.Year, kind, y.Schools, y.Students, y.Classes, y.OverStandard, y.Large, y.VeryLarge,
			y.LargeShare, target, verdict, y.OversizedSchool, y.SmallSchool, y.Capacity, y.SeatShortage, y.Problem,
			y.CapacityUnknown},
			[]int{yearStyle, st.center, st.count, st.count, st.count, st.count, st.count, st.count,
				st.percent, st.percent, vs, st.count, st.count, st.count, st.count, st.count, st.count})
	}
	if err := firstErr(sw.err, sm.err); err != nil {
		return fmt.Errorf("report: ledger workbook: %w", err)
	}
	// A4 landscape, one page wide, title and header on every page.
	if err := firstErr(printSetup(f, SheetLedger, true, 2, len(LedgerHeader), sw.next-1),
		printSetup(f, SheetSummary, true, 2, len(SummaryHeader), sm.next-1)); err != nil {
		return fmt.Errorf("report: ledger page setup: %w", err)
	}
	if err := planningSheets(f, s, opt.Year, st); err != nil { // 优质均衡, 编制 (planning.go)
		return fmt.Errorf("report: ledger workbook: %w", err)
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "学区规划 Xuequ", Language: "zh-CN",
		Created: opt.Date.UTC().Format("2006-01-02T15:04:05Z"), Modified: opt.Date.UTC().Format("2006-01-02T15:04:05Z")}); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("report: write ledger workbook: %w", err)
	}
	return nil
}

// estimatedCell is a count, or the count marked 估算 (as text) when it
// is an estimate.
func estimatedCell(n int, estimated bool) any {
	if estimated {
		return fmt.Sprintf("%d（估算）", n)
	}
	return n
}

// capacityCell is the 学位 cell: 未知 when the source gave no seats,
// marked 估算 when they are counted from classrooms.
func capacityCell(n int, src model.CapacitySource) any {
	if !src.Known() {
		return "未知"
	}
	return estimatedCell(n, src.Estimated())
}

// shortageCell is the 学位缺口 cell: 未知 with unknown seats, 估算 when
// the pupils or the seats are estimates.
func shortageCell(r *LedgerRow) any {
	if !r.CapacitySource.Known() {
		return "未知"
	}
	return estimatedCell(r.Shortage, r.Estimated || r.CapacitySource.Estimated())
}

// sheetStyles are the cell styles of the workbook.
type sheetStyles struct {
	title, header, text, wrap, center, centerBold, count, percent, open, cleared int
}

func newSheetStyles(f *excelize.File) (*sheetStyles, error) {
	border := []excelize.Border{{Type: "left", Color: "A0A0A0", Style: 1}, {Type: "right", Color: "A0A0A0", Style: 1},
		{Type: "top", Color: "A0A0A0", Style: 1}, {Type: "bottom", Color: "A0A0A0", Style: 1}}
	font := &excelize.Font{Family: "宋体", Size: 10.5}
	bold := &excelize.Font{Family: "宋体", Size: 10.5, Bold: true}
	mid := &excelize.Alignment{Horizontal: "center", Vertical: "center"}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center"}
	countFmt, pctFmt := "#,##0", "0.0%"
	var st sheetStyles
	var err error
	add := func(dst *int, s *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(s)
		}
	}
	add(&st.title, &excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 14, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	add(&st.header, &excelize.Style{Border: border, Font: bold,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	add(&st.text, &excelize.Style{Border: border, Font: font, Alignment: left})
	add(&st.wrap, &excelize.Style{Border: border, Font: font,
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	add(&st.center, &excelize.Style{Border: border, Font: font, Alignment: mid})
	add(&st.centerBold, &excelize.Style{Border: border, Font: bold, Alignment: mid})
	add(&st.count, &excelize.Style{Border: border, Font: font, CustomNumFmt: &countFmt,
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	add(&st.percent, &excelize.Style{Border: border, Font: font, CustomNumFmt: &pctFmt,
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	add(&st.open, &excelize.Style{Border: border, Font: &excelize.Font{Family: "宋体", Size: 10.5, Color: "C62828"}, Alignment: mid})
	add(&st.cleared, &excelize.Style{Border: border, Font: &excelize.Font{Family: "宋体", Size: 10.5, Color: "2E7D32"}, Alignment: mid})
	return &st, err
}

// sheetWriter fills a sheet row by row and keeps the first error.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	next  int // next row, 1-based
	err   error
}

func (w *sheetWriter) cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	w.err = firstErr(w.err, err)
	return name
}

// title writes a merged title over ncol columns in row 1.
func (w *sheetWriter) title(text string, ncol, style int) {
	w.next = 1
	a, b := w.cell(1, 1), w.cell(ncol, 1)
	w.err = firstErr(w.err, w.f.SetCellValue(w.sheet, a, text))
	w.err = firstErr(w.err, w.f.MergeCell(w.sheet, a, b))
	w.err = firstErr(w.err, w.f.SetCellStyle(w.sheet, a, b, style))
	w.err = firstErr(w.err, w.f.SetRowHeight(w.sheet, 1, 28))
	w.next = 2
}

// header writes the header row, sets the column widths and freezes the
// rows above and including it.
func (w *sheetWriter) header(cols []string, widths []float64, style int) {
	row := w.next
	for i, c := range cols {
		w.err = firstErr(w.err, w.f.SetCellValue(w.sheet, w.cell(i+1, row), c))
		col, err := excelize.ColumnNumberToName(i + 1)
		w.err = firstErr(w.err, err)
		w.err = firstErr(w.err, w.f.SetColWidth(w.sheet, col, col, widths[i]))
	}
	w.err = firstErr(w.err, w.f.SetCellStyle(w.sheet, w.cell(1, row), w.cell(len(cols), row), style))
	w.err = firstErr(w.err, w.f.SetRowHeight(w.sheet, row, 30))
	w.err = firstErr(w.err, w.f.SetPanes(w.sheet, &excelize.Panes{Freeze: true, YSplit: row,
		TopLeftCell: w.cell(1, row+1), ActivePane: "bottomLeft"}))
	w.next++
}

// row writes one data row with a style per cell.
func (w *sheetWriter) row(values []any, styles []int) {
	r := w.next
	w.err = firstErr(w.err, w.f.SetSheetRow(w.sheet, w.cell(1, r), &values))
	for i, s := range styles {
		c := w.cell(i+1, r)
		w.err = firstErr(w.err, w.f.SetCellStyle(w.sheet, c, c, s))
	}
	w.next++
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
