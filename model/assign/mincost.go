package assign

import "math"

// flowGraph is a min-cost flow network in adjacency-array form. Arc i and
// its reverse i^1 are stored next to each other, so the residual arc of any
// arc is found without a lookup.
//
// gonum has maximum flow but no minimum-cost flow, so this is a small
// primal-dual solver: Dijkstra with Johnson potentials finds the cheapest
// augmenting distance, then a Dinic-style blocking flow pushes along every
// arc of zero reduced cost before the next Dijkstra. On a transportation
// problem that needs far fewer shortest-path runs than one augmentation per
// Dijkstra (plain successive shortest paths).
type flowGraph struct {
	head []int32 // first arc out of each node, −1 = none
	next []int32 // next arc out of the same node
	to   []int32
	cap  []int64 // residual capacity
	cost []int64
}

const infCap = math.MaxInt64 / 4

func newFlowGraph(nodes, arcsHint int) *flowGraph {
	g := &flowGraph{head: make([]int32, nodes)}
	for i := range g.head {
		g.head[i] = -1
	}
	g.next = make([]int32, 0, 2*arcsHint)
	g.to = make([]int32, 0, 2*arcsHint)
	g.cap = make([]int64, 0, 2*arcsHint)
	g.cost = make([]int64, 0, 2*arcsHint)
	return g
}

// addArc adds u→v with capacity c and unit cost w ≥ 0 and returns its
// index; the flow on it is later read as the residual capacity of index^1.
func (g *flowGraph) addArc(u, v int, c, w int64) int {
	i := len(g.to)
	g.to = append(g.to, int32(v), int32(u))
	g.cap = append(g.cap, c, 0)
	g.cost = append(g.cost, w, -w)
	g.next = append(g.next, g.head[u], g.head[v])
	g.head[u], g.head[v] = int32(i), int32(i+1)
	return i
}

// flow is the flow currently on arc i.
func (g *flowGraph) flow(i int) int64 { return g.cap[i^1] }

// minCostFlow sends as much flow as possible from s to t at minimum total
// cost and returns the flow and its cost. Arc costs must be non-negative
// (the zero potentials are then feasible).
func (g *flowGraph) minCostFlow(s, t int) (flow, cost int64) {
	n := len(g.head)
	pot := make([]int64, n)  // Johnson potentials: reduced costs stay ≥ 0
	dist := make([]int64, n) // Dijkstra distances in reduced costs
	level := make([]int32, n)
	iter := make([]int32, n)
	queue := make([]int32, 0, n)
	h := &nodeHeap{}
	for {
		// Dijkstra on reduced costs, stopped once the sink is settled.
		for i := range dist {
			dist[i] = infCap
		}
		dist[s] = 0
		h.reset()
		h.push(int32(s), 0)
		for h.len() > 0 {
			u, du := h.pop()
			if du > dist[u] {
				continue
			}
			if int(u) == t {
				break
			}
			for a := g.head[u]; a >= 0; a = g.next[a] {
				if g.cap[a] <= 0 {
					continue
				}
				v := g.to[a]
				nd := du + g.cost[a] + pot[u] - pot[v]
				if nd < dist[v] {
					dist[v] = nd
					h.push(v, nd)
				}
			}
		}
		if dist[t] >= infCap {
			return flow, cost
		}
		// Nodes not settled before the sink (and unreachable ones) are at
		// least dist[t] away: capping every distance at dist[t] keeps all
		// reduced costs non-negative, so the early stop is safe.
		for v := range pot {
			pot[v] += min(dist[v], dist[t])
		}
		// Blocking flow on the arcs of zero reduced cost, levelled by a
		// breadth-first search so zero-cost cycles cannot trap the search.
		for {
			for i := range level {
				level[i] = -1
			}
			level[s] = 0
			queue = append(queue[:0], int32(s))
			for k := 0; k < len(queue); k++ {
				u := queue[k]
				for a := g.head[u]; a >= 0; a = g.next[a] {
					v := g.to[a]
					if g.cap[a] > 0 && level[v] < 0 && g.cost[a]+pot[u]-pot[v] == 0 {
						level[v] = level[u] + 1
						queue = append(queue, v)
					}
				}
			}
			if level[t] < 0 {
				break
			}
			copy(iter, g.head)
			for {
				f := g.push(int32(s), int32(t), infCap, level, iter, pot)
				if f == 0 {
					break
				}
				flow += f
				cost += f * (pot[t] - pot[s])
			}
		}
	}
}

// push is Dinic's depth-first augmentation along admissible arcs: residual,
// zero reduced cost, one level deeper.
func (g *flowGraph) push(u, t int32, limit int64, level, iter []int32, pot []int64) int64 {
	if u == t {
		return limit
	}
	for ; iter[u] >= 0; iter[u] = g.next[iter[u]] {
		a := iter[u]
		v := g.to[a]
		if g.cap[a] <= 0 || level[v] != level[u]+1 || g.cost[a]+pot[u]-pot[v] != 0 {
			continue
		}
		if f := g.push(v, t, min(limit, g.cap[a]), level, iter, pot); f > 0 {
			g.cap[a] -= f
			g.cap[a^1] += f
			return f
		}
	}
	return 0
}

// nodeHeap is a binary min-heap of (node, distance) for Dijkstra, typed
// to avoid container/heap's interface boxing on every push.
type nodeHeap struct {
	node []int32
	dist []int64
}

func (h *nodeHeap) reset()   { h.node, h.dist = h.node[:0], h.dist[:0] }
func (h *nodeHeap) len() int { return len(h.node) }

func (h *nodeHeap) push(v int32, d int64) {
	h.node, h.dist = append(h.node, v), append(h.dist, d)
	for i := len(h.node) - 1; i > 0; {
		p := (i - 1) / 2
		if h.dist[p] <= h.dist[i] {
			break
		}
		h.swap(i, p)
		i = p
	}
}

func (h *nodeHeap) pop() (int32, int64) {
	v, d := h.node[0], h.dist[0]
	last := len(h.node) - 1
	h.swap(0, last)
	h.node, h.dist = h.node[:last], h.dist[:last]
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < last && h.dist[l] < h.dist[m] {
			m = l
		}
		if r := l + 1; r < last && h.dist[r] < h.dist[m] {
			m = r
		}
		if m == i {
			break
		}
		h.swap(i, m)
		i = m
	}
	return v, d
}

func (h *nodeHeap) swap(i, j int) {
	h.node[i], h.node[j] = h.node[j], h.node[i]
	h.dist[i], h.dist[j] = h.dist[j], h.dist[i]
}
