package model

import "sort"

// GradeResult is the class-size picture of one grade of one school in one
// year.
type GradeResult struct {
	Grade    Grade
	Students int
	// Classes is the number of classes taught. When the source gave no
	// class count it is the number needed at standard size and
	// ClassesEstimated is true.
	Classes          int
	ClassesEstimated bool
	// ClassSizes is Students split evenly over Classes, largest first.
	ClassSizes []int
	// Status is the status of the grade's largest class.
	Status ClassStatus
	// ClassesNeeded is the number of classes needed at the standard size:
	// ceil(Students / standard).
	ClassesNeeded int
	// Seats are the grade's classes × standard class size (pupils);
	// SeatGap = Students − Seats, positive = shortage, as everywhere.
	// Example: 113 pupils in 2 primary classes → 90 seats, gap +23.
	Seats, SeatGap int
}

// StageResult is the kindergarten (幼儿园, grades −2…0) of a school in one
// year: its own stage, with its own class standards
// (Standards.KindergartenClass), never in the K–9 figures.
type StageResult struct {
	Students, Classes, ClassesNeeded int
	// Seats are Σ classes × standard (or, for a kindergarten, its explicit
	// capacity); SeatGap = Students − Seats, positive = shortage.
	Seats, SeatGap int
}

// SchoolResult is the analysis of one school in one year.
type SchoolResult struct {
	School   string
	Name     string
	Level    Level
	Students int
	Classes  int
	// StudentsEstimated is true when the pupils are not enrolled pupils
	// from a history but estimated from the school's catchment zones (a
	// project without history, see AnalyzeEstimate): every figure derived
	// from them is an estimate (估算) too.
	StudentsEstimated bool
	// Capacity is the school's seats (学位), CapacitySource says where they
	// come from (see CapacitySource); 0 when the source is CapacityUnknown,
	// which is not a school without seats.
	Capacity       int
	CapacitySource CapacitySource
	// SeatGap is Students − Capacity: positive is a shortage (学位缺口),
	// negative is spare seats. It is 0 and meaningless when the capacity is
	// unknown (CapacitySource.Known() false).
	SeatGap int
	// ClassesNeeded is Σ over grades of the classes needed at standard size;
	// ExtraClassrooms = max(0, ClassesNeeded − Classes) is how many more
	// classrooms would bring every grade to the standard.
	ClassesNeeded   int
	ExtraClassrooms int
	OversizedSchool bool // 大校额: Students > OversizedLimit(Level)
	SmallSchool     bool // 小规模学校: Students < SmallSchool
	SmallStaffed    bool // Students < SmallSchoolStaffed (staffed by 班师比)
	// Counts of this school's classes by status.
	OverStandard, Large, VeryLarge int
	Grades                         []GradeResult
	// Kindergarten is the school's kindergarten grades apart (nil when it
	// has none): they are listed in Grades but counted in no K–9 figure
	// above (Students, Classes, Capacity, SeatGap, statuses).
	Kindergarten *StageResult
}

// Worst returns the worst class status among the school's grades.
func (r *SchoolResult) Worst() ClassStatus {
	w := StatusStandard
	for _, g := range r.Grades {
		if g.Status > w {
			w = g.Status
		}
	}
	return w
}

// Summary totals a district in one year. Classes are counted one by one, so
// a grade of 113 pupils in two classes (57 + 56) adds two large classes.
type Summary struct {
	Schools      int
	Students     int
	Classes      int
	OverStandard int // classes over standard but below LargeClassMin
	Large        int // 大班额 classes (LargeClassMin … VeryLargeClassMin−1)
	VeryLarge    int // 超大班额 classes (≥ VeryLargeClassMin)
	// LargeShare is 大班额占比 = (Large + VeryLarge) / Classes, 0 when there
	// are no classes; TargetMet reports LargeShare < LargeShareTarget.
	LargeShare      float64
	TargetMet       bool
	OversizedSchool int // schools over the 大校额 limit
	SmallSchool     int // schools under SmallSchool pupils
	// Capacity is Σ of the known seats; schools whose capacity is unknown
	// add nothing to it nor to SeatShortage and are counted in
	// CapacityUnknown; CapacityEstimated counts the schools whose seats are
	// an estimate from classrooms (CapacityClassrooms).
	Capacity          int
	CapacityUnknown   int
	CapacityEstimated int
	// SeatShortage is Σ of the positive seat gaps: seats missing where they
	// are needed (spare seats elsewhere do not offset it).
	SeatShortage int
	// Kindergarten totals the schools' kindergartens apart from the K–9
	// figures above (SeatGap = Σ of the positive kindergarten gaps).
	Kindergarten StageResult
}

