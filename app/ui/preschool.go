package ui

// 学前·配套 panel: the county's 学前 lines (毛入园率, 公办 and 普惠 shares
// against their targets, places, kindergarten classes over 25/30/35), the
// new estates of the year with the places they need, the spare places
// within the service radius and, where a school is needed, 在此新建配套学校,
// and one line per township.
//
//	NewPreschoolPanel(src PlanningSource, open func(estates.Estate)) *PreschoolPanel

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/model/estates"
	"github.com/xuequ/xuequ/model/preschool"
)

// PreschoolPanel shows the 学前 and 配套 figures of the year under study.
type PreschoolPanel struct {
	widget.BaseWidget
	src     PlanningSource
	open    func(estates.Estate) // 在此新建配套学校; nil hides the buttons
	title   *widget.Label
	county  *fyne.Container // label/value pairs
	towns   *fyne.Container
	estates *fyne.Container
}

// NewPreschoolPanel builds the panel on src; open is called with an
// estate when the user asks for its 配套 school.
func NewPreschoolPanel(src PlanningSource, open func(estates.Estate)) *PreschoolPanel {
	p := &PreschoolPanel{src: src, open: open}
	p.ExtendBaseWidget(p)
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.county = container.NewGridWithColumns(2)
	p.towns = container.NewGridWithColumns(5)
	p.estates = container.NewVBox()
	p.load()
	return p
}

// CreateRenderer stacks the county lines, estates and townships, scrolling.
func (p *PreschoolPanel) CreateRenderer() fyne.WidgetRenderer {
	bold := fyne.TextStyle{Bold: true}
	return widget.NewSimpleRenderer(container.NewScroll(container.NewVBox( // both ways: never widens the window
		p.title, p.county, widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.X("estates.title", "新建居住区配套学校"), fyne.TextAlignLeading, bold), p.estates,
		widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.X("preschool.towns", "分乡镇（街道）"), fyne.TextAlignLeading, bold), p.towns,
	)))
}

// Refresh re-reads the year.
func (p *PreschoolPanel) Refresh() {
	p.load()
	p.BaseWidget.Refresh()
}

func (p *PreschoolPanel) load() {
	y := p.src.Year()
	r := p.src.Preschool(y)
	p.title.SetText(projectedMark(p.src, lang.X("preschool.title", "{{.Year}}年学前教育", map[string]any{"Year": y})))
	p.loadCounty(r)
	p.loadTowns(r)
	p.loadEstates(p.src.EstatesIn(y))
}

func (p *PreschoolPanel) loadCounty(r preschool.Result) {
	c := r.County
	over := 0
	for _, k := range r.Kindergartens {
		over += k.OverStandard
	}
	p.county.RemoveAll()
	add := func(name, value string, bad bool) {
		v := widget.NewLabel(value)
		v.Alignment = fyne.TextAlignTrailing
		v.Importance = importanceIf(bad)
		p.county.Add(widget.NewLabel(name))
		p.county.Add(v)
	}
	add(lang.X("preschool.children", "3–5 岁幼儿（人）"), strconv.Itoa(c.Children), false)
	add(lang.X("preschool.enrolled", "在园幼儿（人）"), strconv.Itoa(c.Enrolled), false)
	add(lang.X("preschool.gross", "学前三年毛入园率"), rateText(c.GrossEnrolment, c.GrossKnown, r.GrossTarget), c.GrossKnown && !c.GrossMet)
	add(lang.X("preschool.public", "公办园在园幼儿占比"), rateText(c.PublicShare, c.ShareKnown, r.PublicTarget), c.ShareKnown && !c.PublicMet)
	add(lang.X("preschool.inclusive", "普惠性幼儿园覆盖率"), rateText(c.InclusiveShare, c.ShareKnown, r.InclusiveTarget), c.ShareKnown && !c.InclusiveMet)
	add(lang.X("preschool.places", "学位 / 需要（个）"), strconv.Itoa(c.Places)+" / "+strconv.Itoa(c.PlacesNeeded), c.PlaceGap > 0)
	add(lang.X("preschool.over", "超标准班额的幼儿园班（班）"), strconv.Itoa(over), over > 0)
}

