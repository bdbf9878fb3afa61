package app

import (
	"math"
	"sort"

	"github.com/xuequ/xuequ/model"
)

// Intake that follows the catchments (学区跟随的招生).
//
// A projection fits every school's entry intake — grade 1, and grade 7 of
// junior-only schools — to its own history, so it only knows the
// catchments the history was recorded under: the reference district (the
// district as loaded from the project file, the sample or an import,
// before any edit). When an edit moves zones to another school, opens a
// school or closes one, projecting the edited district on its own would
// leave the donor's intake where it was and give the new school an intake
// of its own besides: pupils would not be conserved.
//
// So the reference district is projected as it is, and its projected
// entry intake E_ref(s, t) of every school s is shared out among s's
// reference zones by their weight w(z) (children of the stage's age —
// Zone.PrimaryAge or JuniorAge — when every zone of s has them, else
// Population; equal shares when all weights are zero). In the edited
// district each school's intake is the sum of the shares of the zones now
// assigned to it, and these intakes are given to the projection of the
// edited district as explicit entrants (forecast.Input.Entrants), which the
// cohort model rolls up through the grades with the receiving school's
// progression ratios. Pupils already enrolled stay at their school: a
// change of 划片 applies to new entrants, as it does in practice (the
// pupils of a closed school are the exception: see Project).
//
// Where a zone's share goes:
//   - to the school the edited zone is assigned to for the stage when that
//     school is open and takes entrants of the stage from outside (grade 1:
//     primary and nine-year schools; grade 7: junior schools);
//   - a junior share assigned to a nine-year school adds to the grade 7 the
//     school fills from its own grade 6;
//   - otherwise (zone unassigned, school missing or of another stage) it
//     stays with its reference school, or goes to the schools that took the
//     reference school's pupils when that school was closed.
//
// A nine-year school's grade 7 comes from its own grade 6, not from
// zones, so its junior zones carry nothing (moving them away moves no
// pupils), and it keeps its reference grade 7 (plus junior shares moved to
// it): pupils an edit adds to or takes from its primary grades are counted
// in the grade-7 intake of their zone's junior school instead. A school
// with no reference zones keeps its own E_ref. Intakes
// are whole pupils: the schools whose intake changed share their total by
// largest remainder, so the county total of every projected year and stage
// equals the reference's exactly. Schools whose intake did not change get
// no entrants and project exactly as before, unless their projected
// intake drifted anyway (a junior school whose feeder primaries' zones
// moved, a nine-year school whose grade 6 changed): then they get their
// reference intake as entrants too, and the district is projected again
// (at most three projections of the edited district in all).
//
// Conserved exactly: the county's grade-1 and grade-7 pupils of every
// projected year. The other grades move with the cohorts, each at the
// progression ratios of the school it is at, so county totals of later
// years differ from the reference's by the difference of those ratios.

// stageEntry is, for one stage, the grade a school of that stage takes
// from outside.
type stageEntry struct {
	stage model.Level
	grade model.Grade
}

var entryStages = [2]stageEntry{{model.LevelPrimary, 1}, {model.LevelJunior, 7}}

// takesEntry reports whether a school of level l fills the entry grade of
// st from outside the school (from zones).
func takesEntry(l model.Level, st stageEntry) bool {
	if st.stage == model.LevelJunior {
		return l == model.LevelJunior
	}
	return l == model.LevelPrimary || l == model.LevelNineYear
}

// sameCatchments reports whether d assigns every zone as ref does and its
// schools are open or closed, and of the level, as in ref: then d's
// projection needs no redistributed intake.
func sameCatchments(ref, d *model.District) bool {
	if len(ref.Zones) != len(d.Zones) || len(ref.Schools) != len(d.Schools) {
		return false
	}
	for i := range ref.Zones {
		a, b := &ref.Zones[i], &d.Zones[i]
		if a.ID != b.ID || a.PrimarySchool != b.PrimarySchool || a.JuniorSchool != b.JuniorSchool {
			return false
		}
	}
	for i := range ref.Schools {
		a, b := &ref.Schools[i], &d.Schools[i]
		if a.ID != b.ID || a.Closed != b.Closed || a.Level != b.Level {
			return false
		}
	}
	return true
}

