package assign

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// lp is the fractional relaxation of whole-zone catchments, solved as a
// minimum-cost flow by the network simplex:
//
//	zone i   supply Demand(i)
//	zone i → school j   capacity Demand(i), cost c(i,j) (candidates only)
//	zone i → sink       capacity Demand(i), cost big   (pupils left unseated)
//	school j → sink     capacity limit(j),  cost 0
//
// c(i,j) = travel(d(i,j)) − travel(d(i,0)) + stability·[j ≠ current(i)] in
// decimetres per pupil, d(i,0) being the distance to the nearest school.
// big exceeds the cost of any path that seats one more pupil, so the
// optimum first seats as many pupils as the seats allow and then minimises
// travel; an unseated pupil is taken to travel to the nearest school.
//
// Candidates start as each zone's k nearest schools (plus its current
// school) and widen by pricing: after each solve, every excluded arc whose
// reduced cost is negative is added and the basis re-optimised, so the
// fractional optimum is that of the complete bipartite network.
type lp struct {
	p         *Problem
	stabDm    int64 // stability cost per pupil moved, decimetres
	current   []int // current school per zone, −1 = none
	cands     [][]candidate
	arcs      [][]int // arc index per candidate
	nearest   []int64 // travel(d(i,0)) per zone, decimetres
	kth       []float64
	overflow  []int // arc index of the zone's unseated arc, −1 = none
	schoolArc []int // arc index school → sink, −1 = no seats
	ns        *simplex
	big       int64
	finder    *nearestFinder
	// Rounds counts the pricing rounds; Added the arcs pricing added.
	rounds, added int
	// penalised: unseated pupils cost a fixed penalty, not big, so every
	// potential is within a local detour and pricing searches a disc.
	penalised bool
}

// zoneNode, schoolNode and sink number the network's nodes.
func (l *lp) schoolNode(j int) int { return len(l.p.Zones) + j }
func (l *lp) sink() int            { return len(l.p.Zones) + len(l.p.Schools) }

// newLP builds the relaxation of p on each zone's k nearest schools (and
// its current one). A positive penalty (metres per pupil) replaces big as
// the cost of an unseated pupil, for the penalised objective of a district
// short of seats.
func newLP(p *Problem, k int, stability float64, current []int, penalty float64) *lp {
	nz, nsch := len(p.Zones), len(p.Schools)
	l := &lp{p: p, stabDm: int64(math.Round(stability * 10000)), current: current,
		cands: make([][]candidate, nz), arcs: make([][]int, nz), nearest: make([]int64, nz),
		kth: make([]float64, nz), overflow: make([]int, nz), schoolArc: make([]int, nsch),
		finder: newNearestFinder(p.Schools)}
	k = min(max(k, 1), nsch)
	supply := make([]int64, nz+nsch+1)
	total := int64(0)
	for i, z := range p.Zones {
		l.overflow[i] = -1
		if !z.Located {
			continue
		}
		l.cands[i] = l.finder.nearest(z.Point, k, nil)
		l.kth[i] = l.cands[i][len(l.cands[i])-1].dist
		l.nearest[i] = travelCost(l.cands[i][0].dist)
		if c := l.cur(i); c >= 0 && !hasSchool(l.cands[i], c) {
			l.cands[i] = append(l.cands[i], candidate{int32(c), Distance(z.Point, p.Schools[c].Location)})
		}
		if z.Demand > 0 {
			supply[i] = int64(z.Demand)
			total += int64(z.Demand)
		}
	}
	supply[l.sink()] = -total
	l.big = (2*int64(nsch) + 2) * (travelCost(p.span()) + l.stabDm + 1)
	if penalty > 0 {
		l.big, l.penalised = travelCost(penalty), true
	}
	l.ns = newSimplex(supply, nz*(k+2)+nsch)
	for j, c := range p.limits() {
		l.schoolArc[j] = -1
		if c > 0 {
			l.schoolArc[j] = l.ns.addArc(l.schoolNode(j), l.sink(), int64(c), 0)
		}
	}
	for i, z := range p.Zones {
		if supply[i] == 0 {
			continue
		}
		l.overflow[i] = l.ns.addArc(i, l.sink(), int64(z.Demand), l.big)
		l.arcs[i] = make([]int, len(l.cands[i]))
		for c, x := range l.cands[i] {
			l.arcs[i][c] = l.addZoneArc(i, x)
		}
	}
	return l
}

func (l *lp) cur(i int) int {
	if i < len(l.current) {
		return l.current[i]
	}
	return -1
}

func hasSchool(cs []candidate, j int) bool {
	for _, c := range cs {
		if int(c.school) == j {
			return true
		}
	}
	return false
}

// arcCost is c(i,j) in decimetres per pupil.
func (l *lp) arcCost(i int, x candidate) int64 {
	c := travelCost(x.dist) - l.nearest[i]
	if cur := l.cur(i); cur >= 0 && int(x.school) != cur {
		c += l.stabDm
	}
	return c
}

func (l *lp) addZoneArc(i int, x candidate) int {
	return l.ns.addArc(i, l.schoolNode(int(x.school)), int64(l.p.Zones[i].Demand), l.arcCost(i, x))
}

// solve solves the relaxation to optimality over all zone–school arcs.
func (l *lp) solve() {
	l.ns.init()
	l.ns.pivotArcs(l.crashArcs())
	for {
		l.ns.solve()
		l.rounds++
		if l.price() == 0 {
			return
		}
	}
}

