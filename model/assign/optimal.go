package assign

import (
	"math"
	"sort"
)

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
	// beyond the seats is charged in Objective and LowerBound (see
	// Problem.seatPenalty); 0 when every pupil can be seated, and then no
	// saving of travel justifies a pupil beyond the seats. The Unseated
	// pupils (demand beyond all seats) are charged in neither number.
	SeatPenalty float64
	// Unseated is the pupils the seats cannot take at all (demand beyond
	// the district's seats).
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
//  3. with Contiguity, catchments made connected (see enforceContiguity):
//     detached pieces reattached to neighbouring catchments, then a
//     seeded simulated annealing over moves that keep every catchment
//     connected (see anneal); ContiguityCost is what that added. Where
//     water or a narrow neck cuts the zone graph, connected catchments
//     cannot carry pupils across it as the relaxation does, so the gap
//     then mostly measures that, not the search.
//
// When the district is short of seats the objective charges each pupil
// beyond the seats SeatPenalty metres (see seatPenalty) in steps 1–3.
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
	// Short of seats: whole zones cannot fill every seat, so each pupil
	// beyond the seats is charged a penalty (see seatPenalty) in the
	// relaxation and the search alike; without a shortage, seats come
	// first at any cost.
	unseated := max(0, p.TotalDemand()-p.TotalCapacity())
	if p.UnknownCapacity() > 0 {
		unseated = 0
	}
	if unseated > 0 {
		s.SeatPenalty = p.seatPenalty(opt.Candidates)
	}
	l := newLP(p, opt.Candidates, opt.Stability, opt.Current, s.SeatPenalty)
	l.solve()
	w, split := p.roundLP(l, opt, s.SeatPenalty)
	w.polish()
	if len(p.Zones) <= ilsZones {
		w = w.iterate(ilsRounds)
	}
	if opt.Contiguity {
		loose := w.penalised()
		p.enforceContiguity(w, p.homeZones())
		s.ContiguityCost = (w.penalised() - loose) / 1000
	}
	copy(s.SchoolOf, w.schoolOf)
	// Pupils no seat can take are charged in both numbers alike: leave
	// them out, so the gap measures the catchments, not the shortage.
	unavoidable := float64(unseated) * s.SeatPenalty / 1000
	lb, lpUnseated := l.bound()
	s.LowerBound = lb + float64(lpUnseated)*s.SeatPenalty/1000 - unavoidable
	s.Objective = w.penalised()/1000 - unavoidable
	s.Split, s.Unseated, s.Rounds = split, unseated, l.rounds
	for i := range l.cands {
		s.Arcs += len(l.cands[i])
	}
	return s
}

// roundLP puts each zone with the school that carries most of its pupils in
// the flow (see roundZone) and returns the assignment and the zones the
// flow split. A positive penalty (metres per
// pupil beyond the seats) makes the search weigh excess against travel
// instead of removing it at any cost.
func (p *Problem) roundLP(l *lp, opt OptimalOptions, penalty float64) (*whole, []bool) {
	flows := l.flows()
	schoolOf := make([]int, len(p.Zones))
	split := make([]bool, len(p.Zones))
	for i, z := range p.Zones {
		schoolOf[i], split[i] = roundZone(l.cands[i], flows[i])
		if cur := l.cur(i); z.Demand == 0 && cur >= 0 && opt.Stability > 0 && schoolOf[i] >= 0 {
			schoolOf[i] = cur
		}
	}
	w := newWhole(p, l.cands, opt.Current, opt.Stability, schoolOf)
	if penalty > 0 {
		w.maxRatio = penalty
	}
	return w, split
}

// seatPenalty is the charge, in metres of travel, for a pupil beyond the
// seats when the district is short of them: the distance from a zone to
// its k-th nearest school at the 90th percentile of zones. Seating a pupil
// is worth a detour to any of the schools around them, but not a trip
// across the county that whole zones would force on many pupils to seat a
// few; a fixed charge also keeps the relaxation's prices local, so pricing
// searches small discs.
func (p *Problem) seatPenalty(k int) float64 {
	f := newNearestFinder(p.Schools)
	var kth []float64
	var buf []candidate
	for _, z := range p.Zones {
		if z.Located && z.Demand > 0 {
			buf = f.nearest(z.Point, k, buf)
			kth = append(kth, buf[len(buf)-1].dist)
		}
	}
	if len(kth) == 0 {
		return 0
	}
	sort.Float64s(kth)
	return kth[len(kth)*9/10]
}

// chainZones is the most zones for which polish runs ejection chains.
const chainZones = 5000

// polish removes the excess the rounding left (see repair), then lowers
// the cost by shifts and swaps, and by ejection chains when those stall.
func (w *whole) polish() {
	w.repair()
	w.improve(50)
	// Chains search K² times more moves than shifts: on a county of a few
	// thousand zones they close most of the last percent to the optimum in
	// milliseconds; beyond that they double the time for a tenth of that.
	passes := 4
	if len(w.schoolOf) > chainZones {
		passes = 0
	}
	for pass := 0; pass < passes && w.improveChains() > 0; pass++ {
		w.improve(50)
	}
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