// ProjectScenario projects d, a district derived by edits from ref (the
// district its history was recorded under), with the entry intake
// following the catchments (see above) and app.Project's method.
// `xuequ analyze --scenario` uses it.
func ProjectScenario(ref, d *model.District, years int) ([]model.Enrollment, error) {
	return FollowCatchments(Project, ref, d, years)
}

// FollowCatchments projects d with p, the entry intake following the
// catchments from ref (see above). It projects ref with p as well; when
// d's catchments equal ref's it is simply p(d, nil, years).
func FollowCatchments(p Projector, ref, d *model.District, years int) ([]model.Enrollment, error) {
	if ref == nil || sameCatchments(ref, d) {
		return p(d, nil, years)
	}
	refRecs, err := p(ref, nil, years)
	if err != nil {
		return p(d, nil, years)
	}
	return followCatchments(p, ref, refRecs, d, years)
}

// intakes is pupils by school and projected year (index into years).
type intakes map[string][]float64

func (in intakes) add(id string, n int, v []float64, f float64) {
	x := in[id]
	if x == nil {
		x = make([]float64, n)
		in[id] = x
	}
	for i := range x {
		x[i] += f * v[i]
	}
}

// followCatchments is FollowCatchments with ref's projection given (a
// Session caches it).
func followCatchments(p Projector, ref *model.District, refRecs []model.Enrollment, d *model.District, years int) ([]model.Enrollment, error) {
	if len(refRecs) == 0 || sameCatchments(ref, d) {
		return p(d, nil, years)
	}
	// The projected years and every reference school's entry intake.
	yearSet := map[int]bool{}
	for _, e := range refRecs {
		yearSet[e.Year] = true
	}
	yrs := make([]int, 0, len(yearSet))
	for y := range yearSet {
		yrs = append(yrs, y)
	}
	sort.Ints(yrs)
	yi := make(map[int]int, len(yrs))
	for i, y := range yrs {
		yi[y] = i
	}
	n := len(yrs)
	refSchools := schoolIndex(ref)
	refEntry := [2]intakes{{}, {}}
	for _, e := range refRecs {
		for k, st := range entryStages {
			if e.Grade != st.grade {
				continue
			}
			if s := refSchools[e.School]; s == nil || s.Closed || !takesEntry(s.Level, st) {
				continue
			}
			if refEntry[k][e.School] == nil {
				refEntry[k][e.School] = make([]float64, n)
			}
			refEntry[k][e.School][yi[e.Year]] += float64(e.Students)
		}
	}

	schools := schoolIndex(d)
	zones := make(map[string]*model.Zone, len(d.Zones))
	for i := range d.Zones {
		zones[d.Zones[i].ID] = &d.Zones[i]
	}
	closed := map[string]*model.School{}
	for id, s := range schools {
		if s.Closed {
			closed[id] = s
		}
	}
	open := func(id string) *model.School {
		if s := schools[id]; s != nil && !s.Closed {
			return s
		}
		return nil
	}

	var want, extra9 [2]intakes // intake by receiving school; junior pupils added to nine-year grade 7
	changed := false
	for k, st := range entryStages {
		want[k], extra9[k] = intakes{}, intakes{}
		// deliver gives f of from's reference intake to the school id.
		var deliver func(id, from string, f float64, depth int)
		deliver = func(id, from string, f float64, depth int) {
			v := refEntry[k][from]
			if s := open(id); s != nil && takesEntry(s.Level, st) {
				want[k].add(id, n, v, f)
				return
			}
			if s := open(id); s != nil && st.stage == model.LevelJunior && s.Level == model.LevelNineYear {
				extra9[k].add(id, n, v, f)
				return
			}
			if depth > 0 {
				return // nowhere to go: the pupils drop out (cannot happen with CloseSchool)
			}
			if s := open(from); s != nil && takesEntry(s.Level, st) {
				want[k].add(from, n, v, f)
				return
			}
			if closed[from] != nil {
				for _, r := range receivers(d, closed, from, st.stage) {
					deliver(r.school, from, f*r.w, depth+1)
				}
			}
		}
		zonesOf := map[string][]*model.Zone{}
		for i := range ref.Zones {
			z := &ref.Zones[i]
			if id := z.SchoolFor(st.stage); refEntry[k][id] != nil {
				zonesOf[id] = append(zonesOf[id], z)
			}
		}
		for id := range refEntry[k] {
			zs := zonesOf[id]
			if len(zs) == 0 {
				deliver(id, id, 1, 0)
				continue
			}
			w := zoneWeights(zs, st.stage)
			for i, z := range zs {
				to := ""
				if ez := zones[z.ID]; ez != nil {
					to = ez.SchoolFor(st.stage)
				}
				deliver(to, id, w[i], 0)
			}
		}
		// Reference schools that lost every zone take zero.
		for id := range refEntry[k] {
			if s := open(id); s != nil && takesEntry(s.Level, st) && want[k][id] == nil {
				want[k][id] = make([]float64, n)
			}
		}
		for id, x := range want[k] {
			if r := refEntry[k][id]; r == nil || !equalVec(x, r) {
				changed = true
			}
		}
		if len(extra9[k]) > 0 {
			changed = true
		}
	}
	if !changed {
		return p(d, nil, years)
	}

	// Whole entrants for the schools whose intake changed.
	given := map[schoolGrade]bool{}
	var entrants []model.Enrollment
	extraWhole := map[string][]int{}
	for k, st := range entryStages {
		type item struct {
			id   string
			nine bool
			x    []float64
		}
		var pool []item
		for id, x := range want[k] {
			if r := refEntry[k][id]; r == nil || !equalVec(x, r) {
				pool = append(pool, item{id, false, x})
			}
		}
		for id, x := range extra9[k] {
			pool = append(pool, item{id, true, x})
		}
		sort.Slice(pool, func(i, j int) bool {
			if pool[i].id != pool[j].id {
				return pool[i].id < pool[j].id
			}
			return !pool[i].nine
		})
		col := make([]float64, len(pool))
		for t := range n {
			for i, it := range pool {
				col[i] = it.x[t]
			}
			for i, v := range wholeShares(col) {
				it := pool[i]
				if it.nine {
					if extraWhole[it.id] == nil {
						extraWhole[it.id] = make([]int, n)
					}
					extraWhole[it.id][t] = v
					continue
				}
				entrants = append(entrants, model.Enrollment{School: it.id, Year: yrs[t], Grade: st.grade, Students: v})
				given[schoolGrade{it.id, st.grade}] = true
			}
		}
	}

	// The intake the other schools must keep: the reference's, for schools
	// whose zones did not change, and for nine-year schools' grade 7 (plus
	// the junior shares moved to them). A nine-year school's own pupils go
	// on to its grade 7; pupils an edit adds to or takes from its primary
	// grades go to the junior school of their zone, whose intake is already
	// counted, so its grade 7 keeps the reference's.
	keep := map[schoolGrade][]int{}
	forced := map[schoolGrade]bool{}
	for k, st := range entryStages {
		for id, r := range refEntry[k] {
			if sg := (schoolGrade{id, st.grade}); want[k][id] != nil && !given[sg] {
				keep[sg] = roundVec(r)
			}
		}
	}
	for _, e := range refRecs {
		if s := open(e.School); e.Grade == 7 && s != nil && s.Level == model.LevelNineYear {
			sg := schoolGrade{e.School, 7}
			if keep[sg] == nil {
				keep[sg] = make([]int, n)
			}
			keep[sg][yi[e.Year]] += e.Students
		}
	}
	for id, x := range extraWhole {
		sg := schoolGrade{id, 7}
		if keep[sg] == nil {
			keep[sg] = make([]int, n)
		}
		for t, v := range x {
			keep[sg][t] += v
		}
		forced[sg] = true
	}

	// Schools whose intake would drift, given theirs from the start: junior
	// schools fed by a primary whose catchment changed (the feeder shares
	// follow the zones) and nine-year schools whose primary intake changed.
	changedPrimary := func(id string) bool { return given[schoolGrade{id, 1}] || closed[id] != nil }
	for _, zs := range [][]model.Zone{ref.Zones, d.Zones} {
		for i := range zs {
			if z := &zs[i]; changedPrimary(z.PrimarySchool) && keep[schoolGrade{z.JuniorSchool, 7}] != nil {
				forced[schoolGrade{z.JuniorSchool, 7}] = true
			}
		}
	}
	for id, s := range schools {
		if s.Level == model.LevelNineYear && changedPrimary(id) && keep[schoolGrade{id, 7}] != nil {
			forced[schoolGrade{id, 7}] = true
		}
	}
	for sg := range forced {
		if !given[sg] {
			for t, v := range keep[sg] {
				entrants = append(entrants, model.Enrollment{School: sg.school, Year: yrs[t], Grade: sg.grade, Students: v})
			}
			given[sg] = true
		}
	}

	// Project; give entrants to the schools whose intake drifted from what
	// they must keep (a junior school whose feeder primaries' zones moved,
	// a nine-year school whose grade 6 changed) and project again.
	var recs []model.Enrollment
	for pass := 0; ; pass++ {
		var err error
		if recs, err = p(d, entrants, years); err != nil || pass == 2 {
			return recs, err
		}
		drift := map[schoolGrade]bool{}
		for _, e := range recs {
			sg := schoolGrade{e.School, e.Grade}
			if t, ok := yi[e.Year]; ok && !given[sg] && keep[sg] != nil && keep[sg][t] != e.Students {
				drift[sg] = true
			}
		}
		if len(drift) == 0 {
			return recs, nil
		}
		for sg := range drift {
			for t, v := range keep[sg] {
				entrants = append(entrants, model.Enrollment{School: sg.school, Year: yrs[t], Grade: sg.grade, Students: v})
			}
			given[sg] = true
		}
	}
}

