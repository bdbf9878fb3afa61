package forecast

import (
	"math"
	"sort"

	"github.com/xuequ/xuequ/model"
)

// MergeClosed returns d with its closed schools (model.School.Closed) left
// out and their history shared out among the schools that took their
// pupils (MergedInto), each record split by the shares in whole pupils; d
// itself when no school is closed. The receivers' progression ratios and
// entry ratios are then fitted on the pupils they now take, and the closed
// school has no projected records: nobody is counted twice.
func MergeClosed(d *model.District) *model.District {
	closed := closedSchools(d)
	if len(closed) == 0 {
		return d
	}
	cp := *d
	cp.Schools = make([]model.School, 0, len(d.Schools)-len(closed))
	for _, s := range d.Schools {
		if !s.Closed {
			cp.Schools = append(cp.Schools, s)
		}
	}
	type key struct {
		school string
		stage  model.Level
	}
	shares := map[key][]share{}
	cp.History = make([]model.Enrollment, 0, len(d.History))
	for _, e := range d.History {
		if closed[e.School] == nil {
			cp.History = append(cp.History, e)
			continue
		}
		k := key{e.School, e.Grade.Stage()}
		sh, ok := shares[k]
		if !ok {
			sh = receivers(d, closed, k.school, k.stage)
			shares[k] = sh
		}
		for i, n := range splitWhole(e.Students, sh) {
			if n > 0 {
				cp.History = append(cp.History, model.Enrollment{School: sh[i].school, Year: e.Year, Grade: e.Grade, Students: n})
			}
		}
	}
	return &cp
}

// closedSchools maps the ids of d's closed schools to them.
func closedSchools(d *model.District) map[string]*model.School {
	closed := map[string]*model.School{}
	for i := range d.Schools {
		if d.Schools[i].Closed {
			closed[d.Schools[i].ID] = &d.Schools[i]
		}
	}
	return closed
}

// share is one open school's part of a closed school's pupils.
type share struct {
	school string
	w      float64
}

// receivers follows the MergedInto of a closed school for one stage to
// open schools of the district (a receiver closed later passes its share
// on), sorted by id, shares summing to 1; nil when none is left.
func receivers(d *model.District, closed map[string]*model.School, id string, stage model.Level) []share {
	acc := map[string]float64{}
	var walk func(id string, w float64, depth int)
	walk = func(id string, w float64, depth int) {
		if depth > len(closed) { // a cycle of closures: nowhere to go
			return
		}
		for _, m := range closed[id].MergedInto {
			switch {
			case m.Stage != stage || m.Share <= 0:
			case closed[m.School] != nil:
				walk(m.School, w*m.Share, depth+1)
			case d.School(m.School) != nil:
				acc[m.School] += w * m.Share
			}
		}
	}
	walk(id, 1, 0)
	total := 0.0
	out := make([]share, 0, len(acc))
	for s, w := range acc {
		out = append(out, share{s, w})
		total += w
	}
	sort.Slice(out, func(i, j int) bool { return out[i].school < out[j].school })
	for i := range out {
		out[i].w /= total
	}
	return out
}

// splitWhole splits n pupils by the shares into whole numbers that add up
// to n (largest remainder): 10 by ⅓ ⅓ ⅓ → 4 3 3.
func splitWhole(n int, sh []share) []int {
	x := make([]float64, len(sh))
	for i, s := range sh {
		x[i] = float64(n) * s.w
	}
	return wholeShares(x)
}

// wholeShares rounds x to whole numbers that add up to the rounded sum of
// x (largest remainder; values within 1e-6 of a whole number are taken as
// that number, so an unchanged intake stays as it was): 1.5 1.5 → 2 1.
func wholeShares(x []float64) []int {
	out := make([]int, len(x))
	frac := make([]float64, len(x))
	total, sum := 0.0, 0
	for i, v := range x {
		v = max(v, 0)
		if r := math.Round(v); math.Abs(v-r) < 1e-6 {
			v = r
		}
		total += v
		out[i] = int(math.Floor(v))
		frac[i] = v - float64(out[i])
		sum += out[i]
	}
	order := make([]int, len(x))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return frac[order[a]] > frac[order[b]] })
	for k := 0; k < int(math.Round(total))-sum && k < len(order); k++ {
		out[order[k]]++
	}
	return out
}
