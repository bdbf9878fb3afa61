package assign

import (
	"testing"

	"github.com/xuequ/xuequ/model"
)

// A district imported from GIS layers only: no history, and only one of
// three primary schools with seats. The two whose capacity is unknown are
// not 0-seat schools: they take the zones next to them, are never over
// capacity, and the school with seats is not flooded by their pupils.
func TestUnknownCapacityWithoutHistory(t *testing.T) {
	d := gridDistrict(6, 1, 100,
		school("A", model.LevelPrimary, 0, centre(0, 0)),
		school("B", model.LevelPrimary, 250, centre(2, 0)),
		school("C", model.LevelPrimary, 0, centre(5, 0)))
	d.Zones[4].PrimaryAge, d.Zones[4].PrimaryAgeKnown = 0, true // a known 0
	for _, m := range []Method{MethodNearest, MethodOptimal} {
		r, err := Assign(d, Options{Stage: model.LevelPrimary, Method: m})
		if err != nil {
			t.Fatal(err)
		}
		if r.CapacityUnknown != 2 || r.Capacity != 250 || r.Demand != 500 {
			t.Errorf("%s: unknown %d capacity %d demand %d", m, r.CapacityUnknown, r.Capacity, r.Demand)
		}
		if r.Checks.OverCapacity != 0 {
			t.Errorf("%s: %d schools over capacity: %+v", m, r.Checks.OverCapacity, r.Schools)
		}
		got := schoolsOf(r)
		want := map[string]string{"Z0_0": "A", "Z2_0": "B", "Z5_0": "C"}
		for z, s := range want {
			if got[z] != s {
				t.Errorf("%s: %s → %s, want %s (nearest, whatever the unknown seats)", m, z, got[z], s)
			}
		}
		for _, s := range r.Schools {
			if s.CapacityUnknown == (s.School == "B") {
				t.Errorf("%s: %s CapacityUnknown %v", m, s.School, s.CapacityUnknown)
			}
		}
	}
}

// A school with classrooms but no capacity has 45 seats per room.
func TestClassroomSeatsWithoutHistory(t *testing.T) {
	d := gridDistrict(2, 1, 100, school("A", model.LevelPrimary, 0, centre(0, 0)))
	d.Schools[0].Classrooms = 2
	p, err := Prepare(d, model.LevelPrimary, 0)
	if err != nil {
		t.Fatal(err)
	}
	if s := p.Schools[0]; s.Capacity != 90 || s.CapacityUnknown {
		t.Errorf("%+v", s)
	}
}
