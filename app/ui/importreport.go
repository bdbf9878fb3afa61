package ui

// Import report view: the counts of errors, warnings and notes, an 导出 CSV
// button, and a scrolling list of every issue with its severity icon and
// its whole text (file, line or feature index, id, field, translated
// message), wrapped, never truncated. The wizard's report step shows it
// after an import; 文件 → 导入报告 shows the report saved in the project.
//
//	NewImportReportView(win fyne.Window) *ImportReportView
//	(*ImportReportView).SetReport(rep *ingest.Report)
//	ShowImportReport(win fyne.Window, rows []store.ImportIssue, values ingest.ValueMap)

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/geo/ingest"
)

// ImportReportView lists an import report.
type ImportReportView struct {
	widget.BaseWidget

	win    fyne.Window
	report *ingest.Report
	texts  []string // issueText of each issue
	// Note is shown under the counts (e.g. the value map of a saved
	// report); "" = none.
	note *widget.Label

	counts *widget.Label
	export *widget.Button
	list   *widget.List
	box    *fyne.Container // holds list
	// scratch is a row like the list's, used to find the text width of a
	// row at the list's width (measured); heights are the row heights set.
	scratch  *fyne.Container
	measured float32
	heights  []float32
}

// NewImportReportView makes an empty view; win parents the save dialog.
func NewImportReportView(win fyne.Window) *ImportReportView {
	v := &ImportReportView{win: win}
	v.ExtendBaseWidget(v)
	v.counts = widget.NewLabel("")
	v.note = widget.NewLabel("")
	v.note.Wrapping = fyne.TextWrapWord
	v.note.Hide()
	v.export = widget.NewButtonWithIcon(lang.X("import.report.export", "导出 CSV…"), theme.DocumentSaveIcon(), v.showExport)
	v.list = v.newList()
	v.box = container.NewStack(v.list)
	v.scratch = newReportRow().(*fyne.Container)
	v.SetReport(nil)
	return v
}

func (v *ImportReportView) newList() *widget.List {
	var l *widget.List
	l = widget.NewList(
		func() int { return len(v.texts) },
		newReportRow,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(v.texts) {
				setReportRow(o, v.report.Issues[id].Severity, v.texts[id])
			}
		})
	l.OnSelected = func(widget.ListItemID) { l.UnselectAll() }
	return l
}

// newReportRow is a list row: severity icon, then the wrapped text.
func newReportRow() fyne.CanvasObject {
	text := widget.NewLabel("")
	text.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, text)
}

func setReportRow(o fyne.CanvasObject, s ingest.Severity, text string) {
	box := o.(*fyne.Container)
	box.Objects[1].(*widget.Icon).SetResource(severityIcon(s))
	box.Objects[0].(*widget.Label).SetText(text)
}

// CreateRenderer lays out counts and export button above the list.
func (v *ImportReportView) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewVBox(container.NewBorder(nil, nil, nil, v.export, v.counts), v.note)
	return widget.NewSimpleRenderer(container.NewBorder(top, nil, nil, nil, v.box))
}

// SetReport shows rep (nil = nothing to show yet).
func (v *ImportReportView) SetReport(rep *ingest.Report) {
	v.report = rep
	v.texts = v.texts[:0]
	if rep == nil {
		v.counts.SetText("")
		v.export.Disable()
	} else {
		for _, is := range rep.Issues {
			v.texts = append(v.texts, issueText(is))
		}
		v.counts.SetText(lang.X("import.report.counts", "{{.Errors}} 个错误 · {{.Warnings}} 个警告 · {{.Notes}} 条提示",
			map[string]any{"Errors": rep.Count(ingest.Error), "Warnings": rep.Count(ingest.Warning), "Notes": rep.Count(ingest.Info)}))
		setEnabled(v.export, len(rep.Issues) > 0)
	}
	v.measured = 0
	v.measure(v.list.Size().Width)
	v.list.Refresh()
	v.list.ScrollToTop()
}

