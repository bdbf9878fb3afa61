package assign

import "math"

// whole is a whole-zone assignment under improvement: every zone in one
// catchment, loads kept per school. Its objective is lexicographic: first
// the pupils beyond the seats (excess, Σ max(0, load − limit)), then the
// travel Σ pupils × metres plus the stability cost of every moved zone.
type whole struct {
	p        *Problem
	cands    [][]candidate // schools each zone may move to
	current  []int         // current school per zone, −1 = none
	stabM    float64       // stability cost per pupil moved, metres
	schoolOf []int
	load     []int
	members  [][]int32 // zones of each school
	pos      []int32   // index of each zone in its school's members
	limits   []int     // the most pupils each school may take (Problem.limits)
	// fixed zones never move (a school's own zone under contiguity).
	fixed []bool
	// maxRatio is the most a fix may cost per pupil of excess it removes
	// (pupil-metres per pupil); +Inf when every seat can be filled.
	maxRatio float64
}

const costEps = 1e-6 // pupil-metres: smaller changes are rounding noise

func newWhole(p *Problem, cands [][]candidate, current []int, stabKm float64, schoolOf []int) *whole {
	w := &whole{p: p, cands: cands, current: current, stabM: stabKm * 1000, maxRatio: math.Inf(1),
		schoolOf: schoolOf, load: make([]int, len(p.Schools)), members: make([][]int32, len(p.Schools)),
		pos: make([]int32, len(schoolOf)), limits: p.limits(), fixed: make([]bool, len(schoolOf))}
	for i, j := range schoolOf {
		if j >= 0 {
			w.add(i, j)
		}
	}
	return w
}

// clone is an independent copy of w (candidates shared, read-only).
func (w *whole) clone() *whole {
	c := *w
	c.schoolOf = append([]int(nil), w.schoolOf...)
	c.load = append([]int(nil), w.load...)
	c.pos = append([]int32(nil), w.pos...)
	c.fixed = append([]bool(nil), w.fixed...)
	c.members = make([][]int32, len(w.members))
	for j, m := range w.members {
		c.members[j] = append([]int32(nil), m...)
	}
	return &c
}

func (w *whole) add(i, j int) {
	w.schoolOf[i] = j
	w.load[j] += w.p.Zones[i].Demand
	w.pos[i] = int32(len(w.members[j]))
	w.members[j] = append(w.members[j], int32(i))
}

func (w *whole) remove(i int) {
	j := w.schoolOf[i]
	w.load[j] -= w.p.Zones[i].Demand
	m := w.members[j]
	last := m[len(m)-1]
	m[w.pos[i]] = last
	w.pos[last] = w.pos[i]
	w.members[j] = m[:len(m)-1]
	w.schoolOf[i] = -1
}

func (w *whole) move(i, k int) {
	w.remove(i)
	w.add(i, k)
}

// cost is zone i's share of the objective at school j, pupil-metres.
func (w *whole) cost(i, j int) float64 {
	z := &w.p.Zones[i]
	c := float64(z.Demand) * w.dist(i, j)
	if i < len(w.current) && w.current[i] >= 0 && w.current[i] != j {
		c += float64(z.Demand) * w.stabM
	}
	return c
}

// dist is metres from zone i to school j, from its candidates when there.
func (w *whole) dist(i, j int) float64 {
	for _, c := range w.cands[i] {
		if int(c.school) == j {
			return c.dist
		}
	}
	return Distance(w.p.Zones[i].Point, w.p.Schools[j].Location)
}

func (w *whole) excess(j, load int) int { return max(0, load-w.limits[j]) }

// delta is the change of excess and cost when the loads of the schools in
// js change by dl (schools may repeat) and the zone costs by dc.
type delta struct {
	excess int
	cost   float64
}

func (d delta) better() bool { return d.excess < 0 || (d.excess == 0 && d.cost < -costEps) }

func (d delta) less(e delta) bool {
	return d.excess < e.excess || (d.excess == e.excess && d.cost < e.cost-costEps)
}

// better reports whether d improves the objective: lexicographically while
// every seat can be filled, else as cost + maxRatio × excess.
func (w *whole) better(d delta) bool {
	if math.IsInf(w.maxRatio, 1) {
		return d.better()
	}
	return d.cost+w.maxRatio*float64(d.excess) < -costEps
}

// less orders two changes the way better judges them.
func (w *whole) less(d, e delta) bool {
	if math.IsInf(w.maxRatio, 1) {
		return d.less(e)
	}
	return d.cost+w.maxRatio*float64(d.excess) < e.cost+w.maxRatio*float64(e.excess)-costEps
}

// loadDelta is the change of excess at school j when its load changes by dl.
func (w *whole) loadDelta(j, dl int) int {
	return w.excess(j, w.load[j]+dl) - w.excess(j, w.load[j])
}

