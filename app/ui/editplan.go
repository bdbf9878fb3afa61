package ui

// The 项目时间表's 改年份/投资 dialog: the effective year and the planned
// investment (投资, 万元) of one edit of the scenario on display.

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// askEditYear asks a new year and planned investment for edit i of the
// scenario on display (the 项目时间表's 改年份/投资; a closure's year is
// its last year open). On the base district, which keeps no plans, the
// investment field is disabled.
func (w *mainWindow) askEditYear(win fyne.Window, i int) {
	year := newYearEntry(w.sess.EditYear(i))
	cost := newCostEntry(w.sess.EditCost(i))
	costItem := widget.NewFormItem(lang.X("scenario.timeline.cost", "投资（万元）"), cost)
	if w.sess.CurrentScenario() == "" {
		cost.Disable()
		costItem.HintText = lang.X("scenario.timeline.cost.base", "投资额属于规划项目，请在方案中填写")
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.X("scenario.timeline.year", "生效年份（撤并为最后办学年份）"), year), costItem}
	d := dialog.NewForm(lang.X("scenario.timeline.reschedule", "修改年份和投资"), lang.X("scenario.ok", "确定"), lang.X("scenario.cancel", "取消"), items,
		func(ok bool) {
			if !ok {
				return
			}
			y, err := parsePlanYear(year.Text)
			c, err2 := parseCost(cost.Text)
			if err == nil {
				err = err2
			}
			if err == nil && y != w.sess.EditYear(i) {
				err = w.sess.Reschedule(i, y)
			}
			if err == nil && c != w.sess.EditCost(i) {
				err = w.sess.SetEditCost(i, c)
			}
			if err != nil {
				dialog.ShowError(translatedError{err}, win)
			}
		}, win)
	d.Resize(fitDialog(win, 480, 0))
	d.Show()
}

// newCostEntry is the investment field (万元), empty for none.
func newCostEntry(wan float64) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(lang.X("scenario.timeline.cost.placeholder", "空 = 未填"))
	if wan > 0 {
		e.SetText(strconv.FormatFloat(wan, 'f', -1, 64))
	}
	e.Validator = func(s string) error { _, err := parseCost(s); return err }
	return e
}

// parseCost reads an investment in 万元: 0 when empty; thousands
// separators and a trailing 万元 are allowed.
func parseCost(s string) (float64, error) {
	s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "万元"), "万")
	s = strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(s), ",", ""), "，", "")
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v > 1e7 || math.IsNaN(v) {
		return 0, fmt.Errorf("%s", lang.X("scenario.timeline.cost.bad", "投资须为以万元计的数字，如 1200，或留空"))
	}
	return v, nil
}