// SetNote shows a line under the counts ("" hides it).
func (v *ImportReportView) SetNote(text string) {
	v.note.SetText(text)
	if text == "" {
		v.note.Hide()
	} else {
		v.note.Show()
	}
}

// Resize re-measures the rows' wrapped heights when the width changes.
func (v *ImportReportView) Resize(s fyne.Size) {
	v.BaseWidget.Resize(s)
	v.measure(v.list.Size().Width)
}

// measure gives each row the height its wrapped text needs at width.
//
// Laying a label out to learn its height takes about a millisecond and a
// report can have thousands of rows, so the lines are counted here the
// way fyne wraps words (break at the last space that fits, else between
// characters) from cached character widths. The widths of the
// characters add up to at least the width of the shaped text, and a
// small margin is kept, so a row may get a line too many, never too few.
func (v *ImportReportView) measure(width float32) {
	if width <= 0 || width == v.measured {
		return
	}
	v.measured = width
	label := v.scratch.Objects[0].(*widget.Label)
	th := label.Theme()
	size := th.Size(theme.SizeNameText)
	font := th.Font(fyne.TextStyle{}).Name()
	label.SetText("中")
	one := label.MinSize().Height
	rowOne := v.scratch.MinSize().Height
	label.SetText("中\n中")
	lineH := label.MinSize().Height - one
	label.SetText("")
	v.scratch.Resize(fyne.NewSize(width, rowOne))
	textW := label.Size().Width - 2*th.Size(theme.SizeNameInnerPadding) - 2

	heights := make([]float32, len(v.texts))
	for i, text := range v.texts {
		n := wrappedLines(text, textW, func(r rune) float32 { return runeWidth(r, size, font) })
		heights[i] = max(rowOne, one+float32(n-1)*lineH)
	}
	if slices.Equal(heights, v.heights) {
		return
	}
	v.heights = heights
	// Setting a height on a shown list refreshes it, which for thousands
	// of rows takes seconds: give a new list its heights before it shows.
	l := v.newList()
	for i, h := range heights {
		if h != rowOne {
			l.SetItemHeight(i, h)
		}
	}
	old := v.list
	offset := old.GetScrollOffset()
	l.Move(old.Position())
	l.Resize(old.Size())
	v.list = l
	v.box.Objects = []fyne.CanvasObject{l}
	v.box.Refresh()
	l.ScrollToOffset(offset)
}

// runeWidths caches the advance of each character per font and size.
var (
	runeWidthMu sync.Mutex
	runeWidths  = map[runeSize]float32{}
)

type runeSize struct {
	r    rune
	size float32
	font string
}

func runeWidth(r rune, size float32, font string) float32 {
	runeWidthMu.Lock()
	defer runeWidthMu.Unlock()
	k := runeSize{r, size, font}
	w, ok := runeWidths[k]
	if !ok {
		w = fyne.MeasureText(string(r), size, fyne.TextStyle{}).Width
		runeWidths[k] = w
	}
	return w
}

// wrappedLines counts the lines text takes at width when wrapped at
// spaces, words longer than a line being broken between characters.
func wrappedLines(text string, width float32, runeW func(rune) float32) int {
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines++
		x := float32(0)
		for i, word := range strings.Split(para, " ") {
			ww := float32(0)
			for _, r := range word {
				ww += runeW(r)
			}
			space := float32(0)
			if i > 0 {
				space = runeW(' ')
			}
			if x+space+ww <= width {
				x += space + ww
				continue
			}
			if x > 0 {
				lines++
				x = 0
			}
			if ww <= width {
				x = ww
				continue
			}
			for _, r := range word {
				rw := runeW(r)
				if x+rw > width && x > 0 {
					lines++
					x = 0
				}
				x += rw
			}
		}
	}
	return max(lines, 1)
}