// Analysis is the class-size and seat analysis of a district in one year.
type Analysis struct {
	Year    int
	Schools []SchoolResult
	Summary Summary
	// Estimated is true when the pupils are estimates from the catchment
	// zones rather than a history (AnalyzeEstimate): a project imported
	// without enrollment.
	Estimated bool
}

// Analyze computes the analysis of the given year from enrollment records
// (history or projected). Records of other years are ignored; records whose
// school is not in schools are analysed under the school ID with an unknown
// level. Schools without records in the year are left out. Results are in
// the order of schools, then unknown IDs sorted.
func Analyze(schools []School, records []Enrollment, year int, std Standards) Analysis {
	std = std.OrDefault()
	// One slot per school and grade; schools not in the list get slots
	// after the known ones.
	type slot struct {
		e   Enrollment
		set bool
	}
	index := make(map[string]int, len(schools))
	for i := range schools {
		index[schools[i].ID] = i
	}
	// Slot g+2 holds grade g (−2…12).
	grades := make([][15]slot, len(schools))
	var unknown []string
	for i := range records {
		e := &records[i]
		if e.Year != year || !e.Grade.Analysed() {
			continue
		}
		k, ok := index[e.School]
		if !ok {
			k = len(grades)
			index[e.School] = k
			grades = append(grades, [15]slot{})
			unknown = append(unknown, e.School)
		}
		sl := &grades[k][e.Grade+2]
		if sl.set {
			// Two records for one grade (e.g. two campuses reported
			// separately): sum them.
			sl.e.Students += e.Students
			sl.e.Classes += e.Classes
		} else {
			sl.e, sl.set = *e, true
		}
	}
	sort.Strings(unknown)

	a := Analysis{Year: year, Schools: make([]SchoolResult, 0, len(grades))}
	buf := make([]Enrollment, 0, 15)
	add := func(s *School, k int) {
		buf = buf[:0]
		for _, sl := range grades[k] {
			if sl.set {
				buf = append(buf, sl.e)
			}
		}
		if len(buf) > 0 {
			a.Schools = append(a.Schools, AnalyzeSchool(s, buf, std))
		}
	}
	for i := range schools {
		add(&schools[i], i)
	}
	for _, id := range unknown {
		add(&School{ID: id, Name: id}, index[id])
	}
	a.Summary = Summarize(a.Schools, std)
	return a
}

// AnalyzeSchool analyses one school from its records of one year, one per
// grade.
func AnalyzeSchool(s *School, grades []Enrollment, std Standards) SchoolResult {
	std = std.OrDefault()
	r := SchoolResult{School: s.ID, Name: s.Name, Level: s.Level}
	seats, classesGiven := 0, false
	for _, e := range grades {
		g := gradeResult(e, std)
		switch {
		case e.Grade <= 0:
			addKindergarten(&r, g)
		case !compulsory(e.Grade):
			// Senior grades count as pupils and seats but are outside the
			// class-size rules.
			classesGiven = classesGiven || e.Classes > 0
			r.Students += g.Students
			seats += g.Seats
		default:
			classesGiven = classesGiven || e.Classes > 0
			countStatuses(&r, &g, std)
			r.Students += g.Students
			r.Classes += g.Classes // compulsory-education classes only
			r.ClassesNeeded += g.ClassesNeeded
			seats += g.Seats
		}
		r.Grades = append(r.Grades, g)
	}
	if s.Level == LevelKindergarten && r.Kindergarten != nil {
		// A kindergarten's approved capacity is kindergarten seats.
		if s.Capacity > 0 {
			r.Kindergarten.Seats = s.Capacity
		}
		r.Kindergarten.SeatGap = r.Kindergarten.Students - r.Kindergarten.Seats
		return r
	}
	r.Capacity, r.CapacitySource = SchoolSeats(s, seats, classesGiven, std)
	if r.CapacitySource.Known() {
		r.SeatGap = r.Students - r.Capacity
	}
	if r.ClassesNeeded > r.Classes {
		r.ExtraClassrooms = r.ClassesNeeded - r.Classes
	}
	if s.Level != LevelKindergarten && s.Level != LevelSenior && s.Level != LevelOther {
		r.OversizedSchool = r.Students > std.OversizedLimit(s.Level)
		r.SmallSchool = r.Students < std.SmallSchool
		r.SmallStaffed = r.Students < std.SmallSchoolStaffed
	}
	return r
}

