package ui

// 优质均衡 panel: per stage (小学/初中) an indicator × school table — the
// standard in the first row, each school's seven values with the cells
// below the standard in red, the indicators met and the verdict, and the
// 差异系数 of each indicator against its limit in the last row.
//
//	NewBalancePanel(src PlanningSource) *BalancePanel

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/balance"
)

// BalancePanel shows the 优质均衡 assessment of the year under study.
type BalancePanel struct {
	widget.BaseWidget
	src   PlanningSource
	stage model.Level
	title *widget.Label
	line  *widget.Label
	radio *widget.RadioGroup
	table *widget.Table
	cur   balance.Stage
	ok    bool // the stage has schools
}

// Columns: school, pupils, the seven indicators, met, verdict.
const balanceCols = 3 + int(model.NumIndicators) + 1

// NewBalancePanel builds the panel on src, showing primary schools.
func NewBalancePanel(src PlanningSource) *BalancePanel {
	p := &BalancePanel{src: src, stage: model.LevelPrimary}
	p.ExtendBaseWidget(p)
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.line = widget.NewLabel("")
	p.line.Wrapping = fyne.TextWrapWord
	stages := []string{lang.X("balance.stage.primary", "小学"), lang.X("balance.stage.junior", "初中")}
	p.radio = widget.NewRadioGroup(stages, func(s string) {
		p.stage = model.LevelPrimary
		if s == stages[1] {
			p.stage = model.LevelJunior
		}
		if p.table != nil { // not while building
			p.Refresh()
		}
	})
	p.radio.Horizontal = true
	p.radio.Required = true
	p.radio.SetSelected(stages[0])
	p.table = widget.NewTableWithHeaders(p.size, func() fyne.CanvasObject { return widget.NewLabel("") }, p.update)
	p.table.ShowHeaderColumn = false
	p.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	p.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(balanceHeader(id.Col))
		}
	}
	p.table.SetColumnWidth(0, 170)
	for c := 1; c < balanceCols; c++ {
		p.table.SetColumnWidth(c, 74)
	}
	p.table.SetRowHeight(-1, 64)
	p.load()
	return p
}

// balanceHeader is the short title of a column.
func balanceHeader(col int) string {
	switch col {
	case 0:
		return lang.X("balance.col.school", "学校")
	case 1:
		return lang.X("balance.col.pupils", "在校生")
	case balanceCols - 2:
		return lang.X("balance.col.met", "达标项")
	case balanceCols - 1:
		return lang.X("balance.col.passes", "学校达标")
	}
	return indicatorShort(model.Indicator(col - 2))
}

// indicatorShort is an indicator's column title.
func indicatorShort(i model.Indicator) string {
	switch i {
	case model.QualifiedTeachersPer100:
		return lang.X("balance.ind.qualified", "百生高学历教师")
	case model.BackboneTeachersPer100:
		return lang.X("balance.ind.backbone", "百生骨干教师")
	case model.PEArtTeachersPer100:
		return lang.X("balance.ind.pe_art", "百生体艺教师")
	case model.BuildingM2PerPupil:
		return lang.X("balance.ind.building", "生均教学用房m²")
	case model.SportsM2PerPupil:
		return lang.X("balance.ind.sports", "生均体育场馆m²")
	case model.EquipmentYuanPerPupil:
		return lang.X("balance.ind.equipment", "生均仪器设备元")
	}
	return lang.X("balance.ind.multimedia", "百生多媒体教室")
}

// CreateRenderer stacks title, stage choice and CV line over the table.
func (p *BalancePanel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(container.NewVBox(p.title, p.radio, p.line), nil, nil, nil, p.table))
}

// Refresh re-reads the year's assessment.
func (p *BalancePanel) Refresh() {
	p.load()
	p.BaseWidget.Refresh()
}

func (p *BalancePanel) load() {
	r := p.src.Balance(p.src.Year())
	p.cur, p.ok = balance.Stage{Stage: p.stage}, false
	for _, st := range r.Stages {
		if st.Stage == p.stage {
			p.cur, p.ok = st, true
		}
	}
	p.title.SetText(projectedMark(p.src, lang.X("balance.title", "{{.Year}}年优质均衡资源配置（教督〔2017〕6号）",
		map[string]any{"Year": p.src.Year()})))
	p.line.SetText(p.cvLine())
	p.line.Importance = importanceIf(p.ok && !p.cur.CVOK)
	p.table.Refresh()
}

