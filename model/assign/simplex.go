package assign

import "math"

// simplex is a primal network simplex for minimum-cost flow with node
// supplies (Σ supply = 0, every supply met exactly). It keeps the spanning
// tree basis in the parent/thread/successor-count form of Grigoriadis and of
// LEMON's NetworkSimplex, so a pivot costs the length of the cycle and the
// size of the moved subtree, not a pass over the graph, and prices arcs by
// block search (√m arcs per block). Arcs may be added after solve: they
// enter as non-basic at zero flow and the next solve continues from the
// optimal basis (warm start), which is how candidate schools are widened.
//
// Costs are in integer units; reduced cost of arc u→v is
// cost + pi[u] − pi[v], and a solved basis has reduced cost ≥ 0 on every
// arc at zero flow, ≤ 0 on every arc at capacity.
type simplex struct {
	n    int32 // real nodes; node n is the artificial root
	src  []int32
	dst  []int32
	cap  []int64
	cost []int64
	flow []int64
	// state: stateLower (flow 0, may rise), stateUpper (flow at capacity,
	// may fall) or stateTree (basic).
	state  []int8
	supply []int64
	pi     []int64

	parent, pred, thread, revThread, succNum, lastSucc []int32
	predUp                                             []bool // pred arc points from the node to its parent
	dirty                                              []int32

	nextArc               int
	inArc, join, uIn, vIn int32
	uOut                  int32
	delta                 int64
	artCost               int64
}

const (
	stateUpper int8 = -1
	stateTree  int8 = 0
	stateLower int8 = 1
)

// capInf is an uncapacitated arc's capacity.
const capInf = math.MaxInt64 / 4

// newSimplex makes a network of n nodes with supplies; arcs 0…n−1 are the
// artificial arcs joining each node to the root.
func newSimplex(supply []int64, arcsHint int) *simplex {
	n := int32(len(supply))
	s := &simplex{n: n, supply: append(append([]int64(nil), supply...), 0)}
	total := n + 1
	s.pi = make([]int64, total)
	for _, v := range []*[]int32{&s.parent, &s.pred, &s.thread, &s.revThread, &s.succNum, &s.lastSucc} {
		*v = make([]int32, total)
	}
	s.predUp = make([]bool, total)
	m := int(n) + arcsHint
	s.src, s.dst = make([]int32, n, m), make([]int32, n, m)
	s.cap, s.cost, s.flow = make([]int64, n, m), make([]int64, n, m), make([]int64, n, m)
	s.state = make([]int8, n, m)
	return s
}

// addArc adds u→v with capacity c ≥ 0 and unit cost w and returns its index.
func (s *simplex) addArc(u, v int, c, w int64) int {
	s.src = append(s.src, int32(u))
	s.dst = append(s.dst, int32(v))
	s.cap = append(s.cap, c)
	s.cost = append(s.cost, w)
	s.flow = append(s.flow, 0)
	s.state = append(s.state, stateLower)
	return len(s.src) - 1
}

// init builds the starting basis: every node hangs from the root by its
// artificial arc, supply nodes pointing up at cost 0, demand nodes down at
// a cost above any path of real arcs (a strongly feasible tree).
func (s *simplex) init() {
	maxCost := int64(0)
	for a := int(s.n); a < len(s.cost); a++ {
		maxCost = max(maxCost, s.cost[a], -s.cost[a])
	}
	s.artCost = (maxCost + 1) * int64(s.n+1)
	root := s.n
	s.parent[root], s.pred[root] = -1, -1
	s.thread[root], s.revThread[0] = 0, root
	s.succNum[root], s.lastSucc[root] = s.n+1, root-1
	s.pi[root] = 0
	for u := int32(0); u < s.n; u++ {
		s.parent[u], s.pred[u] = root, u
		s.thread[u], s.revThread[u+1] = u+1, u
		s.succNum[u], s.lastSucc[u] = 1, u
		s.cap[u], s.state[u] = capInf, stateTree
		if s.supply[u] >= 0 {
			s.predUp[u], s.pi[u] = true, 0
			s.src[u], s.dst[u], s.flow[u], s.cost[u] = u, root, s.supply[u], 0
		} else {
			s.predUp[u], s.pi[u] = false, s.artCost
			s.src[u], s.dst[u], s.flow[u], s.cost[u] = root, u, -s.supply[u], s.artCost
		}
	}
	if s.n == 0 {
		s.thread[root], s.revThread[0] = root, root
	}
}