func (v *ImportReportView) showExport() {
	if v.report == nil {
		return
	}
	rep := v.report
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err == nil && wc == nil {
			return // cancelled
		}
		if err == nil {
			err = writeReportCSV(wc, rep)
			if cerr := wc.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			dialog.ShowError(fmt.Errorf("%s：%w", lang.X("import.report.export_failed", "导出失败"), err), v.win)
		}
	}, v.win)
	d.SetFileName(lang.X("import.report.filename", "导入报告.csv"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	showFileDialog(d, v.win)
}

// writeReportCSV writes the report as CSV with the messages in the UI
// language.
func writeReportCSV(w io.Writer, rep *ingest.Report) error {
	return rep.WriteCSV(w, trIssue)
}

// ShowImportReport shows the import report saved in a project, with the
// number of value replacements it used.
func ShowImportReport(win fyne.Window, rows []store.ImportIssue, values ingest.ValueMap) {
	v := NewImportReportView(win)
	v.SetReport(reportFromStore(rows))
	n := 0
	for _, m := range values {
		n += len(m)
	}
	switch {
	case len(rows) == 0:
		v.SetNote(lang.X("import.report.none", "此项目没有保存导入报告（示例数据，或由较早版本导入）。"))
	case n > 0:
		v.SetNote(lang.X("import.report.values", "导入时按 {{.N}} 个值对应替换了文件中的取值；重新导入时会再次使用。",
			map[string]any{"N": n}))
	}
	d := dialog.NewCustom(lang.X("import.report.title", "导入报告"), lang.X("import.report.close", "关闭"), v, win)
	d.Resize(fitDialog(win, 860, 600))
	d.Show()
}

// reportFromStore turns the saved rows back into a report, so that they
// are shown and exported like a fresh one. Args are JSON; numbers come
// back as float64, which the message templates print the same.
func reportFromStore(rows []store.ImportIssue) *ingest.Report {
	rep := &ingest.Report{}
	for _, r := range rows {
		is := ingest.Issue{Code: r.Code, File: r.File, Feature: r.Feature, Line: r.Line, ID: r.ID,
			Field: r.Field, Message: r.Message}
		switch r.Severity {
		case ingest.Error.String():
			is.Severity = ingest.Error
		case ingest.Warning.String():
			is.Severity = ingest.Warning
		default:
			is.Severity = ingest.Info
		}
		if r.Args != "" {
			var args map[string]any
			if json.Unmarshal([]byte(r.Args), &args) == nil {
				is.Args = args
			}
		}
		rep.Issues = append(rep.Issues, is)
	}
	return rep
}

func severityIcon(s ingest.Severity) fyne.Resource {
	switch s {
	case ingest.Error:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case ingest.Warning:
		return theme.NewWarningThemedResource(theme.WarningIcon())
	}
	return theme.InfoIcon()
}

// issueText places an issue: file, line or feature, id and field, then the
// importer's message.
func issueText(i ingest.Issue) string {
	var b strings.Builder
	if i.File != "" {
		b.WriteString(filepath.Base(i.File))
	}
	if i.Line > 0 {
		b.WriteString(" " + lang.X("import.issue.line", "第 {{.Line}} 行", map[string]any{"Line": i.Line}))
	}
	if i.Feature > 0 {
		// The 0-based index, as QGIS and GDAL show the feature id.
		b.WriteString(" " + lang.X("import.issue.feature", "要素 {{.Index}}", map[string]any{"Index": i.Feature - 1}))
	}
	if i.ID != "" {
		fmt.Fprintf(&b, " (%s)", i.ID)
	}
	if i.Field != "" {
		b.WriteString(" " + lang.X("import.issue.field", "字段“{{.Field}}”", map[string]any{"Field": i.Field}))
	}
	if b.Len() > 0 {
		b.WriteString("：")
	}
	b.WriteString(trIssue(i))
	return strings.TrimSpace(b.String())
}
