package geo

import (
	"maps"
	"slices"
	"sync"

	"github.com/paulmach/orb"
)

// rn is the number of ring (part, ring).
func (v *validator) rn(part, ring int32) int { return v.partStart[part] + int(ring) }

// ringRef names a ring: polygon and ring index.
type ringRef struct{ part, ring int32 }

// touchDirs are the two neighbours of a touch point along one ring.
type touchDirs struct{ d1, d2 orb.Point }

// setupRings numbers the rings and finds, for each, its orientation and
// the lower of the two edges at its lexicographically first vertex.
func (v *validator) setupRings() {
	seg := int32(0)
	for pi, p := range v.mp {
		v.partStart = append(v.partStart, len(v.refs))
		for ri, r := range p {
			v.refs = append(v.refs, ringRef{int32(pi), int32(ri)})
			v.turn = append(v.turn, ringTurn(r))
			n := len(r) - 1
			k := 0
			for i := 1; i < n; i++ {
				if lexLess(r[i], r[k]) {
					k = i
				}
			}
			// Edge k runs r[k]→r[k+1]; edge k−1 runs r[k−1]→r[k].
			lowEdge := seg + int32(k)
			if orientation(r[k], r[k+1], r[(k+n-1)%n]) < 0 {
				lowEdge = seg + int32((k+n-1)%n)
			}
			v.low = append(v.low, lowEdge)
			seg += int32(n)
		}
	}
	v.parent = make([]int, len(v.refs))
	for i := range v.parent {
		v.parent[i] = -2
	}
}

// checkEdges finds every crossing, overlap and touch between edges with a
// Shamos–Hoey plane sweep (1976): events sorted by x then y, the edges
// cut by the sweep line kept in order in a treap, and only edges that
// become neighbours in that order tested — O(n log n). The sweep stops at
// the first crossing or overlap, so the order it relies on always holds;
// touches do not change the order and it goes on past them. Rings that
// share a vertex are found among the sorted events, since at a shared
// vertex the edges ending there leave the sweep before those starting
// there enter it.
func (v *validator) checkEdges() error {
	var touches map[orb.Point]map[ringRef]touchDirs // most inputs have none
	addTouch := func(p orb.Point, r ringRef, d touchDirs) {
		if touches == nil {
			touches = map[orb.Point]map[ringRef]touchDirs{}
		}
		m := touches[p]
		if m == nil {
			m = map[ringRef]touchDirs{}
			touches[p] = m
		}
		m[r] = d
	}
	err := v.sweep(func(i, j int) error {
		return v.checkPair(i, j, addTouch)
	}, func(p orb.Point, segs []int32) error {
		return v.sharedVertex(p, segs, addTouch)
	})
	if err != nil {
		return err
	}
	return v.checkTouches(touches)
}

// sharedVertex looks at the edges with an end at p, a vertex where
// several rings meet or one ring passes twice.
func (v *validator) sharedVertex(p orb.Point, segs []int32, addTouch func(orb.Point, ringRef, touchDirs)) error {
	type visit struct {
		ref ringRef
		k   int // vertex index
	}
	var seen []visit
	for _, i := range segs {
		s := &v.segs[i]
		k := int(s.idx)
		if p == s.b {
			k = (k + 1) % int(s.n)
		}
		ref := ringRef{s.part, s.ring}
		dup := false
		for _, o := range seen {
			if o.ref == ref {
				if o.k != k {
					return &ValidityError{Reason: InvalidSelfIntersection, Part: int(s.part), Ring: int(s.ring), At: p}
				}
				dup = true
			}
		}
		if !dup {
			seen = append(seen, visit{ref, k})
		}
	}
	if len(seen) < 2 {
		return nil
	}
	for _, o := range seen {
		r := v.mp[o.ref.part][o.ref.ring]
		n := len(r) - 1
		addTouch(p, o.ref, touchDirs{r[(o.k+n-1)%n], r[o.k+1]})
	}
	return nil
}

