// Package estates checks the 配套学校 rule for new housing estates
// ("落实城镇新建居住区配套建设标准化学校"): every estate (a zone with
// dwellings in the housing table) must find school places for its
// children, in schools within the service radius or in a school of its
// own.
//
// Per estate and delivery year y (Standards.PreschoolStandards and §4):
//
//	dwellings = Σ dwellings the housing table delivers in the zone up to y
//	residents = dwellings × PersonsPerHousehold (3.0)
//	needed    = ⌈residents / 1000 × 千人学位指标⌉ per stage (70 primary, 35 junior)
//	spare     = Σ max(0, seats − pupils) of the stage's schools whose site is
//	            within the service radius (500 m / 1000 m) of the zone's
//	            centroid, in year y (history or projected analysis)
//	needs_school = needed > spare in either stage
//
// A nine-year school's spare seats are split between its stages by pupil
// share. Each estate is checked alone: two estates may count the same
// spare seats. The suggested 建标102 scale is the smallest whose seats
// cover the shortfall (needed − spare): a nine-year school when both
// stages fall short, else one of the short stage; the largest scale when
// none does.
package estates

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"

	"github.com/xuequ/xuequ/model"
)

// Stages indexes the per-stage arrays: 0 primary, 1 junior.
var Stages = [2]model.Level{model.LevelPrimary, model.LevelJunior}

// Estate is one estate in one year.
type Estate struct {
	Zone, Name string
	Year       int
	Dwellings  int
	Residents  int
	Centroid   orb.Point
	// Needed, Spare and Shortfall per stage (0 primary, 1 junior).
	// SpareKnown is false when no analysis of the year exists (beyond the
	// projection): Spare is then 0.
	Needed, Spare, Shortfall [2]int
	SpareKnown               bool
	NeedsSchool              bool
	// Suggested is the 建标102 scale for a 配套 school; nil when none is
	// needed.
	Suggested *Suggestion
}

// Suggestion is a suggested 配套 school.
type Suggestion struct {
	Level   model.Level
	Classes int
	Seats   int
}

// Analyzer returns the class-size and seat analysis of a year (history or
// projected) and whether there is one.
type Analyzer func(year int) (model.Analysis, bool)

// Assess checks every estate of the district in every year its housing
// table delivers dwellings, ascending by zone then year.
func Assess(d *model.District, analyze Analyzer) []Estate {
	c := newChecker(d)
	cache := map[int]*model.Analysis{}
	analysis := func(y int) *model.Analysis {
		if a, ok := cache[y]; ok {
			return a
		}
		var ap *model.Analysis
		if a, ok := analyze(y); ok {
			ap = &a
		}
		cache[y] = ap
		return ap
	}
	out := []Estate{}
	for _, zid := range c.zones {
		years := c.deliveries[zid]
		ys := make([]int, 0, len(years))
		for y := range years {
			ys = append(ys, y)
		}
		sort.Ints(ys)
		total := 0
		for _, y := range ys {
			total += years[y]
			out = append(out, c.estate(zid, y, total, analysis(y)))
		}
	}
	return out
}

// AssessYear checks every estate with dwellings delivered by year, as it
// stands in that year: its dwellings so far and the spare places of a,
// the analysis of that year (nil: unknown).
func AssessYear(d *model.District, year int, a *model.Analysis) []Estate {
	c := newChecker(d)
	out := []Estate{}
	for _, zid := range c.zones {
		total := 0
		for y, n := range c.deliveries[zid] {
			if y <= year {
				total += n
			}
		}
		if total > 0 {
			out = append(out, c.estate(zid, year, total, a))
		}
	}
	return out
}

// checker holds what every check of a district needs.
type checker struct {
	d          *model.District
	std        model.Standards
	deliveries map[string]map[int]int // zone → year → dwellings
	zones      []string               // sorted
	schools    map[string]*model.School
}

