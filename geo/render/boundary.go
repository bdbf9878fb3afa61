package render

import (
	"cmp"
	"math"
	"slices"
)

// buildNeighbours finds, for every ring half-edge (point i to the next
// point of its ring), the zone on its other side, by matching exact
// end-point coordinates (what a topologically clean GIS layer has): nbr[i]
// is that zone, or -1 when no other zone shares the edge (the outline of
// the map, or data whose neighbours do not share vertices). It runs once
// per scene, on first use.
func (s *Scene) buildNeighbours() {
	type half struct {
		h    uint64 // hash of k, the sort key
		k    [4]uint32
		pt   int32
		zone int32
	}
	hs := make([]half, 0, len(s.pts)/2)
	nbr := make([]int32, len(s.pts)/2)
	for i := range nbr {
		nbr[i] = -1
	}
	for z := 0; z < len(s.zoneBox); z++ {
		for r := s.zoneRing[z]; r < s.zoneRing[z+1]; r++ {
			p0, p1 := s.ringStart[r], s.ringStart[r+1]
			for i := p0; i < p1; i++ {
				j := i + 1
				if j == p1 {
					j = p0
				}
				ka := [2]uint32{math.Float32bits(s.pts[2*i]), math.Float32bits(s.pts[2*i+1])}
				kb := [2]uint32{math.Float32bits(s.pts[2*j]), math.Float32bits(s.pts[2*j+1])}
				if ka[0] > kb[0] || (ka[0] == kb[0] && ka[1] > kb[1]) {
					ka, kb = kb, ka
				}
				k := [4]uint32{ka[0], ka[1], kb[0], kb[1]}
				hs = append(hs, half{h: hashKey(k), k: k, pt: i, zone: int32(z)})
			}
		}
	}
	slices.SortFunc(hs, func(x, y half) int { return cmp.Compare(x.h, y.h) })
	for i := 0; i < len(hs); {
		j := i + 1
		for j < len(hs) && hs[j].h == hs[i].h {
			j++
		}
		// Usually a pair; with more (overlapping zones, or a hash
		// collision) pair each half-edge with the first other zone that
		// has the same end points.
		for a := i; a < j; a++ {
			for b := i; b < j; b++ {
				if hs[b].zone != hs[a].zone && hs[b].k == hs[a].k {
					nbr[hs[a].pt] = hs[b].zone
					break
				}
			}
		}
		i = j
	}
	s.nbr = nbr
	s.imp = s.importance(nbr)
	// Each zone's distinct neighbours (−1 for an unshared edge), so a frame
	// can tell in a few steps whether a zone has any catchment boundary.
	s.adjStart = make([]int32, 1, len(s.zoneBox)+1)
	for z := range s.zoneBox {
		first := len(s.adj)
		for _, o := range nbr[s.ringStart[s.zoneRing[z]]:s.ringStart[s.zoneRing[z+1]]] {
			if !slices.Contains(s.adj[first:], o) {
				s.adj = append(s.adj, o)
			}
		}
		s.adjStart = append(s.adjStart, int32(len(s.adj)))
	}
}

// neighbours returns the half-edge neighbour table, building it (and the
// vertex importance) on first use.
func (s *Scene) neighbours() []int32 {
	s.nbrOnce.Do(s.buildNeighbours)
	return s.nbr
}

