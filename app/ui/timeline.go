package ui

// 项目 timeline of a scenario: what happens in which year (新建, 扩建,
// 撤并, 划片), the seats each adds, and the district's 大班额 classes and
// seat shortage that year, with the first projected year without 大班额.
//
//	NewTimelineView(sess *app.Session) *TimelineView

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app"
)

// TimelineView lists the edits of the scenario on display by year.
type TimelineView struct {
	widget.BaseWidget

	sess  *app.Session
	title *widget.Label
	grid  *fyne.Container
	note  *widget.Label
	cells [][]string // last rendered table, row-major incl. header (for tests)
	// OnReschedule, when set, adds a 改年份 button to each row: it is
	// called with the edit's index (app.TimelineItem.Edit).
	OnReschedule func(edit int)
}

// NewTimelineView builds the view on sess; it follows sess's changes.
func NewTimelineView(sess *app.Session) *TimelineView {
	v := &TimelineView{sess: sess}
	v.ExtendBaseWidget(v)
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.note = widget.NewLabel("")
	v.note.Wrapping = fyne.TextWrapWord
	v.grid = container.NewGridWithColumns(len(timelineColumns()) + 1)
	v.load()
	sess.OnChange(v.Refresh)
	return v
}

// CreateRenderer stacks the title, the table and the note.
func (v *TimelineView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(v.title, v.note, nil, nil, container.NewVScroll(v.grid)))
}

// Refresh reloads the timeline.
func (v *TimelineView) Refresh() {
	v.load()
	v.BaseWidget.Refresh()
}

func timelineColumns() []string {
	return []string{
		lang.X("timeline.col.year", "年份"), lang.X("timeline.col.edit", "项目"), lang.X("timeline.col.seats", "新增学位"),
		lang.X("timeline.col.large", "当年大班额班数"), lang.X("timeline.col.shortage", "当年学位缺口"),
	}
}

func (v *TimelineView) load() {
	v.title.SetText(lang.X("timeline.title", "{{.Name}} 项目时间表", map[string]any{"Name": scenarioLabel(v.sess.CurrentScenario())}))
	v.grid.RemoveAll()
	v.cells = nil
	v.addRow(timelineColumns(), true, nil)
	for _, it := range v.sess.Timeline() {
		year := lang.X("timeline.from_start", "自始")
		if it.Year > 0 {
			year = strconv.Itoa(it.Year)
		}
		large, shortage := "—", "—"
		if it.Year > 0 {
			s := v.sess.AnalysisFor(it.Year).Summary
			large, shortage = strconv.Itoa(s.Large+s.VeryLarge), strconv.Itoa(s.SeatShortage)
		}
		edit := it.Edit
		v.addRow([]string{year, trLabel(it.Label), fmt.Sprintf("%+d", it.Seats), large, shortage}, false, func() {
			if v.OnReschedule != nil {
				v.OnReschedule(edit)
			}
		})
	}
	v.note.SetText(v.clearNote())
}

// clearNote names the first projected year without 大班额.
func (v *TimelineView) clearNote() string {
	first, last := v.sess.YearRange()
	for y := first; y <= last; y++ {
		if !v.sess.Projected(y) {
			continue
		}
		if s := v.sess.AnalysisFor(y).Summary; s.Classes > 0 && s.Large+s.VeryLarge == 0 {
			return lang.X("timeline.clear", "按本方案，{{.Year}}年起全县无大班额。", map[string]any{"Year": y})
		}
	}
	return lang.X("timeline.not_clear", "按本方案，预测期内大班额未能消除。")
}

// addRow adds one row; reschedule (nil for the header) is its 改年份
// button's action.
func (v *TimelineView) addRow(cells []string, header bool, reschedule func()) {
	for i, c := range cells {
		l := widget.NewLabel(c)
		l.TextStyle.Bold = header
		if i != 1 {
			l.Alignment = fyne.TextAlignTrailing
		}
		v.grid.Add(l)
	}
	if reschedule == nil || v.OnReschedule == nil {
		v.grid.Add(widget.NewLabel(""))
	} else {
		v.grid.Add(widget.NewButton(lang.X("timeline.reschedule", "改年份…"), reschedule))
	}
	v.cells = append(v.cells, cells)
}
