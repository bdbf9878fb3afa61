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
			dist[i] = capInf
		}
		dist[s] = 0
		for range n {
			for u := range n {
				if dist[u] == capInf {
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
		if dist[t] == capInf {
			return flow, cost
		}
		f := int64(capInf)
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

// solveBySimplex sends exactly f units from s to t at least cost through
// arcs with the network simplex, and reports whether that was possible.
func solveBySimplex(n int, arcs []testArc, s, t int, f int64) (cost int64, ok bool, ns *simplex) {
	supply := make([]int64, n)
	supply[s] += f
	supply[t] -= f
	ns = newSimplex(supply, len(arcs))
	for _, a := range arcs {
		ns.addArc(a.u, a.v, a.cap, a.co)
	}
	ns.init()
	ok = ns.solve()
	for i, a := range arcs {
		cost += ns.flow[int(ns.n)+i] * a.co
	}
	return cost, ok, ns
}

// Random graphs with many ties (small integer costs, so degenerate pivots
// and zero-cost cycles occur): the simplex sends the reference's maximum
// flow at the reference's cost, cannot send one unit more, keeps every arc
// within its capacity and conserves flow, and its potentials prove
// optimality (reduced cost ≥ 0 at zero flow, ≤ 0 at capacity).
func TestSimplexMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for trial := 0; trial < 500; trial++ {
		n := 2 + rng.IntN(14)
		var arcs []testArc
		for range rng.IntN(5 * n) {
			u, v := rng.IntN(n), rng.IntN(n)
			if u != v {
				arcs = append(arcs, testArc{u, v, int64(rng.IntN(20)), int64(rng.IntN(6))})
			}
		}
		rf, rc := referenceMinCostFlow(n, arcs, 0, n-1)
		c, ok, ns := solveBySimplex(n, arcs, 0, n-1, rf)
		if !ok || c != rc {
			t.Fatalf("trial %d: simplex cost %d ok %v, reference flow %d cost %d (arcs %v)", trial, c, ok, rf, rc, arcs)
		}
		bal := make([]int64, n)
		for i, a := range arcs {
			e := int(ns.n) + i
			fl := ns.flow[e]
			if fl < 0 || fl > a.cap {
				t.Fatalf("trial %d: arc %d flow %d outside [0,%d]", trial, i, fl, a.cap)
			}
			bal[a.u] -= fl
			bal[a.v] += fl
			rc := a.co + ns.pi[a.u] - ns.pi[a.v]
			if (fl < a.cap && rc < 0) || (fl > 0 && rc > 0) {
				t.Fatalf("trial %d: arc %d flow %d/%d reduced cost %d", trial, i, fl, a.cap, rc)
			}
		}
		for v := 1; v < n-1; v++ {
			if bal[v] != 0 {
				t.Fatalf("trial %d: node %d unbalanced by %d", trial, v, bal[v])
			}
		}
		if _, ok, _ := solveBySimplex(n, arcs, 0, n-1, rf+1); ok {
			t.Fatalf("trial %d: sent %d units, more than the maximum flow %d", trial, rf+1, rf)
		}
	}
}

// Arcs added after a solve enter at zero flow and the next solve continues
// from the optimal basis to the optimum of the larger network.
func TestSimplexWarmStart(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 1))
	for trial := 0; trial < 300; trial++ {
		n := 3 + rng.IntN(12)
		var arcs []testArc
		for range 3 * n {
			u, v := rng.IntN(n), rng.IntN(n)
			if u != v {
				arcs = append(arcs, testArc{u, v, int64(1 + rng.IntN(15)), int64(rng.IntN(9))})
			}
		}
		// A direct path keeps the first network feasible.
		arcs = append(arcs, testArc{0, n - 1, 1000, 50})
		split := len(arcs) / 2
		supply := make([]int64, n)
		supply[0], supply[n-1] = 40, -40
		ns := newSimplex(supply, len(arcs))
		for _, a := range arcs[split:] {
			ns.addArc(a.u, a.v, a.cap, a.co)
		}
		ns.init()
		if !ns.solve() {
			t.Fatalf("trial %d: first network infeasible", trial)
		}
		for _, a := range arcs[:split] {
			ns.addArc(a.u, a.v, a.cap, a.co)
		}
		if !ns.solve() {
			t.Fatalf("trial %d: warm start infeasible", trial)
		}
		got := int64(0)
		all := append(append([]testArc(nil), arcs[split:]...), arcs[:split]...)
		for i, a := range all {
			got += ns.flow[int(ns.n)+i] * a.co
		}
		want, _, _ := solveBySimplex(n, all, 0, n-1, 40)
		if got != want {
			t.Fatalf("trial %d: warm start cost %d, cold %d", trial, got, want)
		}
	}
}
