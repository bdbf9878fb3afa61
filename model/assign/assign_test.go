package assign

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/synth"
)

// A row of six zones of 100 pupils: school A at the west end has 200 seats,
// B at the east end 1000. Nearest gives A the three western zones (300
// pupils, over capacity); optimal gives A the two nearest and moves the
// third to B.
func rowDistrict() *model.District {
	return gridDistrict(6, 1, 100,
		school("A", model.LevelPrimary, 200, centre(0, 0)),
		school("B", model.LevelPrimary, 1000, centre(5, 0)))
}

func TestNearestVersusOptimal(t *testing.T) {
	d := rowDistrict()
	near, err := Assign(d, Options{Stage: model.LevelPrimary, Method: MethodNearest})
	if err != nil {
		t.Fatal(err)
	}
	opt, err := Assign(d, Options{Stage: model.LevelPrimary, Method: MethodOptimal})
	if err != nil {
		t.Fatal(err)
	}
	wantNear := map[string]string{"Z0_0": "A", "Z1_0": "A", "Z2_0": "A", "Z3_0": "B", "Z4_0": "B", "Z5_0": "B"}
	wantOpt := map[string]string{"Z0_0": "A", "Z1_0": "A", "Z2_0": "B", "Z3_0": "B", "Z4_0": "B", "Z5_0": "B"}
	for z, s := range wantNear {
		if got := schoolsOf(near)[z]; got != s {
			t.Errorf("nearest: %s → %s, want %s", z, got, s)
		}
	}
	for z, s := range wantOpt {
		if got := schoolsOf(opt)[z]; got != s {
			t.Errorf("optimal: %s → %s, want %s", z, got, s)
		}
	}
	if near.Checks.OverCapacity != 1 || near.Checks.OverCapacityStudents != 100 {
		t.Errorf("nearest checks %+v, want A over by 100", near.Checks)
	}
	if opt.Checks != (Checks{BeyondRadius: opt.Checks.BeyondRadius, BeyondRadiusStudents: opt.Checks.BeyondRadiusStudents}) {
		t.Errorf("optimal checks %+v, want clean", opt.Checks)
	}
	// Z2 moves from 800 m to 1200 m: 100 pupils × 0.4 km more.
	if diff := opt.Cost - near.Cost; math.Abs(diff-40) > 0.5 {
		t.Errorf("cost optimal %.1f − nearest %.1f = %.1f pupil-km, want 40", opt.Cost, near.Cost, diff)
	}
	if opt.Method != MethodOptimal || near.Method != MethodNearest {
		t.Errorf("methods %q %q", opt.Method, near.Method)
	}
	// Beyond the 500 m primary radius: zones 2 cells (800 m) or more away,
	// Z2 and Z3 either way.
	if near.Checks.BeyondRadius != 2 || opt.Checks.BeyondRadius != 2 {
		t.Errorf("beyond radius nearest %d optimal %d, want 2 and 2", near.Checks.BeyondRadius, opt.Checks.BeyondRadius)
	}
}

// With one candidate per zone the near school's limit forces overflow the
// seats do not justify, so the solver must widen the candidates itself.
func TestOptimalWidensCandidates(t *testing.T) {
	opt, err := Assign(rowDistrict(), Options{Stage: model.LevelPrimary, Candidates: 1})
	if err != nil {
		t.Fatal(err)
	}
	if opt.Checks.OverCapacity != 0 || schoolsOf(opt)["Z2_0"] != "B" {
		t.Errorf("k=1: checks %+v, Z2 → %s", opt.Checks, schoolsOf(opt)["Z2_0"])
	}
}

// When pupils exceed seats the overflow is unavoidable: it is reported, and
// the optimal method still puts every zone somewhere, with no more pupils
// over capacity than the shortage.
func TestOverCapacityPenalty(t *testing.T) {
	d := gridDistrict(4, 1, 100,
		school("A", model.LevelPrimary, 100, centre(0, 0)),
		school("B", model.LevelPrimary, 100, centre(3, 0)))
	r, err := Assign(d, Options{Stage: model.LevelPrimary})
	if err != nil {
		t.Fatal(err)
	}
	if r.Demand != 400 || r.Capacity != 200 {
		t.Fatalf("demand %d capacity %d", r.Demand, r.Capacity)
	}
	if r.Checks.Unassigned != 0 || r.Checks.OverCapacityStudents != 200 || r.Checks.OverCapacity != 2 {
		t.Errorf("checks %+v, want both schools over, 200 pupils without seats", r.Checks)
	}
	// Overflow goes to the nearer school: each school keeps its own half.
	want := map[string]string{"Z0_0": "A", "Z1_0": "A", "Z2_0": "B", "Z3_0": "B"}
	for z, s := range want {
		if got := schoolsOf(r)[z]; got != s {
			t.Errorf("%s → %s, want %s", z, got, s)
		}
	}

	// A school whose seats the source left out (no capacity, classes or
	// classrooms) is not a school without seats: unconstrained, it keeps
	// the zone next to it and is never over capacity.
	d = gridDistrict(3, 1, 100,
		school("A", model.LevelPrimary, 0, centre(0, 0)),
		school("B", model.LevelPrimary, 500, centre(2, 0)))
	d.Schools[0].Classrooms = 0
	r, _ = Assign(d, Options{Stage: model.LevelPrimary})
	if !r.Schools[0].CapacityUnknown || r.Schools[0].Zones == 0 || r.Checks.OverCapacity != 0 || r.CapacityUnknown != 1 {
		t.Errorf("school of unknown capacity: %+v %+v", r.Schools, r.Checks)
	}
}