func newChecker(d *model.District) *checker {
	c := &checker{d: d, std: d.Standards.OrDefault(), deliveries: map[string]map[int]int{},
		schools: make(map[string]*model.School, len(d.Schools))}
	for _, h := range d.Housing {
		if h.Dwellings <= 0 {
			continue
		}
		if c.deliveries[h.Zone] == nil {
			c.deliveries[h.Zone] = map[int]int{}
		}
		c.deliveries[h.Zone][h.Year] += h.Dwellings
	}
	c.zones = sortedKeys(c.deliveries)
	for i := range d.Schools {
		c.schools[d.Schools[i].ID] = &d.Schools[i]
	}
	return c
}

// estate checks zone zid with dwellings in year against the analysis a.
func (c *checker) estate(zid string, year, dwellings int, a *model.Analysis) Estate {
	e := Estate{Zone: zid, Name: zid, Year: year, Dwellings: dwellings}
	z := c.d.Zone(zid)
	if z != nil {
		e.Name, e.Centroid = z.Name, centroid(z.Geometry)
	}
	need(&e, c.std)
	if a != nil && z != nil {
		e.SpareKnown = true
		for i, st := range Stages {
			e.Spare[i] = spare(c.schools, a, e.Centroid, st, c.std.ServiceRadius(st))
		}
	}
	judge(&e)
	return e
}

// need sets residents and places needed.
func need(e *Estate, std model.Standards) {
	residents := float64(e.Dwellings) * std.PersonsPerHousehold
	e.Residents = int(math.Round(residents))
	for i, st := range Stages {
		e.Needed[i] = int(math.Ceil(residents/1000*std.PlacesPer1000(st) - 1e-9))
	}
}

// judge sets the shortfalls, needs_school and the suggested scale.
func judge(e *Estate) {
	short := 0
	for i := range Stages {
		e.Shortfall[i] = max(0, e.Needed[i]-e.Spare[i])
		if e.Shortfall[i] > 0 {
			short++
		}
	}
	e.NeedsSchool = short > 0
	switch {
	case short == 2:
		e.Suggested = scaleFor(model.LevelNineYear, e.Shortfall[0]+e.Shortfall[1])
	case e.Shortfall[0] > 0:
		e.Suggested = scaleFor(model.LevelPrimary, e.Shortfall[0])
	case e.Shortfall[1] > 0:
		e.Suggested = scaleFor(model.LevelJunior, e.Shortfall[1])
	}
}

// scaleFor is the smallest 建标102 scale of level with at least seats
// seats, else the largest.
func scaleFor(l model.Level, seats int) *Suggestion {
	scales := model.StandardScales(l)
	for _, s := range scales {
		if s.Seats >= seats {
			return &Suggestion{Level: l, Classes: s.Classes, Seats: s.Seats}
		}
	}
	s := scales[len(scales)-1]
	return &Suggestion{Level: l, Classes: s.Classes, Seats: s.Seats}
}

// spare is Σ spare seats of the stage within radius metres of p.
func spare(schools map[string]*model.School, a *model.Analysis, p orb.Point, stage model.Level, radius float64) int {
	total := 0
	for i := range a.Schools {
		r := &a.Schools[i]
		s := schools[r.School]
		if s == nil || s.Closed || !r.CapacitySource.Known() || orbgeo.DistanceHaversine(s.Location, p) > radius {
			continue
		}
		pupils, all := 0, 0
		for _, g := range r.Grades {
			if g.Grade.Stage() == stage {
				pupils += g.Students
			}
			if gs := g.Grade.Stage(); gs == model.LevelPrimary || gs == model.LevelJunior {
				all += g.Students
			}
		}
		if !teaches(s.Level, stage) || r.SeatGap >= 0 {
			continue
		}
		free := float64(-r.SeatGap)
		if s.Level == model.LevelNineYear && all > 0 {
			free *= float64(pupils) / float64(all)
		}
		total += int(math.Floor(free + 1e-9))
	}
	return total
}

func teaches(l, stage model.Level) bool {
	return l == stage || l == model.LevelNineYear
}

func centroid(mp orb.MultiPolygon) orb.Point {
	c, _ := planar.CentroidArea(mp)
	return c
}

func sortedKeys(m map[string]map[int]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
