package geo

import (
	"slices"

	"github.com/paulmach/orb"
)

// planarGraph is the arrangement of the noded ring edges: vertices,
// half-edges (2e and 2e+1 are the two directions of edge e; 2e runs from
// the lexicographically smaller end), and the faces traced from them.
type planarGraph struct {
	pts   []ipt
	org   []int32   // half-edge → origin vertex
	flip  [][]int32 // edge → rings that bound it an odd number of times
	start []int32   // vertex → first slot of its outgoing half-edges in rot
	rot   []int32   // outgoing half-edges of each vertex, counter-clockwise
	pos   []int32   // half-edge → its slot in rot
	face  []int32   // half-edge → face on its left
	faces []faceInfo
}

type faceInfo struct {
	first int32 // a half-edge of the face's cycle
	sign  int   // +1: a bounded face (CCW cycle); −1: a component's outer boundary
	comp  int32 // connected component of the graph
}

// buildGraph merges identical fragments, keeping for each edge the rings
// that run along it an odd number of times. An edge that every ring
// covers an even number of times (a spike drawn out and back, a sliver of
// zero width, a part repeated twice) separates nothing under the even-odd
// rule and is dropped here.
func buildGraph(frags []fragment) *planarGraph {
	type key struct{ u, v ipt }
	idx := map[key]int32{}
	var ends []key
	var flip [][]int32
	for _, f := range frags {
		k := key{f.a, f.b}
		if ipLess(k.v, k.u) {
			k.u, k.v = k.v, k.u
		}
		e, ok := idx[k]
		if !ok {
			e = int32(len(ends))
			idx[k] = e
			ends = append(ends, k)
			flip = append(flip, nil)
		}
		if i := slices.Index(flip[e], f.ring); i >= 0 {
			flip[e] = slices.Delete(flip[e], i, i+1)
		} else {
			flip[e] = append(flip[e], f.ring)
		}
	}
	g := &planarGraph{}
	vid := map[ipt]int32{}
	vertex := func(p ipt) int32 {
		v, ok := vid[p]
		if !ok {
			v = int32(len(g.pts))
			vid[p] = v
			g.pts = append(g.pts, p)
		}
		return v
	}
	for e, k := range ends {
		if len(flip[e]) == 0 {
			continue
		}
		slices.Sort(flip[e])
		g.flip = append(g.flip, flip[e])
		g.org = append(g.org, vertex(k.u), vertex(k.v))
	}
	nv := len(g.pts)
	deg := make([]int32, nv+1)
	for _, v := range g.org {
		deg[v+1]++
	}
	for i := 1; i <= nv; i++ {
		deg[i] += deg[i-1]
	}
	g.start = deg
	g.rot = make([]int32, len(g.org))
	fill := slices.Clone(deg[:nv])
	for h, v := range g.org {
		g.rot[fill[v]] = int32(h)
		fill[v]++
	}
	g.pos = make([]int32, len(g.org))
	for v := 0; v < nv; v++ {
		out := g.rot[g.start[v]:g.start[v+1]]
		o := g.pts[v]
		slices.SortFunc(out, func(h1, h2 int32) int {
			return angleCmp(g.dir(h1, o), g.dir(h2, o))
		})
		for i, h := range out {
			g.pos[h] = g.start[v] + int32(i)
		}
	}
	g.traceFaces()
	return g
}

func (g *planarGraph) dest(h int32) int32 { return g.org[h^1] }

func (g *planarGraph) dir(h int32, o ipt) ipt {
	d := g.pts[g.dest(h)]
	return ipt{d.x - o.x, d.y - o.y}
}

// angleCmp orders directions counter-clockwise from +x, exactly.
func angleCmp(d1, d2 ipt) int {
	half := func(d ipt) int {
		if d.y > 0 || (d.y == 0 && d.x > 0) {
			return 0
		}
		return 1
	}
	if h1, h2 := half(d1), half(d2); h1 != h2 {
		return h1 - h2
	}
	return -sign(d1.x*d2.y - d1.y*d2.x)
}

