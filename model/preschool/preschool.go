// Package preschool answers the 学前 questions of a county plan: places and
// enrolment of kindergartens against the children aged 3–5 of each
// township and 学区, and the kindergartens' class sizes.
//
// Per area (township, catchment, county), with the targets of
// Standards.PreschoolStandards:
//
//	毛入园率         gross_enrolment = enrolled ÷ children aged 3–5      (target 95 %)
//	公办在园幼儿占比  public_share    = enrolled in 公办 ÷ enrolled        (target 55 %)
//	普惠性幼儿园覆盖率 inclusive_share = enrolled in 公办 or 普惠 ÷ enrolled (target 92 %)
//	places_needed   = ⌈children × gross-enrolment target⌉,  place_gap = places_needed − places
//
// Children of a zone: see Children. Kindergartens are the schools of level
// kindergarten; their pupils are history grades −2 (小班), −1 (中班) and
// 0 (大班). A projected year (after the kindergartens' history) takes each
// kindergarten's pupils and classes from the projection engine's records
// of that year (forecast.District: 小班 = township births lagged 3 years ×
// the kindergarten's own ratio, 中班/大班 by progression, classes by
// Standards.KindergartenClass), the same records the analysis and its
// summary use, so the three agree.
package preschool

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/xuequ/xuequ/model"
)

// Area is one township, catchment or the county.
type Area struct {
	Key, Name                         string
	Children                          int
	Source                            Source
	Places, Enrolled                  int
	PublicEnrolled, InclusiveEnrolled int
	Kindergartens                     int
	// Rates are undefined (Known false) without children or pupils.
	GrossEnrolment, PublicShare, InclusiveShare float64
	GrossKnown, ShareKnown                      bool
	PlacesNeeded, PlaceGap                      int
	GrossMet, PublicMet, InclusiveMet           bool
}

// Result is the 学前 picture of a district in one year.
type Result struct {
	Year          int
	Projected     bool
	Kindergartens []Kindergarten
	Townships     []Area
	Catchments    []Area
	County        Area
	// Targets echo the standards used.
	GrossTarget, PublicTarget, InclusiveTarget float64
}

// Assess computes the year's 学前 picture of the district. A history year
// reads d.History; a year after the last kindergarten history year is
// projected and reads records, the engine's projected enrolment of that
// year (forecast.DistrictResult.Records, as analysed for that year; nil
// leaves the projected kindergartens without pupils). records is ignored
// for history years.
func Assess(d *model.District, year int, records []model.Enrollment) Result {
	std := d.Standards.OrDefault()
	ps := std.PreschoolStandards
	r := Result{Year: year, GrossTarget: ps.GrossEnrolmentTarget, PublicTarget: ps.PublicShareTarget, InclusiveTarget: ps.InclusiveShareTarget}
	births := birthsByZone(d.Births)
	last := lastKindergartenYear(d)
	recs := d.History
	if last > 0 && year > last {
		r.Projected, recs = true, records
	}
	towns := map[string]*Area{}
	catch := map[string]*Area{}
	area := func(m map[string]*Area, key, name string) *Area {
		a := m[key]
		if a == nil {
			a = &Area{Key: key, Name: name, Source: SourceBirths}
			m[key] = a
		}
		return a
	}
	r.County = Area{Key: "", Name: d.Name, Source: SourceBirths}
	for i := range d.Zones {
		z := &d.Zones[i]
		n, src := Children(z, births, year, std)
		for _, a := range []*Area{area(towns, z.Township, z.Township), &r.County} {
			a.addChildren(n, src)
		}
		if z.PrimarySchool != "" {
			area(catch, z.PrimarySchool, schoolName(d, z.PrimarySchool)).addChildren(n, src)
		}
	}
	for _, s := range kindergartens(d) {
		if s.Closed {
			continue
		}
		k := newKindergarten(d, s)
		k.Projected = r.Projected
		k.fillGrades(kindergartenGrades(recs, s.ID, year), std)
		areas := []*Area{area(towns, k.Township, k.Township), &r.County}
		if k.Catchment != "" {
			areas = append(areas, area(catch, k.Catchment, schoolName(d, k.Catchment)))
		}
		for _, a := range areas {
			a.addKindergarten(&k)
		}
		r.Kindergartens = append(r.Kindergartens, k)
	}
	r.Townships, r.Catchments = sorted(towns, ps), sorted(catch, ps)
	r.County.finish(ps)
	return r
}

