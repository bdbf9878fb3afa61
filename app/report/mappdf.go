package report

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"io"

	"codeberg.org/go-pdf/fpdf"

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

// mapPDFLayout is where things go on the landscape sheet, millimetres.
type mapPDFLayout struct {
	w, h           float64 // page
	fx, fy, fw, fh float64 // map frame
	px, pw         float64 // legend panel (same top and height as the frame)
	fontScale      float64 // 1 on A4, larger on A3
}

func newMapPDFLayout(p Paper) mapPDFLayout {
	short, long := p.size()
	l := mapPDFLayout{w: long, h: short, fontScale: 1, pw: 72}
	if p == PaperA3 {
		l.fontScale, l.pw = 1.25, 92
	}
	l.fx, l.fy = pageMargin, pageMargin+titleBlock*l.fontScale
	l.fw = l.w - 2*pageMargin - panelGap - l.pw
	l.fh = l.h - l.fy - pageMargin - footerBlock
	l.px = l.fx + l.fw + panelGap
	return l
}

// MapPDF writes the map as a one-page landscape PDF on opt.Paper: the
// title (district, year, stage), the map image at opt.DPI, a legend panel
// (catchment theme: every school's colour and name; status theme: the
// class-size colours with school counts and the district's 大班额占比), the
// scale bar and north arrow, the date and the footer 学区规划 Xuequ.
func MapPDF(w io.Writer, s *app.Session, opt MapOptions) error {
	opt = opt.resolve(s)
	if err := checkYear(s, opt.Year); err != nil {
		return err
	}
	l := newMapPDFLayout(opt.Paper)
	m := newMapModel(s, opt)
	img, err := drawMap(s, m, pixels(l.fw, opt.DPI), pixels(l.fh, opt.DPI), opt.DPI, false)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	// An opaque RGBA image is written as RGB, which fpdf embeds as is.
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return err
	}

	title := mapTitle(s, opt)
	d := newDoc("L", opt.Paper, title, opt.Date)
	d.pdf.AddPage()
	k := l.fontScale

	d.setText(inkRGB)
	d.setSize(titlePt * k)
	d.bold = true
	d.textCentered(l.w/2, pageMargin-1, title)
	d.bold = false
	d.setText(greyRGB)
	d.setSize(subtitlePt * k)
	d.textCentered(l.w/2, pageMargin-1+titlePt*k*mmPerPt*1.35, mapSubtitle(s, opt))

	d.pdf.RegisterImageOptionsReader("map", fpdf.ImageOptions{ImageType: "PNG"}, &buf)
	d.pdf.ImageOptions("map", l.fx, l.fy, l.fw, l.fh, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	d.setDraw(inkRGB)
	d.pdf.SetLineWidth(frameLineMM)
	d.pdf.Rect(l.fx, l.fy, l.fw, l.fh, "D")

	d.setDraw(ruleRGB)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Rect(l.px, l.fy, l.pw, l.fh, "D")
	drawPanel(d, m, l, k)

	footer(d, l.w, l.h, fmt.Sprintf("制图日期：%s", chineseDate(opt.Date)))
	return output(d, w)
}

// footer draws the rule and the footer line at the bottom margin: the
// product name on the left, right on the right.
func footer(d *doc, pageW, pageH float64, right string) {
	y := pageH - pageMargin - footerBlock + 3
	d.setDraw(ruleRGB)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(pageMargin, y, pageW-pageMargin, y)
	d.setText(greyRGB)
	d.setSize(footerPt)
	d.textTop(pageMargin, y+1.2, footerText)
	d.textRight(pageW-pageMargin, y+1.2, right)
}

// output writes the finished document, or fpdf's first error.
func output(d *doc, w io.Writer) error {
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("report: PDF: %w", err)
	}
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("report: write PDF: %w", err)
	}
	return nil
}

// drawPanel fills the legend panel right of the map.
func drawPanel(d *doc, m *mapModel, l mapPDFLayout, k float64) {
	pad := 3.0
	x, y := l.px+pad, l.fy+pad
	inner := l.pw - 2*pad
	bottom := l.fy + l.fh - pad

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
		notes = d.wrap("注：学区具体范围以划片范围公示名单为准；图中小区名称以能标注者为限。", inner)
	} else {
		notes = d.wrap(statusSummary(m), inner)
	}
	noteH := float64(len(notes)) * d.lineHeight()
	fixedTop := bottom - noteH - 2 - float64(len(fixed))*row

	switch m.theme {
	case ThemeCatchment:
		d.setText(greyRGB)
		d.setSize(8 * k)
		d.textTop(x, y, fmt.Sprintf("学区（对口%s，共%d个）", stageName(m.stage), len(m.keys)))
		y += d.lineHeight() + 0.5
		catchmentList(d, m.keys, x, y, inner, fixedTop-2-y, k)
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
	d.setDraw(ruleRGB)
	d.pdf.SetLineWidth(0.15)
	d.pdf.Line(x, y-1, x+inner, y-1)
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
func catchmentList(d *doc, keys []catchmentKey, x, y, w, h, k float64) {
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
	cols = max(1, min(cols, 3))
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
func legendKey(d *doc, e render.LegendEntry, x, y, row, k float64) {
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
		d.pdf.SetLineWidth(0.6)
		d.pdf.Line(x, cy, x+7*k, cy)
	default:
		symbol(d, e.Symbol, cx, cy, 1.4*k, rgbOf(e.Color))
	}
}

// legendSwatch draws a filled box with the colour as printed over white.
func legendSwatch(d *doc, c color.NRGBA, x, y, w, h float64) {
	d.setFill(rgbOf(overWhite(c)))
	d.setDraw(0x707070)
	d.pdf.SetLineWidth(0.15)
	d.pdf.Rect(x, y, w, h, "FD")
}

// symbol draws a school symbol of radius r mm centred at (cx, cy).
func symbol(d *doc, s render.Symbol, cx, cy, r float64, fill uint32) {
	d.setFill(fill)
	d.setDraw(symbolRGB)
	d.pdf.SetLineWidth(0.25)
	switch s {
	case render.SymbolSquare:
		d.pdf.Rect(cx-r*0.9, cy-r*0.9, 1.8*r, 1.8*r, "FD")
	case render.SymbolDiamond:
		q := r * 1.2
		d.pdf.Polygon([]fpdf.PointType{{X: cx, Y: cy - q}, {X: cx + q, Y: cy}, {X: cx, Y: cy + q}, {X: cx - q, Y: cy}}, "FD")
	case render.SymbolTriangle:
		d.pdf.Polygon([]fpdf.PointType{{X: cx, Y: cy - r}, {X: cx + r, Y: cy + r*0.8}, {X: cx - r, Y: cy + r*0.8}}, "FD")
	default:
		d.pdf.Circle(cx, cy, r, "FD")
	}
}

func rgbOf(c color.NRGBA) uint32 { return uint32(c.R)<<16 | uint32(c.G)<<8 | uint32(c.B) }

// overWhite is c composited over white paper.
func overWhite(c color.NRGBA) color.NRGBA {
	a := uint32(c.A)
	mix := func(v uint8) uint8 { return uint8((uint32(v)*a + 255*(255-a)) / 255) }
	return color.NRGBA{mix(c.R), mix(c.G), mix(c.B), 0xff}
}
