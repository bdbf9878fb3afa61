package assign

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/synth"
)

// cut is a zone whose removal splits the zone graph (an articulation
// point), the component of every other zone in what is left (−1 for the
// cut zone, islands and other parts of the graph) and the component each
// school stands in (−1 when it stands in the cut zone or in none).
type cut struct {
	zone       int
	comp       []int
	schoolComp []int
	// forced is the pupils beyond the seats any contiguous catchments
	// leave: Σ deficits of the components less the seats of one school
	// (the one whose catchment holds the cut zone may cross it).
	forced int
}

// worstCut finds the articulation zone that forces the most pupils beyond
// the seats on contiguous catchments (brute force: fine for a county).
func worstCut(p *Problem) cut {
	adj := p.adjacency()
	home := p.homeZones()
	best := cut{zone: -1}
	n := len(p.Zones)
	for x := 0; x < n; x++ {
		if len(adj[x]) < 2 {
			continue
		}
		comp := make([]int, n)
		for i := range comp {
			comp[i] = -1
		}
		comp[x] = -2
		nc := 0
		for _, s := range adj[x] {
			if comp[s] != -1 {
				continue
			}
			q := []int32{s}
			comp[s] = nc
			for k := 0; k < len(q); k++ {
				for _, v := range adj[q[k]] {
					if comp[v] == -1 {
						comp[v] = nc
						q = append(q, v)
					}
				}
			}
			nc++
		}
		comp[x] = -1
		if nc < 2 {
			continue
		}
		dem, seats := make([]int, nc), make([]int, nc)
		for i, z := range p.Zones {
			if comp[i] >= 0 {
				dem[comp[i]] += z.Demand
			}
		}
		sc := make([]int, len(p.Schools))
		biggest := 0
		for j, h := range home {
			sc[j] = -1
			if h >= 0 && comp[h] >= 0 {
				sc[j] = comp[h]
				seats[comp[h]] += p.Schools[j].Capacity
			}
			biggest = max(biggest, p.Schools[j].Capacity)
		}
		forced := -biggest
		for c := range dem {
			forced += max(0, dem[c]-seats[c])
		}
		for j, h := range home { // schools at the cut zone or in no zone may go anywhere
			if h < 0 || comp[h] < 0 {
				forced -= p.Schools[j].Capacity
			}
		}
		if forced > best.forced {
			best = cut{zone: x, comp: comp, schoolComp: sc, forced: forced}
		}
	}
	return best
}

