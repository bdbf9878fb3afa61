package forecast

import "github.com/xuequ/xuequ/model"

// Input is what a projection reads: the district's schools and zones and
// its records. Only History is required.
type Input struct {
	Schools []model.School
	// Zones link births and housing to schools (PrimarySchool /
	// JuniorSchool) and primary schools to the junior schools they feed,
	// weighted by zone population.
	Zones   []model.Zone
	History []model.Enrollment
	// Entrants are explicit intakes (招生计划) for projected years; they win
	// over every other source for their school, grade and year.
	Entrants []model.Enrollment
	// Births per zone and year. When a births zone ID matches no zone but
	// matches a school ID, it is taken as that school's own birth series.
	Births []model.Births
	// Housing is dwellings first occupied per zone and year (zone IDs
	// resolved like Births).
	Housing []model.Housing
}

// Source says where a projected number or a ratio comes from.
type Source uint8

const (
	// SourceProgression: E(g, t) = E(g−1, t−1) · r̄(g).
	SourceProgression Source = iota
	// SourceEntrants: an explicit entrant count.
	SourceEntrants
	// SourceBirths: entry ratio × lagged births (+ housing yield).
	SourceBirths
	// SourceFeeders: transition ratio × Σ feeder primaries' grade 6
	// (+ housing yield).
	SourceFeeders
	// SourceDistrictShare: a junior school without known feeders takes a
	// fitted share of the district's primary grade 6 (+ housing yield).
	SourceDistrictShare
	// SourceCarry: last year's entry grade again (+ change in housing
	// yield).
	SourceCarry
)

var sourceNames = [...]string{"progression", "entrants", "births", "feeders", "district_share", "carry"}

// String is the stable machine name used in JSON.
func (s Source) String() string {
	if s < 0 || int(s) >= len(sourceNames) {
		return "unknown"
	}
	return sourceNames[s]
}

// Projection is the projected enrollment of one grade of one school in one
// year. Its class-size picture if the grade keeps the classes it had in the
// base year comes from Class and SeatGap (or ToEnrollment + model.Analyze);
// it is not stored, which keeps a 10 000-school projection small.
type Projection struct {
	School   string
	Students float64 // pupils, unrounded unless Options.Round
	// Lower and Upper bound the prediction interval (pupils) once
	// ApplyIntervals has run; HasInterval says whether it has.
	Lower, Upper float64
	Year         int
	Grade        model.Grade
	// Classes is the number of classes of this grade in the base year
	// (0 = the history did not say; Class then estimates them at the
	// standard size).
	Classes     int
	Source      Source
	HasInterval bool
}

// Rounded returns the students rounded half-up to whole pupils.
func (p Projection) Rounded() int { return int(roundHalfUp(p.Students)) }

// ClassSizes splits the rounded students evenly over Classes, largest
// first (113 in 2 → [57 56]); nil when Classes is 0.
func (p Projection) ClassSizes() []int { return model.SplitClasses(p.Rounded(), p.Classes) }

// Class is the class-size picture of the projected grade if it keeps its
// base-year classes, exactly as model.AnalyzeSchool judges a history year
// (see GradeOf). Students are rounded half-up.
func (p Projection) Class(std model.Standards) model.GradeResult {
	return GradeOf(model.Enrollment{School: p.School, Year: p.Year, Grade: p.Grade, Students: p.Rounded(), Classes: p.Classes}, std)
}

// SeatGap is the grade's rounded students − seats, seats = classes ×
// standard class size (classes estimated at the standard when Classes is
// 0): positive is a shortage, as everywhere (model.GradeResult.SeatGap).
func (p Projection) SeatGap(std model.Standards) int { return p.Class(std).SeatGap }

// GradeOf is the class picture of one grade record exactly as
// model.Analyze judges it: classes (estimated at the standard when 0),
// classes needed, sizes, status of the largest class, seats and seat gap.
// `xuequ forecast` uses it on DistrictResult.Records so that its numbers
// are analyze's.
func GradeOf(e model.Enrollment, std model.Standards) model.GradeResult {
	return model.AnalyzeSchool(&model.School{ID: e.School}, []model.Enrollment{e}, std).Grades[0]
}

// Ratio is the averaged ratio used for one grade of one school.
type Ratio struct {
	School string
	Grade  model.Grade
	Ratio  float64
	// Kind is SourceProgression for grades above the entry grade; for the
	// entry grade it is SourceBirths (entrants per lagged birth),
	// SourceFeeders (transition ratio), SourceDistrictShare, or SourceCarry
	// (ratio 1: last year's intake again).
	Kind Source
	// Observations is how many yearly ratios were averaged; 0 with
	// District true means the district ratio of the grade was used.
	Observations int
	District     bool
}

// Result is a projection.
type Result struct {
	// BaseYear is the last history year used; projected years are
	// BaseYear+1 … BaseYear+Options.Years.
	BaseYear int
	// Options are the options in effect, defaults filled in.
	Options Options
	// Projections has one entry per school, projected year and grade,
	// ordered by school (the order of Input.Schools, then schools known
	// only from the records, sorted), year, grade.
	Projections []Projection
	Ratios      []Ratio
	// Notes explain fallbacks and gaps in the input, one line per kind of
	// problem naming the schools concerned.
	Notes []string
}

// SchoolGrade names one grade of one school.
type SchoolGrade struct {
	School string
	Grade  model.Grade
}

// LastClasses returns the classes of every school and grade in the history
// year given (summed if a grade has several records).
func LastClasses(history []model.Enrollment, year int) map[SchoolGrade]int {
	m := map[SchoolGrade]int{}
	for _, e := range history {
		if e.Year == year && e.Classes > 0 {
			m[SchoolGrade{e.School, e.Grade}] += e.Classes
		}
	}
	return m
}

// ToEnrollment turns the projections into enrollment records, students
// rounded half-up, so model.Analyze can analyse any projected year. Classes
// come from lastClasses (see LastClasses); with a nil map they are the
// base-year classes the projection recorded. A grade without classes gets
// 0, which Analyze estimates at the standard size.
func ToEnrollment(r *Result, lastClasses map[SchoolGrade]int) []model.Enrollment {
	out := make([]model.Enrollment, len(r.Projections))
	for i := range r.Projections {
		p := &r.Projections[i]
		e := model.Enrollment{School: p.School, Year: p.Year, Grade: p.Grade, Students: p.Rounded()}
		e.Classes = p.Classes
		if lastClasses != nil {
			e.Classes = lastClasses[SchoolGrade{p.School, p.Grade}]
		}
		out[i] = e
	}
	return out
}
