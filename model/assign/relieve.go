package assign

// hop is one move of an ejection chain: zone from school from to school to.
type hop struct{ zone, from, to int }

// maxChainSchools bounds the schools one chain search settles, so that a
// search stays local in a province.
const maxChainSchools = 40

// relieve lowers the excess of the over-full school j by an ejection chain
// along neighbouring catchments, j → k1 → … → kn, each hop a boundary zone
// moving into the next catchment and kn having room for its zone. The
// chain is the cheapest per pupil found by a Dijkstra search over the
// schools; it is kept only when the objective improves and every hop kept
// catchments connected, else undone. It reports whether a chain was kept.
func (c *contiguity) relieve(j int) bool {
	w := c.w
	dist := map[int]float64{j: 0}
	prev := map[int]hop{}
	done := map[int]bool{}
	h := &claimHeap{}
	h.push(claim{0, -1, int32(j)})
	for h.len() > 0 && len(done) < maxChainSchools {
		x := h.pop()
		a := int(x.school)
		if done[a] {
			continue
		}
		done[a] = true
		if a != j && w.load[a]+w.p.Zones[prev[a].zone].Demand <= w.limits[a] {
			return c.applyChain(c.path(prev, a, j))
		}
		for _, m := range w.members[a] {
			z := int(m)
			if !w.movable(z) || w.p.Zones[z].Demand == 0 {
				continue
			}
			for _, b := range c.targets(z) {
				if done[b] {
					continue
				}
				per := (w.cost(z, b) - w.cost(z, a)) / float64(w.p.Zones[z].Demand)
				if d, ok := dist[b]; !ok || dist[a]+per < d {
					dist[b], prev[b] = dist[a]+per, hop{z, a, b}
					h.push(claim{dist[b], int32(z), int32(b)})
				}
			}
		}
	}
	return false
}

func (c *contiguity) path(prev map[int]hop, end, start int) []hop {
	var out []hop
	for k := end; k != start; k = prev[k].from {
		out = append(out, prev[k])
	}
	return out // from the school with room back to the start
}

// applyChain makes the hops, the last one first (into the school with
// room), checking each against the current catchments; it keeps them when
// the objective improves.
func (c *contiguity) applyChain(hops []hop) bool {
	w := c.w
	before := c.score(hops)
	made := 0
	for _, x := range hops {
		if w.schoolOf[x.zone] != x.from || !c.canMove(x) {
			break
		}
		w.move(x.zone, x.to)
		made++
	}
	if made == len(hops) && w.better(c.score(hops).minus(before)) {
		return true
	}
	for k := made - 1; k >= 0; k-- {
		w.move(hops[k].zone, hops[k].from)
	}
	return false
}

// canMove reports whether zone x.zone may leave x.from for x.to keeping
// both catchments connected.
func (c *contiguity) canMove(x hop) bool {
	if c.island(x.zone) {
		return true
	}
	touches := false
	for _, q := range c.adj[x.zone] {
		if c.w.schoolOf[q] == x.to {
			touches = true
			break
		}
	}
	return touches && c.connectedWithout(x.from, x.zone)
}

// score is the excess of the chain's schools and the cost of its zones.
func (c *contiguity) score(hops []hop) delta {
	w := c.w
	var d delta
	seen := map[int]bool{}
	for _, x := range hops {
		for _, s := range []int{x.from, x.to} {
			if !seen[s] {
				seen[s] = true
				d.excess += w.excess(s, w.load[s])
			}
		}
		d.cost += w.cost(x.zone, w.schoolOf[x.zone])
	}
	return d
}

func (d delta) minus(e delta) delta { return delta{d.excess - e.excess, d.cost - e.cost} }