// next is the half-edge that follows h around the face on h's left: at
// h's destination, the outgoing edge just clockwise of h's twin.
func (g *planarGraph) next(h int32) int32 {
	t := h ^ 1
	v := g.org[t]
	i := g.pos[t] - 1
	if i < g.start[v] {
		i = g.start[v+1] - 1
	}
	return g.rot[i]
}

// traceFaces assigns every half-edge its face and finds each face's
// orientation (exact lattice area) and component.
func (g *planarGraph) traceFaces() {
	uf := newUnionFind(len(g.pts))
	for h := 0; h < len(g.org); h += 2 {
		uf.union(int(g.org[h]), int(g.org[h+1]))
	}
	g.face = make([]int32, len(g.org))
	for i := range g.face {
		g.face[i] = -1
	}
	var loop []ipt
	for h0 := range g.org {
		if g.face[h0] >= 0 {
			continue
		}
		f := int32(len(g.faces))
		loop = loop[:0]
		for h := int32(h0); g.face[h] < 0; h = g.next(h) {
			g.face[h] = f
			loop = append(loop, g.pts[g.org[h]])
		}
		g.faces = append(g.faces, faceInfo{first: int32(h0), sign: ringSign(loop), comp: int32(uf.find(int(g.org[h0])))})
	}
}

// faceRing is the face's cycle as a closed float ring.
func (g *planarGraph) faceRing(f int, l lattice) orb.Ring {
	var r orb.Ring
	h0 := g.faces[f].first
	for h := h0; ; {
		r = append(r, l.point(g.pts[g.org[h]]))
		if h = g.next(h); h == h0 {
			break
		}
	}
	return append(r, r[0])
}

// xorSorted returns the symmetric difference of two sorted sets.
func xorSorted(a, b []int32) []int32 {
	if len(b) == 0 {
		return a
	}
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return out
}

// faceStates returns, for every face, the set of rings it lies inside an
// odd number of times. Within a component, crossing an edge toggles the
// edge's rings; a component's outer face gets its state from a ray shot
// from one of its vertices towards +x, toggling the rings of every edge of
// other components it crosses (each ring is a cycle, so its own
// component's rings contribute an even count).
func (g *planarGraph) faceStates() [][]int32 {
	ne := len(g.flip)
	bounds := make([]orb.Bound, ne)
	maxX := 0.0
	for e := range ne {
		a, b := g.pts[g.org[2*e]], g.pts[g.org[2*e+1]]
		bounds[e] = ipBound(a, b)
		maxX = max(maxX, float64(max(a.x, b.x)))
	}
	ix := NewIndex(bounds)
	states := make([][]int32, len(g.faces))
	done := make([]bool, len(g.faces))
	var queue []int32
	for f, fi := range g.faces {
		if fi.sign >= 0 {
			continue
		}
		v := g.pts[g.org[fi.first]]
		var st []int32
		ix.Search(orb.Bound{Min: orb.Point{float64(v.x), float64(v.y)}, Max: orb.Point{maxX, float64(v.y)}}, func(e int) bool {
			if g.faces[g.face[2*e]].comp == fi.comp {
				return true
			}
			lo, hi := g.pts[g.org[2*e]], g.pts[g.org[2*e+1]]
			if lo.y > hi.y {
				lo, hi = hi, lo
			}
			if lo.y <= v.y && v.y < hi.y && cross(lo, hi, v) > 0 {
				st = xorSorted(st, g.flip[e])
			}
			return true
		})
		states[f], done[f] = st, true
		queue = append(queue, int32(f))
	}
	for len(queue) > 0 {
		f := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		h0 := g.faces[f].first
		for h := h0; ; {
			o := g.face[h^1]
			if !done[o] {
				states[o], done[o] = xorSorted(states[f], g.flip[h/2]), true
				queue = append(queue, o)
			}
			if h = g.next(h); h == h0 {
				break
			}
		}
	}
	return states
}