// sweep calls check for every pair of edges that become neighbours in
// the sweep order, and shared for every point that ends more than two
// edges, until one returns an error.
func (v *validator) sweep(check func(i, j int) error, shared func(orb.Point, []int32) error) error {
	n := len(v.segs)
	sc := v.scratch
	sc.lo, sc.hi = grow(sc.lo, n), grow(sc.hi, n)
	lo, hi := sc.lo, sc.hi
	events := grow(sc.events, 2*n)[:0]
	for i, s := range v.segs {
		a, b := s.a, s.b
		if lexLess(b, a) {
			a, b = b, a
		}
		lo[i], hi[i] = a, b
		events = append(events, edgeEnd{a, int32(i), true}, edgeEnd{b, int32(i), false})
	}
	sc.events = events
	slices.SortFunc(events, func(x, y edgeEnd) int {
		switch { // lexicographic on the point; coordinates are finite here
		case x.p[0] < y.p[0]:
			return -1
		case x.p[0] > y.p[0]:
			return 1
		case x.p[1] < y.p[1]:
			return -1
		case x.p[1] > y.p[1]:
			return 1
		case x.start != y.start:
			if x.start {
				return 1 // ends first
			}
			return -1
		}
		return int(x.seg - y.seg)
	})
	var group []int32
	for k := 0; k < len(events); {
		j := k
		group = group[:0]
		for ; j < len(events) && events[j].p == events[k].p; j++ {
			group = append(group, events[j].seg)
		}
		if len(group) > 2 {
			if err := shared(events[k].p, group); err != nil {
				return err
			}
		}
		k = j
	}
	sc.nodes, sc.pool = grow(sc.nodes, n), grow(sc.pool, n)
	nodes, pool := sc.nodes, sc.pool
	var st treap
	var pending []int // rings whose first vertex is the current point
	// parentOf finds the ring directly around ring g from the edge just
	// below g's lower first edge: that edge's ring x, if its inside is
	// above the edge, else the ring around x.
	var parentOf func(g int)
	parentOf = func(g int) {
		if v.parent[g] != -2 {
			return
		}
		v.parent[g] = -1
		below := nodes[v.low[g]].prev()
		if below == nil {
			return
		}
		s := &v.segs[below.id]
		x := v.rn(s.part, s.ring)
		if x == g {
			return // not simple: reported by the sweep
		}
		parentOf(x)
		if lexLess(s.a, s.b) == (v.turn[x] > 0) {
			v.parent[g] = x
		} else {
			v.parent[g] = v.parent[x]
		}
	}
	for k, e := range events {
		if k > 0 && events[k-1].p != e.p {
			for _, g := range pending {
				parentOf(g)
			}
			pending = pending[:0]
		}
		if !e.start {
			nd := nodes[e.seg]
			below, above := nd.prev(), nd.next()
			st.remove(nd)
			if below != nil && above != nil {
				if err := check(int(below.id), int(above.id)); err != nil {
					return err
				}
			}
			continue
		}
		p, q := lo[e.seg], hi[e.seg]
		nd := &pool[e.seg]
		nd.id = e.seg
		st.insert(nd, func(o int32) bool {
			c := orientation(lo[o], hi[o], p)
			if c == 0 {
				c = orientation(lo[o], hi[o], q)
			}
			return c < 0
		})
		nodes[e.seg] = nd
		if sg := &v.segs[e.seg]; v.low[v.rn(sg.part, sg.ring)] == e.seg {
			pending = append(pending, v.rn(sg.part, sg.ring))
		}
		if below := nd.prev(); below != nil {
			if err := check(int(below.id), int(e.seg)); err != nil {
				return err
			}
		}
		if above := nd.next(); above != nil {
			if err := check(int(e.seg), int(above.id)); err != nil {
				return err
			}
		}
	}
	for _, g := range pending {
		parentOf(g)
	}
	return nil
}