func (a *Area) addChildren(n float64, src Source) {
	a.Children += int(math.Round(n))
	if src > a.Source {
		a.Source = src
	}
}

func (a *Area) addKindergarten(k *Kindergarten) {
	a.Kindergartens++
	a.Places += k.Places
	a.Enrolled += k.Enrolled
	if k.Public {
		a.PublicEnrolled += k.Enrolled
	}
	if k.Inclusive {
		a.InclusiveEnrolled += k.Enrolled
	}
}

// finish computes the rates and the place gap against the targets.
func (a *Area) finish(ps model.PreschoolStandards) {
	if a.Children == 0 && a.Kindergartens == 0 {
		a.Source = SourceNone
	}
	if a.Children > 0 {
		a.GrossEnrolment, a.GrossKnown = float64(a.Enrolled)/float64(a.Children), true
		a.GrossMet = a.GrossEnrolment >= ps.GrossEnrolmentTarget-1e-9
	}
	if a.Enrolled > 0 {
		a.PublicShare = float64(a.PublicEnrolled) / float64(a.Enrolled)
		a.InclusiveShare = float64(a.InclusiveEnrolled) / float64(a.Enrolled)
		a.ShareKnown = true
		a.PublicMet = a.PublicShare >= ps.PublicShareTarget-1e-9
		a.InclusiveMet = a.InclusiveShare >= ps.InclusiveShareTarget-1e-9
	}
	a.PlacesNeeded = int(math.Ceil(float64(a.Children)*ps.GrossEnrolmentTarget - 1e-9))
	a.PlaceGap = a.PlacesNeeded - a.Places
}

func sorted(m map[string]*Area, ps model.PreschoolStandards) []Area {
	out := make([]Area, 0, len(m))
	for _, a := range m {
		a.finish(ps)
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// newKindergarten places a kindergarten: its township (the school's, else
// the zone that holds it) and catchment (that zone's primary school).
func newKindergarten(d *model.District, s *model.School) Kindergarten {
	k := Kindergarten{School: s.ID, Name: s.Name, Township: s.Township, Public: s.Public,
		Inclusive: s.Public || s.Inclusive, Places: s.Capacity}
	if z := zoneAt(d.Zones, s.Location); z != nil {
		if k.Township == "" {
			k.Township = z.Township
		}
		k.Catchment = z.PrimarySchool
	}
	return k
}

func zoneAt(zones []model.Zone, p orb.Point) *model.Zone {
	for i := range zones {
		if zones[i].Geometry.Bound().Contains(p) && planar.MultiPolygonContains(zones[i].Geometry, p) {
			return &zones[i]
		}
	}
	return nil
}

func schoolName(d *model.District, id string) string {
	if s := d.School(id); s != nil && s.Name != "" {
		return s.Name
	}
	return id
}

// kindergartens are the district's schools of level kindergarten and,
// for a bare history (no schools file), the history's schools that have
// only grades −2…0 (as their ids, level kindergarten, 民办 unknown).
func kindergartens(d *model.District) []*model.School {
	var out []*model.School
	known := map[string]bool{}
	for i := range d.Schools {
		known[d.Schools[i].ID] = true
		if d.Schools[i].Level == model.LevelKindergarten {
			out = append(out, &d.Schools[i])
		}
	}
	only := map[string]bool{}
	var order []string
	for _, e := range d.History {
		if known[e.School] {
			continue
		}
		k, seen := only[e.School]
		if !seen {
			order = append(order, e.School)
			k = true
		}
		only[e.School] = k && e.Grade <= 0
	}
	for _, id := range order {
		if only[id] {
			out = append(out, &model.School{ID: id, Name: id, Level: model.LevelKindergarten})
		}
	}
	return out
}

// lastKindergartenYear is the last year of kindergarten records (0 = none).
func lastKindergartenYear(d *model.District) int {
	kg := map[string]bool{}
	for _, s := range kindergartens(d) {
		kg[s.ID] = true
	}
	last := 0
	for _, e := range d.History {
		if e.Grade <= 0 && e.Year > last && kg[e.School] {
			last = e.Year
		}
	}
	return last
}
