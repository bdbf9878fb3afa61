package app

import (
	"strings"
	"testing"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/assign"
)

func catchments(d *model.District) []string {
	out := make([]string, len(d.Zones))
	for i, z := range d.Zones {
		out[i] = z.PrimarySchool + "/" + z.JuniorSchool
	}
	return out
}

func TestReassignUndoRedo(t *testing.T) {
	s := sampleSession(t)
	before := catchments(s.District())
	c := &Reassign{Stage: model.LevelPrimary, Method: assign.MethodOptimal}
	if err := s.Do(c); err != nil {
		t.Fatal(err)
	}
	if c.Result == nil || c.Result.Checks.Unassigned != 0 {
		t.Fatalf("result %+v", c.Result)
	}
	after := catchments(s.District())
	if c.Changed() == 0 {
		t.Error("optimal catchments equal the sample's nearest-school ones")
	}
	for i, z := range s.District().Zones {
		if z.PrimarySchool != c.Result.Assignments[i].School {
			t.Fatalf("zone %s: %s, result says %s", z.ID, z.PrimarySchool, c.Result.Assignments[i].School)
		}
		if !strings.HasSuffix(before[i], "/"+z.JuniorSchool) {
			t.Fatalf("zone %s: junior catchment changed", z.ID)
		}
	}
	if s.UndoLabel().String() != "reassign primary catchments (optimal)" {
		t.Errorf("label %q", s.UndoLabel().String())
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	for i, v := range catchments(s.District()) {
		if v != before[i] {
			t.Fatalf("undo: zone %d is %s, was %s", i, v, before[i])
		}
	}
	if err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	for i, v := range catchments(s.District()) {
		if v != after[i] {
			t.Fatalf("redo: zone %d is %s, want %s", i, v, after[i])
		}
	}
	// Errors leave the district alone.
	for _, bad := range []*Reassign{
		{Stage: model.LevelSenior},
		{Stage: model.LevelPrimary, Method: assign.MethodNetwork},
		{Stage: model.LevelPrimary, Method: assign.MethodCurrent},
	} {
		if err := s.Do(bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	for i, v := range catchments(s.District()) {
		if v != after[i] {
			t.Fatalf("failed edit changed zone %d", i)
		}
	}
}