// shift is moving zone i to school k.
func (w *whole) shift(i, k int) delta {
	j, dem := w.schoolOf[i], w.p.Zones[i].Demand
	return delta{w.loadDelta(j, -dem) + w.loadDelta(k, dem), w.cost(i, k) - w.cost(i, j)}
}

// swap is exchanging zones a (at j) and b (at k ≠ j).
func (w *whole) swap(a, b int) delta {
	j, k := w.schoolOf[a], w.schoolOf[b]
	da, db := w.p.Zones[a].Demand, w.p.Zones[b].Demand
	return delta{w.loadDelta(j, db-da) + w.loadDelta(k, da-db),
		w.cost(a, k) + w.cost(b, j) - w.cost(a, j) - w.cost(b, k)}
}

// movable reports whether zone i takes part in the search.
func (w *whole) movable(i int) bool {
	return w.schoolOf[i] >= 0 && !w.fixed[i] && w.p.Zones[i].Demand > 0
}

// improve runs shift and swap moves, best move per zone first, until none
// lowers the objective or maxPasses passes are done.
func (w *whole) improve(maxPasses int) {
	for pass := 0; pass < maxPasses; pass++ {
		moved := 0
		for i := range w.schoolOf {
			if w.movable(i) && w.improveZone(i) {
				moved++
			}
		}
		if moved == 0 {
			return
		}
	}
}

// improveZone applies the best shift of zone i, else its best swap.
func (w *whole) improveZone(i int) bool {
	j := w.schoolOf[i]
	best, bestK := delta{}, -1
	for _, c := range w.cands[i] {
		if k := int(c.school); k != j {
			if d := w.shift(i, k); w.better(d) && w.less(d, best) {
				best, bestK = d, k
			}
		}
	}
	if bestK >= 0 {
		w.move(i, bestK)
		return true
	}
	bestB := -1
	for _, c := range w.cands[i] {
		k := int(c.school)
		if k == j {
			continue
		}
		for _, b := range w.members[k] {
			if w.fixed[b] || !hasSchool(w.cands[b], j) {
				continue
			}
			if d := w.swap(i, int(b)); w.better(d) && w.less(d, best) {
				best, bestB = d, int(b)
			}
		}
	}
	if bestB < 0 {
		return false
	}
	k := w.schoolOf[bestB]
	w.move(i, k)
	w.move(bestB, j)
	return true
}

// pairExcess is the excess of schools j and k together.
func (w *whole) pairExcess(j, k int) int {
	return w.excess(j, w.load[j]) + w.excess(k, w.load[k])
}

// seatExcess is the pupils beyond the schools' seats.
func (w *whole) seatExcess() int {
	n := 0
	for j, l := range w.load {
		n += max(0, l-w.limits[j])
	}
	return n
}

// travel is the objective's cost part: Σ pupils × metres, plus the
// stability cost of moved zones (pupil-metres).
func (w *whole) travel() float64 {
	c := 0.0
	for i, j := range w.schoolOf {
		if j >= 0 {
			c += w.cost(i, j)
		}
	}
	return c
}

// penalised is the objective in pupil-metres with every pupil beyond the
// seats charged maxRatio (lexicographic searches have no charge: their
// excess is reported apart).
func (w *whole) penalised() float64 {
	c := w.travel()
	if !math.IsInf(w.maxRatio, 1) {
		c += w.maxRatio * float64(w.seatExcess())
	}
	return c
}

// improveChains applies, zone by zone, the best ejection chain that lowers
// the objective: zone a leaves its school j for k, and a zone b of k
// leaves for a third school l. It finds what shifts and swaps cannot:
// moving a into a full school by passing one of its zones on. It returns
// the number of chains applied.
func (w *whole) improveChains() int {
	moved := 0
	for a := range w.schoolOf {
		if !w.movable(a) {
			continue
		}
		j, da := w.schoolOf[a], w.p.Zones[a].Demand
		best, bestB, bestK, bestL := delta{}, -1, -1, -1
		for _, ck := range w.cands[a] {
			k := int(ck.school)
			if k == j {
				continue
			}
			costA := w.cost(a, k) - w.cost(a, j)
			for _, b32 := range w.members[k] {
				b := int(b32)
				if !w.movable(b) {
					continue
				}
				db := w.p.Zones[b].Demand
				exJK := w.loadDelta(j, -da) + w.loadDelta(k, da-db)
				for _, cl := range w.cands[b] {
					l := int(cl.school)
					if l == k || l == j {
						continue
					}
					d := delta{exJK + w.loadDelta(l, db), costA + w.cost(b, l) - w.cost(b, k)}
					if w.better(d) && w.less(d, best) {
						best, bestB, bestK, bestL = d, b, k, l
					}
				}
			}
		}
		if bestB >= 0 {
			w.move(bestB, bestL)
			w.move(a, bestK)
			moved++
		}
	}
	return moved
}
