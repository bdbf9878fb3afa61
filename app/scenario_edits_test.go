package app

import (
	"errors"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// DecodeEditList refuses what a hand-written edit list gets wrong, naming
// the edit and the field; the year of the timeline is not a typo.
func TestDecodeEditList(t *testing.T) {
	for _, c := range []struct {
		json         string
		index        int
		field, inErr string
	}{
		{`{"version":1,"edits":[{"kind":"close_school","data":{"id":"S1","to":"S2","year":2028}}]}`, -1, "", ""},
		{`not json`, 0, "", "not an edit list"},
		{`{"edits":[]}`, 0, "version", "missing"},
		{`{"version":2,"edits":[]}`, 0, "version", "not a version"},
		{`{"version":1,"edits":[{"kind":"close_school","data":{"id":"S1"}},{"kind":"nope","data":{}}]}`, 2, "kind", "unknown kind"},
		{`{"version":1,"edits":[{"kind":"move_school","data":{"id":"S1","lon":"x","lat":30}}]}`, 1, "lon", "cannot unmarshal"},
		{`{"version":1,"edits":[{"kind":"move_school","data":{"id":"S1","lng":113,"lat":30}}]}`, 1, "lng", "no field"},
		{`{"version":1,"edits":[{"kind":"assign_zones","data":{"zones":["Z1"],"school":"S1","stage":"college"}}]}`, 1, "stage", "unknown level"},
		{`{"version":1,"edits":[{"kind":"close_school","data":[1]}]}`, 1, "data", "object"},
	} {
		cs, err := DecodeEditList([]byte(c.json))
		if c.index < 0 {
			if err != nil || len(cs) != 1 {
				t.Errorf("%s: %v, %d edits", c.json, err, len(cs))
			}
			continue
		}
		var ee *EditError
		if !errors.As(err, &ee) || ee.Index != c.index || ee.Field != c.field || !strings.Contains(err.Error(), c.inErr) {
			t.Errorf("%s: got %v (%+v), want edit %d field %q containing %q", c.json, err, ee, c.index, c.field, c.inErr)
		}
	}
}

// NewScenarioWith copies another scenario's edits, applies the new ones,
// and leaves no trace when one does not apply.
func TestNewScenarioWith(t *testing.T) {
	d := &model.District{Name: "t", Standards: model.DefaultStandards(),
		Schools: []model.School{{ID: "S1", Name: "一小", Level: model.LevelPrimary, Capacity: 500}},
		Zones:   []model.Zone{{ID: "Z1", PrimarySchool: "S1"}}}
	s := NewSession(d, "", nil)
	open := &OpenSchool{Name: "二小", Level: model.LevelPrimary, Capacity: 540, Public: true}
	if err := s.NewScenarioWith("a", "", "", []Command{open}); err != nil {
		t.Fatal(err)
	}
	if err := s.NewScenarioWith("b", "copy", "a", nil); err != nil {
		t.Fatal(err)
	}
	if got := s.Scenarios(); len(got) != 2 || got[1].Edits != 1 || len(s.District().Schools) != 2 {
		t.Fatalf("scenarios %+v, schools %d", got, len(s.District().Schools))
	}
	bad := &AssignZones{Zones: []string{"Z404"}, School: "S1", Stage: model.LevelPrimary}
	seats := 600
	err := s.NewScenarioWith("c", "", "", []Command{&SchoolEdit{ID: "S1", Capacity: &seats}, bad})
	var ee *EditError
	if !errors.As(err, &ee) || ee.Index != 2 || ee.Kind != "assign_zones" {
		t.Fatalf("bad edit: %v", err)
	}
	if len(s.Scenarios()) != 2 || s.CurrentScenario() != "b" {
		t.Errorf("after a refused scenario: %+v, showing %q", s.Scenarios(), s.CurrentScenario())
	}
}