// gradeResult is one grade's class picture: classes (estimated at the
// standard when the source gave none), sizes, classes needed, seats and
// seat gap. Status is left to countStatuses (compulsory grades only).
func gradeResult(e Enrollment, std Standards) GradeResult {
	g := GradeResult{Grade: e.Grade, Students: e.Students, Classes: e.Classes}
	g.ClassesNeeded = std.ClassesNeeded(e.Grade, e.Students)
	if g.Classes <= 0 && e.Students > 0 {
		g.Classes, g.ClassesEstimated = g.ClassesNeeded, true
	}
	g.ClassSizes = SplitClasses(e.Students, g.Classes)
	g.Seats = g.Classes * std.ClassSize(e.Grade)
	g.SeatGap = g.Students - g.Seats
	return g
}

// countStatuses sets the grade's status (its worst class) and counts the
// school's classes by status.
func countStatuses(r *SchoolResult, g *GradeResult, std Standards) {
	for _, size := range g.ClassSizes {
		st := std.Classify(g.Grade, size)
		g.Status = max(g.Status, st)
		switch st {
		case StatusOverStandard:
			r.OverStandard++
		case StatusLarge:
			r.Large++
		case StatusVeryLarge:
			r.VeryLarge++
		}
	}
}

// addKindergarten adds a kindergarten grade to the school's kindergarten.
func addKindergarten(r *SchoolResult, g GradeResult) {
	k := r.Kindergarten
	if k == nil {
		k = &StageResult{}
		r.Kindergarten = k
	}
	k.Students += g.Students
	k.Classes += g.Classes
	k.ClassesNeeded += g.ClassesNeeded
	k.Seats += g.Seats
	k.SeatGap = k.Students - k.Seats
}

// Summarize totals school results. Kindergarten and senior grades are
// outside the compulsory-education class-size rules and are not counted.
func Summarize(schools []SchoolResult, std Standards) Summary {
	std = std.OrDefault()
	var s Summary
	for i := range schools {
		r := &schools[i]
		s.Schools++
		s.Students += r.Students
		switch {
		case r.Level == LevelKindergarten:
			// its seats are kindergarten seats (Kindergarten), never K–9 ones
		case !r.CapacitySource.Known():
			s.CapacityUnknown++
		case r.SeatGap > 0:
			s.SeatShortage += r.SeatGap
		}
		if r.CapacitySource.Estimated() {
			s.CapacityEstimated++
		}
		s.Capacity += r.Capacity
		if r.OversizedSchool {
			s.OversizedSchool++
		}
		if r.SmallSchool {
			s.SmallSchool++
		}
		s.Classes += r.Classes
		s.OverStandard += r.OverStandard
		s.Large += r.Large
		s.VeryLarge += r.VeryLarge
		if k := r.Kindergarten; k != nil {
			s.Kindergarten.Students += k.Students
			s.Kindergarten.Classes += k.Classes
			s.Kindergarten.ClassesNeeded += k.ClassesNeeded
			s.Kindergarten.Seats += k.Seats
			s.Kindergarten.SeatGap += max(k.SeatGap, 0)
		}
	}
	if s.Classes > 0 {
		s.LargeShare = float64(s.Large+s.VeryLarge) / float64(s.Classes)
	}
	s.TargetMet = s.LargeShare < std.LargeShareTarget
	return s
}

// compulsory reports whether g is a compulsory-education grade (1–9), the
// grades the class-size rules apply to.
func compulsory(g Grade) bool { return g >= 1 && g <= 9 }

// Row is r as one line of a school table shows it: a kindergarten's pupils,
// classes, seats (its approved places, else classes × standard) and seat gap are those of its
// kindergarten stage, which the K–9 fields leave at 0 and "unknown" (they
// never enter K–9 totals); every other school is r itself.
func (r SchoolResult) Row() SchoolResult {
	k := r.Kindergarten
	if r.Level != LevelKindergarten || k == nil {
		return r
	}
	r.Students, r.Classes, r.ClassesNeeded = k.Students, k.Classes, k.ClassesNeeded
	if k.Seats > 0 {
		r.Capacity, r.SeatGap, r.CapacitySource = k.Seats, k.SeatGap, CapacityExplicit
	}
	return r
}
