package assign

import (
	"math"
	"math/rand/v2"
	"sort"
)

// annealTries is the number of move attempts per zone of the annealing
// search, and annealMinTries the least in all (small counties); 40 per
// zone keeps a province of 100 000 zones within a few seconds.
// annealAccept sets the starting temperature: a worse move of median size
// is taken one time in annealAccept; annealCool is the final temperature
// over the first.
const (
	annealTries    = 40
	annealMinTries = 1_500_000
	annealAccept   = 3.0
	annealCool     = 1e-4
)

// anneal is a contiguity-keeping simulated annealing on travel plus a
// charge per pupil beyond the seats (w.maxRatio when the district is short
// of seats, else penalty, so excess may rise for a while when that lets
// another catchment take it over). A move hands a boundary zone to the
// catchment of one of its neighbours (an island to any candidate school)
// when its own catchment stays connected without it; a school's own zone
// never moves. Worse moves are accepted with probability exp(−Δ/T), T
// cooling geometrically over tries attempts. The seed is fixed, so a
// district always gets the same catchments. It ends in the best
// assignment seen (excess first when seats suffice).
func (c *contiguity) anneal(tries int, penalty float64) {
	w := c.w
	pen := w.maxRatio
	if math.IsInf(pen, 1) {
		pen = penalty
	}
	var zones []int32
	for i, j := range w.schoolOf {
		if j >= 0 && !w.fixed[i] && w.p.Zones[i].Located && (!c.island(i) || len(w.cands[i]) > 1) {
			zones = append(zones, int32(i))
		}
	}
	if len(zones) == 0 || tries <= 0 {
		return
	}
	rng := rand.New(rand.NewPCG(uint64(len(w.schoolOf)), 0x5eed2026))
	value := func(d delta) float64 { return d.cost + pen*float64(d.excess) }
	pick := func() (i, k int) {
		i = int(zones[rng.IntN(len(zones))])
		if c.island(i) {
			return i, int(w.cands[i][rng.IntN(len(w.cands[i]))].school)
		}
		nb := c.adj[i]
		return i, w.schoolOf[nb[rng.IntN(len(nb))]]
	}
	// Starting temperature: a worse move of median size is taken at first
	// about one time in three.
	var worse []float64
	for t := 0; t < 4000 && len(worse) < 1000; t++ {
		i, k := pick()
		if k >= 0 && k != w.schoolOf[i] {
			if v := value(w.shift(i, k)); v > costEps {
				worse = append(worse, v)
			}
		}
	}
	if len(worse) == 0 {
		return
	}
	sort.Float64s(worse)
	t0 := worse[len(worse)/2] / math.Log(annealAccept)
	cool := math.Pow(annealCool, 1/float64(tries))

	best := append([]int(nil), w.schoolOf...)
	bestEx, bestTravel := w.seatExcess(), w.travel()
	ex, travel := bestEx, bestTravel
	temp := t0
	for t := 0; t < tries; t++ {
		temp *= cool
		i, k := pick()
		j := w.schoolOf[i]
		if k < 0 || k == j {
			continue
		}
		d := w.shift(i, k)
		if v := value(d); v > costEps && rng.Float64() >= math.Exp(-v/temp) {
			continue
		}
		if !c.island(i) && !c.connectedWithout(j, i) {
			continue
		}
		w.move(i, k)
		ex += d.excess
		travel += d.cost
		if w.better(delta{ex - bestEx, travel - bestTravel}) {
			copy(best, w.schoolOf)
			bestEx, bestTravel = ex, travel
		}
	}
	for i, j := range best {
		if w.schoolOf[i] != j {
			w.move(i, j)
		}
	}
}