// rateText is "93.2%（目标 95%）", or 未知.
func rateText(v float64, known bool, target float64) string {
	if !known {
		return unknownText()
	}
	return lang.X("preschool.rate", "{{.V}}（目标 {{.T}}）", map[string]any{"V": percentText(v), "T": percentText(target)})
}

func (p *PreschoolPanel) loadTowns(r preschool.Result) {
	p.towns.RemoveAll()
	bold := fyne.TextStyle{Bold: true}
	for _, h := range []string{lang.X("preschool.col.town", "乡镇"), lang.X("preschool.col.children", "适龄"),
		lang.X("preschool.col.gross", "毛入园率"), lang.X("preschool.col.public", "公办"), lang.X("preschool.col.inclusive", "普惠")} {
		p.towns.Add(widget.NewLabelWithStyle(h, fyne.TextAlignLeading, bold))
	}
	for _, a := range r.Townships {
		p.towns.Add(widget.NewLabel(a.Name))
		p.towns.Add(widget.NewLabel(strconv.Itoa(a.Children)))
		p.towns.Add(shareLabel(a.GrossEnrolment, a.GrossKnown, a.GrossMet))
		p.towns.Add(shareLabel(a.PublicShare, a.ShareKnown, a.PublicMet))
		p.towns.Add(shareLabel(a.InclusiveShare, a.ShareKnown, a.InclusiveMet))
	}
}

func shareLabel(v float64, known, met bool) *widget.Label {
	if !known {
		return widget.NewLabel("—")
	}
	l := widget.NewLabel(percentText(v))
	l.Importance = importanceIf(!met)
	return l
}

func (p *PreschoolPanel) loadEstates(es []estates.Estate) {
	p.estates.RemoveAll()
	if len(es) == 0 {
		none := widget.NewLabel(lang.X("estates.none", "本年度及以前无新建住宅交付"))
		none.Wrapping = fyne.TextWrapWord // English is longer: the pane must not widen the window
		p.estates.Add(none)
		return
	}
	for _, e := range es {
		p.estates.Add(p.estateLine(e))
	}
}

// estateLine describes one estate; a needed school gets the button.
func (p *PreschoolPanel) estateLine(e estates.Estate) fyne.CanvasObject {
	data := map[string]any{"Name": e.Name, "Year": e.Year, "D": e.Dwellings, "R": e.Residents,
		"P": e.Needed[0], "J": e.Needed[1], "SP": e.Spare[0], "SJ": e.Spare[1]}
	text := lang.X("estates.line", "{{.Name}}：至{{.Year}}年交付{{.D}}套，约{{.R}}人；需小学学位{{.P}}、初中{{.J}}，服务半径内余位小学{{.SP}}、初中{{.SJ}}", data)
	if !e.SpareKnown {
		text = lang.X("estates.line.unknown", "{{.Name}}：至{{.Year}}年交付{{.D}}套，约{{.R}}人；需小学学位{{.P}}、初中{{.J}}（该年无预测，余位未知）", data)
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	if !e.NeedsSchool {
		l.Importance = widget.SuccessImportance
		return l
	}
	l.Importance = widget.DangerImportance
	s := e.Suggested
	need := widget.NewLabel(lang.X("estates.suggest", "需配建 {{.Level}} {{.C}} 班（{{.S}} 学位，建标102）",
		map[string]any{"Level": s.Level.Chinese(), "C": s.Classes, "S": s.Seats}))
	if p.open == nil {
		return container.NewVBox(l, need)
	}
	btn := widget.NewButton(lang.X("estates.open", "在此新建配套学校"), func() { p.open(e) })
	btn.Importance = widget.HighImportance
	need.Wrapping = fyne.TextWrapWord
	return container.NewVBox(l, container.NewBorder(nil, nil, nil, btn, need))
}
