package geo

import (
	"math/big"
	"slices"

	"github.com/paulmach/orb"
)

// iseg is a ring edge on the lattice.
type iseg struct {
	a, b ipt
	ring int32 // global ring id
	idx  int32 // edge index within the ring
	n    int32 // edges in the ring
}

// fragment is a piece of a noded edge, labelled with its ring.
type fragment struct {
	a, b ipt
	ring int32
}

// selfHit records where a ring met itself, for the report.
type selfHit struct {
	n     int
	first ipt
	seen  map[ipt]bool
}

// snapRound nodes the edges by snap rounding (Hobby 1999; Guibas and
// Marimont 1998): every edge endpoint and every crossing point, rounded to
// the lattice, is a "hot pixel" (the half-open unit square around a
// lattice point), and every edge passing through a hot pixel is bent
// through its centre. The resulting fragments meet only at shared
// endpoints or lie on top of each other (which the graph merges), so
// faces can be traced without further arithmetic.
//
// Crossings come from a Bentley–Ottmann sweep (see crossings), O((n + k)
// log n) for n edges and k crossings; the hot pixels along an edge from a
// packed R-tree walked along the edge itself. All tests are exact integer
// arithmetic; a crossing point is rounded exactly with big.Int.
func snapRound(segs []iseg) ([]fragment, map[int32]*selfHit) {
	hot := make(map[ipt]struct{}, 2*len(segs))
	for _, s := range segs {
		hot[s.a] = struct{}{}
		hot[s.b] = struct{}{}
	}
	hits := map[int32]*selfHit{}
	record := func(ring int32, p ipt) {
		h := hits[ring]
		if h == nil {
			h = &selfHit{first: p, seen: map[ipt]bool{}}
			hits[ring] = h
		}
		if !h.seen[p] {
			h.seen[p] = true
			h.n++
		}
	}
	// A ring through one of its vertices again.
	type ringVertex struct {
		p    ipt
		ring int32
	}
	vert := make(map[ringVertex]bool, len(segs))
	for _, s := range segs {
		k := ringVertex{s.a, s.ring}
		if vert[k] {
			record(s.ring, s.a)
		}
		vert[k] = true
	}
	crossings(segs, func(i, j int32, _ ratPt) {
		s, t := &segs[i], &segs[j]
		p := roundCrossing(s.a, s.b, t.a, t.b)
		hot[p] = struct{}{}
		if s.ring == t.ring {
			record(s.ring, p)
		}
	}, func(i, j int32) {
		s, t := &segs[i], &segs[j]
		if s.ring != t.ring {
			return
		}
		p, kind := meet(s.a, s.b, t.a, t.b)
		if kind == meetTouch && neighbours(s, t) && isShared(s, t, p) || kind == meetNone || kind == meetCross {
			return
		}
		record(s.ring, p)
	})

	pix := make([]ipt, 0, len(hot))
	for p := range hot {
		pix = append(pix, p)
	}
	slices.SortFunc(pix, func(p, q ipt) int {
		if ipLess(p, q) {
			return -1
		}
		if p == q {
			return 0
		}
		return 1
	})
	pb := make([]orb.Bound, len(pix))
	for i, p := range pix {
		pb[i] = ipBound(p, p)
	}
	hix := NewIndex(pb)
	var out []fragment
	var on []ipt
	for _, s := range segs {
		on = on[:0]
		searchNearSegment(hix, s.a, s.b, func(id int) {
			if pixelHit(s.a, s.b, pix[id]) {
				on = append(on, pix[id])
			}
		})
		// Order along the edge by the projection on its direction.
		dx, dy := s.b.x-s.a.x, s.b.y-s.a.y
		slices.SortFunc(on, func(p, q ipt) int {
			return sign((p.x-s.a.x)*dx + (p.y-s.a.y)*dy - (q.x-s.a.x)*dx - (q.y-s.a.y)*dy)
		})
		for k := 0; k+1 < len(on); k++ {
			if on[k] != on[k+1] {
				out = append(out, fragment{on[k], on[k+1], s.ring})
			}
		}
	}
	return out, hits
}

const (
	meetNone    = iota
	meetCross   // proper crossing; the point is rounded to the lattice
	meetTouch   // meet at one point that is an endpoint of one edge
	meetOverlap // collinear with a shared stretch; the point is its start
)

// meet classifies how segments ab and cd meet, exactly.
func meet(a, b, c, d ipt) (ipt, int) {
	o1, o2 := sign(cross(a, b, c)), sign(cross(a, b, d))
	if o1 == 0 && o2 == 0 {
		s0, s1 := a, b
		if ipLess(s1, s0) {
			s0, s1 = s1, s0
		}
		t0, t1 := c, d
		if ipLess(t1, t0) {
			t0, t1 = t1, t0
		}
		lo, hi := s0, s1
		if ipLess(lo, t0) {
			lo = t0
		}
		if ipLess(t1, hi) {
			hi = t1
		}
		switch {
		case ipLess(lo, hi):
			return lo, meetOverlap
		case lo == hi:
			return lo, meetTouch
		}
		return ipt{}, meetNone
	}
	o3, o4 := sign(cross(c, d, a)), sign(cross(c, d, b))
	if o1*o2 < 0 && o3*o4 < 0 {
		return roundCrossing(a, b, c, d), meetCross
	}
	switch {
	case o1 == 0 && ipIn(a, b, c):
		return c, meetTouch
	case o2 == 0 && ipIn(a, b, d):
		return d, meetTouch
	case o3 == 0 && ipIn(c, d, a):
		return a, meetTouch
	case o4 == 0 && ipIn(c, d, b):
		return b, meetTouch
	}
	return ipt{}, meetNone
}

