package ui

// Planning panels of issue 14 (编制, 优质均衡, 学前 and 配套): the tabs over
// the district summary, and what they read.
//
//	newPlanningTabs(w *mainWindow, summary fyne.CanvasObject) *container.AppTabs

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/balance"
	"github.com/xuequ/xuequ/model/estates"
	"github.com/xuequ/xuequ/model/preschool"
	"github.com/xuequ/xuequ/model/staffing"
)

// PlanningSource is what the planning panels read.
type PlanningSource interface {
	District() *model.District
	Year() int
	Projected(year int) bool
	Staffing(year int) staffing.Result
	Balance(year int) balance.Result
	Preschool(year int) preschool.Result
	EstatesIn(year int) []estates.Estate
}

// *app.Session is the usual source.
var _ PlanningSource = (*app.Session)(nil)

// newPlanningTabs puts the district summary and the planning panels in
// tabs; every panel follows the session.
func newPlanningTabs(w *mainWindow, summary fyne.CanvasObject) *container.AppTabs {
	st := NewStaffingPanel(w.sess)
	bal := NewBalancePanel(w.sess)
	pre := NewPreschoolPanel(w.sess, w.openEstateSchool)
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.X("planning.tab.summary", "概况"), summary),
		container.NewTabItem(lang.X("planning.tab.staffing", "编制"), st),
		container.NewTabItem(lang.X("planning.tab.balance", "优质均衡"), bal),
		container.NewTabItem(lang.X("planning.tab.preschool", "学前·配套"), pre),
	)
	w.panels.planning = tabs // refreshed with the other panels on every session change (refreshPanels)
	tabs.OnSelected = func(t *container.TabItem) { t.Content.Refresh() }
	return tabs
}

// projectedMark appends 预测 to a title of a projected year.
func projectedMark(src PlanningSource, title string) string {
	if src.Projected(src.Year()) {
		return title + lang.X("planning.projected", "（预测）")
	}
	return title
}