// importance ranks every vertex for simplification at draw time: a vertex
// is drawn at a tolerance of τ metres when imp ≥ τ, which gives the
// Douglas–Peucker simplification of τ. Each chain of edges shared with one
// neighbour (between junctions, where the neighbour changes) is simplified
// on its own, from its canonical end, so both zones along it keep the same
// vertices and small zones still tile without gaps. Junctions are kept at
// every tolerance.
func (s *Scene) importance(nbr []int32) []float32 {
	imp := make([]float32, len(s.pts)/2)
	inf := float32(math.Inf(1))
	var chain []int32
	var stack [][3]int32
	less := func(a, b int32) bool { // canonical vertex order: by coordinate bits
		ax, bx := math.Float32bits(s.pts[2*a]), math.Float32bits(s.pts[2*b])
		if ax != bx {
			return ax < bx
		}
		return math.Float32bits(s.pts[2*a+1]) < math.Float32bits(s.pts[2*b+1])
	}
	// dp ranks the inner vertices of chain (end points are kept).
	dp := func(chain []int32) {
		stack = append(stack[:0], [3]int32{0, int32(len(chain) - 1), -1})
		for len(stack) > 0 {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			a, b := top[0], top[1]
			parent := inf
			if top[2] >= 0 {
				parent = imp[chain[top[2]]]
			}
			if b-a < 2 {
				continue
			}
			pa, pb := chain[a], chain[b]
			ax, ay := float64(s.pts[2*pa]), float64(s.pts[2*pa+1])
			dx, dy := float64(s.pts[2*pb])-ax, float64(s.pts[2*pb+1])-ay
			l := math.Hypot(dx, dy)
			best, bestD := a+1, -1.0
			for k := a + 1; k < b; k++ {
				px, py := float64(s.pts[2*chain[k]])-ax, float64(s.pts[2*chain[k]+1])-ay
				var d float64
				if l == 0 {
					d = math.Hypot(px, py)
				} else {
					d = math.Abs(px*dy-py*dx) / l
				}
				if d > bestD {
					best, bestD = k, d
				}
			}
			imp[chain[best]] = min(float32(bestD), parent)
			stack = append(stack, [3]int32{a, best, best}, [3]int32{best, b, best})
		}
	}
	for r := 0; r+1 < len(s.ringStart); r++ {
		p0, p1 := s.ringStart[r], s.ringStart[r+1]
		n := p1 - p0
		at := func(k int32) int32 { return p0 + (k%n+n)%n }
		// Junctions: where the zone across the edge changes.
		first := int32(-1)
		for k := int32(0); k < n; k++ {
			if nbr[at(k-1)] != nbr[at(k)] {
				imp[at(k)] = inf
				if first < 0 {
					first = k
				}
			}
		}
		if first < 0 {
			// One neighbour (or none) all round: anchor at the canonical
			// least vertex and the vertex farthest from it.
			first = 0
			for k := int32(1); k < n; k++ {
				if less(at(k), at(first)) {
					first = k
				}
			}
			imp[at(first)] = inf
			fx, fy := s.pts[2*at(first)], s.pts[2*at(first)+1]
			far, farD := first, float32(-1)
			for k := int32(0); k < n; k++ {
				dx, dy := s.pts[2*at(k)]-fx, s.pts[2*at(k)+1]-fy
				if d := dx*dx + dy*dy; d > farD || (d == farD && less(at(k), at(far))) {
					far, farD = k, d
				}
			}
			imp[at(far)] = inf
		}
		// Simplify each chain between kept vertices, in canonical order.
		for k := int32(0); k < n; {
			start := first + k
			chain = append(chain[:0], at(start))
			k++
			for ; k < n && imp[at(first+k)] != inf; k++ {
				chain = append(chain, at(first+k))
			}
			chain = append(chain, at(first+k))
			if len(chain) < 3 {
				continue
			}
			a, b := chain[0], chain[len(chain)-1]
			if less(b, a) {
				slices.Reverse(chain)
			}
			dp(chain)
		}
	}
	return imp
}

// hashKey mixes an edge's end-point bits into 64 bits (splitmix64 steps).
func hashKey(k [4]uint32) uint64 {
	h := uint64(k[0])<<32 | uint64(k[1])
	h2 := uint64(k[2])<<32 | uint64(k[3])
	mix := func(x uint64) uint64 {
		x ^= x >> 30
		x *= 0xbf58476d1ce4e5b9
		x ^= x >> 27
		x *= 0x94d049bb133111eb
		return x ^ x>>31
	}
	return mix(h ^ mix(h2+0x9e3779b97f4a7c15))
}
