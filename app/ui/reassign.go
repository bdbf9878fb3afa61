package ui

// Edit ▸ 重新划片: redraw every catchment of the stage shown, then say what
// changed in the planner's terms — zones and pupils moved, and the seat
// shortage and schools over their seats before → after, the same figures
// as the status bar (this year) and for the next, the fifth and the last
// projected year, where the new catchments take effect year by year.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/assign"
)

// seatFigures are the seat figures the status bar shows for one year.
type seatFigures struct {
	year     int
	shortage int // Σ seat gaps (the status bar's 学位缺口)
	over     int // schools with more pupils than seats
}

func seatFiguresOf(a model.Analysis) seatFigures {
	f := seatFigures{year: a.Year, shortage: a.Summary.SeatShortage}
	for _, r := range a.Schools {
		if r.CapacitySource.Known() && r.SeatGap > 0 {
			f.over++
		}
	}
	return f
}

// reassign redraws the catchments as one undoable edit and shows the result.
func (w *mainWindow) reassign(m assign.Method) {
	if w.sess == nil {
		return
	}
	stage := w.mapView.Stage()
	years := reassignYears(w.sess)
	figures := func() []seatFigures {
		out := make([]seatFigures, len(years))
		for i, y := range years {
			out[i] = seatFiguresOf(w.sess.AnalysisFor(y))
		}
		return out
	}
	before := figures()
	old := map[string]string{}
	for _, z := range w.sess.District().Zones {
		old[z.ID] = z.SchoolFor(stage)
	}
	c := &app.Reassign{Stage: stage, Method: m}
	if err := w.sess.Do(c); err != nil {
		w.showError(err)
		return
	}
	after := figures()
	moved := 0
	for _, a := range c.Result.Assignments {
		if old[a.Zone] != a.School {
			moved += a.Students
		}
	}
	d := dialog.NewCustom(trLabel(c.Label()), lang.X("reassign.close", "关闭"),
		reassignResult(c, moved, before, after), w.win)
	d.Resize(fyne.NewSize(min(560, w.win.Canvas().Size().Width*0.9), 0))
	d.Show()
}

// reassignYears are the years the result compares: the year under study
// (the status bar's), the next one, five years on and the last projected
// year, those that exist.
func reassignYears(s *app.Session) []int {
	cur := s.Year()
	_, last := s.YearRange()
	years := []int{cur}
	for _, y := range []int{cur + 1, cur + 5, last} {
		if y > years[len(years)-1] && y <= last {
			years = append(years, y)
		}
	}
	return years
}

// reassignResult lays the figures out as label : value rows.
func reassignResult(c *app.Reassign, moved int, before, after []seatFigures) fyne.CanvasObject {
	grid := container.NewGridWithColumns(2)
	row := func(label, value string, bad bool) {
		v := widget.NewLabel(value)
		v.Importance = importanceIf(bad)
		grid.Add(widget.NewLabel(label))
		grid.Add(v)
	}
	row(lang.X("reassign.zones", "改变学区的小区"), lang.X("reassign.zones.value", "{{.N}} 个", map[string]any{"N": c.Changed()}), false)
	row(lang.X("reassign.pupils", "这些小区的学生"), lang.X("reassign.pupils.value", "{{.N}} 人", map[string]any{"N": formatInt(float64(moved))}), false)
	for i := range before {
		b, a := before[i], after[i]
		data := map[string]any{"Year": a.year, "Before": formatInt(float64(b.shortage)), "After": formatInt(float64(a.shortage)),
			"OverBefore": b.over, "OverAfter": a.over}
		row(lang.X("reassign.shortage", "{{.Year}}年 学位缺口", data),
			lang.X("reassign.shortage.value", "{{.Before}} → {{.After}}（超出学位的学校 {{.OverBefore}} → {{.OverAfter}} 所）", data),
			a.shortage > b.shortage)
	}
	ch := c.Result.Checks
	row(lang.X("reassign.pieces", "学区不连片的学校"), lang.X("reassign.pieces.value", "{{.N}} 所", map[string]any{"N": ch.NonContiguous}), ch.NonContiguous > 0)
	row(lang.X("reassign.radius", "超出服务半径的小区"), lang.X("reassign.radius.value", "{{.N}} 个（{{.S}} 人）",
		map[string]any{"N": ch.BeyondRadius, "S": formatInt(float64(ch.BeyondRadiusStudents))}), false)
	note := widget.NewLabel(lang.X("reassign.note",
		"新学区只改变今后的新生（一年级、七年级）去向，在校生留在原校，所以本年的学位缺口不变，预测年份逐年体现。可用 Ctrl+Z 撤销。"))
	note.Wrapping = fyne.TextWrapWord
	return container.NewVBox(grid, widget.NewSeparator(), note)
}
