package geo

import (
	"container/heap"
	"math/big"
)

// ratPt is an event point of the sweep: a lattice point or a crossing
// of two lattice segments, x = xn/d, y = yn/d exactly (d > 0; nil xn for
// lattice points), with float64 approximations to compare quickly.
type ratPt struct {
	fx, fy    float64
	xn, yn, d *big.Int
}

func latticePt(p ipt) ratPt { return ratPt{fx: float64(p.x), fy: float64(p.y)} }

// crossingPt is the exact crossing of segments ab and cd (which properly
// cross): a + (b−a)·num/den.
func crossingPt(a, b, c, d ipt) ratPt {
	num := (c.x-a.x)*(d.y-c.y) - (c.y-a.y)*(d.x-c.x)
	den := (b.x-a.x)*(d.y-c.y) - (b.y-a.y)*(d.x-c.x)
	if den < 0 {
		num, den = -num, -den
	}
	bn, bd := big.NewInt(num), big.NewInt(den)
	coord := func(a0, d0 int64) *big.Int {
		v := new(big.Int).Mul(big.NewInt(a0), bd)
		return v.Add(v, new(big.Int).Mul(big.NewInt(d0), bn))
	}
	t := float64(num) / float64(den)
	return ratPt{
		fx: float64(a.x) + t*float64(b.x-a.x), fy: float64(a.y) + t*float64(b.y-a.y),
		xn: coord(a.x, b.x-a.x), yn: coord(a.y, b.y-a.y), d: bd,
	}
}

// cmpCoord compares one coordinate of p and q exactly: floats when they
// are clearly apart (lattice coordinates are below 2^30, so float error
// is far below 1e-3), else cross-multiplied big integers.
func cmpCoord(pf, qf float64, pn, pd, qn, qd *big.Int) int {
	if pf < qf-1e-3 {
		return -1
	}
	if pf > qf+1e-3 {
		return 1
	}
	if pn == nil && qn == nil { // two lattice coordinates: exact as floats
		switch {
		case pf < qf:
			return -1
		case pf > qf:
			return 1
		}
		return 0
	}
	exact := func(f float64, n, d *big.Int) (*big.Int, *big.Int) {
		if n == nil {
			return big.NewInt(int64(f)), big.NewInt(1)
		}
		return n, d
	}
	pn, pd = exact(pf, pn, pd)
	qn, qd = exact(qf, qn, qd)
	l := new(big.Int).Mul(pn, qd)
	return l.Cmp(new(big.Int).Mul(qn, pd))
}

func cmpRat(p, q *ratPt) int {
	if c := cmpCoord(p.fx, q.fx, p.xn, p.d, q.xn, q.d); c != 0 {
		return c
	}
	return cmpCoord(p.fy, q.fy, p.yn, p.d, q.yn, q.d)
}

const (
	evEnd   = iota // edges leave the sweep first,
	evCross        // then crossing edges swap,
	evStart        // then edges starting here enter.
)

type sweepEvent struct {
	p    ratPt
	kind int8
	s, t int32
}

type eventQueue []sweepEvent

func (q eventQueue) Len() int { return len(q) }
func (q eventQueue) Less(i, j int) bool {
	if c := cmpRat(&q[i].p, &q[j].p); c != 0 {
		return c < 0
	}
	if q[i].kind != q[j].kind {
		return q[i].kind < q[j].kind
	}
	if q[i].s != q[j].s {
		return q[i].s < q[j].s
	}
	return q[i].t < q[j].t
}
func (q eventQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *eventQueue) Push(x any)   { *q = append(*q, x.(sweepEvent)) }
func (q *eventQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

// crossings finds every pair of segments that meet — proper crossings
// with their exact points — by a Bentley–Ottmann sweep (1979): events in
// lexicographic order (x, then y) in a heap, the segments cut by the sweep
// line ordered in a treap, and only segments that become neighbours
// tested; at a crossing the two swap places without any comparison. Time
// O((n + k) log n) for n segments and k crossings. meetFn is called for
// every neighbouring pair that meets in any way (crossing, touching,
// overlapping) — touches are found where the touching edges become
// neighbours, which is enough for the report; every proper crossing is
// passed to crossFn exactly once.
func crossings(segs []iseg, crossFn func(i, j int32, p ratPt), meetFn func(i, j int32)) {
	n := len(segs)
	lo := make([]ipt, n)
	hi := make([]ipt, n)
	q := make(eventQueue, 0, 2*n)
	for i, s := range segs {
		a, b := s.a, s.b
		if ipLess(b, a) {
			a, b = b, a
		}
		lo[i], hi[i] = a, b
		q = append(q, sweepEvent{latticePt(a), evStart, int32(i), -1}, sweepEvent{latticePt(b), evEnd, int32(i), -1})
	}
	heap.Init(&q)
	nodes := make([]*tnode, n)
	pool := make([]tnode, n)
	done := map[[2]int32]bool{}
	var st treap
	var now ratPt
	check := func(below, above *tnode) {
		if below == nil || above == nil {
			return
		}
		l, h := below.id, above.id
		key := [2]int32{min(l, h), max(l, h)}
		if done[key] {
			return
		}
		o1, o2 := sign(cross(lo[l], hi[l], lo[h])), sign(cross(lo[l], hi[l], hi[h]))
		o3, o4 := sign(cross(lo[h], hi[h], lo[l])), sign(cross(lo[h], hi[h], hi[l]))
		if o1*o2 < 0 && o3*o4 < 0 {
			x := crossingPt(lo[l], hi[l], lo[h], hi[h])
			if cmpRat(&x, &now) >= 0 {
				heap.Push(&q, sweepEvent{x, evCross, l, h})
			}
			return
		}
		if (o1 == 0 && ipIn(lo[l], hi[l], lo[h])) || (o2 == 0 && ipIn(lo[l], hi[l], hi[h])) ||
			(o3 == 0 && ipIn(lo[h], hi[h], lo[l])) || (o4 == 0 && ipIn(lo[h], hi[h], hi[l])) {
			done[key] = true
			meetFn(l, h)
		}
	}
	for q.Len() > 0 {
		e := heap.Pop(&q).(sweepEvent)
		now = e.p
		switch e.kind {
		case evEnd:
			nd := nodes[e.s]
			below, above := nd.prev(), nd.next()
			st.remove(nd)
			nodes[e.s] = nil
			check(below, above)
		case evCross:
			key := [2]int32{min(e.s, e.t), max(e.s, e.t)}
			ns, nt := nodes[e.s], nodes[e.t]
			if done[key] || ns == nil || nt == nil || ns.next() != nt {
				continue // stale: found again when they are neighbours
			}
			done[key] = true
			crossFn(e.s, e.t, e.p)
			meetFn(e.s, e.t)
			ns.id, nt.id = e.t, e.s
			nodes[e.s], nodes[e.t] = nt, ns
			check(ns.prev(), ns)
			check(nt, nt.next())
		case evStart:
			s := e.s
			p, r := lo[s], hi[s]
			nd := &pool[s]
			nd.id = s
			st.insert(nd, func(o int32) bool {
				c := sign(cross(lo[o], hi[o], p))
				if c == 0 {
					c = sign(cross(lo[o], hi[o], r))
				}
				return c < 0
			})
			nodes[s] = nd
			check(nd.prev(), nd)
			check(nd, nd.next())
		}
	}
}