// Indivisible zones: 3 × 100 pupils, 150 seats at each end. The flow splits
// the middle zone; rounding puts it with one school, which is then over.
func TestSplitZoneRounding(t *testing.T) {
	d := gridDistrict(3, 1, 100,
		school("A", model.LevelPrimary, 150, centre(0, 0)),
		school("B", model.LevelPrimary, 150, centre(2, 0)))
	r, err := Assign(d, Options{Stage: model.LevelPrimary})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Assignments[1].Split {
		t.Errorf("middle zone not marked split: %+v", r.Assignments)
	}
	if r.Checks.OverCapacity != 1 || r.Checks.OverCapacityStudents != 50 || r.Checks.Unassigned != 0 {
		t.Errorf("checks %+v", r.Checks)
	}
}

func TestContiguity(t *testing.T) {
	// 3×3 grid. A holds the west and east columns, B the middle one: A's
	// catchment is in two pieces.
	d := gridDistrict(3, 3, 50,
		school("A", model.LevelPrimary, 1000, centre(0, 1)),
		school("B", model.LevelPrimary, 1000, centre(1, 1)))
	for i := range d.Zones {
		d.Zones[i].PrimarySchool = "A"
		if i%3 == 1 {
			d.Zones[i].PrimarySchool = "B"
		}
	}
	r, err := Assign(d, Options{Stage: model.LevelPrimary, Method: MethodCurrent})
	if err != nil {
		t.Fatal(err)
	}
	if r.Checks.NonContiguous != 1 || r.Checks.DetachedZones != 3 || r.Schools[0].Pieces != 2 || r.Schools[1].Pieces != 1 {
		t.Errorf("columns: checks %+v schools %+v", r.Checks, r.Schools)
	}
	// An enclave: B holds only the centre, A the ring around it. The ring
	// is connected, and B is one zone: both contiguous.
	for i := range d.Zones {
		d.Zones[i].PrimarySchool = "A"
	}
	d.Zones[4].PrimarySchool = "B"
	r, _ = Assign(d, Options{Stage: model.LevelPrimary, Method: MethodCurrent})
	if r.Checks.NonContiguous != 0 {
		t.Errorf("ring: checks %+v", r.Checks)
	}
	// A zone of B enclosed by A's catchment away from the rest of B: B is
	// in two pieces, the enclave detached.
	d.Zones[8].PrimarySchool = "B" // corner (2,2) touches centre only at a point
	r, _ = Assign(d, Options{Stage: model.LevelPrimary, Method: MethodCurrent})
	if r.Checks.NonContiguous != 1 || r.Checks.DetachedZones != 1 || r.Schools[1].Pieces != 2 {
		t.Errorf("corner enclave: checks %+v schools %+v", r.Checks, r.Schools)
	}
	// Unknown and missing schools are unassigned.
	d.Zones[0].PrimarySchool = "nope"
	d.Zones[1].PrimarySchool = ""
	r, _ = Assign(d, Options{Stage: model.LevelPrimary, Method: MethodCurrent})
	if r.Checks.Unassigned != 2 || r.Assignments[0].School != "" {
		t.Errorf("unassigned: %+v", r.Checks)
	}
}

func TestNetworkUnavailable(t *testing.T) {
	_, err := Assign(rowDistrict(), Options{Stage: model.LevelPrimary, Method: MethodNetwork})
	if !errors.Is(err, ErrNoRoadNetwork) {
		t.Errorf("network: %v", err)
	}
	if _, err := ParseMethod("walking"); err == nil {
		t.Error("ParseMethod accepted walking")
	}
	if _, err := Assign(rowDistrict(), Options{Stage: model.LevelSenior}); err == nil {
		t.Error("senior stage accepted")
	}
	if _, err := Assign(rowDistrict(), Options{Stage: model.LevelJunior}); err == nil {
		t.Error("no junior school: no error")
	}
}

