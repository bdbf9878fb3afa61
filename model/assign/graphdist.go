package assign

// graphCandidates returns, per zone, its k nearest schools by distance
// through the zone adjacency graph: the shortest chain of neighbouring
// zones from the zone to the school's own zone (hops measured between label
// points), plus the school's distance from that zone. Catchments drawn on
// these distances follow the adjacency: a zone's neighbour on the way to
// its school prefers that school too, so the pieces contiguity must mend
// are few. Zones no school reaches through neighbours (islands, areas cut
// off by a river with no school) get none.
func (p *Problem) graphCandidates(k int, home []int) [][]candidate {
	adj := p.adjacency()
	out := make([][]candidate, len(p.Zones))
	h := &claimHeap{}
	for j, z := range home {
		if z >= 0 {
			h.push(claim{Distance(p.Schools[j].Location, p.Zones[z].Point), int32(z), int32(j)})
		}
	}
	for h.len() > 0 {
		x := h.pop()
		u := x.zone
		if len(out[u]) >= k || hasSchool(out[u], int(x.school)) {
			continue
		}
		out[u] = append(out[u], candidate{x.school, x.cost})
		for _, v := range adj[u] {
			if len(out[v]) < k && p.Zones[v].Located && !hasSchool(out[v], int(x.school)) {
				h.push(claim{x.cost + Distance(p.Zones[u].Point, p.Zones[v].Point), v, x.school})
			}
		}
	}
	return out
}