// pivotArcs pivots each of the given arcs into the basis, in order, when
// its reduced cost is negative (a crash start, as LEMON's initial pivots).
func (s *simplex) pivotArcs(arcs []int) {
	for _, a := range arcs {
		if s.reduced(a) >= 0 {
			continue
		}
		s.inArc = int32(a)
		s.findJoin()
		change := s.findLeaving()
		s.changeFlow(change)
		if change {
			s.updateTree()
			s.updatePotential()
		}
	}
}

// solve pivots until no arc has a negative reduced cost and reports whether
// every supply could be met (no flow left on an artificial arc). Call init
// first; a later solve, after arcs were added, continues from the basis.
func (s *simplex) solve() bool {
	block := max(10, int(math.Sqrt(float64(len(s.src)-int(s.n)))))
	for s.findEntering(block) {
		s.findJoin()
		change := s.findLeaving()
		s.changeFlow(change)
		if change {
			s.updateTree()
			s.updatePotential()
		}
	}
	for a := int32(0); a < s.n; a++ {
		if s.flow[a] != 0 {
			return false
		}
	}
	return true
}

func (s *simplex) reduced(a int) int64 {
	return int64(s.state[a]) * (s.cost[a] + s.pi[s.src[a]] - s.pi[s.dst[a]])
}

// findEntering is block search: scan blocks of arcs from where the last
// search stopped and take the most negative reduced cost of the first block
// that has one.
func (s *simplex) findEntering(block int) bool {
	first, m := int(s.n), len(s.src)
	if s.nextArc < first || s.nextArc >= m {
		s.nextArc = first
	}
	best, cnt, e := int64(0), block, s.nextArc
	for scanned := 0; scanned < m-first; scanned++ {
		if c := s.reduced(e); c < best {
			best, s.inArc = c, int32(e)
		}
		if e++; e == m {
			e = first
		}
		if cnt--; cnt == 0 {
			if best < 0 {
				break
			}
			cnt = block
		}
	}
	s.nextArc = e
	return best < 0
}

func (s *simplex) findJoin() {
	u, v := s.src[s.inArc], s.dst[s.inArc]
	for u != v {
		if s.succNum[u] < s.succNum[v] {
			u = s.parent[u]
		} else {
			v = s.parent[v]
		}
	}
	s.join = u
}

// findLeaving finds the blocking arc of the cycle the entering arc closes
// (the last one on the second side, for a strongly feasible tree) and
// reports whether it differs from the entering arc.
func (s *simplex) findLeaving() bool {
	first, second := s.src[s.inArc], s.dst[s.inArc]
	if s.state[s.inArc] != stateLower {
		first, second = second, first
	}
	s.delta = s.cap[s.inArc]
	result := 0
	for u := first; u != s.join; u = s.parent[u] {
		if d := s.residual(u, !s.predUp[u]); d < s.delta {
			s.delta, s.uOut, result = d, u, 1
		}
	}
	for u := second; u != s.join; u = s.parent[u] {
		if d := s.residual(u, s.predUp[u]); d <= s.delta {
			s.delta, s.uOut, result = d, u, 2
		}
	}
	if result == 1 {
		s.uIn, s.vIn = first, second
	} else {
		s.uIn, s.vIn = second, first
	}
	return result != 0
}

// residual is how much the flow on u's tree arc may rise (up) or fall.
func (s *simplex) residual(u int32, up bool) int64 {
	e := s.pred[u]
	if !up {
		return s.flow[e]
	}
	if s.cap[e] >= capInf {
		return capInf
	}
	return s.cap[e] - s.flow[e]
}

func (s *simplex) dir(u int32) int64 {
	if s.predUp[u] {
		return 1
	}
	return -1
}

func (s *simplex) changeFlow(change bool) {
	if s.delta > 0 {
		val := int64(s.state[s.inArc]) * s.delta
		s.flow[s.inArc] += val
		for u := s.src[s.inArc]; u != s.join; u = s.parent[u] {
			s.flow[s.pred[u]] -= s.dir(u) * val
		}
		for u := s.dst[s.inArc]; u != s.join; u = s.parent[u] {
			s.flow[s.pred[u]] += s.dir(u) * val
		}
	}
	if !change {
		s.state[s.inArc] = -s.state[s.inArc]
		return
	}
	s.state[s.inArc] = stateTree
	if out := s.pred[s.uOut]; s.flow[out] == 0 {
		s.state[out] = stateLower
	} else {
		s.state[out] = stateUpper
	}
}

// updatePotential shifts the potentials of the subtree that moved so the
// entering arc has zero reduced cost.
func (s *simplex) updatePotential() {
	sigma := s.pi[s.vIn] - s.pi[s.uIn] - s.dir(s.uIn)*s.cost[s.inArc]
	end := s.thread[s.lastSucc[s.uIn]]
	for u := s.uIn; u != end; u = s.thread[u] {
		s.pi[u] += sigma
	}
}

