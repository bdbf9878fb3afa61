package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Adjacency is a pair of neighbouring zones, A < B (indices into the slice
// given to Adjacent).
type Adjacency struct {
	A, B int
	// Shared is the approximate length in metres of the boundary the two
	// share (within the tolerance); 0 means they only touch at a point or
	// overlap without a common edge.
	Shared float64
}

// Adjacent finds the pairs of lon/lat multipolygons that share an edge or
// touch, allowing gaps and slivers up to tol metres (digitised boundaries
// rarely match exactly; 1–5 m is typical). Shared boundary length counts
// edges of one polygon whose both ends lie within tol of the other's
// boundary. Candidate pairs come from a bounding-box R-tree, and only
// edges near the pair's common box are compared.
func Adjacent(polys []orb.MultiPolygon, tol float64) []Adjacency {
	if tol < 0 {
		tol = 0
	}
	bounds := make([]orb.Bound, len(polys))
	for i, p := range polys {
		bounds[i] = padBound(p.Bound(), tol)
	}
	ix := NewIndex(bounds)
	var out []Adjacency
	for i := range polys {
		ix.Search(bounds[i], func(j int) bool {
			if j <= i {
				return true
			}
			w, ok := intersection(bounds[i], bounds[j])
			if !ok {
				return true
			}
			touch, shared := pairContact(polys[i], polys[j], w, tol)
			if touch {
				out = append(out, Adjacency{A: i, B: j, Shared: shared})
			}
			return true
		})
	}
	sortAdjacency(out)
	return out
}

func padBound(b orb.Bound, tol float64) orb.Bound {
	mLon, mLat := metresPerDegree(math.Max(math.Abs(b.Min[1]), math.Abs(b.Max[1])))
	dx, dy := tol/math.Max(mLon, 1), tol/mLat
	return orb.Bound{Min: orb.Point{b.Min[0] - dx, b.Min[1] - dy}, Max: orb.Point{b.Max[0] + dx, b.Max[1] + dy}}
}

func intersection(a, b orb.Bound) (orb.Bound, bool) {
	r := orb.Bound{
		Min: orb.Point{math.Max(a.Min[0], b.Min[0]), math.Max(a.Min[1], b.Min[1])},
		Max: orb.Point{math.Min(a.Max[0], b.Max[0]), math.Min(a.Max[1], b.Max[1])},
	}
	return r, r.Min[0] <= r.Max[0] && r.Min[1] <= r.Max[1]
}

type segment struct{ a, b orb.Point } // local metres

// edgesIn returns the edges of mp whose box meets w, in local metres
// around w's centre.
func edgesIn(mp orb.MultiPolygon, w orb.Bound, sx, sy float64, origin orb.Point) []segment {
	var out []segment
	for _, p := range mp {
		for _, r := range p {
			for k := 0; k+1 < len(r); k++ {
				a, b := r[k], r[k+1]
				if math.Max(a[0], b[0]) < w.Min[0] || math.Min(a[0], b[0]) > w.Max[0] ||
					math.Max(a[1], b[1]) < w.Min[1] || math.Min(a[1], b[1]) > w.Max[1] {
					continue
				}
				out = append(out, segment{
					orb.Point{(a[0] - origin[0]) * sx, (a[1] - origin[1]) * sy},
					orb.Point{(b[0] - origin[0]) * sx, (b[1] - origin[1]) * sy},
				})
			}
		}
	}
	return out
}

func pairContact(pa, pb orb.MultiPolygon, w orb.Bound, tol float64) (touch bool, shared float64) {
	origin := w.Center()
	sx, sy := metresPerDegree(origin[1])
	ea := edgesIn(pa, w, sx, sy, origin)
	eb := edgesIn(pb, w, sx, sy, origin)
	if len(ea) == 0 || len(eb) == 0 {
		return false, 0
	}
	near := func(p orb.Point, es []segment) bool {
		for _, s := range es {
			if pointSegmentDist(p, s.a, s.b) <= tol {
				return true
			}
		}
		return false
	}
	sharedFrom := func(es, other []segment) float64 {
		sum := 0.0
		for _, s := range es {
			na, nb := near(s.a, other), near(s.b, other)
			if na || nb {
				touch = true
			}
			if na && nb {
				sum += math.Hypot(s.b[0]-s.a[0], s.b[1]-s.a[1])
			}
		}
		return sum
	}
	shared = math.Max(sharedFrom(ea, eb), sharedFrom(eb, ea))
	if !touch {
		// Overlapping polygons whose edges cross between vertices.
		for _, s := range ea {
			for _, t := range eb {
				if _, ok := segmentIntersection(s.a, s.b, t.a, t.b); ok {
					return true, 0
				}
			}
		}
	}
	return touch, shared
}

func pointSegmentDist(p, a, b orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	}
	return math.Hypot(p[0]-(a[0]+t*dx), p[1]-(a[1]+t*dy))
}
