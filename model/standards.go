package model

// Standards holds every planning number Xuequ applies. Defaults come from
// DESIGN.md §4 (national 规范 on 大班额/大校额 and 建标102 school scales); every
// number is editable per project and stored in the project file.
//
// Units: class sizes and school sizes in pupils, radii in metres along the
// ground (geodesic), shares as fractions in [0, 1].
type Standards struct {
	// StandardClassPrimary and StandardClassJunior are the 标准班额: the most
	// pupils a class should have (primary 45, junior middle 50).
	StandardClassPrimary int
	StandardClassJunior  int
	// LargeClassMin is the smallest 大班额 (56): classes of
	// standard+1 … LargeClassMin−1 are "over standard" (超标准).
	LargeClassMin int
	// VeryLargeClassMin is the smallest 超大班额 (66).
	VeryLargeClassMin int
	// LargeShareTarget is the 大班额占比 target: the share of classes with
	// LargeClassMin or more pupils must stay below it (0.05).
	LargeShareTarget float64
	// OversizedSchool is the 大校额 limit: a school with more pupils is
	// oversized (2000); OversizedNineYear applies to 九年一贯制 schools (2500).
	OversizedSchool   int
	OversizedNineYear int
	// SmallSchool (100) and SmallSchoolStaffed (200) are the 小规模学校
	// limits: below SmallSchool a school is funded as if it had SmallSchool
	// pupils; below SmallSchoolStaffed it is staffed by 班师比, not 生师比.
	SmallSchool        int
	SmallSchoolStaffed int
	// ServiceRadiusPrimary (500 m) and ServiceRadiusJunior (1000 m) are the
	// 服务半径: the walking distance a school should serve.
	ServiceRadiusPrimary float64
	ServiceRadiusJunior  float64
	// MigrantPublicShare is the target share of 随迁子女 taught in public
	// schools (0.85).
	MigrantPublicShare float64
	// SchoolAgeSharePrimary and SchoolAgeShareJunior are the shares of the
	// resident population of primary (ages 6–11) and junior (12–14) school
	// age, used to estimate a zone's pupils when the source gives neither an
	// enrollment history nor the zone's school-age count:
	// pupils ≈ Population × share (see EstimateEnrollment).
	//
	// Defaults from the 2020 7th national census (第七次全国人口普查,
	// 国家统计局, 2021): of 1,411,778,724 residents, 90,237,159 were aged
	// 5–9 and 85,256,571 aged 10–14 (0–14: 253.38 million, 17.95 %).
	// Spreading each 5-year group evenly over its single years, ages 6–11 ≈
	// 4/5 × 90.24 M + 2/5 × 85.26 M = 106.3 M → 0.075, and ages 12–14 ≈
	// 3/5 × 85.26 M = 51.2 M → 0.036. A county's own age structure (a
	// census bulletin of the county) is better: edit them per project.
	SchoolAgeSharePrimary float64
	SchoolAgeShareJunior  float64

	// KindergartenClass is the 幼儿园 standard class size by grade + 2:
	// [0] 小班 (grade −2, ages 3–4) 25, [1] 中班 (−1) 30, [2] 大班 (0) 35
	// (幼儿园工作规程, 教育部令第39号, 2016, art. 11). See KindergartenClassSize.
	KindergartenClass [3]int

	// The staffing fields are documented in staffing_standards.go.
	StaffingStandards
	// The 优质均衡 fields are documented in balance_standards.go.
	BalanceStandards
	// The 学前 and 配套 fields are documented in preschool_standards.go.
	PreschoolStandards
}

// DefaultStandards returns the seed values of DESIGN.md §4.
func DefaultStandards() Standards {
	return Standards{
		StandardClassPrimary: 45,
		StandardClassJunior:  50,
		LargeClassMin:        56,
		VeryLargeClassMin:    66,
		LargeShareTarget:     0.05,
		OversizedSchool:      2000,
		OversizedNineYear:    2500,
		SmallSchool:          100,
		SmallSchoolStaffed:   200,
		ServiceRadiusPrimary: 500,
		ServiceRadiusJunior:  1000,
		MigrantPublicShare:   0.85,

		SchoolAgeSharePrimary: 0.075,
		SchoolAgeShareJunior:  0.036,

		KindergartenClass:  [3]int{25, 30, 35},
		StaffingStandards:  DefaultStaffingStandards(),
		BalanceStandards:   DefaultBalanceStandards(),
		PreschoolStandards: DefaultPreschoolStandards(),
	}
}

// OrDefault returns s, or DefaultStandards if s is the zero value (a
// district built in code or read from a file without a standards table).
// A zero school-age share (standards set in code before the shares
// existed) takes its default: a county with no children is not a planning
// case.
func (s Standards) OrDefault() Standards {
	if s == (Standards{}) {
		return DefaultStandards()
	}
	def := DefaultStandards()
	if s.SchoolAgeSharePrimary <= 0 {
		s.SchoolAgeSharePrimary = def.SchoolAgeSharePrimary
	}
	if s.SchoolAgeShareJunior <= 0 {
		s.SchoolAgeShareJunior = def.SchoolAgeShareJunior
	}
	for i, n := range s.KindergartenClass {
		if n <= 0 { // standards from before kindergarten had its own
			s.KindergartenClass[i] = def.KindergartenClass[i]
		}
	}
	s.StaffingStandards = s.StaffingStandards.orDefault()
	s.BalanceStandards = s.BalanceStandards.orDefault()
	s.PreschoolStandards = s.PreschoolStandards.orDefault()
	return s
}