func ipIn(a, b, p ipt) bool {
	return p.x >= min(a.x, b.x) && p.x <= max(a.x, b.x) && p.y >= min(a.y, b.y) && p.y <= max(a.y, b.y)
}

func neighbours(s, t *iseg) bool {
	d := s.idx - t.idx
	if d < 0 {
		d = -d
	}
	return d == 1 || d == s.n-1
}

func isShared(s, t *iseg, p ipt) bool {
	return (p == s.a || p == s.b) && (p == t.a || p == t.b)
}

// roundCrossing returns the lattice point nearest to the crossing of ab
// and cd (rounding halves up, as the half-open hot pixels require):
// p = a + (b−a)·t with t = ((c−a)×(d−c)) / ((b−a)×(d−c)).
func roundCrossing(a, b, c, d ipt) ipt {
	num := (c.x-a.x)*(d.y-c.y) - (c.y-a.y)*(d.x-c.x)
	den := (b.x-a.x)*(d.y-c.y) - (b.y-a.y)*(d.x-c.x)
	if den < 0 {
		num, den = -num, -den
	}
	coord := func(a0, d0 int64) int64 {
		// floor((2·(a0·den + d0·num) + den) / (2·den))
		v := new(big.Int).Mul(big.NewInt(a0), big.NewInt(den))
		v.Add(v, new(big.Int).Mul(big.NewInt(d0), big.NewInt(num)))
		v.Lsh(v, 1)
		v.Add(v, big.NewInt(den))
		q := new(big.Int).Lsh(big.NewInt(den), 1)
		v.Div(v, q) // Euclidean division: floor for a positive divisor
		return v.Int64()
	}
	return ipt{coord(a.x, b.x-a.x), coord(a.y, b.y-a.y)}
}

// pixelHit reports whether segment ab passes through the hot pixel of
// centre c: the square [c−½, c+½) × [c−½, c+½), closed on its left and
// bottom sides. Coordinates are doubled so the pixel's corners are
// integers. Port of GEOS HotPixel::intersectsScaled.
func pixelHit(a, b, c ipt) bool {
	px, py, qx, qy := 2*a.x, 2*a.y, 2*b.x, 2*b.y
	if px > qx {
		px, py, qx, qy = qx, qy, px, py
	}
	minx, maxx, miny, maxy := 2*c.x-1, 2*c.x+1, 2*c.y-1, 2*c.y+1
	if min(px, qx) >= maxx || max(px, qx) < minx || min(py, qy) >= maxy || max(py, qy) < miny {
		return false
	}
	if px == qx || py == qy {
		return true
	}
	p, q := ipt{px, py}, ipt{qx, qy}
	orient := func(x, y int64) int { return sign(cross(p, q, ipt{x, y})) }
	ul := orient(minx, maxy)
	if ul == 0 {
		return py >= qy // an upward edge through the upper-left corner misses
	}
	ur := orient(maxx, maxy)
	if ur == 0 {
		return py <= qy // a downward edge through the upper-right corner misses
	}
	if ul != ur {
		return true // crosses the top side
	}
	ll := orient(minx, miny)
	if ll == 0 || ll != ul {
		return true // through the lower-left corner, or crosses the left side
	}
	lr := orient(maxx, miny)
	if lr == 0 {
		return py >= qy
	}
	return ll != lr || lr != ur
}

// searchNearSegment calls fn for every item of ix whose box lies within
// one lattice step of segment ab — the R-tree walk prunes nodes by the
// segment itself, not its bounding box, so long diagonal edges visit only
// the pixels near them.
func searchNearSegment(ix *Index, a, b ipt, fn func(id int)) {
	if len(ix.levels) == 0 {
		return
	}
	top := len(ix.levels) - 1
	var walk func(level int, n indexNode)
	walk = func(level int, n indexNode) {
		if !segNearBox(a, b, n.b) {
			return
		}
		if level == 0 {
			for k := n.start; k < n.end; k++ {
				if segNearBox(a, b, ix.boxes[k]) {
					fn(int(ix.items[k]))
				}
			}
			return
		}
		for _, c := range ix.levels[level-1][n.start:n.end] {
			walk(level-1, c)
		}
	}
	walk(top, ix.levels[top][0])
}

// segNearBox: does segment ab meet box bd grown by one step? Exact.
func segNearBox(a, b ipt, bd orb.Bound) bool {
	x0, y0 := int64(bd.Min[0])-1, int64(bd.Min[1])-1
	x1, y1 := int64(bd.Max[0])+1, int64(bd.Max[1])+1
	if max(a.x, b.x) < x0 || min(a.x, b.x) > x1 || max(a.y, b.y) < y0 || min(a.y, b.y) > y1 {
		return false
	}
	s := sign(cross(a, b, ipt{x0, y0}))
	for _, c := range []ipt{{x1, y0}, {x1, y1}, {x0, y1}} {
		if sign(cross(a, b, c)) != s {
			return true
		}
	}
	return s == 0
}
