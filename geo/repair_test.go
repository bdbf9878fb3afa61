package geo

import (
	"math"
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

func TestRepairPolygon(t *testing.T) {
	nan := math.NaN()
	square := orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}
	cases := []struct {
		name      string
		in        orb.Polygon
		wantParts int
		wantArea  float64
		wantCodes []string
	}{
		{"valid", orb.Polygon{square}, 1, 1, nil},
		{"unclosed", orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}, 1, 1, []string{NoteRingClosed}},
		{"duplicates", orb.Polygon{{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 1}, {0, 0}}}, 1, 1, []string{NoteDuplicates}},
		{"nan", orb.Polygon{{{0, 0}, {1, 0}, {nan, 3}, {1, 1}, {0, 1}, {0, 0}}}, 1, 1, []string{NoteNonFinite}},
		{"clockwise", orb.Polygon{{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}}, 1, 1, []string{NoteOrientation}},
		{"too few", orb.Polygon{{{0, 0}, {1, 0}, {0, 0}}}, 0, 0, []string{NoteRingDropped, NotePolygonDropped}},
		{"collinear", orb.Polygon{{{0, 0}, {1, 0}, {2, 0}, {0, 0}}}, 0, 0, []string{NoteRingDropped}},
		{"bow-tie", orb.Polygon{{{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}}, 2, 2, []string{NoteSelfIntersection}},
		{"figure-8 at vertex", orb.Polygon{{{0, 0}, {1, 1}, {2, 0}, {2, 2}, {1, 1}, {0, 2}, {0, 0}}}, 2, 2, []string{NoteSelfIntersection}},
		{"hole", orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}, {{1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 1}}}, 1, 15, []string{NoteOrientation}},
		{"hole outside", orb.Polygon{square, {{5, 5}, {6, 5}, {6, 6}, {5, 5}}}, 1, 1, []string{NoteHoleOutside}},
		{"degenerate hole", orb.Polygon{square, {{0.2, 0.2}, {0.3, 0.3}, {0.2, 0.2}}}, 1, 1, []string{NoteRingDropped}},
		// A ring that loops around twice the same way: outer loop + inner loop
		// inside it → even-odd gives a polygon with a hole.
		{"self-overlapping spiral", orb.Polygon{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 1}, {3, 1}, {3, 3}, {1, 3}, {1, -1}, {0, -1}, {0, 0}}}, 0, 0, []string{NoteSelfIntersection}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := c.in.Clone()
			mp, notes := RepairPolygon(in)
			got := codes(notes)
			for _, want := range c.wantCodes {
				if !got[want] {
					t.Errorf("missing note %s in %v", want, notes)
				}
			}
			if c.wantCodes == nil && len(notes) > 0 {
				t.Errorf("unexpected notes %v", notes)
			}
			if c.name == "self-overlapping spiral" {
				checkValid(t, mp)
				return
			}
			if len(mp) != c.wantParts {
				t.Fatalf("parts = %d, want %d: %v", len(mp), c.wantParts, mp)
			}
			if a := planar.Area(mp); math.Abs(a-c.wantArea) > 1e-9 {
				t.Errorf("area = %v, want %v", a, c.wantArea)
			}
			checkValid(t, mp)
		})
	}
}

func checkValid(t *testing.T, mp orb.MultiPolygon) {
	t.Helper()
	for _, p := range mp {
		for j, r := range p {
			if len(r) < 4 || r[0] != r[len(r)-1] {
				t.Errorf("ring %d not closed or too short: %v", j, r)
			}
			want := orb.CCW
			if j > 0 {
				want = orb.CW
			}
			if r.Orientation() != want {
				t.Errorf("ring %d orientation %v", j, r.Orientation())
			}
			if x := SelfIntersections(r); len(x) > 0 {
				t.Errorf("ring %d still self-intersects at %v", j, x)
			}
		}
	}
}

func TestRepairMultiPolygonLabelsParts(t *testing.T) {
	mp := orb.MultiPolygon{
		{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}},
		{{{5, 5}, {6, 5}, {6, 6}, {5, 6}}},
	}
	out, notes := RepairMultiPolygon(mp)
	if len(out) != 2 || len(notes) != 1 || notes[0].Code != NoteRingClosed || !contains(notes[0].Msg, "part 2") {
		t.Fatalf("%v %v", out, notes)
	}
}

func TestSelfIntersectionsNoneOnValidRing(t *testing.T) {
	r := circle(orb.Point{114, 30}, 0.01, 200)
	if x := SelfIntersections(r); len(x) != 0 {
		t.Fatalf("circle: %v", x)
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
