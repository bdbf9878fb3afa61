package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app"
)

// TestTimelineTranslations: the timeline view's and the year field's keys
// are in both timeline.*.json files.
func TestTimelineTranslations(t *testing.T) {
	if n := checkTranslations(t, "timeline", "timeline.go", "edityear.go"); n < 8 {
		t.Fatalf("found only %d keys", n)
	}
}

// TestTimelineView: a scenario's edits are listed by effective year with
// the seats they add; the view follows new edits.
func TestTimelineView(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	if err := sess.NewScenario("规划", ""); err != nil {
		t.Fatal(err)
	}
	v := NewTimelineView(sess)
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(640, 300))
	if len(v.cells) != 1 || v.title.Text != "规划 项目时间表" {
		t.Fatalf("empty scenario: %v %q", v.cells, v.title.Text)
	}
	capacity := 900
	if err := sess.Do(app.At(2026, &app.SchoolEdit{ID: "S2", Capacity: &capacity})); err != nil {
		t.Fatal(err)
	}
	if err := sess.Do(&app.OpenSchool{ID: "N001", Name: "滨江小学", Level: 2, Location: [2]float64{110, 30}, Capacity: 540}); err != nil {
		t.Fatal(err)
	}
	if len(v.cells) != 3 {
		t.Fatalf("rows %v", v.cells)
	}
	if got := v.cells[1][:3]; !slices.Equal(got, []string{"自始", "新建学校 滨江小学", "+540"}) {
		t.Errorf("first row %v", got)
	}
	if got := v.cells[2][:3]; !slices.Equal(got, []string{"2026", "修改学校 城关中学", "+300"}) {
		t.Errorf("second row %v", got)
	}
	// The first row's 改年份 moves the opening (edit 1) to 2027: the rows
	// reorder by year.
	v.OnReschedule = func(edit int) {
		if err := sess.Reschedule(edit, 2027); err != nil {
			t.Error(err)
		}
	}
	v.Refresh()
	test.Tap(findButton(t, v, "改年份/投资…"))
	if v.cells[1][0] != "2026" || v.cells[2][0] != "2027" || v.cells[2][1] != "新建学校 滨江小学" || sess.EditYear(1) != 2027 {
		t.Errorf("after 改年份: %v", v.cells)
	}

	// Investments show per row, per year and in all.
	if err := sess.SetEditCost(0, 800); err != nil {
		t.Fatal(err)
	}
	if err := sess.SetEditCost(1, 1250.5); err != nil {
		t.Fatal(err)
	}
	if v.cells[1][3] != "800" || v.cells[2][3] != "1,250.5" {
		t.Errorf("cost column %v", v.cells)
	}
	if want := "投资：2026年 800 · 2027年 1,250.5 · 合计 2,050.5 万元"; !strings.HasPrefix(v.note.Text, want) {
		t.Errorf("note %q, want it to start with %q", v.note.Text, want)
	}
}

// The 改年份/投资 dialog sets both; on the base its investment is disabled.
func TestEditPlanDialog(t *testing.T) {
	w := newTestWindow(t)
	if err := w.sess.NewScenario("规划", ""); err != nil {
		t.Fatal(err)
	}
	capacity := 900
	if err := w.sess.Do(app.At(2026, &app.SchoolEdit{ID: w.sess.District().Schools[0].ID, Capacity: &capacity})); err != nil {
		t.Fatal(err)
	}
	w.askEditYear(w.win, 0)
	var entries []*widget.Entry
	for _, o := range test.LaidOutObjects(w.win.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok {
			entries = append(entries, e)
		}
	}
	if len(entries) != 2 || entries[1].Disabled() {
		t.Fatalf("%d fields", len(entries))
	}
	entries[0].SetText("2028")
	entries[1].SetText("1,200 万元")
	tapButton(t, w, "确定")
	if w.sess.EditYear(0) != 2028 || w.sess.EditCost(0) != 1200 {
		t.Errorf("year %d cost %v", w.sess.EditYear(0), w.sess.EditCost(0))
	}
	for _, bad := range []string{"-5", "abc"} {
		if _, err := parseCost(bad); err == nil {
			t.Errorf("cost %q accepted", bad)
		}
	}
}

func TestParsePlanYear(t *testing.T) {
	cases := []struct {
		in   string
		want int
		ok   bool
	}{{"", 0, true}, {" 2028 ", 2028, true}, {"2028年", 2028, true}, {"28", 0, false}, {"明年", 0, false}, {"3000", 0, false}}
	for _, c := range cases {
		got, err := parsePlanYear(c.in)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("%q → %d, %v", c.in, got, err)
		}
	}
}
