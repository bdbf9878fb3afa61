package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// TestScenarioTranslations: every lang.X key of scenarios.go is in both
// scenario.*.json files, the Chinese file repeats the in-code fallback
// (Chinese is the default), and no file has stale keys.
func TestScenarioTranslations(t *testing.T) {
	if n := checkTranslations(t, "scenario", "scenarios.go", "editplan.go"); n < 20 {
		t.Fatalf("found only %d keys", n)
	}
}

func TestScenarioBar(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	b := NewScenarioBar(sess)
	test.NewTempWindow(t, b)
	if got := b.selector.Options; !slices.Equal(got, []string{"基础方案"}) || b.selector.Selected != "基础方案" || !b.rename.Disabled() {
		t.Fatalf("fresh bar: options %v selected %q", got, b.selector.Selected)
	}
	if err := sess.NewScenario("城关一小扩建", ""); err != nil {
		t.Fatal(err)
	}
	if got := b.selector.Options; !slices.Equal(got, []string{"基础方案", "城关一小扩建"}) || b.selector.Selected != "城关一小扩建" ||
		b.rename.Disabled() || b.remove.Disabled() {
		t.Fatalf("after NewScenario: options %v selected %q", got, b.selector.Selected)
	}
	// Choosing in the selector switches the session.
	b.selector.SetSelectedIndex(0)
	if sess.CurrentScenario() != "" {
		t.Errorf("selector did not switch to the base: %q", sess.CurrentScenario())
	}
	b.selector.SetSelectedIndex(1)
	if sess.CurrentScenario() != "城关一小扩建" {
		t.Errorf("selector did not switch to the scenario: %q", sess.CurrentScenario())
	}
	called := false
	b.onCompare = func() { called = true }
	test.Tap(findButton(t, b, "方案对比"))
	if !called {
		t.Error("the compare button does nothing")
	}
}

func TestCompareView(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	if err := sess.NewScenario("城关一小扩建", ""); err != nil {
		t.Fatal(err)
	}
	v := NewCompareView(sess)
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(640, 360))
	header := v.cells[0]
	if len(v.cells) != 1+len(compareRows) || !slices.Equal(header, []string{"", "基础方案", "▶ 城关一小扩建"}) {
		t.Fatalf("table %v", v.cells)
	}
	if v.title.Text != "2023年方案对比" || v.cells[4][0] != "学位缺口" {
		t.Errorf("title %q, row %v", v.title.Text, v.cells[4])
	}
	gap := v.cells[4][1]
	// Expanding the school with the shortage lowers the scenario's column.
	var worst model.SchoolResult
	for _, r := range sess.Analysis().Schools {
		if r.SeatGap > worst.SeatGap {
			worst = r
		}
	}
	capacity := worst.Students + 100
	if err := sess.Do(&app.SchoolEdit{ID: worst.School, Capacity: &capacity}); err != nil {
		t.Fatal(err)
	}
	if v.cells[4][1] != gap || v.cells[4][2] == gap {
		t.Errorf("seat shortage base %s → %s, scenario %s", gap, v.cells[4][1], v.cells[4][2])
	}
	// The year slider's year is the table's year.
	sess.SetYear(2025)
	if v.title.Text != "2025年方案对比（预测）" {
		t.Errorf("title %q", v.title.Text)
	}
	test.AssertRendersToMarkup(t, "compare_2025.xml", w.Canvas())
}

func TestMainWindowScenarios(t *testing.T) {
	w := newTestWindow(t)
	menus := w.menu.Items
	if len(menus) < 3 || menus[2].Label != "方案" {
		t.Fatalf("no 方案 menu: %v", menus)
	}
	for _, item := range menus[2].Items {
		if item.Label == "新建方案…" {
			before := len(w.win.Canvas().Overlays().List())
			item.Action()
			if len(w.win.Canvas().Overlays().List()) <= before {
				t.Error("新建方案… shows no dialog")
			}
		}
	}
	if err := w.sess.NewScenario("新建滨江小学", ""); err != nil {
		t.Fatal(err)
	}
	w.showCompare()
	if w.compareWin == nil {
		t.Fatal("no compare window")
	}
	v, ok := w.compareWin.Content().(*CompareView)
	if !ok || len(v.cells[0]) != 3 {
		t.Fatalf("compare window content %T", w.compareWin.Content())
	}
	// Opening a new school on the base adds a column-independent school.
	c := &app.OpenSchool{Name: "滨江小学", Level: model.LevelPrimary, Location: w.defaultSchoolSite()}
	if err := w.sess.Do(c); err != nil {
		t.Fatal(err)
	}
	if w.sess.District().School(c.ID) == nil || w.sess.CurrentScenario() != "新建滨江小学" {
		t.Error("the new school belongs to the scenario on display")
	}
	// Close the selected school through the menu's dialog.
	w.mapView.SelectSchool("P1")
	before := len(w.win.Canvas().Overlays().List())
	w.showCloseSchool()
	if len(w.win.Canvas().Overlays().List()) <= before {
		t.Error("撤并所选学校… shows no dialog")
	}
	w.compareWin.Close()
}