// Demand from population × yield: the yield is chosen so the district's
// demand equals the last year's enrollment of the stage.
func TestPrepareYieldAndSeats(t *testing.T) {
	d := gridDistrict(4, 1, 0,
		school("P", model.LevelPrimary, 0, centre(0, 0)),
		school("N", model.LevelNineYear, 900, centre(3, 0)))
	for i := range d.Zones {
		d.Zones[i].Population = 1000 * (i + 1) // 10 000 residents
	}
	d.Zones[3].PrimaryAge = 400 // known: 400
	d.History = []model.Enrollment{
		{School: "P", Year: 2023, Grade: 1, Students: 999, Classes: 20},
		{School: "P", Year: 2024, Grade: 1, Students: 300, Classes: 6},
		{School: "P", Year: 2024, Grade: 2, Students: 300, Classes: 6},
		{School: "N", Year: 2024, Grade: 1, Students: 100, Classes: 4},
		{School: "N", Year: 2024, Grade: 7, Students: 100, Classes: 2},
	}
	p, err := Prepare(d, model.LevelPrimary, 0)
	if err != nil {
		t.Fatal(err)
	}
	// E = 700 primary pupils in 2024; 400 known; 6000 residents unknown.
	if p.Year != 2024 || p.YieldSource != "enrollment" || math.Abs(p.Yield-300.0/6000) > 1e-12 {
		t.Errorf("year %d yield %v (%s)", p.Year, p.Yield, p.YieldSource)
	}
	if got := p.TotalDemand(); got != 700 {
		t.Errorf("demand %d, want 700", got)
	}
	if !p.Zones[0].Estimated || p.Zones[3].Estimated || p.Zones[0].Demand != 50 {
		t.Errorf("zones %+v", p.Zones)
	}
	// P: 12 classes × 45 = 540. N: 900 split by its seats, 4×45 primary
	// and 2×50 junior → 900 × 180/280 = 579.
	if p.Schools[0].Capacity != 540 || p.Schools[1].Capacity != 579 {
		t.Errorf("seats %+v", p.Schools)
	}
	j, _ := Prepare(d, model.LevelJunior, 0)
	if len(j.Schools) != 1 || j.Schools[0].Capacity != 321 {
		t.Errorf("junior seats %+v", j.Schools)
	}
	// No history and no counts: the default yield.
	d.History = nil
	d.Zones[3].PrimaryAge = 0
	p, _ = Prepare(d, model.LevelPrimary, 0)
	if p.YieldSource != "default" || p.Yield != model.DefaultStandards().SchoolAgeSharePrimary || p.Schools[1].Capacity != 579 {
		t.Errorf("default: yield %v (%s), seats %+v", p.Yield, p.YieldSource, p.Schools)
	}
}

func TestNearestFinderMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var schools []SchoolSeats
	for i := 0; i < 300; i++ {
		schools = append(schools, SchoolSeats{Location: at(rng.Float64()*50000, rng.Float64()*30000)})
	}
	f := newNearestFinder(schools)
	var buf []candidate
	for q := 0; q < 200; q++ {
		p := at(rng.Float64()*70000-10000, rng.Float64()*50000-10000)
		buf = f.nearest(p, 8, buf)
		all := make([]candidate, len(schools))
		for i, s := range schools {
			all[i] = candidate{int32(i), Distance(p, s.Location)}
		}
		sortCandidates(all)
		for k := range 8 {
			if buf[k] != all[k] {
				t.Fatalf("query %d: %d-th nearest %+v, want %+v", q, k, buf[k], all[k])
			}
		}
	}
}

// The sample county: optimal never leaves more pupils without a seat than
// nearest does, costs at least as much travel as nearest (its lower bound)
// and assigns every zone.
func TestSampleDistrict(t *testing.T) {
	d := synth.Sample()
	for _, stage := range []model.Level{model.LevelPrimary, model.LevelJunior} {
		near, err := Assign(d, Options{Stage: stage, Method: MethodNearest})
		if err != nil {
			t.Fatal(err)
		}
		opt, err := Assign(d, Options{Stage: stage, Method: MethodOptimal})
		if err != nil {
			t.Fatal(err)
		}
		cur, err := Assign(d, Options{Stage: stage, Method: MethodCurrent})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: demand %d seats %d yield %.4f (%s)", stage, opt.Demand, opt.Capacity, opt.Yield, opt.YieldSource)
		for _, r := range []*Result{cur, near, opt} {
			t.Logf("  %-8s cost %9.1f pupil-km  %+v", r.Method, r.Cost, r.Checks)
		}
		if opt.Checks.Unassigned != 0 || near.Checks.Unassigned != 0 {
			t.Errorf("%s: unassigned zones", stage)
		}
		if opt.Cost < near.Cost-1e-6 {
			t.Errorf("%s: optimal cost %.1f below nearest %.1f", stage, opt.Cost, near.Cost)
		}
		if opt.Checks.OverCapacityStudents > near.Checks.OverCapacityStudents {
			t.Errorf("%s: optimal leaves %d pupils without seats, nearest %d", stage,
				opt.Checks.OverCapacityStudents, near.Checks.OverCapacityStudents)
		}
	}
}
