package report

import "strings"

// column is one column of a printed table.
type column struct {
	title string
	w     float64 // mm
	align byte    // 'L', 'C' or 'R'
}

// table prints rows that may run over many pages: the header row repeats
// on every page, and a long row that does not fit is continued on the next
// page, its name marked 续 so the reader knows. Only the last column may
// be longer than one page; the others must fit beside it.
type table struct {
	d          *doc
	cols       []column
	x0         float64 // left edge, mm
	top        float64 // first y on a fresh page
	bottom     float64 // last y a row may reach
	y          float64
	size       float64 // body font size, pt
	padX, padY float64
	newPage    func() // adds a page (and whatever goes at its top)
	started    bool   // the header has been drawn on this page
}

func (t *table) lineH() float64 { t.d.setSize(t.size); return t.d.lineHeight() }

func (t *table) headerHeight() float64 {
	t.d.setSize(t.size)
	n := 1
	for _, c := range t.cols {
		n = max(n, len(t.d.wrap(c.title, c.w-2*t.padX)))
	}
	return float64(n)*t.d.lineHeight() + 2*t.padY
}

// header draws the header row at y.
func (t *table) header() {
	d := t.d
	d.setSize(t.size)
	h := t.headerHeight()
	x := t.x0
	d.setFill(headerRGB)
	d.setDraw(ruleRGB)
	d.pdf.SetLineWidth(0.2)
	for _, c := range t.cols {
		d.pdf.Rect(x, t.y, c.w, h, "FD")
		lines := d.wrap(c.title, c.w-2*t.padX)
		ty := t.y + (h-float64(len(lines))*d.lineHeight())/2
		d.setText(inkRGB)
		d.bold = true
		for _, l := range lines {
			d.textCentered(x+c.w/2, ty, l)
			ty += d.lineHeight()
		}
		d.bold = false
		x += c.w
	}
	t.y += h
	t.started = true
}

// page starts a new page with the header row.
func (t *table) page() {
	t.newPage()
	t.y = t.top
	t.header()
}

// ensure makes room for h mm (plus the header on a fresh page); it starts
// a new page when what is left is too short.
func (t *table) ensure(h float64) {
	need := h
	if !t.started {
		need += t.headerHeight()
	}
	if t.y+need > t.bottom {
		t.page()
		return
	}
	if !t.started {
		t.header()
	}
}

// row prints one row of cells, wrapping each to its column. A row that
// does not fit on the rest of the page moves to the next one when it is
// short, and is split over pages when it is long.
func (t *table) row(cells []string) {
	d := t.d
	d.setSize(t.size)
	lh := d.lineHeight()
	wrapped := t.wrapCells(cells)
	n := 1
	for _, w := range wrapped {
		n = max(n, len(w))
	}
	if !t.started {
		t.ensure(lh + 2*t.padY)
	}
	pageLines := int((t.bottom - t.top - t.headerHeight() - 2*t.padY) / lh)
	room := int((t.bottom - t.y - 2*t.padY) / lh)
	if room < n && (n <= pageLines/3 || room < 3) {
		t.page()
	}
	var cont [][]string
	from := 0
	for from < n {
		room = max(1, int((t.bottom-t.y-2*t.padY)/lh))
		part := min(n-from, room)
		if from == 0 {
			t.drawPart(wrapped, 0, part)
		} else {
			if cont == nil {
				// A continued row repeats the number and the name (marked
				// 续) and goes on with the last column.
				c := make([]string, len(cells))
				c[0] = cells[0]
				if len(cells) > 2 {
					c[1] = cells[1] + "（续）"
				}
				cont = t.wrapCells(c)
				cont[len(cont)-1] = wrapped[len(wrapped)-1]
			}
			t.drawPart(cont, from, part)
		}
		from += part
		if from < n {
			t.page()
		}
	}
}

func (t *table) wrapCells(cells []string) [][]string {
	out := make([][]string, len(t.cols))
	for i, c := range t.cols {
		switch {
		case i >= len(cells) || cells[i] == "":
		case strings.Contains(cells[i], listSep):
			out[i] = t.d.wrapItems("", strings.Split(strings.TrimPrefix(cells[i], listSep), listSep), c.w-2*t.padX)
		default:
			out[i] = t.d.wrap(cells[i], c.w-2*t.padX)
		}
	}
	return out
}

// drawPart draws count lines of a row: for the last column the lines from
// from on, for the others their first lines (on a continuation those are
// the repeated cells).
func (t *table) drawPart(wrapped [][]string, from, count int) {
	d := t.d
	lh := d.lineHeight()
	h := float64(count)*lh + 2*t.padY
	x := t.x0
	d.setDraw(ruleRGB)
	d.pdf.SetLineWidth(0.2)
	for i, c := range t.cols {
		d.pdf.Rect(x, t.y, c.w, h, "D")
		lines := wrapped[i]
		start := 0
		if i == len(t.cols)-1 || from == 0 {
			start = from
		}
		var show []string
		if start < len(lines) {
			show = lines[start:min(len(lines), start+count)]
		}
		d.setText(inkRGB)
		ty := t.y + t.padY
		for _, l := range show {
			switch c.align {
			case 'C':
				d.textCentered(x+c.w/2, ty, l)
			case 'R':
				d.textRight(x+c.w-t.padX, ty, l)
			default:
				d.textTop(x+t.padX, ty, l)
			}
			ty += lh
		}
		x += c.w
	}
	t.y += h
}

// pageFooter draws the rule and footer line of a document page: left on
// the left, right on the right.
func pageFooter(d *doc, pageW, pageH float64, left, right string) {
	y := pageH - pageMargin - footerBlock + 3
	d.setDraw(ruleRGB)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(pageMargin, y, pageW-pageMargin, y)
	d.setText(greyRGB)
	d.setSize(footerPt)
	d.textTop(pageMargin, y+1.2, left)
	d.textRight(pageW-pageMargin, y+1.2, right)
}
