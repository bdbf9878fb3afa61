package report

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"strings"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo/render"
)

// Colours of the printed sheet, 0xRRGGBB.
const (
	inkRGB    = 0x212121
	greyRGB   = 0x606060
	ruleRGB   = 0x909090
	headerRGB = 0xe8eef5
	symbolRGB = 0x263238
)

// mapPDFLayout is where things go on the sheet, millimetres: landscape
// with the legend panel right of the map, portrait with it below.
type mapPDFLayout struct {
	w, h           float64 // page
	fx, fy, fw, fh float64 // map frame
	px, py, pw, ph float64 // legend panel
	fontScale      float64 // 1 on A4, larger on A3
}

func newMapPDFLayout(p Paper, portrait bool) mapPDFLayout {
	short, long := p.size()
	l := mapPDFLayout{w: long, h: short, fontScale: 1, pw: 72}
	if p == PaperA3 {
		l.fontScale, l.pw = 1.25, 92
	}
	l.fx, l.fy = pageMargin, pageMargin+titleBlock*l.fontScale
	if portrait {
		l.w, l.h = short, long
		l.fw = l.w - 2*pageMargin
		l.ph = 62 * l.fontScale
		l.fh = l.h - l.fy - pageMargin - footerBlock - panelGap - l.ph
		l.px, l.py, l.pw = l.fx, l.fy+l.fh+panelGap, l.fw
		return l
	}
	l.fw = l.w - 2*pageMargin - panelGap - l.pw
	l.fh = l.h - l.fy - pageMargin - footerBlock
	l.px, l.py, l.ph = l.fx+l.fw+panelGap, l.fy, l.fh
	return l
}

// mapPage is a map drawn on a sheet, with what a caller or test needs to
// know about it.
type mapPage struct {
	sheet      *sheet
	title      string
	zoneLabels []string // zone names printed on the map
}

// drawMapPage lays out the whole map sheet: the title (district, intake
// year, stage, 示意图), the scenario line and 草案 mark for a scenario, the
// vector map with scale bar and north arrow, the legend panel (catchment
// theme: every school's colour and name; status theme: the class-size
// colours with school counts and the district's 大班额占比) and the footer
// (编制单位, 数据来源, 审图号, 制图日期). metrics is the document whose
// fonts measure the text.
func drawMapPage(s *app.Session, opt MapOptions, metrics *doc) (*mapPage, error) {
	l := newMapPDFLayout(opt.Paper, opt.Portrait)
	m := newMapModel(s, opt)
	sh := newSheet(l.w, l.h, metrics)
	k := l.fontScale
	title := mapTitle(s, opt)

	sh.setText(inkRGB)
	sh.setSize(titlePt * k)
	sh.bold = true
	sh.textCentered(l.w/2, pageMargin-1, title)
	sh.bold = false
	if opt.Scenario != "" {
		draftMark(sh, l.w/2+sh.width(title)/2+3, pageMargin-1, k)
	}
	sh.setText(greyRGB)
	sh.setSize(subtitlePt * k)
	sh.textCentered(l.w/2, pageMargin-1+titlePt*k*mmPerPt*1.35, mapSubtitle(s, opt))

	frame := box{l.fx, l.fy, l.fx + l.fw, l.fy + l.fh}
	body, err := drawMapBody(sh, s.District(), m, frame, k)
	if err != nil {
		return nil, err
	}
	sh.setDraw(inkRGB)
	sh.setLineWidth(frameLineMM)
	sh.rect(l.fx, l.fy, l.fw, l.fh, "D")

	sh.setDraw(ruleRGB)
	sh.setLineWidth(0.2)
	sh.rect(l.px, l.py, l.pw, l.ph, "D")
	drawPanel(sh, m, l, k)

	left, right := mapFooter(s, opt)
	footer(sh, l.w, l.h, left, right)
	return &mapPage{sheet: sh, title: title, zoneLabels: body.labels}, nil
}

// draftMark is the red boxed 草案 stamp of a scenario map, its top-left
// corner at (x, y).
func draftMark(sh *sheet, x, y, k float64) {
	sh.setSize(12 * k)
	w, h := sh.width("草案")+3*k, sh.lineHeight()+0.6
	sh.setDraw(0xc62828)
	sh.setLineWidth(0.5)
	sh.rect(x, y-0.3, w, h, "D")
	sh.setText(0xc62828)
	sh.bold = true
	sh.textTop(x+1.5*k, y+0.4, "草案")
	sh.bold = false
}

// mapFooter is the footer of a map: issuer and data source on the left,
// 审图号 and date on the right.
func mapFooter(s *app.Session, opt MapOptions) (left, right string) {
	left = "编制单位：" + opt.Doc.issuer(s.District().Name)
	if opt.Doc.Source != "" {
		left += "　数据来源：" + opt.Doc.Source
	}
	right = "制图日期：" + chineseDate(opt.Date)
	if opt.Doc.Approval != "" {
		right = "审图号：" + opt.Doc.Approval + "　" + right
	}
	return left, right
}

