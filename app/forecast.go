package app

import (
	"math"
	"sort"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/forecast"
)

// Project is the Projector of the app: cohort survival with the defaults of
// DESIGN.md §5 (mean of the last 5 years' ratios, births lagged 6 years,
// new-housing yield), pupils rounded half-up, classes as in the last history
// year — so model.Analyze judges a projected year as if no classroom were
// added — except that a school with more classrooms (School.Classrooms)
// than classes in use opens classes in the spare rooms where its classes
// are over the standard size (see useSpareClassrooms): building or
// freeing classrooms, the usual cure for 大班额, shows in the projection.
//
// Closed schools (model.School.Closed, see CloseSchool) are projected as
// if their pupils had always been at the receiving schools: the closed
// school's history is shared out among its MergedInto schools before the
// projection (each record split by the shares, in whole pupils), and the
// closed school itself is left out. So the receivers' progression ratios
// and their births-to-intake ratio are fitted on the pupils they now take,
// their grade 6 feeds the junior schools, and the closed school has no
// projected records. The receivers keep their own classes: the extra pupils
// sit in the classes they have until classrooms are added. The pupils
// enrolled at the closed school move with this history; its future
// entrants move with its zones when the intake follows the catchments
// (catchment.go gives the receivers explicit entrants), so nobody is
// counted twice.
//
// entrants are explicit intakes by school, grade and projected year
// (nil = none); they win over births and feeders (forecast.Input.Entrants).
func Project(d *model.District, entrants []model.Enrollment, years int) ([]model.Enrollment, error) {
	if len(d.History) == 0 || years < 1 {
		return nil, nil
	}
	d = mergeClosed(d)
	res, err := forecast.Project(forecast.Input{Schools: d.Schools, Zones: d.Zones, History: d.History,
		Entrants: entrants, Births: d.Births, Housing: d.Housing}, forecast.Options{Years: years, Standards: d.Standards})
	if err != nil {
		return nil, err
	}
	recs := forecast.ToEnrollment(res, nil)
	useSpareClassrooms(d, recs)
	return recs, nil
}

// useSpareClassrooms gives each projected year's spare classrooms of a
// school (School.Classrooms minus the compulsory-grade classes in use) to
// its grades, one room at a time to the grade whose classes are largest,
// and only while that grade has fewer classes than it needs at the
// standard size. Schools with Classrooms 0 (unknown) are left as they are.
func useSpareClassrooms(d *model.District, recs []model.Enrollment) {
	std := d.Standards.OrDefault()
	type key struct {
		school string
		year   int
	}
	groups := map[key][]int{} // indices into recs
	for i, e := range recs {
		if e.Grade >= 1 && e.Grade <= 9 {
			k := key{e.School, e.Year}
			groups[k] = append(groups[k], i)
		}
	}
	rooms := map[string]int{}
	for _, s := range d.Schools {
		if s.Classrooms > 0 {
			rooms[s.ID] = s.Classrooms
		}
	}
	for k, idx := range groups {
		spare := rooms[k.school]
		for _, i := range idx {
			spare -= recs[i].Classes
		}
		for ; spare > 0; spare-- {
			best, bestSize := -1, 0
			for _, i := range idx {
				e := &recs[i]
				if e.Classes <= 0 || e.Classes >= std.ClassesNeeded(e.Grade, e.Students) {
					continue
				}
				if size := (e.Students + e.Classes - 1) / e.Classes; size > bestSize {
					best, bestSize = i, size
				}
			}
			if best < 0 {
				break
			}
			recs[best].Classes++
		}
	}
}

// ForProjection is the district the projection works on: d with its
// closed schools left out and their history shared out among the schools
// that took their pupils (see Project); d itself when no school is closed.
// Callers that run model/forecast themselves (xuequ forecast) use it.
func ForProjection(d *model.District) *model.District { return mergeClosed(d) }

// mergeClosed returns d with its closed schools left out and their
// history shared out among the schools that took their pupils (d itself
// when no school is closed).
func mergeClosed(d *model.District) *model.District {
	closed := map[string]*model.School{}
	for i := range d.Schools {
		if d.Schools[i].Closed {
			closed[d.Schools[i].ID] = &d.Schools[i]
		}
	}
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
		s := closed[id]
		if depth > len(closed) { // a cycle of closures: nowhere to go
			return
		}
		for _, m := range s.MergedInto {
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
// to n (largest remainder).
func splitWhole(n int, sh []share) []int {
	out := make([]int, len(sh))
	if len(sh) == 0 {
		return out
	}
	rest := n
	frac := make([]float64, len(sh))
	for i, s := range sh {
		x := float64(n) * s.w
		out[i] = int(math.Floor(x))
		frac[i] = x - float64(out[i])
		rest -= out[i]
	}
	order := make([]int, len(sh))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return frac[order[a]] > frac[order[b]] })
	for k := 0; k < rest && k < len(order); k++ {
		out[order[k]]++
	}
	return out
}
