package assign

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/geo"
)

// homeZones returns, per school, the zone its site stands in (−1 when the
// site is in no zone). That zone is the root of the school's catchment.
func (p *Problem) homeZones() []int {
	bounds := make([]orb.Bound, len(p.geoms))
	for i, g := range p.geoms {
		bounds[i] = g.Bound()
	}
	ix := geo.NewIndex(bounds)
	home := make([]int, len(p.Schools))
	for j, s := range p.Schools {
		home[j] = -1
		if len(p.geoms) != len(p.Zones) {
			continue // a Problem built without Prepare has no geometry
		}
		ix.Search(s.Location.Bound(), func(i int) bool {
			if p.Zones[i].Located && geo.Contains(p.geoms[i], s.Location) {
				home[j] = i
				return false
			}
			return true
		})
	}
	return home
}

// contiguity makes every catchment one connected set of zones (through
// zone adjacency) that contains its school's own zone. A zone without
// neighbours (an island) stands alone and may go to any school.
type contiguity struct {
	w    *whole
	adj  [][]int32
	home []int // root zone per school, −1 = none pinned
	comp []int32
	seen []int32 // BFS marks, stamped with gen
	gen  int32
	buf  []int // targets' result, reused
	// typical is the median pupils of a zone with pupils (transfer).
	typical int
	// penalty is the charge per pupil beyond the seats in reattach and
	// the searches (metres): w.maxRatio, else seatPenalty.
	penalty float64
}

// enforceContiguity pins each school's own zone to it, then reattaches
// every detached piece of a catchment to the neighbouring catchment where
// it costs least (room first), until no piece is left, and finally improves
// the result with moves that keep every catchment connected: repair and
// descent, then simulated annealing (anneal, budget proportional to the
// zones) to leave their local optimum, then repair and descent again.
func (p *Problem) enforceContiguity(w *whole, home []int) {
	c := &contiguity{w: w, adj: p.adjacency(), home: make([]int, len(p.Schools)),
		comp: make([]int32, len(p.Zones)), seen: make([]int32, len(p.Zones))}
	for j, h := range home {
		c.home[j] = -1
		if h < 0 || w.fixed[h] {
			continue // two schools in one zone: the first keeps it
		}
		if w.schoolOf[h] != j {
			w.move(h, j)
		}
		w.fixed[h], c.home[j] = true, h
	}
	c.penalty = w.maxRatio
	if math.IsInf(c.penalty, 1) {
		c.penalty = p.seatPenalty(DefaultCandidates)
	}
	for pass := 0; pass < len(p.Zones)+1; pass++ {
		if c.reattach() == 0 {
			break
		}
	}
	c.repair()
	c.descend()
	c.anneal(max(annealMinTries, annealTries*len(p.Zones)), c.penalty)
	c.repair()
	c.descend()
	// With seats for every pupil, any chain that seats one more is worth
	// its travel; when seats are short the penalty already weighed them in
	// the annealing, and chains across full catchments cost more per pupil
	// than it (measured on the sample and the 10k county).
	if math.IsInf(w.maxRatio, 1) && c.transfer(c.penalty, len(p.Zones)) > 0 {
		c.descend()
	}
}

// descend applies improving contiguity-keeping moves until none is left
// (at most 50 passes).
func (c *contiguity) descend() {
	for pass := 0; pass < 50; pass++ {
		if c.improve() == 0 {
			break
		}
	}
}

func (c *contiguity) island(i int) bool { return len(c.adj[i]) == 0 }