// MapPDF writes the map as a one-page PDF on opt.Paper (landscape unless
// opt.Portrait): see drawMapPage. Zones, boundaries and symbols are vector
// paths and every label is text in the embedded font subset, so school
// and zone names can be searched and selected and stay crisp at any zoom.
func MapPDF(w io.Writer, s *app.Session, opt MapOptions) error {
	opt = opt.resolve(s)
	if err := checkYear(s, opt.Year); err != nil {
		return err
	}
	orient := "L"
	if opt.Portrait {
		orient = "P"
	}
	d := newDoc(orient, opt.Paper, "", opt.Date)
	page, err := drawMapPage(s, opt, d)
	if err != nil {
		return err
	}
	d.setMeta(page.title, opt.Doc.issuer(s.District().Name), mapSubject(opt))
	d.pdf.AddPage()
	page.sheet.toPDF(d)
	return output(d, w)
}

// mapSubject is the PDF Subject of a map.
func mapSubject(opt MapOptions) string {
	subj := "义务教育学校招生划片示意图"
	if opt.Theme == ThemeStatus {
		subj = "学区班额状况示意图"
	}
	if opt.Scenario != "" {
		subj += "（方案：" + opt.Scenario + "，草案）"
	}
	return subj
}

// footer draws the rule and the footer line at the bottom margin: left on
// the left, right on the right.
func footer(d *sheet, pageW, pageH float64, left, right string) {
	y := pageH - pageMargin - footerBlock + 3
	d.setDraw(ruleRGB)
	d.setLineWidth(0.2)
	d.line(pageMargin, y, pageW-pageMargin, y)
	d.setText(greyRGB)
	d.setSize(footerPt)
	d.textTop(pageMargin, y+1.2, left)
	d.textRight(pageW-pageMargin, y+1.2, right)
}

// output writes the finished document, or fpdf's first error.
func output(d *doc, w io.Writer) error {
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("report: PDF: %w", err)
	}
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return fmt.Errorf("report: write PDF: %w", err)
	}
	if _, err := w.Write(tagSubsets(buf.Bytes())); err != nil {
		return fmt.Errorf("report: write PDF: %w", err)
	}
	return nil
}

// drawPanel fills the legend panel.
func drawPanel(d *sheet, m *mapModel, l mapPDFLayout, k float64) {
	pad := 3.0
	x, y := l.px+pad, l.py+pad
	inner := l.pw - 2*pad
	bottom := l.py + l.ph - pad

	d.setText(inkRGB)
	d.setSize(11 * k)
	d.bold = true
	d.textTop(x, y, "图例")
	d.bold = false
	y += d.lineHeight() + 1

	// The fixed part at the bottom: symbols, boundary, notes. Laid out
	// first so the school list knows how much room it has.
	row := 5.0 * k
	var fixed []render.LegendEntry
	if m.theme == ThemeCatchment && m.hasLoose {
		fixed = append(fixed, render.LegendEntry{Color: unassignedColor, Symbol: render.SymbolSwatch, Text: "未划片"})
	}
	fixed = append(fixed, levelKeys(m.stage)...)
	fixed = append(fixed, render.LegendEntry{Color: boundaryColor, Symbol: render.SymbolLine, Text: "学区界线"})
	d.setSize(7 * k)
	var notes []string
	if m.theme == ThemeCatchment {
		notes = d.wrap("注：本图为示意图，学区具体范围以划片范围公示名单为准；图中小区名称以能标注者为限。", inner)
	} else {
		notes = d.wrap(statusSummary(m), inner)
	}
	noteH := float64(len(notes)) * d.lineHeight()
	fixedTop := bottom - noteH - 2 - float64(len(fixed))*row
	if l.pw > 150 { // a wide panel below a portrait map: the fixed part goes in a right-hand column
		fixedTop = y
	}

	listW := inner
	if l.pw > 150 {
		listW = inner - 60*k
	}
	switch m.theme {
	case ThemeCatchment:
		d.setText(greyRGB)
		d.setSize(8 * k)
		d.textTop(x, y, fmt.Sprintf("学区（对口%s，共%d个）", stageName(m.stage), len(m.keys)))
		y += d.lineHeight() + 0.5
		h := fixedTop - 2 - y
		if l.pw > 150 {
			h = bottom - y
		}
		catchmentList(d, m.keys, x, y, listW, h, k)
	case ThemeStatus:
		d.setText(greyRGB)
		d.setSize(8 * k)
		d.textTop(x, y, fmt.Sprintf("对口学校%d年最大班额%s", m.year, estimateMark(m.estimated)))
		y += d.lineHeight() + 0.5
		d.setSize(7.5 * k)
		for i, e := range m.statusKeys() {
			n := m.counts[min(i, 4)]
			legendKey(d, e, x, y, row, k)
			d.setText(inkRGB)
			d.textTop(x+9*k, y+(row-d.lineHeight())/2+0.4, fmt.Sprintf("%s  %d所", e.Text, n))
			y += row
		}
	}

	y = fixedTop
	if l.pw > 150 {
		x = l.px + l.pw - pad - 58*k
		inner = 58 * k
		d.setDraw(ruleRGB)
		d.setLineWidth(0.15)
		d.line(x-2, l.py+pad, x-2, bottom)
	} else {
		d.setDraw(ruleRGB)
		d.setLineWidth(0.15)
		d.line(x, y-1, x+inner, y-1)
	}
	d.setSize(7.5 * k)
	for _, e := range fixed {
		legendKey(d, e, x, y, row, k)
		d.setText(inkRGB)
		d.textTop(x+9*k, y+(row-d.lineHeight())/2+0.4, e.Text)
		y += row
	}
	y += 2
	d.setText(greyRGB)
	d.setSize(7 * k)
	if l.pw > 150 {
		notes = d.wrap(strings.Join(notes, ""), inner)
	}
	for _, n := range notes {
		d.textTop(x, y, n)
		y += d.lineHeight()
	}
}

