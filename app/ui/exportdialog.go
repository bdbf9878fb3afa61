package ui

import (
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/app/report"
)

// exportKind is a printed document offered in File ▸ Export.
type exportKind int

const (
	exportMap exportKind = iota
	exportNotice
)

// exportFormat is one file format of a document: its extension and the
// writer.
type exportFormat struct {
	label, ext string
	write      func(io.Writer, *app.Session, exportChoice) error
}

// exportChoice is what the export dialog asked for.
type exportChoice struct {
	opt      report.Options
	portrait bool
}

// exportFormats lists the formats of a document, the usual one first.
func (w *mainWindow) exportFormats(k exportKind) []exportFormat {
	if k == exportNotice {
		return []exportFormat{
			{"PDF", ".pdf", func(wr io.Writer, s *app.Session, c exportChoice) error { return report.NoticePDF(wr, s, c.opt) }},
			{lang.X("export.format.xlsx", "Excel 表格（xlsx，可在 WPS 中编辑）"), ".xlsx",
				func(wr io.Writer, s *app.Session, c exportChoice) error { return report.NoticeXLSX(wr, s, c.opt) }},
		}
	}
	stage := w.mapView.Stage()
	mo := func(c exportChoice) report.MapOptions {
		return report.MapOptions{Options: c.opt, Stage: stage, Portrait: c.portrait}
	}
	return []exportFormat{
		{"PDF", ".pdf", func(wr io.Writer, s *app.Session, c exportChoice) error { return report.MapPDF(wr, s, mo(c)) }},
		{lang.X("export.format.png", "PNG 图片（300 dpi）"), ".png",
			func(wr io.Writer, s *app.Session, c exportChoice) error { return report.MapPNG(wr, s, mo(c)) }},
		{"SVG", ".svg", func(wr io.Writer, s *app.Session, c exportChoice) error { return report.MapSVG(wr, s, mo(c)) }},
	}
}

// exportForm is the option form of the export dialog.
type exportForm struct {
	format, paper, orient *widget.RadioGroup
	intake                *widget.Entry
	formats               []exportFormat
}

// newExportForm builds the form: format, paper, orientation (maps only)
// and the intake year the document announces.
func newExportForm(k exportKind, formats []exportFormat, now time.Time) *exportForm {
	f := &exportForm{formats: formats}
	var labels []string
	for _, ft := range formats {
		labels = append(labels, ft.label)
	}
	f.format = widget.NewRadioGroup(labels, nil)
	f.format.Horizontal = true
	f.format.SetSelected(labels[0])
	f.paper = widget.NewRadioGroup([]string{"A4", "A3"}, nil)
	f.paper.Horizontal = true
	f.paper.SetSelected("A4")
	landscape, portrait := lang.X("export.landscape", "横向"), lang.X("export.portrait", "纵向")
	f.orient = widget.NewRadioGroup([]string{landscape, portrait}, nil)
	f.orient.Horizontal = true
	f.orient.SetSelected(landscape)
	if k == exportNotice {
		f.orient.Hide() // the notice list is always portrait
	}
	f.intake = widget.NewEntry()
	f.intake.SetText(strconv.Itoa(report.IntakeYear(now)))
	f.intake.Validator = func(s string) error {
		_, err := parseIntake(s)
		return err
	}
	return f
}

// parseIntake reads the intake year.
func parseIntake(s string) (int, error) {
	y, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || y < 1900 || y > 2200 {
		return 0, errBadIntake
	}
	return y, nil
}

var errBadIntake = badIntakeError{}

// badIntakeError is the translated message of an invalid intake year.
type badIntakeError struct{}

func (badIntakeError) Error() string {
	return lang.X("export.bad_intake", "请填写招生年份，例如 2026")
}

// choice reads the form; it reports false while the year is invalid.
func (f *exportForm) choice(year int) (exportFormat, exportChoice, bool) {
	intake, err := parseIntake(f.intake.Text)
	if err != nil {
		return exportFormat{}, exportChoice{}, false
	}
	ft := f.formats[0]
	for _, x := range f.formats {
		if x.label == f.format.Selected {
			ft = x
		}
	}
	paper, _ := report.ParsePaper(f.paper.Selected)
	return ft, exportChoice{opt: report.Options{Year: year, Paper: paper, Intake: intake},
		portrait: f.orient.Selected == lang.X("export.portrait", "纵向")}, true
}

func (f *exportForm) content() fyne.CanvasObject {
	items := []*widget.FormItem{
		widget.NewFormItem(lang.X("export.format", "格式"), f.format),
		widget.NewFormItem(lang.X("export.paper", "纸张"), f.paper),
	}
	if f.orient.Visible() {
		items = append(items, widget.NewFormItem(lang.X("export.orientation", "方向"), f.orient))
	}
	items = append(items, widget.NewFormItem(lang.X("export.intake", "招生年份（秋季）"), f.intake))
	note := widget.NewLabel(lang.X("export.note",
		"编制单位、数据来源、审图号、咨询电话和公示期天数在“编辑 ▸ 标准与设置…”的“文件信息”页填写。"))
	note.Wrapping = fyne.TextWrapWord
	return container.NewVBox(widget.NewForm(items...), note)
}

// showExportOptions asks for the format, paper, orientation and intake
// year of a map or notice, then where to write it.
func (w *mainWindow) showExportOptions(k exportKind, title, name string) {
	if w.sess == nil {
		return
	}
	f := newExportForm(k, w.exportFormats(k), time.Now())
	d := dialog.NewCustomConfirm(title, lang.X("export.next", "导出…"), lang.X("export.cancel", "取消"), f.content(),
		func(ok bool) {
			if !ok {
				return
			}
			ft, c, valid := f.choice(w.sess.Year())
			if !valid {
				w.showError(errBadIntake)
				return
			}
			w.showExport(name+ft.ext, ft.ext, func(wr io.Writer, s *app.Session, o report.Options) error {
				c.opt.Year = o.Year
				return ft.write(wr, s, c)
			})
		}, w.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}
