package forecast

import (
	"math"
	"sort"

	"github.com/xuequ/xuequ/model"
)

// Intake that follows the catchments (学区跟随的招生).
//
// A projection fits every school's entry intake — grade 1, and grade 7 of
// junior-only schools — to its own history, so it only knows the
// catchments the history was recorded under: the reference district.
// When an edit moves zones to another school, opens a school or closes
// one, projecting the edited district on its own would leave the donor's
// intake where it was and give the new school an intake of its own
// besides: pupils would not be conserved.
//
// So the reference district is projected as it is, and its projected entry
// intake E_ref(s, t) of every school s is shared out among s's reference
// zones by their weight w(z) (children of the stage's age when every zone
// of s has them, else Population; equal shares when all weights are zero).
// In the edited district each school's intake of year t is the sum of the
// shares of the zones assigned to it in year t (the catchments of the
// timeline step in force that year, so a 划片 applies from its first intake
// year), and these intakes are given to the cohort model as explicit
// entrants, which it rolls up through the grades. Pupils already enrolled
// stay at their school: a change of 划片 applies to new entrants.
//
// Where a zone's share goes:
//   - to the school the zone is assigned to for the stage when that school
//     is open and takes entrants of the stage from outside (grade 1:
//     primary and nine-year schools; grade 7: junior schools);
//   - a junior share assigned to a nine-year school adds to the grade 7 the
//     school fills from its own grade 6;
//   - otherwise it stays with its reference school, or goes to the schools
//     that took the reference school's pupils when that school was closed.
//
// Intakes are whole pupils: the schools whose intake changed share their
// total by largest remainder, so the county's grade-1 and grade-7 pupils of
// every projected year equal the reference's exactly. Schools whose intake
// did not change get no entrants, unless their projected intake drifted
// anyway (a junior school whose feeder primaries' zones moved, a nine-year
// school whose grade 6 changed): they then get their reference intake and
// the district is projected again (at most three projections in all).

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

// SameCatchments reports whether d assigns every zone as ref does and its
// schools are open or closed, and of the level, as in ref: then d's
// projection needs no redistributed intake.
func SameCatchments(ref, d *model.District) bool {
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

// intakes is pupils by school and projected year (index into years).
type intakes map[string][]float64

// add adds f × v to id's intake in the columns where mask is true.
func (in intakes) add(id string, v []float64, f float64, mask []bool) {
	x := in[id]
	if x == nil {
		x = make([]float64, len(mask))
		in[id] = x
	}
	for i := range x {
		if mask[i] {
			x[i] += f * v[i]
		}
	}
}

type schoolGrade struct {
	school string
	grade  model.Grade
}

// follow is one catchment-following projection of district d.
type follow struct {
	ref      *model.District
	d        *model.District
	yrs      []int
	yi       map[int]int
	refEntry [2]intakes // reference intake by school, per entry stage
	// zonesAt are the zones (by id) whose assignment decides the intake
	// of each projected year, and the year columns each serves.
	zoneSets []zoneSet
	schools  map[string]*model.School
	closed   map[string]*model.School

	want, extra9 [2]intakes // intake by receiving school; junior pupils added to nine-year grade 7
	entrants     []model.Enrollment
	given        map[schoolGrade]bool
	keep         map[schoolGrade][]int
	extraWhole   map[string][]int
}

// zoneSet is the zones in force for the projected years where mask is set.
type zoneSet struct {
	zones map[string]*model.Zone
	mask  []bool
}

// newFollow indexes the reference projection's years and entry intakes.
func newFollow(ref *model.District, refRecs []model.Enrollment, d *model.District) *follow {
	f := &follow{ref: ref, d: d, yi: map[int]int{}, schools: schoolIndex(d), closed: closedSchools(d)}
	for _, e := range refRecs {
		if _, ok := f.yi[e.Year]; !ok {
			f.yi[e.Year] = 0
			f.yrs = append(f.yrs, e.Year)
		}
	}
	sort.Ints(f.yrs)
	for i, y := range f.yrs {
		f.yi[y] = i
	}
	refSchools := schoolIndex(ref)
	for k, st := range entryStages {
		f.refEntry[k] = intakes{}
		for _, e := range refRecs {
			s := refSchools[e.School]
			if e.Grade != st.grade || s == nil || s.Closed || !takesEntry(s.Level, st) {
				continue
			}
			if f.refEntry[k][e.School] == nil {
				f.refEntry[k][e.School] = make([]float64, len(f.yrs))
			}
			f.refEntry[k][e.School][f.yi[e.Year]] += float64(e.Students)
		}
	}
	return f
}

// setZones records which district's zones decide each year's intake.
func (f *follow) setZones(at func(year int) *model.District) {
	byDistrict := map[*model.District]int{}
	for t, y := range f.yrs {
		zd := at(y)
		i, ok := byDistrict[zd]
		if !ok {
			i = len(f.zoneSets)
			byDistrict[zd] = i
			zs := zoneSet{zones: make(map[string]*model.Zone, len(zd.Zones)), mask: make([]bool, len(f.yrs))}
			for j := range zd.Zones {
				zs.zones[zd.Zones[j].ID] = &zd.Zones[j]
			}
			f.zoneSets = append(f.zoneSets, zs)
		}
		f.zoneSets[i].mask[t] = true
	}
}

func (f *follow) open(id string) *model.School {
	if s := f.schools[id]; s != nil && !s.Closed {
		return s
	}
	return nil
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

func roundVec(x []float64) []int {
	out := make([]int, len(x))
	for i, v := range x {
		out[i] = int(math.Round(v))
	}
	return out
}

// ZoneWeights are the shares (summing to 1) of a school's reference zones
// in its intake of stage: children of the stage's age when every zone has
// that count, else population; equal when all weights are zero.
func ZoneWeights(zs []*model.Zone, stage model.Level) []float64 {
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
		if age {
			n, _ := z.AgeCount(stage)
			w[i] = float64(n)
		} else {
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
