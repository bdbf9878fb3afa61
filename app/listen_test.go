package app

import (
	"testing"

	"github.com/xuequ/xuequ/model"
)

func TestListenRemove(t *testing.T) {
	s := NewSession(&model.District{Name: "x"}, "", nil)
	a, b := 0, 0
	stopA := s.Listen(func() { a++ })
	var stopB func()
	stopB = s.Listen(func() { b++; stopB() }) // removes itself while notified
	s.SetPath("p")
	s.SetPath("q")
	stopA()
	stopA() // twice is fine
	s.SetPath("r")
	if a != 2 || b != 1 || s.Listeners() != 0 {
		t.Errorf("a=%d b=%d listeners=%d, want 2 1 0", a, b, s.Listeners())
	}
}

func TestHoldRefusesEdits(t *testing.T) {
	d := &model.District{Name: "x", Zones: []model.Zone{{ID: "Z1"}}, Schools: []model.School{{ID: "S1", Level: model.LevelPrimary}}}
	s := NewSession(d, "", nil)
	release := s.Hold()
	if err := s.Do(&AssignZones{Zones: []string{"Z1"}, School: "S1", Stage: model.LevelPrimary}); err == nil {
		t.Error("an edit went through a Hold")
	}
	release()
	release()
	if s.Held() {
		t.Error("still held")
	}
	if err := s.Do(&AssignZones{Zones: []string{"Z1"}, School: "S1", Stage: model.LevelPrimary}); err != nil {
		t.Errorf("after release: %v", err)
	}
}