// KindergartenClassSize returns the standard class size of a kindergarten
// grade (−2 小班 25, −1 中班 30, 0 大班 35 by default); 0 for other grades.
func (s Standards) KindergartenClassSize(g Grade) int {
	if g < -2 || g > 0 {
		return 0
	}
	return s.KindergartenClass[g+2]
}

// SchoolAgeShare returns the school-age share of the population for a
// stage: SchoolAgeShareJunior for LevelJunior, else SchoolAgeSharePrimary.
func (s Standards) SchoolAgeShare(stage Level) float64 {
	if stage == LevelJunior {
		return s.SchoolAgeShareJunior
	}
	return s.SchoolAgeSharePrimary
}

// ClassSize returns the 标准班额 for a grade: primary grades (1–6) use
// StandardClassPrimary, junior grades (7–9) StandardClassJunior, whatever
// the school's level (a nine-year school uses both); kindergarten grades
// −2…0 use KindergartenClass (大班 35 for grade 0, the one the history
// records); senior grades fall back to the junior value.
func (s Standards) ClassSize(g Grade) int {
	switch {
	case g.Stage() == LevelPrimary:
		return s.StandardClassPrimary
	case g <= 0:
		i := min(max(int(g)+2, 0), 2)
		if n := s.KindergartenClass[i]; n > 0 {
			return n
		}
		return DefaultStandards().KindergartenClass[i]
	}
	return s.StandardClassJunior
}

// ServiceRadius returns the service radius in metres for a stage.
func (s Standards) ServiceRadius(stage Level) float64 {
	if stage == LevelPrimary {
		return s.ServiceRadiusPrimary
	}
	return s.ServiceRadiusJunior
}

// OversizedLimit returns the 大校额 limit for a school of the given level.
func (s Standards) OversizedLimit(l Level) int {
	if l == LevelNineYear {
		return s.OversizedNineYear
	}
	return s.OversizedSchool
}

// ClassStatus classifies one class (or a grade by its worst class).
type ClassStatus int

const (
	StatusStandard     ClassStatus = iota // ≤ 标准班额
	StatusOverStandard                    // 标准班额+1 … LargeClassMin−1
	StatusLarge                           // 大班额: LargeClassMin … VeryLargeClassMin−1
	StatusVeryLarge                       // 超大班额: ≥ VeryLargeClassMin
)

var statusNames = [...]string{"standard", "over_standard", "large", "very_large"}

// String is the stable machine name used in JSON.
func (c ClassStatus) String() string {
	if c < 0 || int(c) >= len(statusNames) {
		return "standard"
	}
	return statusNames[c]
}

// Classify returns the status of a class of size pupils in grade g.
// Boundaries with the defaults: primary 45|46, junior 50|51, both 55|56 and
// 65|66.
func (s Standards) Classify(g Grade, size int) ClassStatus {
	switch {
	case size >= s.VeryLargeClassMin:
		return StatusVeryLarge
	case size >= s.LargeClassMin:
		return StatusLarge
	case size > s.ClassSize(g):
		return StatusOverStandard
	}
	return StatusStandard
}

// Scale is one 建标102 standard school size: Classes classes and the seats
// they give.
type Scale struct {
	Classes int
	Seats   int
}

// StandardScales lists the 建标102 办学规模 for a level, smallest first:
// primary 12/18/24/30 classes × 45, junior 12/18/24/30 × 50, nine-year
// 18/27/36/45 classes (two-thirds primary at 45, one-third junior at 50).
func StandardScales(l Level) []Scale {
	switch l {
	case LevelPrimary:
		return []Scale{{12, 540}, {18, 810}, {24, 1080}, {30, 1350}}
	case LevelJunior:
		return []Scale{{12, 600}, {18, 900}, {24, 1200}, {30, 1500}}
	case LevelNineYear:
		return []Scale{{18, 840}, {27, 1260}, {36, 1680}, {45, 2100}}
	}
	return nil
}

// SplitClasses splits students pupils into classes classes as evenly as
// possible, larger classes first: 113 in 2 → [57 56]. It returns nil when
// classes ≤ 0.
func SplitClasses(students, classes int) []int {
	if classes <= 0 || students < 0 {
		return nil
	}
	sizes := make([]int, classes)
	base, extra := students/classes, students%classes
	for i := range sizes {
		sizes[i] = base
		if i < extra {
			sizes[i]++
		}
	}
	return sizes
}

// ClassesNeeded is the number of classes needed to teach students pupils of
// grade g at the standard class size: ceil(students / standard).
func (s Standards) ClassesNeeded(g Grade, students int) int {
	std := s.ClassSize(g)
	if students <= 0 || std <= 0 {
		return 0
	}
	return (students + std - 1) / std
}
