package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

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
	test.Tap(findButton(t, v, "改年份…"))
	if v.cells[1][0] != "2026" || v.cells[2][0] != "2027" || v.cells[2][1] != "新建学校 滨江小学" || sess.EditYear(1) != 2027 {
		t.Errorf("after 改年份: %v", v.cells)
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
