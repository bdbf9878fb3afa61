package assign

import "math"

// Optimal returns catchments of least total travel (Σ pupils × metres) that
// keep every school within its seats where possible, as indices into
// p.Schools (−1 for zones without geometry), and which zones the flow split.
//
// It solves the transportation problem as a minimum-cost maximum flow:
//
//	source → zone i      capacity Demand(i), cost 0
//	zone i → school j    for the k schools nearest to i, cost d(i,j) − d(i,0)
//	school j → sink      capacity Capacity(j), cost 0
//
// where d(i,0) is the distance to zone i's nearest school. A school whose
// capacity is unknown is unconstrained: its arc to the sink takes every
// pupil (see Problem.limit), so its unknown seats neither fill it nor turn
// pupils away from it. Pupils the seats
// cannot take (the flow is short of the demand) go to their nearest school,
// over its capacity. Then every pupil travels d(i,0) plus the arc cost if
// seated elsewhere, so the maximum flow of least cost first seats as many
// pupils as possible and then minimises the total travel of all pupils,
// seated or not — the same optimum as an overflow arc at a high penalty,
// without penalty-sized numbers. If the k nearest schools seat fewer pupils
// than min(demand, seats), k doubles and the problem is solved again.
//
// Zones are indivisible: a zone the flow splits goes to the school that
// carries most of its pupils (the nearer on a tie). Rounding can push a
// school over its seats, so a repair pass then moves whole zones from
// over-full schools to candidate schools with room, cheapest move first.
// Zones with no demand go to the nearest school.
func (p *Problem) Optimal(k int) (schoolOf []int, split []bool) {
	nz, ns := len(p.Zones), len(p.Schools)
	schoolOf = make([]int, nz)
	split = make([]bool, nz)
	for i := range schoolOf {
		schoolOf[i] = -1
	}
	if ns == 0 {
		return schoolOf, split
	}
	if k <= 0 {
		k = DefaultCandidates
	}
	seatable := int64(min(p.TotalDemand(), p.TotalCapacity()))
	if p.UnknownCapacity() > 0 {
		seatable = int64(p.TotalDemand())
	}
	f := newNearestFinder(p.Schools)
	cands := make([][]candidate, nz)
	for {
		k = min(k, ns)
		for i, z := range p.Zones {
			if z.Located {
				cands[i] = f.nearest(z.Point, k, cands[i])
			}
		}
		flows, seated := p.solveFlow(cands)
		if seated >= seatable || k >= ns {
			for i, z := range p.Zones {
				if len(cands[i]) > 0 {
					// Unseated pupils stay with the nearest school.
					flows[i][0] += int64(z.Demand) - sum(flows[i])
				}
				schoolOf[i], split[i] = roundZone(cands[i], flows[i])
			}
			break
		}
		k *= 2
	}
	p.repairCapacity(schoolOf, cands)
	return schoolOf, split
}

// solveFlow solves the flow for the given candidates and returns, per zone,
// the pupils seated at each candidate, and the pupils seated in all.
func (p *Problem) solveFlow(cands [][]candidate) (flows [][]int64, seated int64) {
	nz, ns := len(p.Zones), len(p.Schools)
	src, sink := 0, 1+nz+ns
	arcs := 0
	for _, c := range cands {
		arcs += len(c)
	}
	g := newFlowGraph(sink+1, nz+arcs+ns)
	zoneArcs := make([][]int, nz)
	flows = make([][]int64, nz)
	for i, z := range p.Zones {
		flows[i] = make([]int64, len(cands[i]))
		if len(cands[i]) == 0 || z.Demand <= 0 {
			continue
		}
		g.addArc(src, 1+i, int64(z.Demand), 0)
		zoneArcs[i] = make([]int, len(cands[i]))
		nearest := travelCost(cands[i][0].dist)
		for c, x := range cands[i] {
			zoneArcs[i][c] = g.addArc(1+i, 1+nz+int(x.school), int64(z.Demand), travelCost(x.dist)-nearest)
		}
	}
	for j := range p.Schools {
		if c := p.limit(j); c > 0 {
			g.addArc(1+nz+j, sink, int64(c), 0)
		}
	}
	seated, _ = g.minCostFlow(src, sink)
	for i := range zoneArcs {
		for c, a := range zoneArcs[i] {
			flows[i][c] = g.flow(a)
		}
	}
	return flows, seated
}

func sum(xs []int64) int64 {
	s := int64(0)
	for _, x := range xs {
		s += x
	}
	return s
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

// repairCapacity moves whole zones out of schools over their seats into
// candidate schools that have room for them, cheapest move (extra
// pupil-metres) first, until no such move is left. Each move lowers the
// excess of one school and creates none, so it terminates.
func (p *Problem) repairCapacity(schoolOf []int, cands [][]candidate) {
	load := make([]int, len(p.Schools))
	members := make([][]int, len(p.Schools))
	for i, j := range schoolOf {
		if j >= 0 {
			load[j] += p.Zones[i].Demand
			members[j] = append(members[j], i)
		}
	}
	for j := range p.Schools {
		for load[j] > p.limit(j) {
			bestZone, bestTo, bestCost := -1, -1, math.Inf(1)
			for _, i := range members[j] {
				dem := p.Zones[i].Demand
				if dem <= 0 || schoolOf[i] != j {
					continue
				}
				here := math.NaN()
				for _, c := range cands[i] {
					if int(c.school) == j {
						here = c.dist
					}
				}
				for _, c := range cands[i] {
					to := int(c.school)
					if to == j || load[to]+dem > p.limit(to) || math.IsNaN(here) {
						continue
					}
					if extra := float64(dem) * (c.dist - here); extra < bestCost {
						bestZone, bestTo, bestCost = i, to, extra
					}
				}
			}
			if bestZone < 0 {
				break
			}
			dem := p.Zones[bestZone].Demand
			schoolOf[bestZone] = bestTo
			load[j] -= dem
			load[bestTo] += dem
			members[bestTo] = append(members[bestTo], bestZone)
		}
	}
}
