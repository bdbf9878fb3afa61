package assign

import "math"

// fix is a move that lowers the pupils beyond the seats: zone a to school
// k, and for a swap or an ejection chain zone b from k to l (l = a's
// school for a swap). ratio is the extra cost per pupil of excess removed.
type fix struct {
	d        delta
	ratio    float64
	a, k     int
	b, l     int // −1 for a shift
	from     int // a's school
	computed bool
}

func (f fix) ok() bool { return f.a >= 0 }

func (f fix) touches(s int) bool { return f.from == s || f.k == s || (f.b >= 0 && f.l == s) }

func noFix() fix { return fix{a: -1, b: -1, l: -1, from: -1, k: -1, ratio: math.Inf(1)} }

// consider keeps f if it removes excess more cheaply per pupil than best,
// and not above w.maxRatio.
func (w *whole) consider(best *fix, f fix) {
	if f.d.excess >= 0 {
		return
	}
	f.ratio = f.d.cost / float64(-f.d.excess)
	if f.ratio < best.ratio && f.ratio <= w.maxRatio {
		*best = f
	}
}

// bestFix is the cheapest move, per pupil of excess removed, out of the
// over-full school j: a shift, else a swap, else an ejection chain.
func (w *whole) bestFix(j int) fix {
	best := noFix()
	for _, a32 := range w.members[j] {
		if a := int(a32); w.movable(a) {
			for _, c := range w.cands[a] {
				if k := int(c.school); k != j {
					w.consider(&best, fix{d: w.shift(a, k), a: a, k: k, b: -1, l: -1, from: j})
					w.considerSwaps(&best, a, j, k)
				}
			}
		}
	}
	if best.ok() {
		return best
	}
	for _, a32 := range w.members[j] {
		if a := int(a32); w.movable(a) {
			for _, c := range w.cands[a] {
				if k := int(c.school); k != j {
					w.considerChains(&best, a, j, k)
				}
			}
		}
	}
	return best
}

func (w *whole) considerSwaps(best *fix, a, j, k int) {
	for _, b32 := range w.members[k] {
		if b := int(b32); w.movable(b) && hasSchool(w.cands[b], j) {
			w.consider(best, fix{d: w.swap(a, b), a: a, k: k, b: b, l: j, from: j})
		}
	}
}

func (w *whole) considerChains(best *fix, a, j, k int) {
	da := w.p.Zones[a].Demand
	costA := w.cost(a, k) - w.cost(a, j)
	exA := w.loadDelta(j, -da)
	for _, b32 := range w.members[k] {
		b := int(b32)
		if !w.movable(b) {
			continue
		}
		db := w.p.Zones[b].Demand
		exK := w.loadDelta(k, da-db)
		for _, c := range w.cands[b] {
			if l := int(c.school); l != k && l != j {
				d := delta{exA + exK + w.loadDelta(l, db), costA + w.cost(b, l) - w.cost(b, k)}
				w.consider(best, fix{d: d, a: a, k: k, b: b, l: l, from: j})
			}
		}
	}
}

func (w *whole) apply(f fix) {
	if f.b >= 0 {
		w.move(f.b, f.l)
	}
	w.move(f.a, f.k)
}

// repair removes excess with the globally cheapest fix per pupil, again and
// again, until no fix lowers it.
func (w *whole) repair() { w.repairWith(w.bestFix, nil) }

// repairWith is repair with the fixes of best (per over-full school); a
// fix that allowed refuses is not applied and its zone is left alone from
// then on. Fixes are cached per school and recomputed only where a move
// changed the loads or members they depend on.
func (w *whole) repairWith(best func(j int) fix, allowed func(f fix) bool) {
	cache := make([]fix, len(w.load))
	var blocked []int
	defer func() {
		for _, a := range blocked {
			w.fixed[a] = false
		}
	}()
	for {
		top := -1
		for j := range w.load {
			if w.excess(j, w.load[j]) == 0 {
				continue
			}
			if !cache[j].computed {
				cache[j] = best(j)
				cache[j].computed = true
			}
			if cache[j].ok() && (top < 0 || cache[j].ratio < cache[top].ratio) {
				top = j
			}
		}
		if top < 0 {
			return
		}
		f := cache[top]
		if allowed != nil && !allowed(f) {
			w.fixed[f.a] = true
			blocked = append(blocked, f.a)
			cache[top].computed = false
			continue
		}
		w.apply(f)
		for j := range cache {
			if cache[j].computed && (j == f.from || j == f.k || j == f.l || cache[j].touches(f.from) ||
				cache[j].touches(f.k) || (f.l >= 0 && cache[j].touches(f.l))) {
				cache[j].computed = false
			}
		}
	}
}
