package render

import (
	"image"
	"image/color"
	"math"
	"strconv"
)

// decoLayout is where the legend, scale bar and north arrow go, computed
// before the labels so that labels keep clear of them.
type decoLayout struct {
	legend, scale, north image.Rectangle
	scaleMetres          float64
	scalePx              float32
	scaleText            string
}

var (
	panelFill   = color.NRGBA{0xff, 0xff, 0xff, 0xe8}
	panelBorder = color.NRGBA{0x90, 0x90, 0x90, 0xff}
	inkColor    = color.NRGBA{0x21, 0x21, 0x21, 0xff}
	noHalo      = color.NRGBA{}
	whiteHalo   = color.NRGBA{0xff, 0xff, 0xff, 0xd0}
)

// Legend metrics at ratio 1, pixels.
const (
	legendPad     = 8
	legendRow     = 19
	legendKey     = 22 // key column width
	legendText    = 12
	legendTitle   = 13
	decoMargin    = 10
	scaleMaxWidth = 120
)

// NiceScale returns the largest "nice" distance (1, 2 or 5 × 10^k metres)
// not above maxMetres; 0 for maxMetres ≤ 0.
func NiceScale(maxMetres float64) float64 {
	if !(maxMetres > 0) || math.IsInf(maxMetres, 0) {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(maxMetres)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= maxMetres*(1+1e-9) {
			return m * p
		}
	}
	return p
}

// FormatDistance writes a distance in metres with the given units:
// 500 → "500 米", 2000 → "2 公里", 2500 → "2.5 公里".
func FormatDistance(metres float64, metreUnit, kmUnit string) string {
	if metres >= 1000 {
		return strconv.FormatFloat(metres/1000, 'f', -1, 64) + " " + kmUnit
	}
	return strconv.FormatFloat(metres, 'f', -1, 64) + " " + metreUnit
}

func (r *Renderer) layoutDecorations(dst *image.RGBA, v View, st *Style, ratio float64) decoLayout {
	var d decoLayout
	b := dst.Bounds()
	mg := int(decoMargin * ratio)
	if st.Legend != nil && (st.Legend.Title != "" || len(st.Legend.Entries) > 0) {
		w, h := r.legendSize(st.Legend, ratio)
		d.legend = image.Rect(b.Min.X+mg, b.Max.Y-mg-h, b.Min.X+mg+w, b.Max.Y-mg)
	}
	if st.ScaleBar {
		g := v.GroundResolution()
		d.scaleMetres = NiceScale(scaleMaxWidth * ratio * g)
		if d.scaleMetres > 0 {
			d.scalePx = float32(d.scaleMetres / g)
			d.scaleText = FormatDistance(d.scaleMetres, st.MetreUnit, st.KilometreUnit)
			f := r.face(legendText * ratio)
			tw := int(math.Ceil(float64(f.measure(d.scaleText)))) / 2
			w := int(math.Ceil(float64(d.scalePx))) + int(16*ratio) + tw
			h := int(math.Ceil(float64(f.height))) + int(18*ratio)
			d.scale = image.Rect(b.Max.X-mg-w, b.Max.Y-mg-h, b.Max.X-mg, b.Max.Y-mg)
		}
	}
	if st.NorthArrow {
		w, h := int(26*ratio), int(46*ratio)
		d.north = image.Rect(b.Max.X-mg-w, b.Min.Y+mg, b.Max.X-mg, b.Min.Y+mg+h)
	}
	return d
}

func (r *Renderer) legendSize(l *Legend, ratio float64) (w, h int) {
	tf, ef := r.face(legendTitle*ratio), r.face(legendText*ratio)
	tw := float64(tf.measure(l.Title))
	ew := 0.0
	for _, e := range l.Entries {
		ew = math.Max(ew, float64(ef.measure(e.Text)))
	}
	w = int(math.Ceil(math.Max(tw, legendKey*ratio+ew) + 2*legendPad*ratio))
	h = int(math.Ceil(2*legendPad*ratio + float64(len(l.Entries))*legendRow*ratio))
	if l.Title != "" {
		h += int(math.Ceil(legendRow*ratio + 2*ratio))
	}
	return w, h
}

func (r *Renderer) drawDecorations(dst *image.RGBA, v View, st *Style, ratio float64, d decoLayout) {
	clip := dst.Bounds()
	if !d.legend.Empty() {
		r.drawLegend(dst, st.Legend, d.legend, clip, ratio)
	}
	if !d.scale.Empty() {
		r.drawScaleBar(dst, d, clip, ratio)
	}
	if !d.north.Empty() {
		r.drawNorth(dst, st.NorthLabel, d.north, clip, ratio)
	}
}

// panel draws a white rounded-looking box with a thin border.
func (r *Renderer) panel(dst *image.RGBA, b, clip image.Rectangle, ratio float64) {
	fillRect(dst, b.Intersect(clip), premul(panelFill))
	x0, y0, x1, y1 := float32(b.Min.X)+0.5, float32(b.Min.Y)+0.5, float32(b.Max.X)-0.5, float32(b.Max.Y)-0.5
	r.main().segs = append(r.main().segs[:0], seg{x0, y0, x1, y0}, seg{x1, y0, x1, y1}, seg{x1, y1, x0, y1}, seg{x0, y1, x0, y0})
	r.main().strokeSegments(dst, r.main().segs, ratio, clip, premul(panelBorder))
}

