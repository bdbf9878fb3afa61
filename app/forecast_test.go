package app

import (
	"testing"

	"github.com/xuequ/xuequ/model"
)

// crowded is one primary school whose six grades of about 113 pupils sit in
// two classes each (57 + 56: 大班额) in all of its 12 classrooms.
func crowded() *model.District {
	d := &model.District{Schools: []model.School{{ID: "A", Name: "城关一小", Level: model.LevelPrimary, Classrooms: 12}}}
	for y := 2021; y <= 2025; y++ {
		for g := model.Grade(1); g <= 6; g++ {
			d.History = append(d.History, model.Enrollment{School: "A", Year: y, Grade: g, Students: 113, Classes: 2})
		}
	}
	return d
}

func TestProjectionUsesSpareClassrooms(t *testing.T) {
	s := NewSession(crowded(), "", Project)
	large := func() int { a := s.AnalysisFor(2027); return a.Summary.Large + a.Summary.VeryLarge }
	if large() != 12 {
		t.Fatalf("no spare rooms: %d large classes in 2027, want 12", large())
	}
	// Building 6 classrooms (扩建) opens a third class in every grade:
	// 113 in 3 → 38 + 38 + 37, all standard.
	rooms := 18
	if err := s.Do(&SchoolEdit{ID: "A", Classrooms: &rooms}); err != nil {
		t.Fatal(err)
	}
	if large() != 0 {
		t.Errorf("after 扩建: %d large classes in 2027, want 0", large())
	}
	a := s.AnalysisFor(2027)
	if r := a.Schools[0]; r.Classes != 18 || r.Grades[0].Status != model.StatusStandard {
		t.Errorf("2027 after 扩建: %d classes, grade 1 %v", r.Classes, r.Grades[0].Status)
	}
	// Three spare rooms go to the three grades with the largest classes,
	// never beyond what the standard needs.
	rooms = 15
	s.Do(&SchoolEdit{ID: "A", Classrooms: &rooms})
	if got := s.AnalysisFor(2027).Schools[0].Classes; got != 15 {
		t.Errorf("15 classrooms: %d classes in use", got)
	}
	// History is what happened: it never changes.
	if got := s.AnalysisFor(2025).Schools[0].Classes; got != 12 {
		t.Errorf("2025 history shows %d classes", got)
	}
}
