package ui

// Sparkline: a small line chart, used by the school detail panel for
// total enrollment over all years. With SetAxis it gets a value axis (the
// lowest and highest value), the years under it and the values of the
// first, last history and last projected points.
//
//	NewSparkline() *Sparkline
//	(*Sparkline).SetData(values []float64, split int)
//	(*Sparkline).SetAxis(labels []string)   // one x label per value
//
// Values before index split are history and are drawn solid; values from
// split on are projections and are drawn dashed (the segment that joins the
// last history year to the first projected year is dashed too).

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// sparkline geometry in logical pixels.
const (
	sparklineDash   = 4 // length of a dash of the projected part
	sparklineGap    = 3 // gap between dashes
	sparklineStroke = 1.5
)

// Sparkline is a line chart of one series.
type Sparkline struct {
	widget.BaseWidget
	values []float64
	split  int
	labels []string // x labels, one per value (nil: no axes)
}

// SetAxis gives every value an x label (a year) and turns the axes on.
func (s *Sparkline) SetAxis(labels []string) {
	s.labels = append(s.labels[:0], labels...)
	s.Refresh()
}

// NewSparkline returns an empty sparkline.
func NewSparkline() *Sparkline {
	s := &Sparkline{}
	s.ExtendBaseWidget(s)
	return s
}

// SetData replaces the series. split is the index of the first projected
// value (len(values) or more when there is none).
func (s *Sparkline) SetData(values []float64, split int) {
	s.values = append(s.values[:0], values...)
	s.split = split
	s.Refresh()
}

// CreateRenderer returns the sparkline's renderer.
func (s *Sparkline) CreateRenderer() fyne.WidgetRenderer {
	return &sparklineRenderer{spark: s}
}

type sparklineRenderer struct {
	spark   *Sparkline
	size    fyne.Size
	objects []fyne.CanvasObject
}

func (r *sparklineRenderer) Destroy() {}

func (r *sparklineRenderer) MinSize() fyne.Size {
	if r.axes() {
		return fyne.NewSize(200, 96)
	}
	return fyne.NewSize(120, 40)
}

// axes reports whether the axes are drawn (labels set for every value).
func (r *sparklineRenderer) axes() bool {
	return len(r.spark.labels) > 0 && len(r.spark.labels) == len(r.spark.values)
}

func (r *sparklineRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *sparklineRenderer) Layout(size fyne.Size) {
	r.size = size
	r.build()
}

func (r *sparklineRenderer) Refresh() {
	r.build()
	canvas.Refresh(r.spark)
}

// build recreates the line segments for the current size and data.
func (r *sparklineRenderer) build() {
	r.objects = r.objects[:0]
	v := r.spark.values
	if len(v) == 0 || r.size.Width <= 0 || r.size.Height <= 0 {
		return
	}
	col := theme.ColorForWidget(theme.ColorNamePrimary, r.spark)

	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	pad := float32(sparklineStroke + 1)
	left, top, bottom, right := pad, pad, pad, pad
	axes := r.axes()
	var textSize float32
	if axes {
		textSize = theme.SizeForWidget(theme.SizeNameCaptionText, r.spark)
		left = fyne.MeasureText(formatInt(hi), textSize, fyne.TextStyle{}).Width + 6
		top = textSize + 4 // room for the value labels above the line
		bottom = textSize + 6
		right = fyne.MeasureText(formatInt(v[len(v)-1]), textSize, fyne.TextStyle{}).Width/2 + 2
	}
	w, h := r.size.Width-left-right, r.size.Height-top-bottom
	point := func(i int) fyne.Position {
		x := left + w/2
		if len(v) > 1 {
			x = left + w*float32(i)/float32(len(v)-1)
		}
		y := top + h/2
		if hi > lo {
			y = top + h*float32((hi-v[i])/(hi-lo))
		}
		return fyne.NewPos(x, y)
	}
	if axes {
		r.buildAxes(lo, hi, left, top, w, h, textSize, point)
	}
	if len(v) == 1 {
		dot := canvas.NewCircle(col)
		p := point(0)
		dot.Move(p.SubtractXY(2, 2))
		dot.Resize(fyne.NewSquareSize(4))
		r.objects = append(r.objects, dot)
		return
	}
	for i := 1; i < len(v); i++ {
		a, b := point(i-1), point(i)
		if i < r.spark.split {
			r.objects = append(r.objects, sparklineLine(col, a, b))
			continue
		}
		r.objects = append(r.objects, dashedLine(col, a, b)...)
	}
}

