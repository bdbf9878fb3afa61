package ui

// Year slider: picks the year under study, from the first history year to
// the last projected year; the label marks projected years "（预测）".
//
//	NewYearSlider(src YearSource) *YearSlider
//
// src is usually the *app.Session. Moving the slider calls src.SetYear.
// Wiring: call (*YearSlider).Refresh from Session.OnChange (a new district
// or an undo can change the range).

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app"
)

// YearSource is what the year slider reads and sets.
type YearSource interface {
	Year() int
	YearRange() (first, last int)
	Projected(year int) bool
	SetYear(year int)
}

// *app.Session is the usual source.
var _ YearSource = (*app.Session)(nil)

// YearSlider is a slider over the session's years with a label.
type YearSlider struct {
	widget.BaseWidget

	src    YearSource
	slider *widget.Slider
	label  *widget.Label
	width  *canvas.Rectangle // keeps the label as wide as its longest text
	quiet  bool              // true while the slider is moved from code
}

// NewYearSlider builds the slider on src.
func NewYearSlider(src YearSource) *YearSlider {
	y := &YearSlider{src: src}
	y.ExtendBaseWidget(y)
	y.label = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	y.width = canvas.NewRectangle(color.Transparent)
	y.slider = widget.NewSlider(0, 1)
	y.slider.Step = 1
	y.slider.OnChanged = y.changed
	y.load()
	return y
}

// CreateRenderer puts the label left of the slider.
func (y *YearSlider) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewStack(y.width, y.label), nil, y.slider))
}

// Refresh re-reads range and year from src.
func (y *YearSlider) Refresh() {
	y.load()
	y.BaseWidget.Refresh()
}

// SetYear moves the slider (and so the session) to year, clamped to the
// range.
func (y *YearSlider) SetYear(year int) { y.slider.SetValue(float64(year)) }

func (y *YearSlider) load() {
	first, last := y.src.YearRange()
	if last < first {
		last = first
	}
	y.quiet = true
	y.slider.Min, y.slider.Max = float64(first), float64(last)
	if first == last {
		y.slider.Disable()
	} else {
		y.slider.Enable()
	}
	y.slider.SetValue(float64(y.src.Year()))
	y.quiet = false
	y.label.SetText(yearText(y.src.Year(), y.src.Projected(y.src.Year())))
	widest := widget.NewLabelWithStyle(yearText(last, true), fyne.TextAlignCenter, y.label.TextStyle)
	y.width.SetMinSize(widest.MinSize())
}

func (y *YearSlider) changed(v float64) {
	year := int(v + 0.5)
	y.label.SetText(yearText(year, y.src.Projected(year)))
	if !y.quiet && year != y.src.Year() {
		y.src.SetYear(year)
	}
}

// yearText is "2024" or "2027（预测）". The label is kept as wide as the
// longest text so that the slider does not jump when the suffix appears.
func yearText(year int, projected bool) string {
	if year == 0 {
		return lang.X("year.none", "无年份")
	}
	if projected {
		return lang.X("year.projected", "{{.Year}}（预测）", map[string]any{"Year": year})
	}
	return strconv.Itoa(year)
}