func roundVec(x []float64) []int {
	out := make([]int, len(x))
	for i, v := range x {
		out[i] = int(math.Round(v))
	}
	return out
}

type schoolGrade struct {
	school string
	grade  model.Grade
}

// schoolIndex maps school ids to d's schools.
func schoolIndex(d *model.District) map[string]*model.School {
	m := make(map[string]*model.School, len(d.Schools))
	for i := range d.Schools {
		m[d.Schools[i].ID] = &d.Schools[i]
	}
	return m
}

func equalVec(a, b []float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-6 {
			return false
		}
	}
	return true
}

// zoneWeights are the shares (summing to 1) of a school's reference zones
// in its intake of stage: children of the stage's age when every zone has
// that count, else population; equal when all weights are zero.
func zoneWeights(zs []*model.Zone, stage model.Level) []float64 {
	w := make([]float64, len(zs))
	age := true
	for _, z := range zs {
		if _, known := z.AgeCount(stage); !known {
			age = false
			break
		}
	}
	total := 0.0
	for i, z := range zs {
		switch {
		case age:
			n, _ := z.AgeCount(stage)
			w[i] = float64(n)
		default:
			w[i] = float64(max(z.Population, 0))
		}
		total += w[i]
	}
	for i := range w {
		if total > 0 {
			w[i] /= total
		} else {
			w[i] = 1 / float64(len(w))
		}
	}
	return w
}

// wholeShares rounds x to whole numbers that add up to the rounded sum of
// x (largest remainder; values within 1e-6 of a whole number are taken as
// that number, so an unchanged intake stays as it was).
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