// pieces labels the connected pieces of every catchment and returns, per
// school, the label of its root piece (the one holding its own zone, else
// its largest by pupils) and the detached pieces' zones.
func (c *contiguity) pieces() (root []int32, detached [][]int32) {
	w := c.w
	for i := range c.comp {
		c.comp[i] = -1
	}
	var zones [][]int32
	var demand []int
	var owner []int
	for i, j := range w.schoolOf {
		if j < 0 || c.comp[i] >= 0 || c.island(i) {
			continue
		}
		id := int32(len(zones))
		piece, dem := c.flood(i, j, id)
		zones, demand, owner = append(zones, piece), append(demand, dem), append(owner, j)
	}
	root = make([]int32, len(w.load))
	for j := range root {
		root[j] = -1
		if h := c.home[j]; h >= 0 && !c.island(h) {
			root[j] = c.comp[h]
		}
	}
	for id, j := range owner {
		if c.home[j] < 0 && (root[j] < 0 || demand[id] > demand[root[j]]) {
			root[j] = int32(id)
		}
	}
	for id, j := range owner {
		if root[j] != int32(id) {
			detached = append(detached, zones[id])
		}
	}
	return root, detached
}

// flood labels the piece of school j's catchment around zone i.
func (c *contiguity) flood(i, j int, id int32) (piece []int32, demand int) {
	piece = append(piece, int32(i))
	c.comp[i] = id
	for k := 0; k < len(piece); k++ {
		u := piece[k]
		demand += c.w.p.Zones[u].Demand
		for _, v := range c.adj[u] {
			if c.comp[v] < 0 && c.w.schoolOf[v] == j {
				c.comp[v] = id
				piece = append(piece, v)
			}
		}
	}
	return piece, demand
}

// reattach hands the zones of detached pieces to the neighbouring root
// pieces, cheapest zone first, growing those roots into the detached
// ground like a flood (so a piece may be shared between neighbours), and
// returns how many zones it moved.
func (c *contiguity) reattach() int {
	w := c.w
	root, detached := c.pieces()
	loose := make(map[int32]bool)
	for _, piece := range detached {
		for _, i := range piece {
			loose[i] = true
		}
	}
	h := &claimHeap{}
	price := func(q int32, k int) float64 {
		d := w.shift(int(q), k)
		return d.cost + c.penalty*float64(d.excess) // weigh the seats in
	}
	offer := func(q int32, k int) { h.push(claim{price(q, k), q, int32(k)}) }
	for _, piece := range detached { // not the map: ties must pop alike every run
		for _, q := range piece {
			for _, v := range c.adj[q] {
				if k := w.schoolOf[v]; k >= 0 && !loose[v] && root[k] >= 0 && c.comp[v] == root[k] {
					offer(q, k)
				}
			}
		}
	}
	moved := 0
	for h.len() > 0 {
		x := h.pop()
		if !loose[x.zone] {
			continue
		}
		if c := price(x.zone, int(x.school)); c > x.cost+costEps {
			x.cost = c // loads changed since the offer: it only got dearer
			h.push(x)
			continue
		}
		w.move(int(x.zone), int(x.school))
		delete(loose, x.zone)
		c.comp[x.zone] = root[x.school]
		moved++
		for _, u := range c.adj[x.zone] {
			if loose[u] {
				offer(u, int(x.school))
			}
		}
	}
	return moved
}

// improve applies, zone by zone, the best move to a neighbouring catchment
// that keeps both catchments connected and lowers (excess, cost); islands
// may move to any candidate school. It returns the number of moves.
func (c *contiguity) improve() int {
	w := c.w
	moved := 0
	for i := range w.schoolOf {
		if !w.movable(i) {
			continue
		}
		j := w.schoolOf[i]
		best, bestK := delta{}, -1
		try := func(k int) {
			if k >= 0 && k != j {
				if d := w.shift(i, k); w.better(d) && w.less(d, best) {
					best, bestK = d, k
				}
			}
		}
		if c.island(i) {
			for _, x := range w.cands[i] {
				try(int(x.school))
			}
		} else {
			for _, q := range c.adj[i] {
				try(w.schoolOf[q])
			}
		}
		if bestK >= 0 && (c.island(i) || c.connectedWithout(j, i)) {
			w.move(i, bestK)
			moved++
		}
	}
	return moved
}

