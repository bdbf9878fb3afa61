package ui

// Sparkline: a small line chart without axes, used by the school detail
// panel for total enrollment over all years.
//
//	NewSparkline() *Sparkline
//	(*Sparkline).SetData(values []float64, split int)
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

func (r *sparklineRenderer) MinSize() fyne.Size { return fyne.NewSize(120, 40) }

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
	w, h := r.size.Width-2*pad, r.size.Height-2*pad
	point := func(i int) fyne.Position {
		x := pad + w/2
		if len(v) > 1 {
			x = pad + w*float32(i)/float32(len(v)-1)
		}
		y := pad + h/2
		if hi > lo {
			y = pad + h*float32((hi-v[i])/(hi-lo))
		}
		return fyne.NewPos(x, y)
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
