package geo

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Note records one thing a repair did, for the import report. Code is
// stable (for translation in the UI); Msg is English.
type Note struct {
	Code string
	Msg  string
	// Args are the values in Msg, for translating it: Ring (0 = outer
	// ring, k = hole k), Hole, N, X, Y (lon/lat or the file's units),
	// Loops, Case, and Part (1-based, only for a MultiPolygon of several
	// parts).
	Args map[string]any
}

// Repair note codes.
const (
	NoteNonFinite        = "non-finite-dropped"   // NaN/Inf vertices removed
	NoteDuplicates       = "duplicate-points"     // consecutive repeated vertices removed
	NoteRingClosed       = "ring-closed"          // last vertex added to close a ring
	NoteRingDropped      = "ring-dropped"         // ring with < 4 points (or no area) removed
	NoteOrientation      = "orientation-fixed"    // outer ring made CCW / hole made CW
	NoteSelfIntersection = "self-intersection"    // ring crossed itself; split into simple parts
	NoteHoleOutside      = "hole-outside-dropped" // hole not inside any outer ring removed
	NotePolygonDropped   = "polygon-dropped"      // nothing valid was left
)

// RepairMultiPolygon returns a valid version of mp and what was done.
// See RepairPolygon for the rules.
func RepairMultiPolygon(mp orb.MultiPolygon) (orb.MultiPolygon, []Note) {
	var out orb.MultiPolygon
	var notes []Note
	for i, p := range mp {
		r, n := RepairPolygon(p)
		if len(mp) > 1 {
			for j := range n {
				n[j].Msg = fmt.Sprintf("part %d: %s", i+1, n[j].Msg)
				n[j].Args["Part"] = i + 1
			}
		}
		notes = append(notes, n...)
		out = append(out, r...)
	}
	return out, notes
}

// RepairPolygon makes p valid in the sense of OGC simple features, as far
// as cheap local fixes allow, and says what it did:
//   - vertices with NaN/Inf coordinates are dropped;
//   - consecutive duplicate vertices are dropped;
//   - unclosed rings are closed;
//   - rings with fewer than 4 points, or zero area, are dropped (a dropped
//     outer ring drops the polygon);
//   - a ring that crosses itself (e.g. a bow-tie) is split at its crossing
//     points into simple loops; loops nested inside an odd number of other
//     loops become holes (the even-odd rule, as GEOS MakeValid's "linework"
//     method does), the others become separate polygons, so a bow-tie
//     becomes two triangles;
//   - holes not inside the outer ring are dropped;
//   - outer rings are made counter-clockwise and holes clockwise (RFC 7946).
//
// Crossings between different rings (a hole poking out of its shell) are
// not detected.
func RepairPolygon(p orb.Polygon) (orb.MultiPolygon, []Note) {
	var notes []Note
	add := func(code string, vals map[string]any, format string, args ...any) {
		notes = append(notes, Note{Code: code, Msg: fmt.Sprintf(format, args...), Args: vals})
	}
	ringName := func(i int) string {
		if i == 0 {
			return "outer ring"
		}
		return fmt.Sprintf("hole %d", i)
	}

	var shells []orb.Ring
	var holes []orb.Ring
	for i, r := range p {
		r, n := cleanRing(r)
		if n.nonFinite > 0 {
			add(NoteNonFinite, map[string]any{"Ring": i, "N": n.nonFinite}, "%s: dropped %d vertices with NaN/Inf coordinates", ringName(i), n.nonFinite)
		}
		if n.closed {
			add(NoteRingClosed, map[string]any{"Ring": i}, "%s: was not closed; closed it by repeating the first vertex", ringName(i))
		}
		if n.duplicates > 0 {
			add(NoteDuplicates, map[string]any{"Ring": i, "N": n.duplicates}, "%s: dropped %d repeated consecutive vertices", ringName(i), n.duplicates)
		}
		var crossings []orb.Point
		if len(r) >= 4 {
			crossings = SelfIntersections(r)
		}
		if len(r) < 4 || (len(crossings) == 0 && ringArea(r) == 0) {
			add(NoteRingDropped, map[string]any{"Ring": i, "N": max(len(r)-1, 0)}, "%s: dropped, it has %d distinct points or no area (a ring needs 3)", ringName(i), max(len(r)-1, 0))
			if i == 0 {
				add(NotePolygonDropped, map[string]any{"Case": "outer"}, "polygon dropped: its outer ring is degenerate")
				return nil, notes
			}
			continue
		}
		loops := []orb.Ring{r}
		if len(crossings) > 0 {
			loops = splitLoops(r)
			add(NoteSelfIntersection, map[string]any{"Ring": i, "N": len(crossings), "X": crossings[0][0], "Y": crossings[0][1], "Loops": len(loops)}, "%s: crosses itself at %d point(s), first at (%.7g, %.7g); split into %d simple ring(s)", ringName(i), len(crossings), crossings[0][0], crossings[0][1], len(loops))
		}
		if i == 0 {
			shells = append(shells, loops...)
		} else {
			holes = append(holes, loops...)
		}
	}

	polys := nestLoops(shells)
	if len(polys) == 0 {
		add(NotePolygonDropped, map[string]any{"Case": "empty"}, "polygon dropped: nothing with area was left after repair")
		return nil, notes
	}
	for hi, h := range holes {
		placed := false
		for k := range polys {
			if ringInside(h, polys[k][0]) {
				polys[k] = append(polys[k], h)
				placed = true
				break
			}
		}
		if !placed {
			add(NoteHoleOutside, map[string]any{"Hole": hi + 1}, "hole %d: dropped, it is not inside the outer ring", hi+1)
		}
	}

	fixed := 0
	for _, poly := range polys {
		for j, r := range poly {
			want := orb.CCW
			if j > 0 {
				want = orb.CW
			}
			if r.Orientation() != want {
				r.Reverse()
				fixed++
			}
		}
	}
	if fixed > 0 {
		add(NoteOrientation, map[string]any{"N": fixed}, "reoriented %d ring(s): outer rings counter-clockwise, holes clockwise", fixed)
	}
	return polys, notes
}

