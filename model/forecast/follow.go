package forecast

import (
	"sort"

	"github.com/xuequ/xuequ/model"
)

// wanted shares every reference school's intake out over its reference
// zones and delivers each share to the school the zone is assigned to in
// that year (see the comment at the top of catchment.go). It reports
// whether any school's intake differs from the reference's.
func (f *follow) wanted() (changed bool) {
	for k, st := range entryStages {
		f.want[k], f.extra9[k] = intakes{}, intakes{}
		zonesOf := map[string][]*model.Zone{}
		for i := range f.ref.Zones {
			z := &f.ref.Zones[i]
			if id := z.SchoolFor(st.stage); f.refEntry[k][id] != nil {
				zonesOf[id] = append(zonesOf[id], z)
			}
		}
		for _, zs := range f.zoneSets {
			for id := range f.refEntry[k] {
				f.shareOut(k, id, zonesOf[id], zs)
			}
		}
		// Reference schools that lost every zone take zero.
		for id := range f.refEntry[k] {
			if s := f.open(id); s != nil && takesEntry(s.Level, st) && f.want[k][id] == nil {
				f.want[k][id] = make([]float64, len(f.yrs))
			}
		}
		for id, x := range f.want[k] {
			if r := f.refEntry[k][id]; r == nil || !equalVec(x, r) {
				changed = true
			}
		}
		changed = changed || len(f.extra9[k]) > 0
	}
	return changed
}

// shareOut delivers reference school id's intake of stage k, zone by zone,
// in the years of zs.
func (f *follow) shareOut(k int, id string, zs []*model.Zone, set zoneSet) {
	if len(zs) == 0 {
		f.deliver(k, id, id, 1, 0, set.mask)
		return
	}
	w := ZoneWeights(zs, entryStages[k].stage)
	for i, z := range zs {
		to := ""
		if ez := set.zones[z.ID]; ez != nil {
			to = ez.SchoolFor(entryStages[k].stage)
		}
		f.deliver(k, to, id, w[i], 0, set.mask)
	}
}

// deliver gives share w of school from's reference intake to school id.
func (f *follow) deliver(k int, id, from string, w float64, depth int, mask []bool) {
	st, v := entryStages[k], f.refEntry[k][from]
	if s := f.open(id); s != nil && takesEntry(s.Level, st) {
		f.want[k].add(id, v, w, mask)
		return
	}
	if s := f.open(id); s != nil && st.stage == model.LevelJunior && s.Level == model.LevelNineYear {
		f.extra9[k].add(id, v, w, mask)
		return
	}
	if depth > 0 {
		return // nowhere to go: the pupils drop out (cannot happen with CloseSchool)
	}
	if s := f.open(from); s != nil && takesEntry(s.Level, st) {
		f.want[k].add(from, v, w, mask)
		return
	}
	if f.closed[from] != nil {
		for _, r := range receivers(f.d, f.closed, from, st.stage) {
			f.deliver(k, r.school, from, w*r.w, depth+1, mask)
		}
	}
}

// wholeEntrants rounds the changed intakes to whole pupils, year by year,
// by largest remainder among the schools whose intake changed, and makes
// them the entrants of the projection.
func (f *follow) wholeEntrants() {
	f.given, f.extraWhole = map[schoolGrade]bool{}, map[string][]int{}
	n := len(f.yrs)
	for k, st := range entryStages {
		pool := f.changedPool(k)
		col := make([]float64, len(pool))
		for t := range n {
			for i, it := range pool {
				col[i] = it.x[t]
			}
			for i, v := range wholeShares(col) {
				it := pool[i]
				if it.nine {
					if f.extraWhole[it.id] == nil {
						f.extraWhole[it.id] = make([]int, n)
					}
					f.extraWhole[it.id][t] = v
					continue
				}
				f.entrants = append(f.entrants, model.Enrollment{School: it.id, Year: f.yrs[t], Grade: st.grade, Students: v})
				f.given[schoolGrade{it.id, st.grade}] = true
			}
		}
	}
}

type poolItem struct {
	id   string
	nine bool // junior pupils added to a nine-year school's grade 7
	x    []float64
}

