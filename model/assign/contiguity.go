package assign

import (
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/xuequ/xuequ/geo"
)

// adjacency returns the zones' neighbour lists, computed once per Problem
// with geo.Adjacent: zones sharing a stretch of boundary (within p.tol
// metres). Zones that touch only at a point are not neighbours.
func (p *Problem) adjacency() [][]int32 {
	if p.adj == nil {
		p.adj = make([][]int32, len(p.geoms))
		for _, a := range geo.Adjacent(p.geoms, p.tol) {
			if a.Shared <= 0 {
				continue // touching at a corner does not join catchments
			}
			p.adj[a.A] = append(p.adj[a.A], int32(a.B))
			p.adj[a.B] = append(p.adj[a.B], int32(a.A))
		}
	}
	return p.adj
}

// checkContiguity counts the connected pieces of each school's catchment:
// the connected components (gonum topo) of the graph whose nodes are the
// assigned zones and whose edges join neighbouring zones of the same
// school. A zone without any neighbour (an island) cannot join a
// catchment, so it is not counted as a piece.
func (p *Problem) checkContiguity(schoolOf []int, r *Result) {
	adj := p.adjacency()
	g := simple.NewUndirectedGraph()
	for i, j := range schoolOf {
		if j >= 0 && p.Zones[i].Located && len(adj[i]) > 0 {
			g.AddNode(simple.Node(i))
		}
	}
	for i, nb := range adj {
		if i >= len(schoolOf) || schoolOf[i] < 0 || !p.Zones[i].Located {
			continue
		}
		for _, k := range nb {
			if int(k) > i && schoolOf[k] == schoolOf[i] && p.Zones[k].Located {
				g.SetEdge(simple.Edge{F: simple.Node(i), T: simple.Node(k)})
			}
		}
	}
	largest := make([]int, len(r.Schools))
	for _, comp := range topo.ConnectedComponents(g) {
		j := schoolOf[comp[0].ID()]
		r.Schools[j].Pieces++
		r.Checks.DetachedZones += len(comp)
		largest[j] = max(largest[j], len(comp))
	}
	for j, s := range r.Schools {
		r.Checks.DetachedZones -= largest[j]
		if s.Pieces > 1 {
			r.Checks.NonContiguous++
		}
	}
}
