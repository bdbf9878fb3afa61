package assign

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/synth"
)

// Stability: six zones of 100 pupils in a row, A at the west end and B at
// the east end, 1000 seats each; today Z0–Z3 go to A. Z3 is 1200 m from A
// and 800 m from B: moving it saves 0.4 km per pupil. A weight of 0.3 km
// lets it move, 0.5 km keeps it (hand-worked: 100 × (1.2 − 0.8) = 40
// pupil-km saved against 100 × 0.5 = 50 charged).
func TestStabilityKeepsCurrentCatchments(t *testing.T) {
	for _, c := range []struct {
		w    float64
		want string
	}{{0, "B"}, {0.3, "B"}, {0.5, "A"}} {
		d := gridDistrict(6, 1, 100,
			school("A", model.LevelPrimary, 1000, centre(0, 0)),
			school("B", model.LevelPrimary, 1000, centre(5, 0)))
		for i := range d.Zones {
			d.Zones[i].PrimarySchool = map[bool]string{true: "A", false: "B"}[i <= 3]
		}
		r, err := Assign(d, Options{Stage: model.LevelPrimary, Stability: c.w})
		if err != nil {
			t.Fatal(err)
		}
		if got := schoolsOf(r)["Z3_0"]; got != c.want {
			t.Errorf("stability %.1f: Z3 → %s, want %s", c.w, got, c.want)
		}
		// The bound is in whole decimetres per pupil: equal up to 1e-4.
		if r.LowerBound > r.Objective*(1+1e-4) || r.Gap > 1e-4 {
			t.Errorf("stability %.1f: bound %.3f objective %.3f gap %v (a row has a whole-zone optimum equal to the flow's)",
				c.w, r.LowerBound, r.Objective, r.Gap)
		}
	}
	if _, err := Assign(rowDistrict(), Options{Stage: model.LevelPrimary, Stability: -1}); err == nil {
		t.Error("a negative stability weight was accepted")
	}
}

// The sample county has rivers: catchments of least travel within the
// seats fall into pieces, and the default draws them connected, each with
// its school's own zone, at a stated cost.
func TestContiguousByDefault(t *testing.T) {
	d := synth.Sample()
	for _, stage := range []model.Level{model.LevelPrimary, model.LevelJunior} {
		loose, err := Assign(d, Options{Stage: stage, AllowPieces: true})
		if err != nil {
			t.Fatal(err)
		}
		tight, err := Assign(d, Options{Stage: stage})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: pieces allowed: cost %.1f objective %.1f bound %.1f gap %.2f %%, %d in pieces; connected: cost %.1f gap %.2f %% (contiguity %.1f)",
			stage, loose.Cost, loose.Objective, loose.LowerBound, 100*loose.Gap, loose.Checks.NonContiguous,
			tight.Cost, 100*tight.Gap, tight.ContiguityCost)
		if tight.Checks.NonContiguous != 0 || !tight.Contiguous {
			t.Errorf("%s: %d catchments in pieces by default", stage, tight.Checks.NonContiguous)
		}
		if tight.LowerBound != loose.LowerBound || tight.LowerBound > tight.Objective*(1+1e-4) || loose.LowerBound > loose.Objective*(1+1e-4) {
			t.Errorf("%s: bounds %.1f / %.1f, objectives %.1f / %.1f", stage, loose.LowerBound, tight.LowerBound, loose.Objective, tight.Objective)
		}
		p, _ := Prepare(d, stage, 0)
		home := p.homeZones()
		for j, h := range home {
			if h >= 0 && tight.Assignments[h].School != p.Schools[j].ID && !sharedHome(home, j) {
				t.Errorf("%s: school %s's own zone %s went to %s", stage, p.Schools[j].ID, p.Zones[h].ID, tight.Assignments[h].School)
			}
		}
	}
}

// sharedHome reports whether an earlier school stands in school j's zone
// (the first keeps it).
func sharedHome(home []int, j int) bool {
	for k := 0; k < j; k++ {
		if home[k] == home[j] {
			return true
		}
	}
	return false
}

// A zone with no neighbour (an island) stands alone: it is not a piece.
func TestIslandIsNotAPiece(t *testing.T) {
	d := gridDistrict(3, 1, 100,
		school("A", model.LevelPrimary, 1000, centre(0, 0)),
		school("B", model.LevelPrimary, 1000, centre(2, 0)))
	// Z9_9 lies 2 km north, touching nothing; it is nearest to A.
	d.Zones = append(d.Zones, model.Zone{ID: "Z9_9", Geometry: squareAt(0, 5), Population: 1000, PrimaryAge: 100})
	r, err := Assign(d, Options{Stage: model.LevelPrimary, Method: MethodNearest})
	if err != nil {
		t.Fatal(err)
	}
	if schoolsOf(r)["Z9_9"] != "A" || r.Checks.NonContiguous != 0 || r.Schools[0].Pieces != 1 {
		t.Errorf("island: %v, checks %+v, A pieces %d", schoolsOf(r), r.Checks, r.Schools[0].Pieces)
	}
}

func squareAt(col, row int) orb.MultiPolygon { return square(col, row) }