func (v *validator) checkPair(i, j int, addTouch func(orb.Point, ringRef, touchDirs)) error {
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
	var p orb.Point
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
		p = lo
	} else {
		o3, o4 := orientation(c, d, a), orientation(c, d, b)
		if o1*o2 < 0 && o3*o4 < 0 {
			return fail(kind, crossingPoint(a, b, c, d))
		}
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
	}
	if sameRing {
		dd := s.idx - t.idx
		if dd < 0 {
			dd = -dd
		}
		if (dd == 1 || dd == s.n-1) && (p == s.a || p == s.b) && (p == t.a || p == t.b) {
			return nil // neighbours meeting at their shared vertex
		}
		return fail(InvalidSelfIntersection, p)
	}
	addTouch(p, ringRef{s.part, s.ring}, v.around(s, p))
	addTouch(p, ringRef{t.part, t.ring}, v.around(t, p))
	return nil
}

// around returns the ring's two neighbouring points of p, a point of edge s.
func (v *validator) around(s *vseg, p orb.Point) touchDirs {
	r := v.mp[s.part][s.ring]
	n := int(s.n)
	switch p {
	case s.a:
		return touchDirs{r[(int(s.idx)+n-1)%n], s.b}
	case s.b:
		return touchDirs{s.a, r[(int(s.idx)+2)%n]}
	}
	return touchDirs{s.a, s.b}
}

// checkTouches: rings of one polygon that touch must not enclose part of
// its interior (the graph of rings and touch points is a forest); rings
// of different polygons may touch but not cross at the touch point.
func (v *validator) checkTouches(touches map[orb.Point]map[ringRef]touchDirs) error {
	uf := newUnionFind(len(v.refs))
	pts := slices.SortedFunc(maps.Keys(touches), func(p, q orb.Point) int {
		if lexLess(p, q) {
			return -1
		}
		if p == q {
			return 0
		}
		return 1
	})
	for _, p := range pts {
		m := touches[p]
		refs := slices.SortedFunc(maps.Keys(m), func(x, y ringRef) int {
			if x.part != y.part {
				return int(x.part - y.part)
			}
			return int(x.ring - y.ring)
		})
		nodes := map[int32]int{}
		for i, r := range refs {
			node, ok := nodes[r.part]
			if !ok {
				node = uf.add()
				nodes[r.part] = node
			}
			if !uf.union(v.rn(r.part, r.ring), node) {
				return &ValidityError{Reason: InvalidDisconnected, Part: int(r.part), Ring: int(r.ring), At: p}
			}
			for _, o := range refs[i+1:] {
				if o.part != r.part && crossesAt(p, m[r], m[o]) {
					return &ValidityError{Reason: InvalidOverlappingPolygons, Part: int(o.part), Ring: int(o.ring), At: p}
				}
			}
		}
	}
	return nil
}

// crossesAt reports whether two boundaries through p cross there: the
// rays from p to b's two neighbours lie on different sides of a's.
func crossesAt(p orb.Point, a, b touchDirs) bool {
	return inSector(p, a.d1, a.d2, b.d1) != inSector(p, a.d1, a.d2, b.d2)
}

// inSector: is x strictly inside the sector swept counter-clockwise from
// ray p→u to ray p→v?
func inSector(p, u, v, x orb.Point) bool {
	ou, ov := orientation(p, u, x), orientation(p, v, x)
	switch orientation(p, u, v) {
	case 1:
		return ou > 0 && ov < 0
	case -1:
		return ou > 0 || ov < 0
	}
	return ou > 0
}

// edgeEnd is an edge's lower (start) or upper end in the sweep order.
type edgeEnd struct {
	p     orb.Point
	seg   int32
	start bool
}

// validatorScratch holds the buffers of one Validate, reused through
// scratchPool: validating every zone of a large file allocated more than
// the file's own geometry.
type validatorScratch struct {
	segs   []vseg
	lo, hi []orb.Point
	events []edgeEnd
	nodes  []*tnode
	pool   []tnode
}

var scratchPool = sync.Pool{New: func() any { return new(validatorScratch) }}

// release clears what points into the validated geometry or the treap
// and returns the buffers to the pool.
func (sc *validatorScratch) release() {
	clear(sc.nodes)
	clear(sc.pool)
	scratchPool.Put(sc)
}

// grow returns b resliced to length n (contents undefined), reallocated
// only when too small.
func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}
