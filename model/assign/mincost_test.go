package assign

import (
	"math/rand/v2"
	"testing"
)

type testArc struct {
	u, v    int
	cap, co int64
}

// referenceMinCostFlow is the textbook algorithm: augment along one
// Bellman-Ford shortest path at a time.
func referenceMinCostFlow(n int, arcs []testArc, s, t int) (flow, cost int64) {
	type e struct {
		to      int
		cap, co int64
		rev     int
	}
	adj := make([][]e, n)
	for _, a := range arcs {
		adj[a.u] = append(adj[a.u], e{a.v, a.cap, a.co, len(adj[a.v])})
		adj[a.v] = append(adj[a.v], e{a.u, 0, -a.co, len(adj[a.u]) - 1})
	}
	for {
		dist := make([]int64, n)
		prev := make([][2]int, n)
		for i := range dist {
			dist[i] = infCap
		}
		dist[s] = 0
		for range n {
			for u := range n {
				if dist[u] == infCap {
					continue
				}
				for k, x := range adj[u] {
					if x.cap > 0 && dist[u]+x.co < dist[x.to] {
						dist[x.to] = dist[u] + x.co
						prev[x.to] = [2]int{u, k}
					}
				}
			}
		}
		if dist[t] == infCap {
			return flow, cost
		}
		f := int64(infCap)
		for v := t; v != s; v = prev[v][0] {
			f = min(f, adj[prev[v][0]][prev[v][1]].cap)
		}
		for v := t; v != s; v = prev[v][0] {
			x := &adj[prev[v][0]][prev[v][1]]
			x.cap -= f
			adj[v][x.rev].cap += f
		}
		flow += f
		cost += f * dist[t]
	}
}

// Random transportation problems with many ties (small integer costs, so
// zero-cost cycles occur) and random general graphs.
func TestMinCostFlowMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for trial := 0; trial < 300; trial++ {
		n := 2 + rng.IntN(12)
		var arcs []testArc
		for range rng.IntN(4 * n) {
			u, v := rng.IntN(n), rng.IntN(n)
			if u == v {
				continue
			}
			arcs = append(arcs, testArc{u, v, int64(rng.IntN(20)), int64(rng.IntN(6))})
		}
		g := newFlowGraph(n, len(arcs))
		for _, a := range arcs {
			g.addArc(a.u, a.v, a.cap, a.co)
		}
		f, c := g.minCostFlow(0, n-1)
		rf, rc := referenceMinCostFlow(n, arcs, 0, n-1)
		if f != rf || c != rc {
			t.Fatalf("trial %d: flow %d cost %d, reference %d %d (arcs %v)", trial, f, c, rf, rc, arcs)
		}
		// Flow conservation on the solver's arcs.
		bal := make([]int64, n)
		for i := 0; i < len(g.to); i += 2 {
			fl := g.flow(i)
			if fl < 0 || fl > arcs[i/2].cap {
				t.Fatalf("trial %d: arc %d flow %d outside [0,%d]", trial, i/2, fl, arcs[i/2].cap)
			}
			bal[arcs[i/2].u] -= fl
			bal[arcs[i/2].v] += fl
		}
		for v := 1; v < n-1; v++ {
			if bal[v] != 0 {
				t.Fatalf("trial %d: node %d unbalanced by %d", trial, v, bal[v])
			}
		}
	}
}