// solveCutLP is the fractional relaxation of Solve's objective (pupil-km,
// seat penalty pen metres per pupil beyond the seats, an unseated pupil
// taken to travel to the nearest school) with one more constraint that
// every set of contiguous catchments meets: the pupils seated across the
// cut (a zone of one component in a school standing in another) are at
// most the seats of one school. Solved by glpsol.
func solveCutLP(t *testing.T, p *Problem, c cut, pen float64) float64 {
	dir := t.TempDir()
	path, out := filepath.Join(dir, "cut.lp"), filepath.Join(dir, "cut.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	var zones []int
	for i, z := range p.Zones {
		if z.Located && z.Demand > 0 {
			zones = append(zones, i)
		}
	}
	biggest := 0
	for _, s := range p.Schools {
		biggest = max(biggest, s.Capacity)
	}
	fmt.Fprintln(w, "Minimize\n obj:")
	for _, i := range zones {
		z := p.Zones[i]
		near := -1.0
		for j, s := range p.Schools {
			d := Distance(z.Point, s.Location)
			if near < 0 || d < near {
				near = d
			}
			fmt.Fprintf(w, " + %.6f x_%d_%d\n", d, i, j)
		}
		fmt.Fprintf(w, " + %.6f u_%d\n", near+pen, i)
	}
	fmt.Fprintln(w, "Subject To")
	for _, i := range zones {
		fmt.Fprintf(w, " z%d: u_%d", i, i)
		for j := range p.Schools {
			fmt.Fprintf(w, " + x_%d_%d", i, j)
		}
		fmt.Fprintf(w, " = %d\n", p.Zones[i].Demand)
	}
	for j, s := range p.Schools {
		fmt.Fprintf(w, " s%d: 0 u_%d", j, zones[0])
		for _, i := range zones {
			fmt.Fprintf(w, " + x_%d_%d", i, j)
		}
		fmt.Fprintf(w, " <= %d\n", s.Capacity)
	}
	fmt.Fprintf(w, " cross: 0 u_%d", zones[0])
	for _, i := range zones {
		for j := range p.Schools {
			if c.comp[i] >= 0 && c.schoolComp[j] >= 0 && c.comp[i] != c.schoolComp[j] {
				fmt.Fprintf(w, " + x_%d_%d", i, j)
			}
		}
	}
	fmt.Fprintf(w, " <= %d\nEnd\n", biggest)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if b, err := exec.Command("glpsol", "--lp", path, "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("glpsol: %v\n%s", err, b)
	}
	report, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	m := glpkObjective.FindSubmatch(report)
	if m == nil {
		t.Fatalf("glpsol gave no objective:\n%s", report)
	}
	v, _ := strconv.ParseFloat(string(m[1]), 64)
	return v / 1000
}

// The sample county's river has one ferry village: contiguous catchments
// can carry seats across it only through the one catchment that holds it.
// North of it the seats are about 5000 short, south of it about 3600
// spare, so whatever the catchments, more pupils stay beyond the seats
// than the 1472 the district as a whole lacks, and the LP bound, which
// sends pupils straight across the water, cannot be approached. The test
// checks the default (contiguous) catchments against both and against
// the bound of the relaxation that respects the cut (glpsol).
func TestContiguousSampleSeats(t *testing.T) {
	d := synth.Sample()
	r, err := Assign(d, Options{Stage: model.LevelPrimary})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := Prepare(d, model.LevelPrimary, 0)
	c := worstCut(p)
	over := r.Checks.OverCapacityStudents
	t.Logf("contiguous: %d pupils beyond seats (%d beyond all seats, at least %d forced by cut zone %s), gap %.1f %%, contiguity %.0f pupil-km",
		over, r.Unseated, c.forced, p.Zones[max(c.zone, 0)].ID, 100*r.Gap, r.ContiguityCost)
	if r.Checks.NonContiguous != 0 || r.Checks.Unassigned != 0 {
		t.Fatalf("checks %+v", r.Checks)
	}
	if c.forced < 2500 || over < c.forced {
		t.Errorf("cut bound %d, pupils beyond seats %d", c.forced, over)
	}
	// Today's catchments leave about 5100 beyond the seats (5690 before the
	// contiguity-keeping search).
	if over > 5300 {
		t.Errorf("%d pupils beyond the seats, want at most 5300", over)
	}
	if _, err := exec.LookPath("glpsol"); err != nil || testing.Short() {
		return
	}
	unavoidable := float64(r.Unseated) * r.SeatPenalty / 1000
	bound := solveCutLP(t, p, c, r.SeatPenalty) - unavoidable
	t.Logf("objective %.1f, LP bound %.1f (gap %.1f %%), bound with the cut %.1f (gap %.1f %%)",
		r.Objective, r.LowerBound, 100*r.Gap, bound, 100*(r.Objective-bound)/bound)
	if bound > r.Objective*(1+1e-6) || bound < r.LowerBound*(1-1e-6) {
		t.Errorf("cut bound %.1f outside [LP bound %.1f, objective %.1f]", bound, r.LowerBound, r.Objective)
	}
}

// Contiguous catchments are the same every run, short of seats (the
// sample) and with seats for all (a generated county at 110 % seats,
// where the reattachment once took ties in map order).
func TestContiguousDeterministic(t *testing.T) {
	c := synth.SampleConfig()
	c.Seed, c.Zones, c.Schools = 3, 300, 25
	ample := synth.Generate(c)
	p, err := Prepare(ample, model.LevelPrimary, 0)
	if err != nil {
		t.Fatal(err)
	}
	scale := 1.1 * float64(p.TotalDemand()) / float64(p.TotalCapacity())
	for i := range ample.Schools {
		ample.Schools[i].Capacity = int(float64(max(ample.Schools[i].Capacity, 1)) * scale)
	}
	for name, d := range map[string]*model.District{"sample": synth.Sample(), "ample": ample} {
		var first []string
		for run := 0; run < 2; run++ {
			r, err := Assign(d, Options{Stage: model.LevelPrimary})
			if err != nil {
				t.Fatal(err)
			}
			if r.Checks.NonContiguous != 0 {
				t.Errorf("%s: %d catchments in pieces", name, r.Checks.NonContiguous)
			}
			got := make([]string, len(r.Assignments))
			for i, a := range r.Assignments {
				got[i] = a.School
			}
			if run == 0 {
				first = got
				t.Logf("%s: %d pupils beyond seats (%d beyond all), gap %.1f %%", name, r.Checks.OverCapacityStudents, r.Unseated, 100*r.Gap)
				continue
			}
			for i := range got {
				if got[i] != first[i] {
					t.Fatalf("%s run %d: zone %s → %s, first run %s", name, run, r.Assignments[i].Zone, got[i], first[i])
				}
			}
		}
	}
}