// changedPool lists the intakes of stage k that differ from the
// reference's, in a stable order.
func (f *follow) changedPool(k int) []poolItem {
	var pool []poolItem
	for id, x := range f.want[k] {
		if r := f.refEntry[k][id]; r == nil || !equalVec(x, r) {
			pool = append(pool, poolItem{id, false, x})
		}
	}
	for id, x := range f.extra9[k] {
		pool = append(pool, poolItem{id, true, x})
	}
	sort.Slice(pool, func(i, j int) bool {
		if pool[i].id != pool[j].id {
			return pool[i].id < pool[j].id
		}
		return !pool[i].nine
	})
	return pool
}

// keepIntakes is the intake the other schools must keep: the reference's
// for schools whose zones did not change, and for nine-year schools' grade
// 7 (plus the junior shares moved to them, which are forced). A nine-year
// school's own pupils go on to its grade 7; pupils an edit adds to or takes
// from its primary grades go to the junior school of their zone, whose
// intake is already counted.
func (f *follow) keepIntakes(refRecs []model.Enrollment) map[schoolGrade]bool {
	f.keep = map[schoolGrade][]int{}
	forced := map[schoolGrade]bool{}
	for k, st := range entryStages {
		for id, r := range f.refEntry[k] {
			if sg := (schoolGrade{id, st.grade}); f.want[k][id] != nil && !f.given[sg] {
				f.keep[sg] = roundVec(r)
			}
		}
	}
	n := len(f.yrs)
	for _, e := range refRecs {
		if s := f.open(e.School); e.Grade == 7 && s != nil && s.Level == model.LevelNineYear {
			sg := schoolGrade{e.School, 7}
			if f.keep[sg] == nil {
				f.keep[sg] = make([]int, n)
			}
			f.keep[sg][f.yi[e.Year]] += e.Students
		}
	}
	for id, x := range f.extraWhole {
		sg := schoolGrade{id, 7}
		if f.keep[sg] == nil {
			f.keep[sg] = make([]int, n)
		}
		for t, v := range x {
			f.keep[sg][t] += v
		}
		forced[sg] = true
	}
	return forced
}

// forceDrifting gives their kept intake from the start to the schools whose
// intake would drift: junior schools fed by a primary whose catchment
// changed, nine-year schools whose primary intake changed, and those forced
// by keepIntakes.
func (f *follow) forceDrifting(forced map[schoolGrade]bool) {
	changedPrimary := func(id string) bool { return f.given[schoolGrade{id, 1}] || f.closed[id] != nil }
	for _, zs := range [][]model.Zone{f.ref.Zones, f.d.Zones} {
		for i := range zs {
			if z := &zs[i]; changedPrimary(z.PrimarySchool) && f.keep[schoolGrade{z.JuniorSchool, 7}] != nil {
				forced[schoolGrade{z.JuniorSchool, 7}] = true
			}
		}
	}
	for id, s := range f.schools {
		if s.Level == model.LevelNineYear && changedPrimary(id) && f.keep[schoolGrade{id, 7}] != nil {
			forced[schoolGrade{id, 7}] = true
		}
	}
	for sg := range forced {
		f.giveKept(sg)
	}
}

// giveKept makes sg's kept intake explicit entrants.
func (f *follow) giveKept(sg schoolGrade) {
	if f.given[sg] {
		return
	}
	for t, v := range f.keep[sg] {
		f.entrants = append(f.entrants, model.Enrollment{School: sg.school, Year: f.yrs[t], Grade: sg.grade, Students: v})
	}
	f.given[sg] = true
}

// drifted lists the schools whose projected intake differs from what they
// must keep.
func (f *follow) drifted(recs []model.Enrollment) []schoolGrade {
	drift := map[schoolGrade]bool{}
	for _, e := range recs {
		sg := schoolGrade{e.School, e.Grade}
		if t, ok := f.yi[e.Year]; ok && !f.given[sg] && f.keep[sg] != nil && f.keep[sg][t] != e.Students {
			drift[sg] = true
		}
	}
	out := make([]schoolGrade, 0, len(drift))
	for sg := range drift {
		out = append(out, sg)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].school != out[j].school {
			return out[i].school < out[j].school
		}
		return out[i].grade < out[j].grade
	})
	return out
}
