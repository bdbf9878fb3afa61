package assign

import "math"

// OptimalOptions tunes Problem.Solve.
type OptimalOptions struct {
	// Candidates is how many nearest schools each zone starts from (0 =
	// DefaultCandidates); pricing adds any other school that would lower
	// the cost, so it changes the time, not the optimum.
	Candidates int
	// Contiguity makes every catchment connected (see enforceContiguity).
	Contiguity bool
	// Stability is the cost, in kilometres per pupil, of moving a zone away
	// from its current school (Current): a move must save that much travel.
	Stability float64
	// Current is each zone's current school (index into Problem.Schools,
	// −1 = none); only Stability uses it.
	Current []int
}

// Solution is a whole-zone assignment with its bounds.
type Solution struct {
	// SchoolOf is each zone's school (index into Problem.Schools, −1 for a
	// zone without geometry); Split marks the zones the fractional optimum
	// divided between schools.
	SchoolOf []int
	Split    []bool
	// Objective is the travel in pupil-kilometres plus the stability cost;
	// LowerBound is the fractional optimum of the same objective, which no
	// whole-zone assignment seating as many pupils can beat.
	Objective, LowerBound float64
	// ContiguityCost is how much Objective rose to make catchments
	// connected (pupil-km; 0 without contiguity).
	ContiguityCost float64
	// Unseated is the pupils the seats cannot take at all (demand beyond
	// the seats within reach); they are counted at their nearest school.
	Unseated int
	// Rounds is the number of pricing rounds, Arcs the zone–school arcs of
	// the final network.
	Rounds, Arcs int
}

// Optimal returns catchments of least total travel (Σ pupils × metres) that
// keep every school within its seats where possible, as indices into
// p.Schools (−1 for zones without geometry), and which zones the flow split.
// It is Solve without contiguity or stability; k is the starting number of
// candidate schools per zone.
func (p *Problem) Optimal(k int) (schoolOf []int, split []bool) {
	s := p.Solve(OptimalOptions{Candidates: k})
	return s.SchoolOf, s.Split
}

// Solve finds whole-zone catchments of least travel within the seats:
//
//  1. the fractional optimum (see lp) by network simplex with pricing: its
//     cost is the lower bound;
//  2. each zone to the school carrying most of its pupils, then shift, swap
//     and ejection-chain moves until none lowers first the pupils beyond
//     the seats, then the travel (see whole);
//  3. with Contiguity, catchments made connected (see enforceContiguity);
//     ContiguityCost is what that added.
//
// Zones with no pupils go to their nearest school (their current one when
// stability applies). A school whose capacity is unknown has no seat limit.
func (p *Problem) Solve(opt OptimalOptions) *Solution {
	nz := len(p.Zones)
	s := &Solution{SchoolOf: make([]int, nz), Split: make([]bool, nz)}
	for i := range s.SchoolOf {
		s.SchoolOf[i] = -1
	}
	if len(p.Schools) == 0 {
		return s
	}
	if opt.Candidates <= 0 {
		opt.Candidates = DefaultCandidates
	}
	l := newLP(p, opt.Candidates, opt.Stability, opt.Current)
	l.solve()
	w, split := p.roundLP(l, opt)
	w.polish()
	if opt.Contiguity {
		_, loose := w.objective()
		w = p.contiguous(w, opt)
		_, tight := w.objective()
		s.ContiguityCost = (tight - loose) / 1000
	}
	_, obj := w.objective()
	copy(s.SchoolOf, w.schoolOf)
	s.Split, s.Objective = split, obj/1000
	lb, unseated := l.bound()
	s.LowerBound, s.Unseated, s.Rounds = lb, int(unseated), l.rounds
	for i := range l.cands {
		s.Arcs += len(l.cands[i])
	}
	return s
}

// contiguous returns connected catchments: the better of w made connected
// and the catchments drawn on distances through the zone adjacency (see
// graphCandidates) made connected.
func (p *Problem) contiguous(w *whole, opt OptimalOptions) *whole {
	home := p.homeZones()
	a := w.clone()
	p.enforceContiguity(a, home)
	g := newLPWith(p, opt.Candidates, opt.Stability, opt.Current, p.graphCandidates(opt.Candidates, home))
	g.solve()
	b, _ := p.roundLP(g, opt)
	p.enforceContiguity(b, home)
	// Compare on the real seats: each side raised its limits by the pupils
	// its own flow could not seat.
	ea, ca := a.seatExcess(), a.travel()
	eb, cb := b.seatExcess(), b.travel()
	if (delta{eb - ea, cb - ca}).less(delta{}) {
		return b
	}
	return a
}

// roundLP puts each zone with the school that carries most of its pupils in
// the flow (see roundZone) and returns the assignment, on straight-line
// distances, and the zones the flow split. Pupils no seat can take stay
// with their nearest school (as in the flow): its limit grows by them, so
// the search does not chase seats that do not exist.
func (p *Problem) roundLP(l *lp, opt OptimalOptions) (*whole, []bool) {
	flows := l.flows()
	schoolOf := make([]int, len(p.Zones))
	split := make([]bool, len(p.Zones))
	cands := l.cands
	if l.given {
		cands = make([][]candidate, len(l.cands))
	}
	for i, z := range p.Zones {
		schoolOf[i], split[i] = roundZone(l.cands[i], flows[i])
		if cur := l.cur(i); z.Demand == 0 && cur >= 0 && opt.Stability > 0 && schoolOf[i] >= 0 {
			schoolOf[i] = cur
		}
		if l.given {
			cands[i] = make([]candidate, len(l.cands[i]))
			for c, x := range l.cands[i] {
				cands[i][c] = candidate{x.school, Distance(z.Point, p.Schools[x.school].Location)}
			}
		}
	}
	w := newWhole(p, cands, opt.Current, opt.Stability, schoolOf)
	short := false
	for i, a := range l.overflow {
		if a >= 0 && l.ns.flow[a] > 0 {
			w.limits[l.cands[i][0].school] += int(l.ns.flow[a])
			short = true
		}
	}
	if short {
		// Seats are short: seating one more pupil is worth at most the
		// longest detour the flow makes any pupil take for a seat.
		w.maxRatio = l.maxDetour()
	}
	return w, split
}

// polish removes the excess the rounding left (see repair), then lowers
// the cost by shifts and swaps.
func (w *whole) polish() {
	w.repair()
	w.improve(50)
}

// travelCost is the integer arc cost of a distance: decimetres.
func travelCost(metres float64) int64 { return int64(math.Round(metres * 10)) }

// roundZone picks the candidate that carries most of the zone's flow
// (candidates are nearest first, so ties go to the nearer school); a zone
// without flow goes to its nearest candidate.
func roundZone(c []candidate, flow []int64) (school int, split bool) {
	if len(c) == 0 {
		return -1, false
	}
	best, parts := 0, 0
	for k, f := range flow {
		if f > 0 {
			parts++
		}
		if f > flow[best] {
			best = k
		}
	}
	return int(c[best].school), parts > 1
}
