package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func codes(notes []Note) map[string]bool {
	m := map[string]bool{}
	for _, n := range notes {
		m[n.Code] = true
	}
	return m
}

func sq(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

// repairCases are the shapes the repair must handle, with the planar area
// and number of polygons the even-odd/union rule gives.
var repairCases = []struct {
	name      string
	in        orb.MultiPolygon
	wantParts int
	wantArea  float64
	wantCodes []string
}{
	{"valid", orb.MultiPolygon{{sq(0, 0, 1, 1)}}, 1, 1, nil},
	{"unclosed", orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}}, 1, 1, []string{NoteRingClosed}},
	{"duplicates", orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 1}, {0, 0}}}}, 1, 1, []string{NoteDuplicates}},
	{"nan", orb.MultiPolygon{{{{0, 0}, {1, 0}, {math.NaN(), 3}, {1, 1}, {0, 1}, {0, 0}}}}, 1, 1, []string{NoteNonFinite}},
	{"clockwise", orb.MultiPolygon{{{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}}}, 1, 1, []string{NoteOrientation}},
	{"too few", orb.MultiPolygon{{{{0, 0}, {1, 0}, {0, 0}}}}, 0, 0, []string{NoteRingDropped, NotePolygonDropped}},
	{"collinear", orb.MultiPolygon{{{{0, 0}, {1, 0}, {2, 0}, {0, 0}}}}, 0, 0, []string{NoteRingDropped}},
	{"bow-tie", orb.MultiPolygon{{{{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}}}, 2, 2, []string{NoteSelfIntersection, NotePartRepaired}},
	{"figure-8 at vertex", orb.MultiPolygon{{{{0, 0}, {1, 1}, {2, 0}, {2, 2}, {1, 1}, {0, 2}, {0, 0}}}}, 2, 2, []string{NoteSelfIntersection}},
	{"ring touching itself", orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {2, 4}, {3, 2}, {1, 2}, {2, 4}, {0, 4}, {0, 0}}}}, 1, 14, []string{NoteSelfIntersection}},
	{"hole", orb.MultiPolygon{{sq(0, 0, 4, 4), sq(1, 1, 2, 2)}}, 1, 15, []string{NoteOrientation}},
	{"hole touching shell at a point", orb.MultiPolygon{{sq(0, 0, 4, 4), {{2, 0}, {1, 1}, {3, 1}, {2, 0}}}}, 1, 15, nil},
	{"hole touching shell along an edge", orb.MultiPolygon{{sq(0, 0, 4, 4), {{1, 0}, {1, 1}, {2, 1}, {2, 0}, {1, 0}}}}, 1, 15, []string{NotePartRepaired}},
	{"hole outside", orb.MultiPolygon{{sq(0, 0, 1, 1), {{5, 5}, {6, 5}, {6, 6}, {5, 5}}}}, 1, 1, []string{NoteHoleOutside}},
	{"hole crossing shell", orb.MultiPolygon{{sq(0, 0, 4, 4), sq(3, 1, 5, 2)}}, 1, 15, []string{NoteHoleClipped}},
	{"overlapping holes", orb.MultiPolygon{{sq(0, 0, 10, 10), sq(1, 1, 4, 4), sq(3, 3, 6, 6)}}, 1, 83, []string{NotePartRepaired}},
	{"nested holes", orb.MultiPolygon{{sq(0, 0, 10, 10), sq(1, 1, 8, 8), sq(2, 2, 3, 3)}}, 1, 51, []string{NotePartRepaired}},
	{"degenerate hole", orb.MultiPolygon{{sq(0, 0, 1, 1), {{0.2, 0.2}, {0.3, 0.3}, {0.2, 0.2}}}}, 1, 1, []string{NoteRingDropped}},
	{"overlapping parts", orb.MultiPolygon{{sq(0, 0, 2, 2)}, {sq(1, 1, 3, 3)}}, 1, 7, []string{NotePartsOverlap}},
	{"duplicate parts", orb.MultiPolygon{{sq(0, 0, 1, 1)}, {sq(0, 0, 1, 1)}}, 1, 1, []string{NotePartsOverlap}},
	{"part inside part", orb.MultiPolygon{{sq(0, 0, 4, 4)}, {sq(1, 1, 2, 2)}}, 1, 16, []string{NotePartsOverlap}},
	{"island in a hole", orb.MultiPolygon{{sq(0, 0, 4, 4), reversed(sq(1, 1, 3, 3))}, {sq(1.5, 1.5, 2.5, 2.5)}}, 2, 13, nil},
	{"parts sharing an edge", orb.MultiPolygon{{sq(0, 0, 1, 1)}, {sq(1, 0, 2, 1)}}, 1, 2, []string{NotePartRepaired}},
	{"parts touching at a corner", orb.MultiPolygon{{sq(0, 0, 1, 1)}, {sq(1, 1, 2, 2)}}, 2, 2, nil},
	{"spike", orb.MultiPolygon{{{{0, 0}, {2, 0}, {2, 1}, {3, 1}, {2, 1}, {2, 2}, {0, 2}, {0, 0}}}}, 1, 4, []string{NoteSelfIntersection}},
	{"zero-width sliver", orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 0.5}, {3, 0.5}, {3, 0}, {4, 0}, {4, 1}, {3, 1}, {3, 0.5}, {1, 0.5}, {1, 1}, {0, 1}, {0, 0}}}}, 2, 2, []string{NoteSelfIntersection}},
	{"collinear overlapping edges", orb.MultiPolygon{{{{0, 0}, {3, 0}, {3, 1}, {2, 1}, {2, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}, 2, 2, []string{NoteSelfIntersection}},
	{"self-overlapping spiral", orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 1}, {3, 1}, {3, 3}, {1, 3}, {1, -1}, {0, -1}, {0, 0}}}}, -1, 0, []string{NoteSelfIntersection}},
	{"near-degenerate bow-tie", orb.MultiPolygon{{{{114.123456789, 30.123456789}, {114.123456789 + 2e-9, 30.123456789 + 2e-9}, {114.123456789 + 2e-9, 30.123456789}, {114.123456789, 30.123456789 + 2e-9}, {114.123456789, 30.123456789}}}}, 2, 2e-18, []string{NoteSelfIntersection}},
	{"sliver triangle", orb.MultiPolygon{{{{114, 30}, {115, 30}, {114.5, 30.0000000000001}, {114, 30}}}}, -1, 0, nil},
}