// buildAxes draws the value axis with the lowest and highest value, the
// x labels of the first, last history and last point, and the values of
// the last history (bold) and last points above them.
func (r *sparklineRenderer) buildAxes(lo, hi float64, left, top, w, h, size float32, point func(int) fyne.Position) {
	fg := theme.ColorForWidget(theme.ColorNameForeground, r.spark)
	grid := theme.ColorForWidget(theme.ColorNameSeparator, r.spark)
	text := func(s string, x, y float32, align fyne.TextAlign, bold bool) {
		t := canvas.NewText(s, fg)
		t.TextSize = size
		t.TextStyle.Bold = bold
		m := t.MinSize()
		switch align {
		case fyne.TextAlignCenter:
			x -= m.Width / 2
		case fyne.TextAlignTrailing:
			x -= m.Width
		}
		t.Move(fyne.NewPos(max(0, min(x, r.size.Width-m.Width)), y))
		t.Resize(m)
		r.objects = append(r.objects, t)
	}
	axis := canvas.NewLine(grid)
	axis.Position1, axis.Position2 = fyne.NewPos(left-2, top), fyne.NewPos(left-2, top+h)
	base := canvas.NewLine(grid)
	base.Position1, base.Position2 = fyne.NewPos(left-2, top+h+1), fyne.NewPos(left+w, top+h+1)
	r.objects = append(r.objects, axis, base)
	text(formatInt(hi), left-5, top-size/2, fyne.TextAlignTrailing, false)
	if hi > lo {
		text(formatInt(lo), left-5, top+h-size-1, fyne.TextAlignTrailing, false)
	}
	v, labels := r.spark.values, r.spark.labels
	last := len(v) - 1
	ticks := []int{0, last}
	if s := r.spark.split; s > 0 && s < last {
		ticks = append(ticks, s-1) // the last history year
	}
	for _, i := range ticks {
		p := point(i)
		text(labels[i], p.X, top+h+3, fyne.TextAlignCenter, false)
		if i > 0 { // the first value is on the axis or between its two
			text(formatInt(v[i]), p.X, p.Y-size-3, fyne.TextAlignCenter, i != last)
		}
		dot := canvas.NewCircle(theme.ColorForWidget(theme.ColorNamePrimary, r.spark))
		dot.Move(p.SubtractXY(2.5, 2.5))
		dot.Resize(fyne.NewSquareSize(5))
		r.objects = append(r.objects, dot)
	}
}

// dashedLine splits a→b into dashes; the pattern restarts at every point so
// that each projected year reads as its own step.
func dashedLine(col color.Color, a, b fyne.Position) []fyne.CanvasObject {
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	length := math.Hypot(dx, dy)
	if length == 0 {
		return nil
	}
	ux, uy := dx/length, dy/length
	var out []fyne.CanvasObject
	for t := 0.0; t < length; t += sparklineDash + sparklineGap {
		end := math.Min(t+sparklineDash, length)
		p := fyne.NewPos(a.X+float32(ux*t), a.Y+float32(uy*t))
		q := fyne.NewPos(a.X+float32(ux*end), a.Y+float32(uy*end))
		out = append(out, sparklineLine(col, p, q))
	}
	return out
}

func sparklineLine(col color.Color, a, b fyne.Position) *canvas.Line {
	l := canvas.NewLine(col)
	l.StrokeWidth = sparklineStroke
	l.Position1, l.Position2 = a, b
	return l
}
