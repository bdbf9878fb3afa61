package synth

import (
	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/model"
)

// gen carries one generation run.
type gen struct {
	cfg        Config
	l          *lattice
	zones      []zinfo
	schools    []sinfo
	catchments [][2][]int // per school: primary-stage zones, junior-stage zones
	births     []birthRec
	housing    []housingRec
	history    []enrolRec
	birthCache []int32 // zone × year from birthsFrom to the last year
	birthsFrom int
}

// Generate builds a district from cfg. The result is fully determined by
// cfg: same Config, same district, down to the last coordinate digit.
// Coordinates are lon/lat degrees rounded to 6 decimals.
//
// Zones tile the area without overlap (rivers and lakes excepted), every
// zone has a primary and a junior school of a level that teaches the stage
// (nearest by straight line), and the history covers cfg.Years years.
// The numbers of schools and zones are exactly cfg.Schools and cfg.Zones
// (after defaults).
func Generate(cfg Config) *model.District {
	g := &gen{cfg: cfg.withDefaults()}
	g.l = newLattice(g)
	g.buildZones()
	g.placeSchools()
	g.buildHistory()
	g.nameSchools()
	return g.district()
}

// Sample returns the embedded sample district, Generate(SampleConfig()).
func Sample() *model.District { return Generate(SampleConfig()) }

func (g *gen) district() *model.District {
	d := &model.District{Name: g.cfg.Name, Standards: model.DefaultStandards()}
	center := g.cfg.Center
	d.Schools = make([]model.School, len(g.schools))
	for k, s := range g.schools {
		d.Schools[k] = model.School{
			ID:         s.id,
			Name:       s.name,
			Level:      s.level,
			Location:   toLonLat(center, s.pos),
			Capacity:   s.capacity,
			Classrooms: s.classrooms,
			Boarding:   s.level != model.LevelPrimary && g.zones[s.zone].kind != kindUrban,
			Township:   g.zones[s.zone].township,
			Public:     s.public,
		}
	}
	d.Zones = make([]model.Zone, len(g.zones))
	for i := range g.zones {
		z := &g.zones[i]
		mp := make(orb.MultiPolygon, len(z.geom))
		for pi, poly := range z.geom {
			mp[pi] = make(orb.Polygon, len(poly))
			for ri, ring := range poly {
				out := make(orb.Ring, len(ring))
				for k, p := range ring {
					out[k] = toLonLat(center, p)
				}
				mp[pi][ri] = out
			}
		}
		zone := model.Zone{
			ID:         z.id,
			Name:       z.name,
			Geometry:   mp,
			Population: z.pop,
			Households: z.households,
			Dwellings:  z.dwellings,
			PrimaryAge: z.primaryAge,
			JuniorAge:  z.juniorAge,
			Township:   z.township,
		}
		if z.primary >= 0 {
			zone.PrimarySchool = g.schools[z.primary].id
		}
		if z.junior >= 0 {
			zone.JuniorSchool = g.schools[z.junior].id
		}
		d.Zones[i] = zone
	}
	d.History = make([]model.Enrollment, len(g.history))
	for k, e := range g.history {
		d.History[k] = model.Enrollment{School: g.schools[e.school].id, Year: e.year,
			Grade: model.Grade(e.grade), Students: e.students, Classes: e.classes}
	}
	d.Births = make([]model.Births, len(g.births))
	for k, b := range g.births {
		d.Births[k] = model.Births{Zone: g.zones[b.zone].id, Year: b.year, Births: b.births}
	}
	d.Housing = make([]model.Housing, len(g.housing))
	for k, h := range g.housing {
		d.Housing[k] = model.Housing{Zone: g.zones[h.zone].id, Year: h.year, Dwellings: h.dwellings}
	}
	g.addResources(d)
	g.addKindergartens(d)
	return d
}
