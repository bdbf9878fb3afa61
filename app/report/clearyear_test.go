package report

import (
	"testing"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// TestClearYearFollowsScenario: one primary school of six grades of 113
// pupils in 2 classes (57 + 56: 大班额) in its 12 classrooms. Without a
// plan it never clears; a scenario adding 6 classrooms in 2028 clears it
// in 2028 (113 in 3 classes → 38 + 38 + 37), not before.
func TestClearYearFollowsScenario(t *testing.T) {
	d := &model.District{Name: "x", Schools: []model.School{{ID: "A", Name: "城关一小", Level: model.LevelPrimary, Classrooms: 12}}}
	for y := 2021; y <= 2025; y++ {
		for g := model.Grade(1); g <= 6; g++ {
			d.History = append(d.History, model.Enrollment{School: "A", Year: y, Grade: g, Students: 113, Classes: 2})
		}
	}
	s := app.NewSession(d, "", app.Project)
	clear := func() int {
		rows, err := LedgerRows(s, 2025)
		if err != nil || len(rows) != 1 {
			t.Fatalf("rows %+v, %v", rows, err)
		}
		return rows[0].ClearYear
	}
	if got := clear(); got != 0 {
		t.Errorf("without a plan: clear year %d, want 0", got)
	}
	rooms := 18
	if err := s.NewScenario("扩建", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Do(app.At(2028, &app.SchoolEdit{ID: "A", Classrooms: &rooms})); err != nil {
		t.Fatal(err)
	}
	if got := clear(); got != 2028 {
		t.Errorf("扩建 in 2028: clear year %d, want 2028", got)
	}
}