func TestRepairMultiPolygon(t *testing.T) {
	for _, c := range repairCases {
		t.Run(c.name, func(t *testing.T) {
			mp, notes := RepairMultiPolygon(c.in.Clone())
			if err := Validate(mp); err != nil {
				t.Fatalf("output invalid: %v\n%v", err, mp)
			}
			got := codes(notes)
			for _, want := range c.wantCodes {
				if !got[want] {
					t.Errorf("missing note %s in %v", want, notes)
				}
			}
			if c.wantCodes == nil && len(notes) > 0 {
				t.Errorf("unexpected notes %v", notes)
			}
			if c.wantParts < 0 {
				checkEvenOdd(t, c.in, mp, 2000)
				return
			}
			if len(mp) != c.wantParts {
				t.Errorf("parts = %d, want %d: %v", len(mp), c.wantParts, mp)
			}
			if a := planar.Area(mp); math.Abs(a-c.wantArea) > 1e-9*math.Max(1, c.wantArea) {
				t.Errorf("area = %v, want %v", a, c.wantArea)
			}
			checkEvenOdd(t, c.in, mp, 500)
		})
	}
}

// refInside is the repair's rule computed directly: inside some part's
// outer ring and none of its holes, each ring by the even-odd rule.
func refInside(mp orb.MultiPolygon, p orb.Point) bool {
	for _, poly := range mp {
		if len(poly) == 0 || !evenOdd(poly[0], p) {
			continue
		}
		in := true
		for _, h := range poly[1:] {
			if evenOdd(h, p) {
				in = false
			}
		}
		if in {
			return true
		}
	}
	return false
}

func evenOdd(r orb.Ring, p orb.Point) bool {
	var fin orb.Ring
	for _, q := range r {
		if finite(q) {
			fin = append(fin, q)
		}
	}
	r = fin
	in := false
	n := len(r)
	for i := 0; i < n; i++ {
		a, b := r[i], r[(i+1)%n]
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < a[0]+(p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1]) {
			in = !in
		}
	}
	return in
}