// cvLine says whether every 差异系数 is within the limit and how many
// schools pass.
func (p *BalancePanel) cvLine() string {
	if !p.ok {
		return lang.X("balance.none", "本学段无学校数据")
	}
	data := map[string]any{"Limit": strconv.FormatFloat(p.cur.CVLimit, 'f', 2, 64), "Pass": p.cur.Passing, "N": len(p.cur.Schools)}
	if p.cur.CVOK {
		return lang.X("balance.cv.ok", "差异系数均 ≤ {{.Limit}}，达标；{{.Pass}}/{{.N}} 所学校达标（6 项达标且余项 ≥ 85%）", data)
	}
	return lang.X("balance.cv.missed", "差异系数有超过 {{.Limit}} 的指标，未达标；{{.Pass}}/{{.N}} 所学校达标（6 项达标且余项 ≥ 85%）", data)
}

// Rows: the standard, the schools, the 差异系数.
func (p *BalancePanel) size() (int, int) {
	if !p.ok {
		return 0, balanceCols
	}
	return len(p.cur.Schools) + 2, balanceCols
}

func (p *BalancePanel) update(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.Importance, l.TextStyle, l.Alignment = widget.MediumImportance, fyne.TextStyle{}, fyne.TextAlignTrailing
	l.Truncation = fyne.TextTruncateEllipsis
	rows := len(p.cur.Schools)
	switch {
	case id.Row == 0:
		l.TextStyle.Bold = true
		if id.Col == 0 {
			l.Alignment = fyne.TextAlignLeading
		}
		l.SetText(p.standardCell(id.Col))
	case id.Row <= rows:
		p.schoolCell(l, p.cur.Schools[id.Row-1], id.Col)
	default:
		p.cvCell(l, id.Col)
	}
}

func (p *BalancePanel) standardCell(col int) string {
	switch {
	case col == 0:
		return lang.X("balance.row.standard", "标准")
	case col >= 2 && col < balanceCols-2:
		return decimalText(p.cur.Standard[col-2])
	}
	return ""
}

func (p *BalancePanel) schoolCell(l *widget.Label, s balance.School, col int) {
	switch {
	case col == 0:
		l.Alignment = fyne.TextAlignLeading
		name := orName(s.Name, s.School)
		if !s.InCV {
			name += lang.X("balance.not_in_cv", "（不计差异系数）")
		}
		l.SetText(name)
	case col == 1:
		l.SetText(strconv.Itoa(s.Students))
	case col == balanceCols-2:
		l.SetText(strconv.Itoa(s.Met))
	case col == balanceCols-1:
		l.Alignment = fyne.TextAlignCenter
		l.Importance = importanceIf(!s.Passes)
		l.SetText(passText(s.Passes))
	default:
		k := col - 2
		if !s.Known[k] {
			l.Importance = widget.DangerImportance
			l.SetText("—")
			return
		}
		l.Importance = importanceIf(!s.Meets[k])
		l.SetText(decimalText(s.Values[k]))
	}
}

func (p *BalancePanel) cvCell(l *widget.Label, col int) {
	l.TextStyle.Bold = true
	switch {
	case col == 0:
		l.Alignment = fyne.TextAlignLeading
		l.SetText(lang.X("balance.row.cv", "差异系数（≤{{.Limit}}）", map[string]any{"Limit": strconv.FormatFloat(p.cur.CVLimit, 'f', 2, 64)}))
	case col >= 2 && col < balanceCols-2:
		k := col - 2
		if !p.cur.CVKnown[k] {
			l.SetText("—")
			return
		}
		l.Importance = importanceIf(p.cur.CV[k] > p.cur.CVLimit+1e-9)
		l.SetText(strconv.FormatFloat(p.cur.CV[k], 'f', 3, 64))
	case col == balanceCols-1:
		l.Alignment = fyne.TextAlignCenter
		l.Importance = importanceIf(!p.cur.CVOK)
		l.SetText(passText(p.cur.CVOK))
	default:
		l.SetText("")
	}
}

func passText(ok bool) string {
	if ok {
		return lang.X("balance.pass", "达标")
	}
	return lang.X("balance.fail", "未达标")
}

// decimalText prints up to two decimals without trailing zeros.
func decimalText(x float64) string {
	return strconv.FormatFloat(float64(int64(x*100+0.5))/100, 'f', -1, 64)
}
