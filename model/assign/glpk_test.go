package assign

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/synth"
)

// glpkInstance is a generated county whose seats are scaled to 110 % of
// its primary pupils, so every whole-zone MIP is feasible but seats bind.
func glpkInstance(seed uint64, zones, schools int) *Problem {
	c := synth.SampleConfig()
	c.Seed, c.Zones, c.Schools = seed, zones, schools
	d := synth.Generate(c)
	p, err := Prepare(d, model.LevelPrimary, 0)
	if err != nil {
		panic(err)
	}
	scale := 1.1 * float64(p.TotalDemand()) / float64(max(1, p.TotalCapacity()))
	for j := range p.Schools {
		p.Schools[j].Capacity = int(math.Ceil(float64(max(p.Schools[j].Capacity, 1)) * scale))
		p.Schools[j].CapacityUnknown = false
	}
	return p
}

// writeMIP writes the whole-zone problem in CPLEX LP format: x_i_j = 1 when
// zone i goes to school j (every school, no candidate limit); minimise
// Σ pupils × metres; each zone in one catchment; each school within seats.
func writeMIP(path string, p *Problem) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	var zones []int
	for i, z := range p.Zones {
		if z.Located && z.Demand > 0 {
			zones = append(zones, i)
		}
	}
	fmt.Fprintln(w, "Minimize\n obj:")
	for _, i := range zones {
		z := p.Zones[i]
		for j, s := range p.Schools {
			fmt.Fprintf(w, " + %.6f x_%d_%d\n", float64(z.Demand)*Distance(z.Point, s.Location), i, j)
		}
	}
	fmt.Fprintln(w, "Subject To")
	for _, i := range zones {
		fmt.Fprintf(w, " z%d:", i)
		for j := range p.Schools {
			fmt.Fprintf(w, " + x_%d_%d", i, j)
		}
		fmt.Fprintln(w, " = 1")
	}
	for j, s := range p.Schools {
		fmt.Fprintf(w, " s%d:", j)
		for _, i := range zones {
			fmt.Fprintf(w, " + %d x_%d_%d", p.Zones[i].Demand, i, j)
		}
		fmt.Fprintf(w, " <= %d\n", s.Capacity)
	}
	fmt.Fprintln(w, "Binary")
	for _, i := range zones {
		for j := range p.Schools {
			fmt.Fprintf(w, " x_%d_%d\n", i, j)
		}
	}
	fmt.Fprintln(w, "End")
	return w.Flush()
}

var glpkObjective = regexp.MustCompile(`Objective:\s+obj = ([-0-9.e+]+)`)

// solveGLPK proves the whole-zone optimum with glpsol; ok is false when it
// did not within the limit (pupilKm is then its best whole-zone answer, or
// 0 without one).
func solveGLPK(t *testing.T, p *Problem) (pupilKm float64, took time.Duration, ok bool) {
	dir := t.TempDir()
	lp, out := filepath.Join(dir, "m.lp"), filepath.Join(dir, "m.txt")
	if err := writeMIP(lp, p); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	cmd := exec.Command("glpsol", "--lp", lp, "-o", out, "--tmlim", "60")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("glpsol: %v\n%s", err, b)
	}
	took = time.Since(start)
	report, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	m := glpkObjective.FindSubmatch(report)
	if m == nil {
		return 0, took, false
	}
	v, _ := strconv.ParseFloat(string(m[1]), 64)
	return v / 1000, took, strings.Contains(string(report), "INTEGER OPTIMAL")
}

// The whole-zone catchments without contiguity are within 0.5 % of the
// optimum GLPK proves on the same instance (all zone–school pairs), and
// the fractional lower bound is below that optimum. Skipped without
// glpsol (apt-get install glpk-utils).
func TestOptimalAgainstGLPK(t *testing.T) {
	if _, err := exec.LookPath("glpsol"); err != nil {
		t.Skip("glpsol not installed (apt-get install glpk-utils)")
	}
	if testing.Short() {
		t.Skip("solves MIPs")
	}
	for _, c := range []struct {
		seed           uint64
		zones, schools int
	}{{1, 180, 15}, {4, 150, 14}, {6, 140, 12}, {8, 120, 12}} {
		p := glpkInstance(c.seed, c.zones, c.schools)
		start := time.Now()
		s := p.Solve(OptimalOptions{})
		ours := time.Since(start)
		opt, took, ok := solveGLPK(t, p)
		if !ok {
			if opt > 0 {
				t.Logf("seed %d: GLPK proved no optimum in its limit; ours %.1f, its best %.1f (%+.3f %%)",
					c.seed, s.Objective, opt, 100*(s.Objective-opt)/opt)
			}
			continue
		}
		gap := (s.Objective - opt) / opt
		t.Logf("seed %d, %d zones × %d schools: ours %.1f pupil-km in %v (bound %.1f), GLPK %.1f in %v: %+.3f %%",
			c.seed, len(p.Zones), len(p.Schools), s.Objective, ours.Round(time.Millisecond), s.LowerBound, opt, took.Round(time.Millisecond), 100*gap)
		if gap > 0.005 {
			t.Errorf("seed %d: %.3f %% above the proven optimum", c.seed, 100*gap)
		}
		if s.LowerBound > opt*(1+1e-6) {
			t.Errorf("seed %d: lower bound %.1f above the optimum %.1f", c.seed, s.LowerBound, opt)
		}
		w := newWhole(p, nil, nil, 0, append([]int(nil), s.SchoolOf...))
		if w.seatExcess() != 0 {
			t.Errorf("seed %d: %d pupils beyond the seats", c.seed, w.seatExcess())
		}
	}
}
