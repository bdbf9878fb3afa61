package geo

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// inRing describes one input ring for the rebuild.
type inRing struct {
	part, orig int // index into the rebuild's parts; index in the input polygon
	hole       bool
}

// rebuilt is the rebuild's result with what the report needs.
type rebuilt struct {
	mp       orb.MultiPolygon
	after    []float64          // per part: area of its own even-odd region, m²
	pieces   []int              // per part: output polygons it contributes to
	merged   []bool             // per part: shares an output polygon with another part
	present  []bool             // per part: some face lies inside it
	overlap  map[[2]int]float64 // parts (p < q) → area covered by both, m²
	holeIn   []bool             // per ring: some of the hole lies inside its shell
	holeOut  []bool             // per ring: some of the hole lies outside its shell
	self     map[int32]*selfHit // per ring: where it met itself
	rings    []inRing
	lat      lattice
	shellOf  []int32 // per part: ring id of its shell
	numParts int
}

// rebuild computes the valid multipolygon covering the union over parts
// of (shell minus the union of its holes), where each ring encloses what
// the even-odd rule says (a point is inside a ring if a ray from it
// crosses the ring an odd number of times) — GEOS MakeValid's
// "structure" method. Steps: snap to the lattice, node by snap rounding,
// build the planar graph, give each face the set of rings around it,
// keep the faces inside, and trace the boundary between kept and other
// faces into rings: at a vertex where the boundary meets itself the trace
// takes the sharpest turn, and the traced walks are cut where they
// repeat a vertex, so every ring is simple; counter-clockwise rings are
// shells and clockwise ones holes, each hole belonging to the shell of
// the same connected region (or else the smallest shell around it).
func rebuild(parts [][]orb.Ring) *rebuilt {
	rb := &rebuilt{lat: newLattice(parts), overlap: map[[2]int]float64{}, numParts: len(parts)}
	var segs []iseg
	for pi, p := range parts {
		rb.shellOf = append(rb.shellOf, int32(len(rb.rings)))
		for ri, r := range p {
			id := int32(len(rb.rings))
			rb.rings = append(rb.rings, inRing{part: pi, orig: ri, hole: ri > 0})
			pts := make([]ipt, 0, len(r))
			for _, q := range r[:len(r)-1] {
				s := rb.lat.snap(q)
				if len(pts) == 0 || pts[len(pts)-1] != s {
					pts = append(pts, s)
				}
			}
			for len(pts) > 1 && pts[len(pts)-1] == pts[0] {
				pts = pts[:len(pts)-1]
			}
			if len(pts) < 2 {
				continue
			}
			n := int32(len(pts))
			for i := range pts {
				segs = append(segs, iseg{a: pts[i], b: pts[(i+1)%len(pts)], ring: id, idx: int32(i), n: n})
			}
		}
	}
	frags, self := snapRound(segs)
	rb.self = self
	g := buildGraph(frags)
	states := g.faceStates()
	rb.classify(g, states)
	return rb
}

// classify decides which faces are inside, gathers the statistics and
// assembles the output polygons.
func (rb *rebuilt) classify(g *planarGraph, states [][]int32) {
	nr := len(rb.rings)
	rb.holeIn, rb.holeOut = make([]bool, nr), make([]bool, nr)
	rb.after = make([]float64, rb.numParts)
	rb.pieces = make([]int, rb.numParts)
	inside := make([]bool, len(g.faces))
	partsIn := make([][]int32, len(g.faces))
	for f, st := range states {
		for _, r := range st {
			info := rb.rings[r]
			if info.hole {
				if slices.Contains(st, rb.shellOf[info.part]) {
					rb.holeIn[r] = true
				} else {
					rb.holeOut[r] = true
				}
				continue
			}
			ok := true
			for _, h := range st {
				if rb.rings[h].hole && rb.rings[h].part == info.part {
					ok = false
					break
				}
			}
			if ok {
				partsIn[f] = append(partsIn[f], int32(info.part))
			}
		}
		inside[f] = len(partsIn[f]) > 0
	}
	// Areas per part and of overlaps (a component's outer face has a
	// negative area: it removes what nested components take from the face
	// around them).
	rb.present = make([]bool, rb.numParts)
	for f := range g.faces {
		if len(partsIn[f]) == 0 {
			continue
		}
		for _, p := range partsIn[f] {
			rb.present[p] = true
		}
		a := orbgeo.Area(g.faceRing(f, rb.lat)) * float64(g.faces[f].sign)
		for i, p := range partsIn[f] {
			rb.after[p] += a
			for _, q := range partsIn[f][i+1:] {
				rb.overlap[[2]int{int(min(p, q)), int(max(p, q))}] += a
			}
		}
	}
	// Regions: inside faces joined across edges that are not boundary.
	uf := newUnionFind(len(g.faces))
	boundary := func(e int32) bool { return inside[g.face[2*e]] != inside[g.face[2*e+1]] }
	for e := int32(0); e < int32(len(g.flip)); e++ {
		if f1, f2 := g.face[2*e], g.face[2*e+1]; inside[f1] && inside[f2] {
			uf.union(int(f1), int(f2))
		}
	}
	loops := rb.traceLoops(g, inside, boundary, uf)
	rb.assemble(loops)
	// Pieces per part: regions with a shell holding the part's bounded faces.
	hasShell := map[int]bool{}
	for _, l := range loops {
		if l.shell {
			hasShell[l.group] = true
		}
	}
	seen := map[[2]int]bool{}
	firstPart := map[int]int32{}
	rb.merged = make([]bool, rb.numParts)
	for f, ps := range partsIn {
		if g.faces[f].sign <= 0 {
			continue
		}
		grp := uf.find(f)
		if !hasShell[grp] {
			continue
		}
		for _, p := range ps {
			if q, ok := firstPart[grp]; !ok {
				firstPart[grp] = p
			} else if q != p {
				rb.merged[p], rb.merged[q] = true, true
			}
			if !seen[[2]int{int(p), grp}] {
				seen[[2]int{int(p), grp}] = true
				rb.pieces[p]++
			}
		}
	}
}

