package app

import (
	"strings"
	"testing"

	"github.com/xuequ/xuequ/model"
)

func TestSetSchoolLevel(t *testing.T) {
	s := sampleSession(t)
	school := s.District().Schools[0]
	if err := s.Do(SetSchoolLevel(school.ID, model.LevelOther)); err != nil {
		t.Fatal(err)
	}
	if got := s.District().School(school.ID).Level; got != model.LevelOther {
		t.Fatalf("level after Do %v", got)
	}
	for _, r := range s.Analysis().Schools {
		if r.School == school.ID && r.OversizedSchool {
			t.Error("an 'other' school is outside the K-9 rules")
		}
	}
	l := s.UndoLabel()
	if l.Key != "app.label.set_school_level" || !strings.Contains(l.String(), school.Name) || !strings.Contains(l.String(), "other") {
		t.Errorf("undo label %+v %q", l, l.String())
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := s.District().School(school.ID); got.Level != school.Level || got.Name != school.Name {
		t.Errorf("after undo %+v, want level %v", got, school.Level)
	}
	if err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	if got := s.District().School(school.ID).Level; got != model.LevelOther {
		t.Errorf("level after redo %v", got)
	}
	// A scenario keeps the edit (as a school edit of the level).
	data, err := encodeEdits([]Command{SetSchoolLevel(school.ID, model.LevelNineYear)})
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeEdits(data)
	if err != nil || len(back) != 1 {
		t.Fatalf("decode %v %v", back, err)
	}
	if e, ok := back[0].(*SchoolEdit); !ok || e.Level == nil || *e.Level != model.LevelNineYear || e.ID != school.ID {
		t.Errorf("decoded %#v", back[0])
	}

	if err := s.Do(SetSchoolLevel("nope", model.LevelPrimary)); err == nil {
		t.Error("an unknown school must be refused")
	}
	if err := s.Do(SetSchoolLevel(school.ID, model.Level(99))); err == nil {
		t.Error("an invalid level must be refused")
	}
}
