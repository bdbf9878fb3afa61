package assign

import (
	"container/heap"
	"math"
	"slices"
)

// transfer relieves over-full schools by chains of boundary moves through
// neighbouring catchments: the cheapest path (travel added per pupil,
// Dijkstra over the schools, an edge wherever a zone of one catchment may
// join a neighbouring one and leave its own connected) from an over-full
// school to the nearest one with room for about a zone, each catchment on
// the way handing on, cheapest pupil first, the pupils the chain brought
// in beyond its seats. Single moves cannot do this when every catchment
// between is full: each would first add excess. A chain is kept only when
// it lowers the objective (lexicographic when seats suffice; else travel
// plus pen per pupil beyond the seats).
// It returns the number of chains kept; at most budget are tried.
func (c *contiguity) transfer(pen float64, budget int) int {
	w := c.w
	var dem []int
	for _, z := range w.p.Zones {
		if z.Demand > 0 {
			dem = append(dem, z.Demand)
		}
	}
	if len(dem) == 0 {
		return 0
	}
	slices.Sort(dem)
	c.typical = dem[len(dem)/2]
	kept := 0
	failed := make([]bool, len(w.load))
	for budget > 0 {
		progress := false
		for a := range w.load {
			if budget <= 0 {
				break
			}
			if failed[a] || w.excess(a, w.load[a]) == 0 {
				continue
			}
			budget--
			if c.chainFrom(a, pen) {
				kept++
				progress = true
			} else {
				failed[a] = true
			}
		}
		if !progress {
			break
		}
	}
	return kept
}

// schoolHeap orders schools by their label in dist.
type schoolHeap struct {
	items []int32
	dist  []float64
}

func (h *schoolHeap) Len() int           { return len(h.items) }
func (h *schoolHeap) Less(i, j int) bool { return h.dist[h.items[i]] < h.dist[h.items[j]] }
func (h *schoolHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *schoolHeap) Push(x any)         { h.items = append(h.items, x.(int32)) }
func (h *schoolHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// hopCost is a small charge per catchment on a chain (metres per pupil),
// so of equal paths the shorter is taken.
const hopCost = 10.0

// chainStep is one move of a chain: zone left school from.
type chainStep struct{ zone, from int }

// chainDepth is how many chains may follow one another when the last
// school of one ends over its seats (whole zones rarely fit exactly).
const chainDepth = 3

// chainFrom tries a chain out of over-full school a, continued from its
// last school while that ends over its seats, and keeps it when it lowers
// the objective.
func (c *contiguity) chainFrom(a int, pen float64) bool {
	w := c.w
	var steps []chainStep
	total := delta{}
	better := false
	for depth := 0; depth < chainDepth; depth++ {
		s, d, end := c.chainMoves(a, pen)
		if end < 0 {
			break
		}
		steps = append(steps, s...)
		total.excess += d.excess
		total.cost += d.cost
		better = total.cost+pen*float64(total.excess) < -costEps
		if math.IsInf(w.maxRatio, 1) {
			better = total.better()
		}
		if better || w.excess(end, w.load[end]) == 0 {
			break
		}
		a = end
	}
	if !better {
		for k := len(steps) - 1; k >= 0; k-- {
			w.move(steps[k].zone, steps[k].from)
		}
	}
	return better
}

// chainMoves finds the cheapest path out of school a to one with room and
// applies its moves; it returns them, their change of the objective and
// the last school (−1, nothing applied, when there is no chain).
func (c *contiguity) chainMoves(a int, pen float64) ([]chainStep, delta, int) {
	w := c.w
	ns := len(w.load)
	dist := make([]float64, ns)
	prev := make([]int32, ns)
	done := make([]bool, ns)
	for j := range dist {
		dist[j], prev[j] = math.Inf(1), -1
	}
	// The first school with room for about a zone (or for a's excess).
	need := min(w.excess(a, w.load[a]), c.typical)
	dist[a] = 0
	h := &schoolHeap{dist: dist, items: []int32{int32(a)}}
	end := -1
	for h.Len() > 0 {
		x := int(heap.Pop(h).(int32))
		if done[x] {
			continue
		}
		done[x] = true
		if x != a && w.limits[x]-w.load[x] >= need {
			end = x
			break
		}
		for _, z32 := range w.members[x] {
			z := int(z32)
			if w.fixed[z] || c.island(z) || w.p.Zones[z].Demand <= 0 {
				continue
			}
			checked, ok := false, false
			for _, v := range c.adj[z] {
				y := w.schoolOf[v]
				if y < 0 || y == x || done[y] {
					continue
				}
				per := max(0, (w.cost(z, y)-w.cost(z, x))/float64(w.p.Zones[z].Demand)) + hopCost
				if dist[x]+per >= dist[y] {
					continue
				}
				if !checked {
					checked, ok = true, c.connectedWithout(x, z)
				}
				if !ok {
					break
				}
				dist[y], prev[y] = dist[x]+per, int32(x)
				heap.Push(h, int32(y))
			}
		}
	}
	if end < 0 {
		return nil, delta{}, -1
	}
	var path []int
	for x := end; x >= 0; x = int(prev[x]) {
		path = append(path, x)
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	var steps []chainStep
	total := delta{}
	undo := func() {
		for k := len(steps) - 1; k >= 0; k-- {
			w.move(steps[k].zone, steps[k].from)
		}
	}
	// Each catchment on the path hands on, cheapest pupil first, what the
	// chain brought in beyond its seats; a starts with about one zone.
	carried := min(w.excess(a, w.load[a]), c.typical)
	for k := 0; k+1 < len(path); k++ {
		x, y := path[k], path[k+1]
		need := min(w.excess(x, w.load[x]), carried)
		moved := 0
		for need > 0 {
			bestZ, bestV := -1, math.Inf(1)
			var bestD delta
			for _, z32 := range w.members[x] {
				z := int(z32)
				dem := w.p.Zones[z].Demand
				if w.fixed[z] || c.island(z) || dem <= 0 || !c.touches(z, y) {
					continue
				}
				d := w.shift(z, y)
				v := d.cost / float64(dem)
				if over := dem - need; over > 0 {
					// Handing on more than came in overfills the next
					// school: the least overshoot first, then travel.
					v = 1e12*float64(over) + v
				}
				if v < bestV && c.connectedWithout(x, z) {
					bestZ, bestV, bestD = z, v, d
				}
			}
			if bestZ < 0 {
				break
			}
			w.move(bestZ, y)
			steps = append(steps, chainStep{bestZ, x})
			total.excess += bestD.excess
			total.cost += bestD.cost
			need -= w.p.Zones[bestZ].Demand
			moved += w.p.Zones[bestZ].Demand
		}
		if moved == 0 {
			undo()
			return nil, delta{}, -1
		}
		carried = moved
	}
	return steps, total, end
}

// touches reports whether zone z has a neighbour in school y's catchment.
func (c *contiguity) touches(z, y int) bool {
	for _, v := range c.adj[z] {
		if c.w.schoolOf[v] == y {
			return true
		}
	}
	return false
}
