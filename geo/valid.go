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
// not depend on rounding. One plane sweep (see checkEdges) finds every
// crossing, overlap and touch and, for each ring, the ring directly around
// it; so Validate takes O(n log n) for n vertices. It works on the float
// coordinates with exact predicates, the repair on an integer lattice;
// they share only the treap and union-find, so Validate is an
// independent check of the repair (and GEOS agrees with it: see
// TestValidateAgainstGEOSRandom).
func Validate(mp orb.MultiPolygon) error {
	v := &validator{mp: mp, scratch: scratchPool.Get().(*validatorScratch)}
	defer v.scratch.release()
	return v.run()
}

type vseg struct {
	a, b       orb.Point
	part, ring int32
	idx, n     int32 // edge index within its ring and the ring's edge count
}

type validator struct {
	mp        orb.MultiPolygon
	segs      []vseg
	partStart []int     // polygon → number of its shell; ring numbers follow
	refs      []ringRef // ring number → (part, ring)
	turn      []int     // ring number → orientation, if simple
	low       []int32   // ring number → its lower edge at its first vertex
	parent    []int     // ring number → ring directly around it, or −1
	scratch   *validatorScratch
}

func (v *validator) run() error {
	edges := 0
	for _, p := range v.mp {
		for _, r := range p {
			edges += max(len(r)-1, 0)
		}
	}
	v.segs = grow(v.scratch.segs, edges)[:0]
	defer func() { v.scratch.segs = v.segs }()
	for pi, p := range v.mp {
		if len(p) == 0 {
			return &ValidityError{Reason: InvalidEmptyPolygon, Part: pi}
		}
		for ri, r := range p {
			if err := basicRing(r, pi, ri); err != nil {
				return err
			}
			n := int32(len(r) - 1)
			for i := 0; i+1 < len(r); i++ {
				v.segs = append(v.segs, vseg{r[i], r[i+1], int32(pi), int32(ri), int32(i), n})
			}
		}
	}
	if len(v.segs) == 0 {
		return nil
	}
	v.setupRings()
	if err := v.checkEdges(); err != nil {
		return err
	}
	if err := v.checkNesting(); err != nil {
		return err
	}
	for pi, p := range v.mp {
		for ri, r := range p {
			want := 1
			if ri > 0 {
				want = -1
			}
			if v.turn[v.rn(int32(pi), int32(ri))] != want {
				return &ValidityError{Reason: InvalidOrientation, Part: pi, Ring: ri, At: r[0]}
			}
		}
	}
	return nil
}

// checkNesting uses the ring around each ring found by the sweep: a hole
// must lie directly in its own shell (not in another hole, not outside),
// and a shell must not lie directly in another polygon's shell (it may
// lie outside everything or in a hole).
func (v *validator) checkNesting() error {
	for g, ref := range v.refs {
		par := v.parent[g]
		at := v.mp[ref.part][ref.ring][0]
		if ref.ring > 0 {
			shell := v.rn(ref.part, 0)
			switch {
			case par == shell:
			case par >= 0 && v.refs[par].part == ref.part:
				return &ValidityError{Reason: InvalidNestedHoles, Part: int(ref.part), Ring: int(ref.ring), At: at}
			default:
				return &ValidityError{Reason: InvalidHoleOutside, Part: int(ref.part), Ring: int(ref.ring), At: at}
			}
			continue
		}
		if par >= 0 && v.refs[par].ring == 0 {
			return &ValidityError{Reason: InvalidOverlappingPolygons, Part: int(ref.part), At: at}
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