// checkEvenOdd compares the repaired region with refInside at random
// points of the input's bound (points within a tiny distance of an edge
// may differ by the lattice rounding; random points practically never
// are).
func checkEvenOdd(t *testing.T, in, out orb.MultiPolygon, n int) {
	t.Helper()
	b := out.Bound()
	for _, p := range in {
		for _, r := range p {
			for _, q := range r {
				if finite(q) {
					b = b.Extend(q)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	bad := 0
	for range n {
		p := orb.Point{b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])}
		if refInside(in, p) != Contains(out, p) {
			bad++
			if bad < 3 {
				t.Errorf("at %v: even-odd says %v, repaired says %v", p, refInside(in, p), Contains(out, p))
			}
		}
	}
}

func TestRepairLabelsParts(t *testing.T) {
	mp := orb.MultiPolygon{{sq(0, 0, 1, 1)}, {{{5, 5}, {6, 5}, {6, 6}, {5, 6}}}}
	out, notes := RepairMultiPolygon(mp)
	if len(out) != 2 || len(notes) != 1 || notes[0].Code != NoteRingClosed || notes[0].Args["Part"] != 2 || !contains(notes[0].Msg, "part 2") {
		t.Fatalf("%v %v", out, notes)
	}
}

func TestRepairReportsAreas(t *testing.T) {
	// A lon/lat bow-tie: 0 m² by the shoelace formula, two triangles after.
	in := orb.MultiPolygon{{{{114, 30}, {114.02, 30.02}, {114.02, 30}, {114, 30.02}, {114, 30}}}}
	out, notes := RepairMultiPolygon(in)
	var rep *Note
	for i := range notes {
		if notes[i].Code == NotePartRepaired {
			rep = &notes[i]
		}
	}
	if rep == nil {
		t.Fatalf("no %s note: %v", NotePartRepaired, notes)
	}
	if after, want := rep.Args["After"].(float64), Area(out); math.Abs(after-want) > 1e-6*want {
		t.Errorf("After = %v, Area(out) = %v", after, want)
	}
	if rep.Args["Pieces"] != 2 {
		t.Errorf("Pieces = %v", rep.Args["Pieces"])
	}
}

// starRing is a ring of n vertices around the origin with random radii in
// [0.5, 1] whose angles jitter by up to ±1.5 steps, so neighbouring
// spikes cross each other: about n/4 self-intersections.
func starRing(n int, seed uint64) orb.Ring {
	rng := rand.New(rand.NewPCG(seed, 7))
	r := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * (float64(i) + 3*(rng.Float64()-0.5)) / float64(n)
		rad := 0.5 + 0.5*rng.Float64()
		r = append(r, orb.Point{114 + rad*math.Cos(a), 30 + rad*math.Sin(a)})
	}
	return append(r, r[0])
}

func TestRepairStar(t *testing.T) {
	n := 30000
	if testing.Short() {
		n = 3000
	}
	in := orb.MultiPolygon{{starRing(n, 1)}}
	out, notes := RepairMultiPolygon(in.Clone())
	if err := Validate(out); err != nil {
		t.Fatal(err)
	}
	if !codes(notes)[NoteSelfIntersection] {
		t.Errorf("notes %v", notes)
	}
	checkEvenOdd(t, in, out, 1000)
}

func TestSelfIntersectionsOnValidRingFree(t *testing.T) {
	mp := orb.MultiPolygon{{circle(orb.Point{114, 30}, 0.01, 200)}}
	if _, notes := RepairMultiPolygon(mp); len(notes) != 0 {
		t.Fatalf("circle: %v", notes)
	}
}

func circle(c orb.Point, rad float64, n int) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		r = append(r, orb.Point{c[0] + rad*math.Cos(a), c[1] + rad*math.Sin(a)})
	}
	return append(r, r[0])
}

// TestRepairOneOrientationNote: a zone of several clockwise parts gets one
// orientation note (the importer counts zones, not rings).
func TestRepairOneOrientationNote(t *testing.T) {
	mp := orb.MultiPolygon{{reversed(sq(0, 0, 1, 1))}, {reversed(sq(2, 0, 3, 1)), sq(2.2, 0.2, 2.4, 0.4)}}
	_, notes := RepairMultiPolygon(mp)
	if len(notes) != 1 || notes[0].Code != NoteOrientation || notes[0].Args["N"] != 3 {
		t.Fatalf("%v", notes)
	}
}

// TestRepairLeavesInputAlone: the repair works on copies.
func TestRepairLeavesInputAlone(t *testing.T) {
	for _, c := range repairCases {
		in := c.in.Clone()
		RepairMultiPolygon(in)
		for i := range in {
			for j := range in[i] {
				for k := range in[i][j] {
					a, b := in[i][j][k], c.in[i][j][k]
					if a != b && !(math.IsNaN(a[0]) && math.IsNaN(b[0])) {
						t.Fatalf("%s: input changed at %d/%d/%d: %v → %v", c.name, i, j, k, b, a)
					}
				}
			}
		}
	}
}

// reversed returns r's points in the opposite order.
func reversed(r orb.Ring) orb.Ring {
	out := make(orb.Ring, len(r))
	for i, p := range r {
		out[len(r)-1-i] = p
	}
	return out
}
