package geo

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Reasons a multipolygon is not valid (ValidityError.Reason).
const (
	InvalidEmptyPolygon        = "empty-polygon"         // a polygon without rings
	InvalidNonFinite           = "non-finite"            // NaN or ±Inf coordinate
	InvalidNotClosed           = "not-closed"            // first point ≠ last point
	InvalidTooFewPoints        = "too-few-points"        // fewer than 4 points
	InvalidRepeatedPoint       = "repeated-point"        // consecutive identical points
	InvalidSelfIntersection    = "self-intersection"     // a ring crosses or touches itself
	InvalidRingCrossing        = "ring-crossing"         // two rings cross
	InvalidOverlappingEdges    = "overlapping-edges"     // two edges share a stretch of line
	InvalidHoleOutside         = "hole-outside"          // a hole not inside its shell
	InvalidNestedHoles         = "nested-holes"          // a hole inside another hole
	InvalidDisconnected        = "disconnected-interior" // rings touching in a cycle cut the interior
	InvalidOverlappingPolygons = "overlapping-polygons"  // two polygons' interiors intersect
	InvalidOrientation         = "orientation"           // shell not CCW or hole not CW
)

// ValidityError says why a multipolygon is not valid and where.
type ValidityError struct {
	Reason string    // one of the Invalid* constants
	Part   int       // 0-based polygon index
	Ring   int       // 0 = shell, k = hole k
	At     orb.Point // a location of the problem, in the input's units
}

func (e *ValidityError) Error() string {
	return fmt.Sprintf("invalid multipolygon: %s in polygon %d ring %d near (%.9g, %.9g)", e.Reason, e.Part, e.Ring, e.At[0], e.At[1])
}

// Validate reports whether mp is valid as an OGC Simple Features
// MultiPolygon and wound as RFC 7946 asks, returning nil or a
// *ValidityError naming the first problem found:
//   - every polygon has a shell; every ring is closed, has ≥ 4 points, no
//     NaN/Inf and no consecutive repeated points;
//   - no ring crosses or touches itself (a ring is a simple curve);
//   - no two edges of any rings cross or overlap along a stretch; rings may
//     touch other rings at isolated points;
//   - within a polygon, those touches do not cut the interior in two (the
//     graph of rings and touch points has no cycle);
//   - each hole lies inside its shell, and no hole inside another hole;
//   - no two polygons' interiors intersect (they may touch at points);
//   - shells are counter-clockwise and holes clockwise.
//
// Geometric predicates are exact (see orientation), so the verdict does
// not depend on rounding. Candidate edge pairs come from a packed R-tree
// over edge boxes: O(n log n + b) for n edges and b pairs of overlapping
// edge boxes; point-in-ring tests shoot a ray through the same tree.
// Validate does not use the repair code, so it can check it.
func Validate(mp orb.MultiPolygon) error {
	v := &validator{mp: mp}
	return v.run()
}

type vseg struct {
	a, b       orb.Point
	part, ring int32
	idx, n     int32 // edge index within its ring and the ring's edge count
}

type validator struct {
	mp     orb.MultiPolygon
	segs   []vseg
	ix     *Index
	rb     [][]orb.Bound    // ring bounds
	ringID map[[2]int32]int // (part, ring) → union-find node
}

func (v *validator) run() error {
	v.rb = make([][]orb.Bound, len(v.mp))
	for pi, p := range v.mp {
		if len(p) == 0 {
			return &ValidityError{Reason: InvalidEmptyPolygon, Part: pi}
		}
		v.rb[pi] = make([]orb.Bound, len(p))
		for ri, r := range p {
			if err := basicRing(r, pi, ri); err != nil {
				return err
			}
			v.rb[pi][ri] = r.Bound()
			n := int32(len(r) - 1)
			for i := 0; i+1 < len(r); i++ {
				v.segs = append(v.segs, vseg{r[i], r[i+1], int32(pi), int32(ri), int32(i), n})
			}
		}
	}
	if len(v.segs) == 0 {
		return nil
	}
	bounds := make([]orb.Bound, len(v.segs))
	for i, s := range v.segs {
		bounds[i] = orb.Bound{Min: s.a, Max: s.a}.Extend(s.b)
	}
	v.ix = NewIndex(bounds)
	if err := v.checkEdges(bounds); err != nil {
		return err
	}
	if err := v.checkHoles(); err != nil {
		return err
	}
	if err := v.checkPolygons(); err != nil {
		return err
	}
	for pi, p := range v.mp {
		for ri, r := range p {
			want := 1
			if ri > 0 {
				want = -1
			}
			if ringTurn(r) != want {
				return &ValidityError{Reason: InvalidOrientation, Part: pi, Ring: ri, At: r[0]}
			}
		}
	}
	return nil
}

