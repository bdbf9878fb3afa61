package assign

import (
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/model"
)

// nineYearPrimaryShare is the share of a nine-year school's seats that are
// primary seats when the history cannot tell: 建标102 plans two-thirds of
// the classes as primary (45 pupils) and one-third as junior (50), so
// primary seats are (2/3·45) / (2/3·45 + 1/3·50) = 27/42 ≈ 0.643.
const nineYearPrimaryShare = 27.0 / 42.0

// ZoneDemand is one zone as the assignment sees it.
type ZoneDemand struct {
	ID string
	// Point is where the zone's pupils are taken to live: geo.LabelPoint
	// of the zone (lon/lat degrees).
	Point orb.Point
	// Demand is the zone's pupils of the stage (rounded). Estimated is true
	// when it came from population × yield rather than a school-age count.
	Demand    int
	Estimated bool
	// Located is false for a zone without geometry: it cannot be assigned.
	Located bool
}

// SchoolSeats is one school that teaches the stage.
type SchoolSeats struct {
	ID       string
	Name     string
	Location orb.Point // lon/lat degrees
	// Capacity is the school's seats for the stage (see Prepare).
	Capacity int
	// CapacityUnknown is true when the source gave no capacity, classes or
	// classrooms (model.CapacityUnknown): Capacity is then 0 but the school
	// is not full. It has no seat limit in Optimal, is never over capacity
	// and is left out of TotalCapacity.
	CapacityUnknown bool
}

// Problem is a district reduced to what an assignment needs for one stage:
// zones with their demand and schools with their seats. Zones are in
// district order, so Zones[i] is d.Zones[i].
type Problem struct {
	Stage   model.Level
	Year    int // history year of the enrollment and seats used (0 = none)
	Zones   []ZoneDemand
	Schools []SchoolSeats
	// Yield is the pupils of the stage per resident applied to zones
	// without a school-age count, and YieldSource says where it came from:
	// "enrollment", "zones" or "default" (see Prepare).
	Yield       float64
	YieldSource string
	// Radius is the service radius of the stage in metres.
	Radius float64

	geoms []orb.MultiPolygon // zone geometry, for adjacency
	adj   [][]int32          // zone adjacency lists, built on first use
	tol   float64
}

// errStage is wrapped for a stage other than primary or junior.
var errStage = errors.New("catchments are drawn for the primary or the junior stage")

// Prepare reduces district d to the assignment problem of one stage
// (model.LevelPrimary or model.LevelJunior) in the given history year (0 =
// the last year of the history).
//
// Demand of a zone is its school-age count (Zone.PrimaryAge / JuniorAge)
// when known (Zone.AgeCount; a known 0 is 0 pupils), else Population × Yield, rounded to whole pupils. The
// district-level yield makes the total demand equal the district's current
// enrollment:
//
//	E      = Σ students of the stage's grades in year (all schools)
//	Known  = Σ school-age counts of the zones that have one
//	PopU   = Σ population of the zones without one
//	Yield  = (E − Known) / PopU                       ("enrollment")
//
// When that is not positive (no history, or the counts already exceed the
// enrollment) the yield seen in the zones with counts, Known / their
// population, is used ("zones"), and without those the standards'
// school-age share of the population (model.Standards.SchoolAgeShare, the
// same share that estimates pupils without history) ("default").
//
// Capacity of a school for the stage: the seats model.Analyze reports
// (explicit Capacity, else Σ classes × standard class size) for a school of
// the stage alone; for a nine-year school, which serves both stages, its
// explicit capacity is split by the share of seats its history shows in the
// stage's grades (nineYearPrimaryShare without history), and without an
// explicit capacity the stage's own classes × standard are counted. A school
// without history and capacity counts Classrooms × standard class size.
func Prepare(d *model.District, stage model.Level, year int) (*Problem, error) {
	if stage != model.LevelPrimary && stage != model.LevelJunior {
		return nil, fmt.Errorf("%w, not %s", errStage, stage)
	}
	std := d.Standards.OrDefault()
	if year == 0 {
		_, year = d.Years()
	}
	p := &Problem{Stage: stage, Year: year, Radius: std.ServiceRadius(stage), tol: DefaultTolerance}

	a := model.Analyze(d.Schools, d.History, year, std)
	results := make(map[string]*model.SchoolResult, len(a.Schools))
	for i := range a.Schools {
		results[a.Schools[i].School] = &a.Schools[i]
	}
	for i := range d.Schools {
		s := &d.Schools[i]
		if !teaches(s.Level, stage) || s.Closed { // a closed school (撤并) takes no pupils
			continue
		}
		seats, known := stageSeats(s, results[s.ID], stage, std)
		p.Schools = append(p.Schools, SchoolSeats{
			ID: s.ID, Name: s.Name, Location: s.Location,
			Capacity: seats, CapacityUnknown: !known,
		})
	}

	enrolled := 0
	for _, e := range d.History {
		if e.Year == year && e.Grade.Stage() == stage {
			enrolled += e.Students
		}
	}
	known, knownPop, unknownPop := 0, 0, 0
	for i := range d.Zones {
		z := &d.Zones[i]
		if n, ok := z.AgeCount(stage); ok {
			known += n
			knownPop += max(z.Population, 0)
		} else {
			unknownPop += max(z.Population, 0)
		}
	}
	switch {
	case enrolled > known && unknownPop > 0:
		p.Yield, p.YieldSource = float64(enrolled-known)/float64(unknownPop), "enrollment"
	case knownPop > 0:
		p.Yield, p.YieldSource = float64(known)/float64(knownPop), "zones"
	default:
		p.Yield, p.YieldSource = std.SchoolAgeShare(stage), "default"
	}

	p.Zones = make([]ZoneDemand, len(d.Zones))
	p.geoms = make([]orb.MultiPolygon, len(d.Zones))
	for i := range d.Zones {
		z := &d.Zones[i]
		zd := ZoneDemand{ID: z.ID}
		if n, ok := z.AgeCount(stage); ok {
			zd.Demand = n
		} else {
			zd.Demand = int(math.Round(float64(max(z.Population, 0)) * p.Yield))
			zd.Estimated = true
		}
		if located(z.Geometry) {
			zd.Point, zd.Located = geo.LabelPoint(z.Geometry), true
		}
		p.Zones[i] = zd
		p.geoms[i] = z.Geometry
	}
	return p, nil
}