type cleanCounts struct {
	nonFinite, duplicates int
	closed                bool
}

// cleanRing returns a copy of r without non-finite or repeated vertices,
// closed.
func cleanRing(r orb.Ring) (orb.Ring, cleanCounts) {
	var c cleanCounts
	out := make(orb.Ring, 0, len(r)+1)
	for _, pt := range r {
		if !finite(pt) {
			c.nonFinite++
			continue
		}
		if len(out) > 0 && out[len(out)-1] == pt {
			c.duplicates++
			continue
		}
		out = append(out, pt)
	}
	if len(out) > 0 && out[0] != out[len(out)-1] {
		out = append(out, out[0])
		c.closed = true
	}
	return out, c
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

// SelfIntersections returns the points where the closed ring r crosses or
// touches itself away from its shared vertices between consecutive edges.
// It sweeps edges sorted by their minimum x, so typical rings cost
// O(n log n).
func SelfIntersections(r orb.Ring) []orb.Point {
	var out []orb.Point
	forEachCrossing(r, func(i, j int, p orb.Point) {
		out = append(out, p)
	})
	return out
}

// forEachCrossing calls fn for every pair of non-adjacent edges i<j of the
// closed ring r that intersect, with the intersection point (one point for
// collinear overlaps).
func forEachCrossing(r orb.Ring, fn func(i, j int, p orb.Point)) {
	n := len(r) - 1 // edges
	if n < 3 {
		return
	}
	order := make([]int, n)
	lo := make([]float64, n)
	hi := make([]float64, n)
	for i := range order {
		order[i] = i
		lo[i] = math.Min(r[i][0], r[i+1][0])
		hi[i] = math.Max(r[i][0], r[i+1][0])
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(lo[a], lo[b]) })
	minX := func(i int) float64 { return lo[i] }
	maxX := func(i int) float64 { return hi[i] }
	for a := 0; a < n; a++ {
		i := order[a]
		hi := maxX(i)
		for b := a + 1; b < n; b++ {
			j := order[b]
			if minX(j) > hi {
				break
			}
			lo, up := i, j
			if lo > up {
				lo, up = up, lo
			}
			if up == lo+1 || (lo == 0 && up == n-1) {
				// Neighbours share a vertex; they only matter if they fold back
				// onto each other, which leaves a zero-area spike that area
				// checks catch.
				continue
			}
			if p, ok := segmentIntersection(r[lo], r[lo+1], r[up], r[up+1]); ok {
				fn(lo, up, p)
			}
		}
	}
}

// segmentIntersection returns the intersection point of segments ab and cd.
func segmentIntersection(a, b, c, d orb.Point) (orb.Point, bool) {
	if math.Max(a[1], b[1]) < math.Min(c[1], d[1]) || math.Max(c[1], d[1]) < math.Min(a[1], b[1]) {
		return orb.Point{}, false
	}
	rx, ry := b[0]-a[0], b[1]-a[1]
	sx, sy := d[0]-c[0], d[1]-c[1]
	den := rx*sy - ry*sx
	qx, qy := c[0]-a[0], c[1]-a[1]
	if den == 0 {
		if qx*ry-qy*rx != 0 {
			return orb.Point{}, false // parallel, apart
		}
		// Collinear: overlapping if an endpoint of one lies on the other.
		for _, p := range []orb.Point{c, d} {
			if onSegment(a, b, p) {
				return p, true
			}
		}
		for _, p := range []orb.Point{a, b} {
			if onSegment(c, d, p) {
				return p, true
			}
		}
		return orb.Point{}, false
	}
	t := (qx*sy - qy*sx) / den
	u := (qx*ry - qy*rx) / den
	if t < 0 || t > 1 || u < 0 || u > 1 {
		return orb.Point{}, false
	}
	return orb.Point{a[0] + t*rx, a[1] + t*ry}, true
}