// updateTree replaces the leaving arc (u_out's tree arc) by the entering arc
// (u_in–v_in): the subtree below the leaving arc is re-hung from v_in,
// reversing the stem u_in … u_out, and the thread, successor counts and last
// successors are patched along the two paths to the join node.
func (s *simplex) updateTree() {
	oldRevThread := s.revThread[s.uOut]
	oldSuccNum := s.succNum[s.uOut]
	oldLastSucc := s.lastSucc[s.uOut]
	vOut := s.parent[s.uOut]
	if s.uIn == s.uOut {
		s.parent[s.uIn], s.pred[s.uIn] = s.vIn, s.inArc
		s.predUp[s.uIn] = s.uIn == s.src[s.inArc]
		if s.thread[s.vIn] != s.uOut {
			after := s.thread[oldLastSucc]
			s.link(oldRevThread, after)
			after = s.thread[s.vIn]
			s.link(s.vIn, s.uOut)
			s.link(oldLastSucc, after)
		}
	} else {
		s.reverseStem(oldRevThread, oldLastSucc, oldSuccNum)
	}
	s.patchLastSucc(vOut, oldRevThread, oldLastSucc)
	for u := s.vIn; u != s.join; u = s.parent[u] {
		s.succNum[u] += oldSuccNum
	}
	for u := vOut; u != s.join; u = s.parent[u] {
		s.succNum[u] -= oldSuccNum
	}
}

func (s *simplex) link(a, b int32) { s.thread[a], s.revThread[b] = b, a }

// reverseStem re-hangs the stem from u_in up to u_out below v_in.
func (s *simplex) reverseStem(oldRevThread, oldLastSucc, oldSuccNum int32) {
	threadContinue := s.thread[s.vIn]
	if oldRevThread == s.vIn {
		threadContinue = s.thread[oldLastSucc]
	}
	stem, parStem := s.uIn, s.vIn
	last := s.lastSucc[s.uIn]
	after := s.thread[last]
	s.thread[s.vIn] = s.uIn
	s.dirty = append(s.dirty[:0], s.vIn)
	for stem != s.uOut {
		next := s.parent[stem]
		s.thread[last] = next
		s.dirty = append(s.dirty, last)
		before := s.revThread[stem]
		s.link(before, after)
		s.parent[stem] = parStem
		parStem, stem = stem, next
		if s.lastSucc[stem] == s.lastSucc[parStem] {
			last = s.revThread[parStem]
		} else {
			last = s.lastSucc[stem]
		}
		after = s.thread[last]
	}
	s.parent[s.uOut] = parStem
	s.link(last, threadContinue)
	s.lastSucc[s.uOut] = last
	if oldRevThread != s.vIn {
		s.link(oldRevThread, after)
	}
	for _, u := range s.dirty {
		s.revThread[s.thread[u]] = u
	}
	sc, ls := int32(0), s.lastSucc[s.uOut]
	for u, p := s.uOut, s.parent[s.uOut]; u != s.uIn; u, p = p, s.parent[p] {
		s.pred[u] = s.pred[p]
		s.predUp[u] = !s.predUp[p]
		sc += s.succNum[u] - s.succNum[p]
		s.succNum[u] = sc
		s.lastSucc[p] = ls
	}
	s.pred[s.uIn] = s.inArc
	s.predUp[s.uIn] = s.uIn == s.src[s.inArc]
	s.succNum[s.uIn] = oldSuccNum
}

// patchLastSucc updates the last successors on the paths from v_in and from
// v_out towards the root.
func (s *simplex) patchLastSucc(vOut, oldRevThread, oldLastSucc int32) {
	upLimitOut := int32(-1)
	if s.lastSucc[s.join] == s.vIn {
		upLimitOut = s.join
	}
	lastSuccOut := s.lastSucc[s.uOut]
	for u := s.vIn; u != -1 && s.lastSucc[u] == s.vIn; u = s.parent[u] {
		s.lastSucc[u] = lastSuccOut
	}
	switch {
	case s.join != oldRevThread && s.vIn != oldRevThread:
		for u := vOut; u != upLimitOut && s.lastSucc[u] == oldLastSucc; u = s.parent[u] {
			s.lastSucc[u] = oldRevThread
		}
	case lastSuccOut != oldLastSucc:
		for u := vOut; u != upLimitOut && s.lastSucc[u] == oldLastSucc; u = s.parent[u] {
			s.lastSucc[u] = lastSuccOut
		}
	}
}