// statusSummary is the district line of the status legend.
func statusSummary(m *mapModel) string {
	s := m.summary
	verdict := "未达标"
	if s.TargetMet {
		verdict = "达标"
	}
	line := fmt.Sprintf("%d年全域%s：班级%d个，其中大班额%d个、超大班额%d个；大班额占比%.1f%%（目标<%.0f%%，%s）。",
		m.year, estimateMark(m.estimated), s.Classes, s.Large, s.VeryLarge, 100*s.LargeShare, 100*m.std.LargeShareTarget, verdict)
	if m.estimated {
		line += "无在校生历史：在校生按片区学龄人口估算，班数按标准班额估算。"
	}
	return line
}

// estimateMark is （估算） for estimated figures, else nothing.
func estimateMark(estimated bool) string {
	if estimated {
		return "（估算）"
	}
	return ""
}

// catchmentList writes the schools' colour keys in as many columns as the
// height h allows, shrinking the type for long lists; what still does not
// fit is summarised on the last line.
func catchmentList(d *sheet, keys []catchmentKey, x, y, w, h, k float64) {
	if len(keys) == 0 {
		return
	}
	size, row := 7.5*k, 4.6*k
	var rows, cols int
	for {
		rows = max(1, int(h/row))
		cols = (len(keys) + rows - 1) / rows
		if cols <= 2 || size <= 5.5 {
			break
		}
		size -= 0.5
		row = size * mmPerPt * 1.75
	}
	cols = max(1, min(cols, 3, int(w/30)))
	colW := w / float64(cols)
	d.setSize(size)
	shown := keys
	more := 0
	if len(keys) > rows*cols {
		shown, more = keys[:rows*cols-1], len(keys)-(rows*cols-1)
	}
	sw := 5.0 * k
	for i, key := range shown {
		cx := x + float64(i/rows)*colW
		cy := y + float64(i%rows)*row
		c := key.Color
		c.A = fillAlpha
		legendSwatch(d, c, cx, cy+(row-3.2*k)/2, sw, 3.2*k)
		d.setText(inkRGB)
		name := key.Name
		for d.width(name) > colW-sw-2 && len([]rune(name)) > 2 {
			r := []rune(name)
			name = string(r[:len(r)-2]) + "…"
		}
		d.textTop(cx+sw+1.5, cy+(row-d.lineHeight())/2+0.4, name)
	}
	if more > 0 {
		i := len(shown)
		d.setText(greyRGB)
		d.textTop(x+float64(i/rows)*colW, y+float64(i%rows)*row+(row-d.lineHeight())/2+0.4, fmt.Sprintf("……另有%d所", more))
	}
}

// legendKey draws the key of one legend entry in a row of height row.
func legendKey(d *sheet, e render.LegendEntry, x, y, row, k float64) {
	cx, cy := x+3.5*k, y+row/2
	switch e.Symbol {
	case render.SymbolSwatch:
		c := e.Color
		if c.A == 0xff {
			c.A = fillAlpha
		}
		legendSwatch(d, c, x, cy-1.6*k, 7*k, 3.2*k)
	case render.SymbolLine:
		d.setDraw(rgbOf(e.Color))
		d.setLineWidth(0.6)
		d.line(x, cy, x+7*k, cy)
	default:
		sheetSymbol(d, e.Symbol, cx, cy, 1.4*k, rgbOf(e.Color))
	}
}

// legendSwatch draws a filled box with the colour as printed over white.
func legendSwatch(d *sheet, c color.NRGBA, x, y, w, h float64) {
	d.setFill(rgbOf(overWhite(c)))
	d.setDraw(0x707070)
	d.setLineWidth(0.15)
	d.rect(x, y, w, h, "FD")
}

func rgbOf(c color.NRGBA) uint32 { return uint32(c.R)<<16 | uint32(c.G)<<8 | uint32(c.B) }

// overWhite is c composited over white paper.
func overWhite(c color.NRGBA) color.NRGBA {
	a := uint32(c.A)
	mix := func(v uint8) uint8 { return uint8((uint32(v)*a + 255*(255-a)) / 255) }
	return color.NRGBA{mix(c.R), mix(c.G), mix(c.B), 0xff}
}