func (r *Renderer) drawLegend(dst *image.RGBA, l *Legend, b, clip image.Rectangle, ratio float64) {
	r.panel(dst, b, clip, ratio)
	pad, row := float32(legendPad*ratio), float32(legendRow*ratio)
	x, y := float32(b.Min.X)+pad, float32(b.Min.Y)+pad
	if l.Title != "" {
		tf := r.face(legendTitle * ratio)
		r.drawText(dst, tf, x, y+(row-tf.height)/2+tf.ascent, l.Title, inkColor, noHalo)
		y += row + float32(2*ratio)
	}
	ef := r.face(legendText * ratio)
	k := float32(ratio)
	for _, e := range l.Entries {
		cx, cy := x+7*k, y+row/2
		switch e.Symbol {
		case SymbolSwatch:
			r.main().path.reset()
			r.main().path.add(cx-7*k, cy-5*k)
			r.main().path.add(cx+7*k, cy-5*k)
			r.main().path.add(cx+7*k, cy+5*k)
			r.main().path.add(cx-7*k, cy+5*k)
			r.main().path.closeRing()
			r.main().fillAA(dst, &r.main().path, clip, premul(e.Color))
			r.main().segs = append(r.main().segs[:0], seg{cx - 7*k, cy - 5*k, cx + 7*k, cy - 5*k}, seg{cx + 7*k, cy - 5*k, cx + 7*k, cy + 5*k},
				seg{cx + 7*k, cy + 5*k, cx - 7*k, cy + 5*k}, seg{cx - 7*k, cy + 5*k, cx - 7*k, cy - 5*k})
			r.main().strokeSegments(dst, r.main().segs, 0.8*ratio, clip, premul(color.NRGBA{0x55, 0x55, 0x55, 0xc0}))
		case SymbolLine:
			r.main().segs = append(r.main().segs[:0], seg{cx - 7*k, cy, cx + 7*k, cy})
			r.main().strokeSegments(dst, r.main().segs, 2.2*ratio, clip, premul(e.Color))
		default:
			rad := 5 * k
			r.main().symbolPath(e.Symbol, cx, cy, rad+k)
			r.main().fillAA(dst, &r.main().path, clip, premul(color.NRGBA{0x26, 0x32, 0x38, 0xff}))
			r.main().symbolPath(e.Symbol, cx, cy, rad)
			r.main().fillAA(dst, &r.main().path, clip, premul(e.Color))
		}
		r.drawText(dst, ef, x+legendKey*k, y+(row-ef.height)/2+ef.ascent, e.Text, inkColor, noHalo)
		y += row
	}
}

// drawScaleBar draws a two-part black/white bar of d.scalePx pixels with
// "0" and the distance under its ends, on a light panel.
func (r *Renderer) drawScaleBar(dst *image.RGBA, d decoLayout, clip image.Rectangle, ratio float64) {
	k := float32(ratio)
	f := r.face(legendText * ratio)
	fillRect(dst, d.scale.Intersect(clip), premul(color.NRGBA{0xff, 0xff, 0xff, 0xb0}))
	x0 := float32(d.scale.Min.X) + 8*k
	y0 := float32(d.scale.Min.Y) + 6*k
	barH := 5 * k
	half := d.scalePx / 2
	rect := func(x, y, w, h float32, c color.NRGBA) {
		r.main().path.reset()
		r.main().path.add(x, y)
		r.main().path.add(x+w, y)
		r.main().path.add(x+w, y+h)
		r.main().path.add(x, y+h)
		r.main().path.closeRing()
		r.main().fillAA(dst, &r.main().path, clip, premul(c))
	}
	rect(x0-k, y0-k, d.scalePx+2*k, barH+2*k, inkColor)
	rect(x0, y0, half, barH, inkColor)
	rect(x0+half, y0, d.scalePx-half, barH, color.NRGBA{0xff, 0xff, 0xff, 0xff})
	ty := y0 + barH + 4*k + f.ascent
	r.drawText(dst, f, x0-f.measure("0")/2, ty, "0", inkColor, whiteHalo)
	r.drawText(dst, f, x0+d.scalePx-f.measure(d.scaleText)/2, ty, d.scaleText, inkColor, whiteHalo)
}

// drawNorth draws a north arrow: a split arrowhead, dark on the left and
// white on the right, under the label.
func (r *Renderer) drawNorth(dst *image.RGBA, label string, b, clip image.Rectangle, ratio float64) {
	k := float32(ratio)
	f := r.face(legendTitle * ratio)
	cx := float32(b.Min.X+b.Max.X) / 2
	top := float32(b.Min.Y)
	if label != "" {
		r.drawText(dst, f, cx-f.measure(label)/2, top+f.ascent, label, inkColor, whiteHalo)
		top += f.height + 2*k
	}
	bot := float32(b.Max.Y)
	w := 9 * k
	notch := bot - 7*k
	tri := func(pts [3][2]float32, c color.NRGBA) {
		r.main().path.reset()
		for _, p := range pts {
			r.main().path.add(p[0], p[1])
		}
		r.main().path.closeRing()
		r.main().fillAA(dst, &r.main().path, clip, premul(c))
	}
	// A dark outline under both halves, then the halves.
	r.main().path.reset()
	r.main().path.add(cx, top-1.5*k)
	r.main().path.add(cx-w-1.2*k, bot+0.8*k)
	r.main().path.add(cx, notch-1.2*k)
	r.main().path.add(cx+w+1.2*k, bot+0.8*k)
	r.main().path.closeRing()
	r.main().fillAA(dst, &r.main().path, clip, premul(inkColor))
	tri([3][2]float32{{cx, top}, {cx - w, bot}, {cx, notch}}, inkColor)
	tri([3][2]float32{{cx, top + 1.5*k}, {cx + w - 1.2*k, bot - 1.2*k}, {cx, notch - 0.2*k}}, color.NRGBA{0xff, 0xff, 0xff, 0xff})
}
