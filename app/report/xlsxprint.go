package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// xlsxA4 is excelize's paper size code of A4.
const xlsxA4 = 9

// printSetup makes a sheet print on A4 (landscape or portrait), fitted
// to one page wide and as many tall as it needs, with rows 1…headerRow
// repeated on every page (print titles), an autofilter on the header row
// over ncol columns and lastRow rows, and narrow margins (inches).
func printSetup(f *excelize.File, sheet string, landscape bool, headerRow, ncol, lastRow int) error {
	size, orient, one, any := xlsxA4, "portrait", 1, 0
	if landscape {
		orient = "landscape"
	}
	fit := true
	lastCol, err := excelize.ColumnNumberToName(ncol)
	if err != nil {
		return err
	}
	margin, edge := 0.4, 0.3
	center := true
	// AutoFilter replaces the sheet properties: it goes first.
	return firstErr(firstErr(firstErr(firstErr(
		f.AutoFilter(sheet, fmt.Sprintf("A%d:%s%d", headerRow, lastCol, max(lastRow, headerRow+1)), nil),
		f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &any})),
		f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})),
		f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin,
			Header: &edge, Footer: &edge, Horizontally: &center})),
		f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", sheet, headerRow)}))
}

// xlsxLinePt is the height of one line of 10.5 pt text in a row, points.
const xlsxLinePt = 14.5

// wrappedRowHeight estimates the height (points) a row needs so that its
// wrapped cells show whole: a spreadsheet column of width w holds about w
// Latin characters or w/2 hanzi per line. Spreadsheets do not grow rows
// written by a program themselves, so without this LibreOffice and WPS
// print the lines over each other.
func wrappedRowHeight(cells []string, widths []float64) float64 {
	lines := 1
	for i, c := range cells {
		if i >= len(widths) || c == "" {
			continue
		}
		units := 0.0
		for _, r := range c {
			if r < 0x2e80 {
				units += 1.1
			} else {
				units += 2.05
			}
		}
		per := max(widths[i]-1.5, 1)
		lines = max(lines, int(units/per)+1)
	}
	return float64(lines)*xlsxLinePt + 4
}