func basicRing(r orb.Ring, pi, ri int) error {
	bad := func(reason string, at orb.Point) error {
		return &ValidityError{Reason: reason, Part: pi, Ring: ri, At: at}
	}
	for _, p := range r {
		if !finite(p) {
			return bad(InvalidNonFinite, p)
		}
	}
	if len(r) < 4 {
		var at orb.Point
		if len(r) > 0 {
			at = r[0]
		}
		return bad(InvalidTooFewPoints, at)
	}
	if r[0] != r[len(r)-1] {
		return bad(InvalidNotClosed, r[0])
	}
	for i := 1; i < len(r); i++ {
		if r[i] == r[i-1] {
			return bad(InvalidRepeatedPoint, r[i])
		}
	}
	return nil
}

// ringTurn is the orientation (+1 CCW, −1 CW) of a simple ring, read
// exactly at its lowest (then leftmost) vertex, where the turn of a simple
// ring always has the ring's sense.
func ringTurn(r orb.Ring) int {
	n := len(r) - 1
	k := 0
	for i := 1; i < n; i++ {
		if r[i][1] < r[k][1] || (r[i][1] == r[k][1] && r[i][0] < r[k][0]) {
			k = i
		}
	}
	prev := r[(k+n-1)%n]
	return orientation(prev, r[k], r[k+1])
}

// lexLess orders points by x then y: along any line, a monotone order.
func lexLess(p, q orb.Point) bool { return p[0] < q[0] || (p[0] == q[0] && p[1] < q[1]) }

func inBox(a, b, p orb.Point) bool {
	return p[0] >= math.Min(a[0], b[0]) && p[0] <= math.Max(a[0], b[0]) &&
		p[1] >= math.Min(a[1], b[1]) && p[1] <= math.Max(a[1], b[1])
}