// connectedWithout reports whether school j's catchment stays connected
// when zone i leaves it.
func (c *contiguity) connectedWithout(j, i int) bool {
	w := c.w
	inJ := 0
	for _, q := range c.adj[i] {
		if w.schoolOf[q] == j {
			inJ++
		}
	}
	if inJ <= 1 {
		return true // a leaf: nothing hangs on it
	}
	start, total := -1, 0
	for _, m := range w.members[j] {
		if int(m) != i && !c.island(int(m)) {
			total++
			if start < 0 || int(m) == c.home[j] {
				start = int(m)
			}
		}
	}
	c.gen++
	c.seen[i] = c.gen
	c.seen[start] = c.gen
	queue := []int32{int32(start)}
	for k := 0; k < len(queue); k++ {
		for _, v := range c.adj[queue[k]] {
			if c.seen[v] != c.gen && w.schoolOf[v] == j {
				c.seen[v] = c.gen
				queue = append(queue, v)
			}
		}
	}
	return len(queue) == total
}

// repair removes excess with the cheapest contiguity-keeping shift per
// pupil of excess, else with a chain of two shifts (a into a full
// neighbour k, b out of k into l), until neither lowers the excess.
func (c *contiguity) repair() {
	allowed := func(f fix) bool { return c.island(f.a) || c.connectedWithout(f.from, f.a) }
	for pass := 0; pass < 100; pass++ {
		c.w.repairWith(c.bestShift, allowed)
		if !c.chain() {
			return
		}
	}
}

// bestShift is the cheapest shift per pupil of excess out of school j to a
// neighbouring catchment.
func (c *contiguity) bestShift(j int) fix {
	w := c.w
	best := noFix()
	for _, a32 := range w.members[j] {
		if a := int(a32); w.movable(a) {
			for _, k := range c.targets(a) {
				w.consider(&best, fix{d: w.shift(a, k), a: a, k: k, b: -1, l: -1, from: j})
			}
		}
	}
	return best
}

// chain applies, for each over-full school j in one sweep, two-shift
// chains that lower the excess: zone a leaves j for its neighbour k, and a
// zone b of k leaves for a neighbour l; both moves keep catchments
// connected. It reports whether any chain was applied.
func (c *contiguity) chain() bool {
	w := c.w
	applied := false
	for j := range w.load {
		for _, a32 := range append([]int32(nil), w.members[j]...) {
			a := int(a32)
			if w.excess(j, w.load[j]) == 0 {
				break
			}
			if w.schoolOf[a] != j || !w.movable(a) || !(c.island(a) || c.connectedWithout(j, a)) {
				continue
			}
			for _, k := range append([]int(nil), c.targets(a)...) { // chainThrough reuses the buffer
				if c.chainThrough(a, j, k) {
					applied = true
					break
				}
			}
		}
	}
	return applied
}

// chainThrough tries a → k followed by the best b of k → l; it keeps the
// pair only when the excess falls.
func (c *contiguity) chainThrough(a, j, k int) bool {
	w := c.w
	e0 := w.pairExcess(j, k)
	costA := w.cost(a, k) - w.cost(a, j)
	w.move(a, k)
	for _, b32 := range append([]int32(nil), w.members[k]...) {
		b := int(b32)
		if b == a || !w.movable(b) {
			continue
		}
		for _, l := range c.targets(b) {
			if l == j {
				continue
			}
			d := w.shift(b, l)
			e1 := w.pairExcess(j, k)
			removed := -(e1 - e0 + d.excess)
			if removed > 0 && costA+d.cost <= float64(removed)*w.maxRatio && (c.island(b) || c.connectedWithout(k, b)) {
				w.move(b, l)
				return true
			}
		}
	}
	w.move(a, j)
	return false
}

// targets are the schools zone i may join keeping catchments connected:
// those of its neighbours, or for an island its candidates.
func (c *contiguity) targets(i int) []int {
	out := c.buf[:0]
	defer func() { c.buf = out[:0] }()
	j := c.w.schoolOf[i]
	add := func(k int) {
		if k >= 0 && k != j {
			for _, x := range out {
				if x == k {
					return
				}
			}
			out = append(out, k)
		}
	}
	if c.island(i) {
		for _, x := range c.w.cands[i] {
			add(int(x.school))
		}
	} else {
		for _, q := range c.adj[i] {
			add(c.w.schoolOf[q])
		}
	}
	return out
}