// crashArcs are the arcs pivoted in before the simplex proper, a start
// near the optimum: every school's arc to the sink, then each zone's arc to
// its nearest school, nearest zones first.
func (l *lp) crashArcs() []int {
	out := make([]int, 0, len(l.schoolArc)+len(l.arcs))
	for _, a := range l.schoolArc {
		if a >= 0 {
			out = append(out, a)
		}
	}
	for i := range l.arcs {
		if len(l.arcs[i]) > 0 {
			out = append(out, l.arcs[i][0])
		}
	}
	return out
}

// potential is node u's potential relative to the sink's; a school with no
// pupils gets 0, the least potential its unused seats allow, so it does
// not make every zone look underpriced.
func (l *lp) potential(u int) int64 { return l.ns.pi[u] - l.ns.pi[l.sink()] }

func (l *lp) schoolPotentials() []int64 {
	pi := make([]int64, len(l.p.Schools))
	for j := range pi {
		a := l.schoolArc[j]
		switch {
		case a < 0:
			pi[j] = math.MinInt64 / 4 // takes no pupils: never a better arc
		case l.ns.flow[a] == 0:
			pi[j] = 0
		default:
			pi[j] = l.potential(l.schoolNode(j))
		}
	}
	return pi
}

// price adds every excluded zone → school arc of negative reduced cost
// c(i,j) + π(i) − π(j) and returns how many it added. An excluded school is
// farther than the zone's k-th candidate, so c(i,j) ≥ c(k-th) and the zone
// needs a search only when c(k-th) + π(i) < max π.
func (l *lp) price() int {
	pi := l.schoolPotentials()
	order := make([]int, len(pi))
	for j := range order {
		order[j] = j
	}
	sort.Slice(order, func(a, b int) bool { return pi[order[a]] > pi[order[b]] })
	maxPi := pi[order[0]]
	added := 0
	var buf []candidate
	for i, z := range l.p.Zones {
		if l.overflow[i] < 0 || len(l.cands[i]) >= len(l.p.Schools) {
			continue
		}
		pz := l.potential(i)
		cK := travelCost(l.kth[i]) - l.nearest[i]
		if cK+pz >= maxPi {
			continue
		}
		buf = l.violators(i, z.Point, pz, cK, pi, order, buf[:0])
		for _, x := range buf {
			l.cands[i] = append(l.cands[i], x)
			l.arcs[i] = append(l.arcs[i], l.addZoneArc(i, x))
		}
		added += len(buf)
	}
	l.added += added
	return added
}

// maxAddPerRound bounds the arcs one zone gains per pricing round (the most
// negative first); the next round adds more if they are still needed.
const maxAddPerRound = 16

// violators lists the excluded schools whose arc from zone i has a negative
// reduced cost. Schools are scanned in descending potential until none can
// beat c(k-th); a zone whose unseated pupils price it at −big scans by
// potential, any other zone searches the disc its potential allows.
func (l *lp) violators(i int, pt orb.Point, pz, cK int64, pi []int64, order []int, out []candidate) []candidate {
	check := func(j int, dist float64) {
		if hasSchool(l.cands[i], j) || pi[j] <= math.MinInt64/8 {
			return
		}
		x := candidate{int32(j), dist}
		if l.arcCost(i, x)+pz-pi[j] < 0 {
			out = append(out, x)
		}
	}
	if l.penalised || -pz < l.big/2 {
		reach := float64(pi[order[0]]-pz+l.nearest[i]) / 10 // metres
		l.finder.ix.Search(boxAround(pt, reach), func(j int) bool {
			check(j, Distance(pt, l.p.Schools[j].Location))
			return true
		})
	} else {
		for _, j := range order {
			if pi[j] <= pz+cK {
				break
			}
			check(j, Distance(pt, l.p.Schools[j].Location))
		}
	}
	if len(out) > maxAddPerRound {
		sort.Slice(out, func(a, b int) bool {
			return l.arcCost(i, out[a])-pi[out[a].school] < l.arcCost(i, out[b])-pi[out[b].school]
		})
		out = out[:maxAddPerRound]
	}
	return out
}

// flows returns, per zone, the pupils the optimum sends to each candidate;
// unseated pupils are counted with the nearest school (candidate 0).
func (l *lp) flows() [][]int64 {
	out := make([][]int64, len(l.p.Zones))
	for i := range out {
		out[i] = make([]int64, len(l.cands[i]))
		for c, a := range l.arcs[i] {
			out[i][c] = l.ns.flow[a]
		}
		if a := l.overflow[i]; a >= 0 {
			out[i][0] += l.ns.flow[a]
		}
	}
	return out
}

// bound is the fractional optimum in pupil-kilometres: the travel of every
// pupil (unseated ones to their nearest school) plus the stability cost.
// No whole-zone assignment seating as many pupils costs less.
func (l *lp) bound() (km float64, unseated int64) {
	dm := int64(0)
	for i := range l.p.Zones {
		if l.overflow[i] < 0 {
			continue
		}
		dm += int64(l.p.Zones[i].Demand) * l.nearest[i]
		for c, a := range l.arcs[i] {
			dm += l.ns.flow[a] * l.arcCost(i, l.cands[i][c])
		}
		unseated += l.ns.flow[l.overflow[i]]
	}
	return float64(dm) / 1e4, unseated
}

// span is an upper bound in metres on any zone–school distance: the
// diagonal of the box around every zone point and school site.
func (p *Problem) span() float64 {
	var b orb.Bound
	first := true
	add := func(pt orb.Point) {
		if first {
			b, first = pt.Bound(), false
		} else {
			b = b.Extend(pt)
		}
	}
	for _, z := range p.Zones {
		if z.Located {
			add(z.Point)
		}
	}
	for _, s := range p.Schools {
		add(s.Location)
	}
	return 2*Distance(b.Min, b.Max) + 1 // twice: a lon/lat box's diagonal is not quite its widest span
}