// checkEdges classifies every pair of edges whose boxes overlap.
func (v *validator) checkEdges(bounds []orb.Bound) error {
	v.ringID = map[[2]int32]int{}
	for pi, p := range v.mp {
		for ri := range p {
			v.ringID[[2]int32{int32(pi), int32(ri)}] = len(v.ringID)
		}
	}
	uf := newUnionFind(len(v.ringID))
	pointNode := map[[2]any]int{}
	seen := map[[2]int]bool{}
	var err error
	for i := range v.segs {
		v.ix.Search(bounds[i], func(j int) bool {
			if j <= i {
				return true
			}
			err = v.checkPair(i, j, uf, pointNode, seen)
			return err == nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (v *validator) checkPair(i, j int, uf *unionFind, pointNode map[[2]any]int, seen map[[2]int]bool) error {
	s, t := &v.segs[i], &v.segs[j]
	a, b, c, d := s.a, s.b, t.a, t.b
	o1, o2 := orientation(a, b, c), orientation(a, b, d)
	sameRing := s.part == t.part && s.ring == t.ring
	kind := InvalidRingCrossing
	if sameRing {
		kind = InvalidSelfIntersection
	}
	fail := func(reason string, at orb.Point) error {
		return &ValidityError{Reason: reason, Part: int(s.part), Ring: int(s.ring), At: at}
	}
	if o1 == 0 && o2 == 0 {
		s0, s1 := a, b
		if lexLess(s1, s0) {
			s0, s1 = s1, s0
		}
		t0, t1 := c, d
		if lexLess(t1, t0) {
			t0, t1 = t1, t0
		}
		lo, hi := s0, s1
		if lexLess(lo, t0) {
			lo = t0
		}
		if lexLess(t1, hi) {
			hi = t1
		}
		if lexLess(lo, hi) {
			return fail(InvalidOverlappingEdges, lo)
		}
		if lo != hi {
			return nil // apart on one line
		}
		return v.touch(s, t, lo, sameRing, uf, pointNode, seen)
	}
	o3, o4 := orientation(c, d, a), orientation(c, d, b)
	if o1*o2 < 0 && o3*o4 < 0 {
		return fail(kind, crossingPoint(a, b, c, d))
	}
	var p orb.Point
	switch {
	case o1 == 0 && inBox(a, b, c):
		p = c
	case o2 == 0 && inBox(a, b, d):
		p = d
	case o3 == 0 && inBox(c, d, a):
		p = a
	case o4 == 0 && inBox(c, d, b):
		p = b
	default:
		return nil
	}
	return v.touch(s, t, p, sameRing, uf, pointNode, seen)
}

// touch handles two edges meeting at the single point p.
func (v *validator) touch(s, t *vseg, p orb.Point, sameRing bool, uf *unionFind, pointNode map[[2]any]int, seen map[[2]int]bool) error {
	if sameRing {
		d := s.idx - t.idx
		if d < 0 {
			d = -d
		}
		if d == 1 || d == s.n-1 {
			// Neighbours: fine if p is the vertex they share.
			shared := s.a
			if s.a != t.b && s.a != t.a {
				shared = s.b
			}
			if p == shared && (p == t.a || p == t.b) {
				return nil
			}
		}
		return &ValidityError{Reason: InvalidSelfIntersection, Part: int(s.part), Ring: int(s.ring), At: p}
	}
	if s.part != t.part {
		return nil // polygons may touch at points; overlap is checked apart
	}
	key := [2]any{s.part, p}
	node, ok := pointNode[key]
	if !ok {
		node = uf.add()
		pointNode[key] = node
	}
	for _, r := range []int32{s.ring, t.ring} {
		ring := v.ringID[[2]int32{s.part, r}]
		if seen[[2]int{ring, node}] {
			continue
		}
		seen[[2]int{ring, node}] = true
		if !uf.union(ring, node) {
			return &ValidityError{Reason: InvalidDisconnected, Part: int(s.part), Ring: int(r), At: p}
		}
	}
	return nil
}

// crossingPoint approximates where segments ab and cd cross (for messages).
func crossingPoint(a, b, c, d orb.Point) orb.Point {
	rx, ry := b[0]-a[0], b[1]-a[1]
	sx, sy := d[0]-c[0], d[1]-c[1]
	den := rx*sy - ry*sx
	if den == 0 {
		return a
	}
	t := ((c[0]-a[0])*sy - (c[1]-a[1])*sx) / den
	return orb.Point{a[0] + t*rx, a[1] + t*ry}
}

// locate returns +1 if p is inside ring (part, ring), 0 on it and −1
// outside, by counting crossings of the ray from p towards +x (a vertex
// exactly at p's height counts as above it, so each crossing is counted
// once).
func (v *validator) locate(p orb.Point, part, ring int) int {
	// The ray only needs to reach the ring's right end.
	box := orb.Bound{Min: p, Max: orb.Point{math.Max(v.rb[part][ring].Max[0], p[0]), p[1]}}
	inside, on := false, false
	v.ix.Search(box, func(i int) bool {
		s := &v.segs[i]
		if int(s.part) != part || int(s.ring) != ring {
			return true
		}
		o := orientation(s.a, s.b, p)
		if o == 0 && inBox(s.a, s.b, p) {
			on = true
			return false
		}
		lo, hi := s.a, s.b
		if lo[1] > hi[1] {
			lo, hi = hi, lo
		}
		if lo[1] <= p[1] && p[1] < hi[1] && orientation(lo, hi, p) > 0 {
			inside = !inside
		}
		return true
	})
	switch {
	case on:
		return 0
	case inside:
		return 1
	}
	return -1
}

// locateRing classifies ring r (of some polygon) against ring (part, ring)
// by its first vertex not on that ring, or an edge midpoint if every
// vertex is on it (edges do not cross or overlap by now).
func (v *validator) locateRing(r orb.Ring, part, ring int) int {
	for _, p := range r[:len(r)-1] {
		if l := v.locate(p, part, ring); l != 0 {
			return l
		}
	}
	for i := 0; i+1 < len(r); i++ {
		m := orb.Point{r[i][0]/2 + r[i+1][0]/2, r[i][1]/2 + r[i+1][1]/2}
		if l := v.locate(m, part, ring); l != 0 {
			return l
		}
	}
	return 0
}

func (v *validator) checkHoles() error {
	for pi, p := range v.mp {
		if len(p) < 2 {
			continue
		}
		for hi := 1; hi < len(p); hi++ {
			if v.locateRing(p[hi], pi, 0) < 0 {
				return &ValidityError{Reason: InvalidHoleOutside, Part: pi, Ring: hi, At: p[hi][0]}
			}
		}
		bounds := make([]orb.Bound, len(p)-1)
		for hi := range bounds {
			bounds[hi] = v.rb[pi][hi+1]
		}
		hix := NewIndex(bounds)
		for a := range bounds {
			var err error
			hix.Search(bounds[a], func(b int) bool {
				if b != a && v.locateRing(p[a+1], pi, b+1) > 0 {
					err = &ValidityError{Reason: InvalidNestedHoles, Part: pi, Ring: a + 1, At: p[a+1][0]}
				}
				return err == nil
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// inPolygon is +1 inside polygon part (inside its shell, outside its
// holes), 0 on its boundary, −1 outside.
func (v *validator) inPolygon(pt orb.Point, part int) int {
	l := v.locate(pt, part, 0)
	if l <= 0 {
		return l
	}
	for hi := 1; hi < len(v.mp[part]); hi++ {
		if !v.rb[part][hi].Contains(pt) {
			continue
		}
		switch v.locate(pt, part, hi) {
		case 0:
			return 0
		case 1:
			return -1
		}
	}
	return 1
}

// checkPolygons: with no crossings or overlapping edges left, two
// polygons' interiors meet only if a shell of one lies inside the other.
func (v *validator) checkPolygons() error {
	if len(v.mp) < 2 {
		return nil
	}
	bounds := make([]orb.Bound, len(v.mp))
	for i := range v.mp {
		bounds[i] = v.rb[i][0]
	}
	pix := NewIndex(bounds)
	for q := range v.mp {
		var err error
		pix.Search(bounds[q], func(p int) bool {
			if p != q && v.shellInside(v.mp[q][0], p) {
				err = &ValidityError{Reason: InvalidOverlappingPolygons, Part: q, At: v.mp[q][0][0]}
			}
			return err == nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (v *validator) shellInside(r orb.Ring, part int) bool {
	for _, p := range r[:len(r)-1] {
		if l := v.inPolygon(p, part); l != 0 {
			return l > 0
		}
	}
	for i := 0; i+1 < len(r); i++ {
		m := orb.Point{r[i][0]/2 + r[i+1][0]/2, r[i][1]/2 + r[i+1][1]/2}
		if l := v.inPolygon(m, part); l != 0 {
			return l > 0
		}
	}
	return true // every point on the other's boundary: coincident
}

// unionFind is a disjoint-set forest with path halving.
type unionFind struct{ parent []int }

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int, n)}
	for i := range u.parent {
		u.parent[i] = i
	}
	return u
}

func (u *unionFind) add() int {
	u.parent = append(u.parent, len(u.parent))
	return len(u.parent) - 1
}

func (u *unionFind) find(x int) int {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// union joins x's and y's sets; false if they were already one.
func (u *unionFind) union(x, y int) bool {
	x, y = u.find(x), u.find(y)
	if x == y {
		return false
	}
	u.parent[x] = y
	return true
}