// teaches reports whether a school of level l takes pupils of the stage;
// nine-year schools teach both stages.
func teaches(l, stage model.Level) bool {
	return l == stage || l == model.LevelNineYear
}

func located(mp orb.MultiPolygon) bool {
	for _, poly := range mp {
		if len(poly) > 0 && len(poly[0]) >= 4 {
			return true
		}
	}
	return false
}

// stageSeats is the capacity of school s for the stage (see Prepare) and
// whether it is known; r is its analysis in the year, nil when it has no
// records then.
func stageSeats(s *model.School, r *model.SchoolResult, stage model.Level, std model.Standards) (int, bool) {
	if s.Level != model.LevelNineYear {
		switch {
		case r != nil && r.CapacitySource.Known():
			return r.Capacity, true
		case s.Capacity > 0:
			return s.Capacity, true
		case s.Classrooms > 0:
			return s.Classrooms * std.ClassSize(firstGrade(stage)), true
		}
		return 0, false
	}
	// Nine-year school: only part of its seats serve this stage. Its
	// classes tell the split only when the history gave them.
	inStage, allSeats := 0, 0
	if r != nil && r.CapacitySource == model.CapacityClasses {
		for _, g := range r.Grades {
			if g.Grade < 1 || g.Grade > 9 {
				continue
			}
			seats := g.Classes * std.ClassSize(g.Grade)
			allSeats += seats
			if g.Grade.Stage() == stage {
				inStage += seats
			}
		}
	}
	share := nineYearPrimaryShare
	if stage == model.LevelJunior {
		share = 1 - share
	}
	if allSeats > 0 {
		share = float64(inStage) / float64(allSeats)
	}
	switch {
	case s.Capacity > 0:
		return int(math.Round(float64(s.Capacity) * share)), true
	case allSeats > 0:
		return inStage, true
	case s.Classrooms <= 0:
		return 0, false
	}
	// Classrooms split two-thirds primary, one-third junior (建标102).
	rooms := float64(s.Classrooms) * 2 / 3
	if stage == model.LevelJunior {
		rooms = float64(s.Classrooms) - rooms
	}
	return int(math.Round(rooms)) * std.ClassSize(firstGrade(stage)), true
}

func firstGrade(stage model.Level) model.Grade {
	g, _ := stage.Grades()
	return g
}

// TotalDemand and TotalCapacity sum the problem's pupils and seats.
func (p *Problem) TotalDemand() int {
	n := 0
	for _, z := range p.Zones {
		n += z.Demand
	}
	return n
}

// TotalCapacity sums the known seats of the problem's schools.
func (p *Problem) TotalCapacity() int {
	n := 0
	for _, s := range p.Schools {
		n += s.Capacity
	}
	return n
}

// UnknownCapacity counts the schools whose capacity is unknown.
func (p *Problem) UnknownCapacity() int {
	n := 0
	for _, s := range p.Schools {
		if s.CapacityUnknown {
			n++
		}
	}
	return n
}

// limits is the most pupils each school may take: its seats, or every
// pupil of the district when its capacity is unknown (unconstrained).
func (p *Problem) limits() []int {
	total := p.TotalDemand()
	out := make([]int, len(p.Schools))
	for j, s := range p.Schools {
		out[j] = s.Capacity
		if s.CapacityUnknown {
			out[j] = max(total, s.Capacity)
		}
	}
	return out
}
