package report

import "math"

// sheet is one printed page as a display list: filled and stroked paths
// and runs of real text, in millimetres from the top-left corner. The map
// is drawn once onto a sheet and the same sheet is written as PDF (vector
// paths, embedded subset font), SVG or PNG (rasterized at a DPI), so the
// three outputs cannot drift apart.
//
// Its drawing state mirrors doc's (colours 0xRRGGBB, font size in points,
// fake bold, line width in mm) so that layout code reads the same; text is
// measured with the fonts of the PDF (doc.width, doc.wrap).
type sheet struct {
	w, h  float64 // page, mm
	m     *doc    // font metrics
	items []sheetItem

	size            float64 // current font size, pt
	bold            bool
	text, fill, ink uint32 // text, fill and stroke colours
	lineW           float64
	alpha           float64 // fill opacity of the next paths, 0 = opaque
}

type pt struct{ x, y float64 }

// sheetItem is a path (fill and/or stroke) or a text run.
type sheetItem struct {
	rings   [][]pt // path: closed rings when filled, open polylines when only stroked
	closed  bool
	fill    bool
	stroke  bool
	fillRGB uint32
	inkRGB  uint32
	lineW   float64
	alpha   float64 // fill opacity (0 = opaque)

	str  string // text: baseline-left at (x, y)
	x, y float64
	pt   float64
	bold bool
}

func (it *sheetItem) isText() bool { return it.str != "" }

func newSheet(w, h float64, metrics *doc) *sheet {
	return &sheet{w: w, h: h, m: metrics, size: 10, lineW: 0.2}
}

func (s *sheet) setSize(pt float64)     { s.size = pt }
func (s *sheet) setText(c uint32)       { s.text = c }
func (s *sheet) setFill(c uint32)       { s.fill = c }
func (s *sheet) setDraw(c uint32)       { s.ink = c }
func (s *sheet) setLineWidth(w float64) { s.lineW = w }

// lineHeight, ascent, width and wrap measure at the current size (mm).
func (s *sheet) lineHeight() float64 { return s.size * mmPerPt * 1.4 }
func (s *sheet) ascent() float64     { return s.size * mmPerPt * 0.86 }
func (s *sheet) width(str string) float64 {
	s.m.setSize(s.size)
	return s.m.width(str)
}
func (s *sheet) wrap(str string, w float64) []string {
	s.m.setSize(s.size)
	return s.m.wrap(str, w)
}

// textAt draws str with its baseline at y, starting at x.
func (s *sheet) textAt(x, y float64, str string) {
	if str == "" {
		return
	}
	s.items = append(s.items, sheetItem{str: str, x: x, y: y, pt: s.size, bold: s.bold, fillRGB: s.text})
}

// textTop draws str with the top of its line box at y.
func (s *sheet) textTop(x, y float64, str string) { s.textAt(x, y+s.ascent(), str) }

// textCentered draws str centred on cx with the top of its line box at y.
func (s *sheet) textCentered(cx, y float64, str string) { s.textTop(cx-s.width(str)/2, y, str) }

// textRight draws str ending at x with the top of its line box at y.
func (s *sheet) textRight(x, y float64, str string) { s.textTop(x-s.width(str), y, str) }

// path adds rings with style "F" (fill), "D" (stroke) or "FD".
func (s *sheet) path(rings [][]pt, closed bool, style string) {
	if len(rings) == 0 {
		return
	}
	it := sheetItem{rings: rings, closed: closed, fillRGB: s.fill, inkRGB: s.ink, lineW: s.lineW, alpha: s.alpha}
	switch style {
	case "F":
		it.fill = true
	case "D":
		it.stroke = true
	default:
		it.fill, it.stroke = true, true
	}
	s.items = append(s.items, it)
}

func (s *sheet) rect(x, y, w, h float64, style string) {
	s.path([][]pt{{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}}, true, style)
}

func (s *sheet) line(x0, y0, x1, y1 float64) {
	s.path([][]pt{{{x0, y0}, {x1, y1}}}, false, "D")
}

func (s *sheet) polygon(p []pt, style string) { s.path([][]pt{p}, true, style) }

// circle approximates a circle of radius r by a 24-gon (invisible at
// symbol sizes).
func (s *sheet) circle(cx, cy, r float64, style string) {
	const n = 24
	p := make([]pt, n)
	for i := range p {
		a := 2 * math.Pi * float64(i) / n
		p[i] = pt{cx + r*math.Cos(a), cy + r*math.Sin(a)}
	}
	s.polygon(p, style)
}
