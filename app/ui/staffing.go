package ui

// Staffing panel (编制): the district line (required, teachers, gap) and a
// school table of the year: pupils, classes, required by 生师比 or 班师比,
// teachers, gap (缺编 in red).
//
//	NewStaffingPanel(src PlanningSource) *StaffingPanel

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/model/staffing"
)

// StaffingPanel shows the teacher staffing of the year under study.
type StaffingPanel struct {
	widget.BaseWidget
	src    PlanningSource
	title  *widget.Label
	line   *widget.Label
	table  *widget.Table
	result staffing.Result
}

// staffingColumns are the table's columns.
var staffingColumns = []float32{150, 60, 50, 70, 70, 60, 90}

// NewStaffingPanel builds the panel on src.
func NewStaffingPanel(src PlanningSource) *StaffingPanel {
	p := &StaffingPanel{src: src}
	p.ExtendBaseWidget(p)
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.line = widget.NewLabel("")
	p.line.Wrapping = fyne.TextWrapWord
	p.table = widget.NewTableWithHeaders(p.size, func() fyne.CanvasObject { return widget.NewLabel("") }, p.update)
	p.table.ShowHeaderColumn = false
	p.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	}
	p.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(staffingHeader(id.Col))
		}
	}
	for i, w := range staffingColumns {
		p.table.SetColumnWidth(i, w)
	}
	p.load()
	return p
}

func staffingHeader(col int) string {
	return [...]string{
		lang.X("staffing.col.school", "学校"), lang.X("staffing.col.pupils", "在校生"), lang.X("staffing.col.classes", "班数"),
		lang.X("staffing.col.required", "核定编制"), lang.X("staffing.col.actual", "现有教师"), lang.X("staffing.col.gap", "缺编"),
		lang.X("staffing.col.rule", "依据"),
	}[col]
}

// CreateRenderer puts the title and the district line over the table.
func (p *StaffingPanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(container.NewVBox(p.title, p.line), nil, nil, nil, p.table))
}

// Refresh re-reads the year's staffing.
func (p *StaffingPanel) Refresh() {
	p.load()
	p.BaseWidget.Refresh()
}

func (p *StaffingPanel) load() {
	p.result = p.src.Staffing(p.src.Year())
	p.title.SetText(projectedMark(p.src, lang.X("staffing.title", "{{.Year}}年教职工编制（生师比 小学1:19、初中1:13.5）",
		map[string]any{"Year": p.src.Year()})))
	m := p.result.Summary
	line := lang.X("staffing.line", "核定编制 {{.Required}} 人，现有教师 {{.Actual}} 人，缺编 {{.Shortage}} 人（净差 {{.Gap}}）",
		map[string]any{"Required": m.Required, "Actual": m.Actual, "Shortage": m.Shortage, "Gap": fmt.Sprintf("%+d", m.Gap)})
	if m.Unknown > 0 {
		line += lang.X("staffing.line.unknown", "；{{.N}} 所学校无教师数", map[string]any{"N": m.Unknown})
	}
	p.line.SetText(line)
	p.line.Importance = importanceIf(m.Shortage > 0)
	p.table.Refresh()
}

func (p *StaffingPanel) size() (int, int) { return len(p.result.Schools), len(staffingColumns) }

func (p *StaffingPanel) update(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(p.result.Schools) {
		l.SetText("")
		return
	}
	s := p.result.Schools[id.Row]
	l.Importance = widget.MediumImportance
	l.Alignment = fyne.TextAlignTrailing
	l.Truncation = fyne.TextTruncateEllipsis
	switch id.Col {
	case 0:
		l.Alignment = fyne.TextAlignLeading
		l.SetText(orName(s.Name, s.School))
	case 1:
		l.SetText(strconv.Itoa(s.Students))
	case 2:
		l.SetText(strconv.Itoa(s.Classes))
	case 3:
		l.SetText(strconv.Itoa(s.Required))
	case 4, 5:
		if !s.ActualKnown {
			l.SetText(unknownText())
			return
		}
		if id.Col == 4 {
			l.SetText(strconv.Itoa(s.Actual))
			return
		}
		l.Importance = importanceIf(s.Gap > 0)
		l.SetText(fmt.Sprintf("%+d", s.Gap))
	case 6:
		l.Alignment = fyne.TextAlignLeading
		if s.Rule == staffing.RuleClass {
			l.SetText(lang.X("staffing.rule.class", "班师比1:2"))
		} else {
			l.SetText(lang.X("staffing.rule.ratio", "生师比"))
		}
	}
}

// orName is name, or id when the name is empty.
func orName(name, id string) string {
	if name != "" {
		return name
	}
	return id
}
