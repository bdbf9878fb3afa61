// Package report prints what a planning officer hands out or files: the
// catchment map for public notice (划片公示图, PDF or PNG), the notice list
// of each school's residential zones (划片范围公示名单, PDF) and the ledger of
// problem schools until they are cleared (台账/销号, xlsx).
//
// It is Fyne-free. A map is drawn once as a sheet (sheet.go: vector paths
// and text in millimetres) and written as PDF with codeberg.org/go-pdf/fpdf
// (searchable text, tagged font subsets), as SVG, or rasterized as PNG
// (with its DPI); its colours come from geo/render's catchment colour
// rule, shared with the map window. The notice list is a PDF or an xlsx,
// the ledger an xlsx (github.com/xuri/excelize/v2), both with page setup.
// Documents are in Chinese, the language they are published in.
//
// Text in PDFs uses the bundled CJK TrueType font (assets.CJKFont, embedded
// as a subset), with Go Regular as a fallback for any character it lacks,
// so that no character prints as a blank box. Lengths on the page are millimetres; font
// sizes are points.
//
//	s := app.NewSession(d, "", app.Project)
//	err := report.WriteFileAtomic("map.pdf", func(w io.Writer) error {
//		return report.MapPDF(w, s, report.MapOptions{})
//	})
package report
