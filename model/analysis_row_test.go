package model

import "testing"

// TestRowShowsKindergartenStage: a kindergarten with 337 pupils in 13
// classes and 420 approved places has K–9 fields 0/unknown; its table row
// shows 337, 13, 420 seats and a gap of 337 − 420 = −83. A primary
// school's row is itself.
func TestRowShowsKindergartenStage(t *testing.T) {
	k := SchoolResult{Level: LevelKindergarten, Kindergarten: &StageResult{Students: 337, Classes: 13, ClassesNeeded: 13, Seats: 420, SeatGap: -83}}
	r := k.Row()
	if r.Students != 337 || r.Classes != 13 || r.Capacity != 420 || r.SeatGap != -83 || !r.CapacitySource.Known() {
		t.Errorf("kindergarten row: %+v", r)
	}
	if k.Students != 0 || k.CapacitySource.Known() {
		t.Errorf("Row changed the result itself: %+v", k)
	}
	p := SchoolResult{Level: LevelPrimary, Students: 500, Capacity: 450, SeatGap: 50, CapacitySource: CapacityExplicit}
	if got := p.Row(); got.Students != 500 || got.Capacity != 450 || got.SeatGap != 50 {
		t.Errorf("primary row changed: %+v", got)
	}
}
