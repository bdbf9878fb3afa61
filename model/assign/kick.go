package assign

import "math/rand/v2"

// ilsZones is the most zones for which polish adds iterated local search;
// ilsRounds the kicks it tries there.
const (
	ilsZones  = 2000
	ilsRounds = 40
)

// iterate is iterated local search: from the best assignment so far, kick
// a few zones to other candidate schools, repair and improve again, and
// keep the result when it is better. Local search alone stops at the first
// assignment no single shift, swap or chain improves; on a county of a few
// hundred zones, where a planner compares the result with a solver's, the
// kicks find most of what remains. The kicks are seeded, so a district
// always gets the same catchments.
func (w *whole) iterate(rounds int) *whole {
	rng := rand.New(rand.NewPCG(uint64(len(w.schoolOf)), 20251129))
	var movable []int
	for i := range w.schoolOf {
		if w.movable(i) && len(w.cands[i]) > 1 {
			movable = append(movable, i)
		}
	}
	if len(movable) == 0 {
		return w
	}
	best := w
	for r := 0; r < rounds; r++ {
		c := best.clone()
		for k := 0; k < 3; k++ {
			i := movable[rng.IntN(len(movable))]
			c.move(i, int(c.cands[i][1+rng.IntN(len(c.cands[i])-1)].school))
		}
		c.repair()
		c.improve(50)
		for pass := 0; pass < 2 && c.improveChains() > 0; pass++ {
			c.improve(50)
		}
		if d := (delta{c.seatExcess() - best.seatExcess(), c.travel() - best.travel()}); best.better(d) {
			best = c
		}
	}
	return best
}
