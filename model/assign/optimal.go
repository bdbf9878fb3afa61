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
	// SeatPenalty is, when seats are short, the metres of travel each pupil
	// beyond the seats is charged in Objective and LowerBound (the longest
	// detour the fractional optimum makes a pupil take for a seat); 0 when
	// every pupil can be seated. Pupils no seat can take (Unseated) are
	// charged in neither.
	SeatPenalty float64
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
	_, unseated := l.bound()
	if unseated > 0 {
		// Short of seats: whole zones cannot fill every seat, so each pupil
		// beyond the seats is charged the longest detour the flow makes any
		// pupil take for a seat, and the relaxation is solved again with
		// that charge, so that its optimum bounds the same objective.
		s.SeatPenalty = l.maxDetour()
		l = newLPWith(p, opt.Candidates, opt.Stability, opt.Current, nil, s.SeatPenalty)
		l.solve()
	}
	w, split := p.roundLP(l, opt, s.SeatPenalty)
	w.polish()
	if opt.Contiguity {
		loose := w.penalised()
		w = p.contiguous(w, opt, s.SeatPenalty)
		s.ContiguityCost = (w.penalised() - loose) / 1000
	}
	copy(s.SchoolOf, w.schoolOf)
	// Pupils no seat can take are charged in both numbers alike: leave
	// them out, so the gap measures the catchments, not the shortage.
	unavoidable := float64(unseated) * s.SeatPenalty / 1000
	lb, lpUnseated := l.bound()
	s.LowerBound = lb + float64(lpUnseated)*s.SeatPenalty/1000 - unavoidable
	s.Objective = w.penalised()/1000 - unavoidable
	s.Split, s.Unseated, s.Rounds = split, int(unseated), l.rounds
	for i := range l.cands {
		s.Arcs += len(l.cands[i])
	}
	return s
}

// contiguous returns connected catchments: the better of w made connected
// and the catchments drawn on distances through the zone adjacency (see
// graphCandidates) made connected.
func (p *Problem) contiguous(w *whole, opt OptimalOptions, penalty float64) *whole {
	home := p.homeZones()
	a := w.clone()
	p.enforceContiguity(a, home)
	g := newLPWith(p, opt.Candidates, opt.Stability, opt.Current, p.graphCandidates(opt.Candidates, home), penalty)
	g.solve()
	b, _ := p.roundLP(g, opt, penalty)
	p.enforceContiguity(b, home)
	if w.better(delta{b.seatExcess() - a.seatExcess(), b.travel() - a.travel()}) {
		return b
	}
	return a
}

// roundLP puts each zone with the school that carries most of its pupils in
// the flow (see roundZone) and returns the assignment, on straight-line
// distances, and the zones the flow split. A positive penalty (metres per
// pupil beyond the seats) makes the search weigh excess against travel
// instead of removing it at any cost.
func (p *Problem) roundLP(l *lp, opt OptimalOptions, penalty float64) (*whole, []bool) {
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
	if penalty > 0 {
		w.maxRatio = penalty
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