func onSegment(a, b, p orb.Point) bool {
	return p[0] >= math.Min(a[0], b[0]) && p[0] <= math.Max(a[0], b[0]) &&
		p[1] >= math.Min(a[1], b[1]) && p[1] <= math.Max(a[1], b[1])
}

// splitLoops inserts every self-crossing of r as a vertex of both edges and
// then cuts the ring into simple loops wherever a vertex repeats. Loops
// without area are dropped.
func splitLoops(r orb.Ring) []orb.Ring {
	n := len(r) - 1
	type cut struct {
		t float64
		p orb.Point
	}
	cuts := make(map[int][]cut)
	param := func(i int, p orb.Point) float64 {
		dx, dy := r[i+1][0]-r[i][0], r[i+1][1]-r[i][1]
		if math.Abs(dx) >= math.Abs(dy) {
			return (p[0] - r[i][0]) / dx
		}
		return (p[1] - r[i][1]) / dy
	}
	forEachCrossing(r, func(i, j int, p orb.Point) {
		cuts[i] = append(cuts[i], cut{param(i, p), p})
		cuts[j] = append(cuts[j], cut{param(j, p), p})
	})
	seq := make([]orb.Point, 0, n+2*len(cuts))
	for i := 0; i < n; i++ {
		seq = append(seq, r[i])
		cs := cuts[i]
		sort.Slice(cs, func(a, b int) bool { return cs[a].t < cs[b].t })
		for _, c := range cs {
			if c.p != seq[len(seq)-1] && c.p != r[i+1] {
				seq = append(seq, c.p)
			}
		}
	}

	var loops []orb.Ring
	var stack []orb.Point
	at := make(map[orb.Point]int)
	emit := func(l orb.Ring) {
		if len(l) >= 4 && ringArea(l) > 0 {
			loops = append(loops, l)
		}
	}
	for _, p := range seq {
		if k, ok := at[p]; ok {
			loop := make(orb.Ring, 0, len(stack)-k+1)
			loop = append(loop, stack[k:]...)
			loop = append(loop, p)
			emit(loop)
			for _, q := range stack[k+1:] {
				delete(at, q)
			}
			stack = stack[:k+1]
			continue
		}
		at[p] = len(stack)
		stack = append(stack, p)
	}
	if len(stack) >= 3 {
		emit(append(orb.Ring(append([]orb.Point(nil), stack...)), stack[0]))
	}
	return loops
}

// nestLoops turns simple loops into polygons by the even-odd rule: a loop
// inside an even number of others is a shell, one inside an odd number is a
// hole of the smallest shell containing it.
func nestLoops(loops []orb.Ring) orb.MultiPolygon {
	sort.Slice(loops, func(a, b int) bool { return ringArea(loops[a]) > ringArea(loops[b]) })
	depth := make([]int, len(loops))
	parent := make([]int, len(loops))
	var mp orb.MultiPolygon
	shellOf := make(map[int]int) // loop index → polygon index
	for i, l := range loops {
		parent[i] = -1
		for j := i - 1; j >= 0; j-- { // smaller containing loops come later: scan back
			if ringInside(l, loops[j]) {
				parent[i] = j
				depth[i] = depth[j] + 1
				break
			}
		}
		if depth[i]%2 == 0 {
			shellOf[i] = len(mp)
			mp = append(mp, orb.Polygon{l})
		} else {
			k := shellOf[parent[i]]
			mp[k] = append(mp[k], l)
		}
	}
	return mp
}

// ringInside reports whether simple ring a lies inside simple ring b,
// judged by a's vertices: at least one strictly inside b and none outside
// (shared vertices on b's boundary are allowed).
func ringInside(a, b orb.Ring) bool {
	if !b.Bound().Contains(a.Bound().Min) || !b.Bound().Contains(a.Bound().Max) {
		return false
	}
	in := false
	for _, p := range a[:len(a)-1] {
		if onRing(b, p) {
			continue
		}
		if !planar.RingContains(b, p) {
			return false
		}
		in = true
	}
	if !in {
		// Every vertex on b's boundary: test the midpoint of a's first edge.
		m := orb.Point{(a[0][0] + a[1][0]) / 2, (a[0][1] + a[1][1]) / 2}
		return planar.RingContains(b, m)
	}
	return true
}

func onRing(r orb.Ring, p orb.Point) bool {
	for _, q := range r {
		if q == p {
			return true
		}
	}
	return false
}
