package assign

import (
	"math"

	"github.com/xuequ/xuequ/model"
)

// Assignment is one zone's catchment.
type Assignment struct {
	Zone   string
	School string // "" = unassigned
	// Students is the zone's demand for the stage (pupils); Estimated when
	// it is population × yield.
	Students  int
	Estimated bool
	// Distance is metres from the zone's label point to the school (0 when
	// unassigned).
	Distance float64
	// Split is true when the optimal flow divided the zone between schools
	// before it was rounded to one.
	Split bool
}

// SchoolLoad is one school's catchment.
type SchoolLoad struct {
	School   string
	Name     string
	Students int // Σ demand of its zones
	Capacity int // seats for the stage (0 when CapacityUnknown)
	// CapacityUnknown is true when the school's seats are unknown
	// (SchoolSeats.CapacityUnknown): it is never over capacity.
	CapacityUnknown bool
	Zones           int
	// Pieces is the number of connected pieces of its catchment (0 when it
	// has no zone, 1 when contiguous).
	Pieces int
	// MaxDistance is the distance in metres to its farthest zone.
	MaxDistance float64
}

// Over is how many pupils the school has beyond its seats (0 if none, or
// when its seats are unknown).
func (s SchoolLoad) Over() int {
	if s.CapacityUnknown {
		return 0
	}
	return max(0, s.Students-s.Capacity)
}

// Checks are the integrity checks of a set of catchments.
type Checks struct {
	// Unassigned is the number of zones without a school of the stage.
	Unassigned int
	// OverCapacity is the number of schools with more pupils than seats;
	// OverCapacityStudents the pupils beyond the seats, summed.
	OverCapacity         int
	OverCapacityStudents int
	// NonContiguous is the number of schools whose catchment is not one
	// connected set of zones (zones are connected when they share a
	// boundary, see DefaultTolerance). A zone cut off from the rest of its
	// catchment, such as an enclave inside another catchment, makes it
	// non-contiguous. DetachedZones counts the zones outside the largest
	// piece of their catchment.
	NonContiguous int
	DetachedZones int
	// BeyondRadius is the number of zones with pupils that are farther from
	// their school than the stage's service radius (服务半径);
	// BeyondRadiusStudents their pupils.
	BeyondRadius         int
	BeyondRadiusStudents int
}

// Result is a set of catchments for one stage with its checks.
type Result struct {
	Method Method
	Stage  model.Level
	Year   int
	// Assignments has one entry per zone, in district order.
	Assignments []Assignment
	// Schools has one entry per school teaching the stage, in district
	// order.
	Schools []SchoolLoad
	Checks  Checks
	// Cost is the total travel, Σ pupils × distance, in pupil-kilometres.
	Cost float64
	// Demand and Capacity are the district's pupils and known seats of the
	// stage; CapacityUnknown counts the schools whose seats are unknown
	// (unconstrained in Optimal, never over capacity, not in Capacity).
	Demand, Capacity int
	CapacityUnknown  int
	// Yield and YieldSource are those of the Problem (pupils per resident).
	Yield       float64
	YieldSource string
	// Radius is the service radius used by the check, in metres.
	Radius float64

	// The optimal method only (zero otherwise):
	//
	// Objective is Cost plus Stability × the pupils of every zone moved
	// from its current school, plus, when seats are short, SeatPenalty
	// metres for every pupil beyond the seats that the whole zones leave
	// (pupil-km). LowerBound is the fractional optimum of that objective,
	// which no whole-zone assignment can beat, and Gap = (Objective −
	// LowerBound) / LowerBound (0.004 = 0.4 %); it includes ContiguityCost,
	// the pupil-km that connected catchments cost. Unseated is the pupils
	// no seat within reach can take (demand beyond seats): they are
	// charged in neither number, so they do not widen the gap.
	Objective, LowerBound, Gap float64
	ContiguityCost             float64
	SeatPenalty                float64 // metres per pupil beyond the seats
	Stability                  float64 // km per pupil moved
	Unseated                   int
	Contiguous                 bool // catchments were made connected
}

// setBound copies the optimal method's bounds into the result.
func (r *Result) setBound(s *Solution, stability float64) {
	r.Objective, r.LowerBound, r.ContiguityCost = s.Objective, s.LowerBound, s.ContiguityCost
	r.Stability, r.Unseated, r.SeatPenalty = stability, s.Unseated, s.SeatPenalty
	if s.LowerBound > 0 {
		r.Gap = max(0, (s.Objective-s.LowerBound)/s.LowerBound)
	}
	for i := range s.Split {
		r.Assignments[i].Split = s.Split[i]
	}
}

// Evaluate builds the result and the checks of the catchments schoolOf
// (index into p.Schools per zone, −1 = unassigned). Method is left empty.
func (p *Problem) Evaluate(schoolOf []int) *Result {
	r := &Result{
		Stage: p.Stage, Year: p.Year, Demand: p.TotalDemand(), Capacity: p.TotalCapacity(),
		CapacityUnknown: p.UnknownCapacity(),
		Yield:           p.Yield, YieldSource: p.YieldSource, Radius: p.Radius,
		Assignments: make([]Assignment, len(p.Zones)),
		Schools:     make([]SchoolLoad, len(p.Schools)),
	}
	for j, s := range p.Schools {
		r.Schools[j] = SchoolLoad{School: s.ID, Name: s.Name, Capacity: s.Capacity, CapacityUnknown: s.CapacityUnknown}
	}
	pupilMetres := 0.0
	for i, z := range p.Zones {
		a := Assignment{Zone: z.ID, Students: z.Demand, Estimated: z.Estimated}
		j := -1
		if i < len(schoolOf) {
			j = schoolOf[i]
		}
		if j < 0 || j >= len(p.Schools) || !z.Located {
			r.Checks.Unassigned++
			r.Assignments[i] = a
			continue
		}
		s := &r.Schools[j]
		a.School = s.School
		a.Distance = Distance(z.Point, p.Schools[j].Location)
		r.Assignments[i] = a
		s.Students += z.Demand
		s.Zones++
		s.MaxDistance = math.Max(s.MaxDistance, a.Distance)
		pupilMetres += float64(z.Demand) * a.Distance
		if z.Demand > 0 && a.Distance > p.Radius {
			r.Checks.BeyondRadius++
			r.Checks.BeyondRadiusStudents += z.Demand
		}
	}
	r.Cost = pupilMetres / 1000
	for _, s := range r.Schools {
		if over := s.Over(); over > 0 {
			r.Checks.OverCapacity++
			r.Checks.OverCapacityStudents += over
		}
	}
	p.checkContiguity(schoolOf, r)
	return r
}
