package report

// toPDF draws the sheet onto the current page of d: paths as PDF paths
// (even-odd fill, so holes stay holes), text as text in the embedded
// subset fonts, so every label can be searched and selected.
func (s *sheet) toPDF(d *doc) {
	for i := range s.items {
		it := &s.items[i]
		if it.isText() {
			d.setText(it.fillRGB)
			d.setSize(it.pt)
			d.bold = it.bold
			d.text(it.x, it.y, it.str)
			d.bold = false
			continue
		}
		pdfPath(d, it)
	}
}

func pdfPath(d *doc, it *sheetItem) {
	if it.fill {
		d.setFill(it.fillRGB)
	}
	if it.stroke {
		d.setDraw(it.inkRGB)
		d.pdf.SetLineWidth(it.lineW)
	}
	if it.alpha > 0 && it.alpha < 1 {
		d.pdf.SetAlpha(it.alpha, "Normal")
		defer d.pdf.SetAlpha(1, "Normal")
	}
	for _, r := range it.rings {
		if len(r) == 0 {
			continue
		}
		d.pdf.MoveTo(r[0].x, r[0].y)
		for _, p := range r[1:] {
			d.pdf.LineTo(p.x, p.y)
		}
		if it.closed {
			d.pdf.ClosePath()
		}
	}
	style := "D"
	switch {
	case it.fill && it.stroke:
		style = "FD*"
	case it.fill:
		style = "F*"
	}
	d.pdf.DrawPath(style)
}