type outLoop struct {
	pts   []ipt
	group int
	shell bool
}

// traceLoops follows the boundary half-edges that have the inside on
// their left, turning at each vertex to the first boundary edge clockwise
// from the way back (the sharpest turn), and cuts each walk into simple
// loops where it revisits a vertex.
func (rb *rebuilt) traceLoops(g *planarGraph, inside []bool, boundary func(int32) bool, uf *unionFind) []outLoop {
	leftIn := func(h int32) bool { return inside[g.face[h]] && boundary(h/2) }
	nextB := func(h int32) int32 {
		t := h ^ 1
		v := g.org[t]
		i := g.pos[t]
		for range g.start[v+1] - g.start[v] {
			i--
			if i < g.start[v] {
				i = g.start[v+1] - 1
			}
			if c := g.rot[i]; leftIn(c) {
				return c
			}
		}
		return -1
	}
	visited := make([]bool, len(g.org))
	at := make([]int32, len(g.pts))
	for i := range at {
		at[i] = -1
	}
	var loops []outLoop
	var walk, stack []int32
	for h0 := int32(0); h0 < int32(len(g.org)); h0++ {
		if visited[h0] || !leftIn(h0) {
			continue
		}
		grp := uf.find(int(g.face[h0]))
		walk = walk[:0]
		for h := h0; h >= 0 && !visited[h]; h = nextB(h) {
			visited[h] = true
			walk = append(walk, g.org[h])
		}
		emit := func(vs []int32) {
			if len(vs) < 3 {
				return
			}
			pts := make([]ipt, len(vs))
			for i, v := range vs {
				pts[i] = g.pts[v]
			}
			if s := ringSign(pts); s != 0 {
				loops = append(loops, outLoop{pts: dropCollinear(pts), group: grp, shell: s > 0})
			}
		}
		stack = stack[:0]
		for _, v := range walk {
			if k := at[v]; k >= 0 {
				emit(stack[k:])
				for _, u := range stack[k+1:] {
					at[u] = -1
				}
				stack = stack[:k+1]
				continue
			}
			at[v] = int32(len(stack))
			stack = append(stack, v)
		}
		emit(stack)
		for _, u := range stack {
			at[u] = -1
		}
	}
	return loops
}

// assemble turns loops into polygons: a hole goes to the one shell of its
// region, or (for a region of nested components, which has none) to the
// smallest shell containing it.
func (rb *rebuilt) assemble(loops []outLoop) {
	toRing := func(pts []ipt) orb.Ring {
		r := make(orb.Ring, len(pts)+1)
		for i, p := range pts {
			r[i] = rb.lat.point(p)
		}
		r[len(pts)] = r[0]
		return r
	}
	byGroup := map[int][]int{}
	var shells []int
	for i, l := range loops {
		if l.shell {
			byGroup[l.group] = append(byGroup[l.group], len(rb.mp))
			shells = append(shells, i)
			rb.mp = append(rb.mp, orb.Polygon{toRing(l.pts)})
		}
	}
	var ix *Index
	for _, l := range loops {
		if l.shell {
			continue
		}
		if s := byGroup[l.group]; len(s) == 1 {
			rb.mp[s[0]] = append(rb.mp[s[0]], toRing(l.pts))
			continue
		}
		if ix == nil {
			bounds := make([]orb.Bound, len(rb.mp))
			for i, p := range rb.mp {
				bounds[i] = p[0].Bound()
			}
			ix = NewIndex(bounds)
		}
		best, bestArea := -1, math.Inf(1)
		at := rb.lat.point(l.pts[0])
		ix.Search(orb.Bound{Min: at, Max: at}, func(k int) bool {
			shell := loops[shells[k]].pts
			for _, p := range l.pts {
				if w := inLoop(shell, p); w != 0 {
					if w > 0 {
						if a := ringArea(rb.mp[k][0]); a < bestArea {
							best, bestArea = k, a
						}
					}
					break
				}
			}
			return true
		})
		if best >= 0 {
			rb.mp[best] = append(rb.mp[best], toRing(l.pts))
		}
	}
}

// inLoop is +1 if p is strictly inside the lattice loop, 0 on it, −1
// outside (exact even-odd ray test).
func inLoop(loop []ipt, p ipt) int {
	in := false
	for i := range loop {
		a, b := loop[i], loop[(i+1)%len(loop)]
		if cross(a, b, p) == 0 && ipIn(a, b, p) {
			return 0
		}
		if a.y > b.y {
			a, b = b, a
		}
		if a.y <= p.y && p.y < b.y && cross(a, b, p) > 0 {
			in = !in
		}
	}
	if in {
		return 1
	}
	return -1
}

// dropCollinear removes the vertices of a simple lattice loop that lie on
// the straight line through their neighbours — left by snap rounding
// wherever another edge crossed — which changes neither the loop's point
// set nor its validity.
func dropCollinear(pts []ipt) []ipt {
	n := len(pts)
	start := -1
	for i := range n {
		if cross(pts[(i+n-1)%n], pts[i], pts[(i+1)%n]) != 0 {
			start = i
			break
		}
	}
	if start < 0 {
		return pts
	}
	out := make([]ipt, 1, n)
	out[0] = pts[start]
	for k := 1; k < n; k++ {
		cur, next := pts[(start+k)%n], pts[(start+k+1)%n]
		if cross(out[len(out)-1], cur, next) != 0 {
			out = append(out, cur)
		}
	}
	return out
}
