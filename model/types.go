package model

import (
	"fmt"

	"github.com/paulmach/orb"
)

// Level is a school's 学段 (stage of education). It decides which grades a
// school teaches and which class-size standard applies.
type Level int

const (
	LevelUnknown      Level = iota
	LevelKindergarten       // 幼儿园: grade 0, outside the class-size rules
	LevelPrimary            // 小学: grades 1–6
	LevelJunior             // 初中: grades 7–9
	LevelNineYear           // 九年一贯制: grades 1–9
	LevelSenior             // 高中: grades 10–12, outside the compulsory-education rules
	// LevelOther is any other school kept on the map and in lists but
	// outside the K–9 rules: vocational (职业学校/中专), special education
	// (特殊教育/培智), training and adult schools.
	LevelOther
)

var levelNames = [...]string{"unknown", "kindergarten", "primary", "junior", "nine_year", "senior", "other"}

// String is the stable machine name used in JSON and the project file.
func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return "unknown"
	}
	return levelNames[l]
}

var levelChinese = [...]string{"", "幼儿园", "小学", "初中", "九年一贯制", "高中", "其他"}

// Chinese is the 学段 as bureaus write it (小学, 初中, 九年一贯制 …), the
// value written to files; "" for LevelUnknown. ParseLevel reads it back.
func (l Level) Chinese() string {
	if l < 0 || int(l) >= len(levelChinese) {
		return ""
	}
	return levelChinese[l]
}

// ParseLevel accepts the machine names above and the common Chinese terms
// (小学, 初中, 九年一贯制, 幼儿园, 高中 …; 完全中学 counts as 初中 and
// 十二年一贯制 as 九年一贯制, for their grades 1–9 are what K–9 planning needs). It returns LevelUnknown and
// false for anything else.
func ParseLevel(s string) (Level, bool) {
	switch s {
	case "kindergarten", "幼儿园", "K", "k":
		return LevelKindergarten, true
	case "primary", "elementary", "小学", "完全小学", "中心小学", "教学点", "ES", "ELEM":
		return LevelPrimary, true
	case "junior", "middle", "初中", "初级中学", "完全中学", "MS":
		return LevelJunior, true
	case "nine_year", "nineyear", "nine-year", "九年一贯制", "九年一贯制学校", "九年制", "九年制学校", "十二年一贯制", "十二年一贯制学校":
		return LevelNineYear, true
	case "senior", "high", "高中", "高级中学", "HS":
		return LevelSenior, true
	case "other", "其他":
		return LevelOther, true
	}
	return LevelUnknown, false
}

// Grades returns the first and last grade a school of this level teaches.
func (l Level) Grades() (first, last Grade) {
	switch l {
	case LevelKindergarten:
		return 0, 0
	case LevelPrimary:
		return 1, 6
	case LevelJunior:
		return 7, 9
	case LevelNineYear:
		return 1, 9
	case LevelSenior:
		return 10, 12
	case LevelOther:
		return 13, 12 // teaches no grade of 0–12
	}
	return 1, 9
}

// Teaches reports whether a school of this level teaches grade g.
func (l Level) Teaches(g Grade) bool {
	a, b := l.Grades()
	return g >= a && g <= b
}

// Grade is a school year: 0 = kindergarten (大班, K), 1–6 primary, 7–9
// junior middle, 10–12 senior. Kindergartens' histories also hold −2 (小班)
// and −1 (中班), which Valid leaves out: the K–12 rules see grades 0–12;
// the cohort projection projects a kindergarten's −2…0, Analyze reads
// them into its kindergarten block (Analysed), package preschool −2…0.
type Grade int

// Stage is the level whose class-size standard applies to this grade: a
// nine-year school's grade 3 is judged as primary, its grade 8 as junior.
func (g Grade) Stage() Level {
	switch {
	case g <= 0:
		return LevelKindergarten
	case g <= 6:
		return LevelPrimary
	case g <= 9:
		return LevelJunior
	}
	return LevelSenior
}

// InK9 reports whether schools of this level fall under the
// compulsory-education (K–9) rules: class sizes, seats, catchments.
func (l Level) InK9() bool {
	return l == LevelPrimary || l == LevelJunior || l == LevelNineYear
}

// Valid reports whether g is between 0 and 12.
func (g Grade) Valid() bool { return g >= 0 && g <= 12 }

// Analysed reports whether Analyze reads records of grade g: −2…12, the
// kindergartens' 小班 and 中班 included (into SchoolResult.Kindergarten).
func (g Grade) Analysed() bool { return g >= -2 && g <= 12 }

// School is one school site (学校). Location is lon/lat in degrees.
type School struct {
	ID       string
	Name     string
	Level    Level
	Location orb.Point
	// Capacity is the approved number of seats (学位). Zero means "derive":
	// classrooms in use × standard class size (see Seats).
	Capacity int
	// Classrooms is the number of general classrooms (普通教室). Zero means
	// unknown; the classes recorded in the history are used instead.
	Classrooms int
	Boarding   bool   // 寄宿制
	Township   string // 乡镇/街道
	Address    string // 学校地址, printed on the 划片公示
	Phone      string // 咨询电话 (admissions enquiries), printed on the 划片公示
	Public     bool   // 公办 (true) or 民办 (false)
	// Inclusive marks a 普惠性 kindergarten (公办 kindergartens count as
	// 普惠 whatever this says; see preschool).
	Inclusive bool
	// Closed marks a school closed (撤并). It keeps its history, so past
	// years are analysed as they were, but from the first projected year on
	// it takes no pupils and no catchment: its projected pupils go to the
	// schools in MergedInto.
	Closed bool
	// MergedInto says, for a closed school, which schools take its pupils
	// and in what shares (per stage; the shares of a stage sum to 1).
	MergedInto []Merge
	// Attrs keeps the source file's other properties, untouched, so that an
	// export gives back what was imported.
	Attrs map[string]string
}

// Merge is one receiving school of a closed school: School takes Share
// (0–1) of the closed school's pupils of Stage (LevelPrimary or
// LevelJunior).
type Merge struct {
	School string
	Stage  Level
	Share  float64
}

// Zone is a residential zone (居住小区/片区): a polygon with its people.
// Geometry is lon/lat in degrees.
type Zone struct {
	ID         string
	Name       string
	Geometry   orb.MultiPolygon
	Population int // 常住人口
	Households int // 户数
	Dwellings  int // 住宅套数 (0 = unknown)
	// PrimaryAge and JuniorAge are optional counts of resident children of
	// primary (6–11) and junior (12–14) school age. A count is known when
	// it is positive or its Known flag is set: a zone with no children of
	// the age (0, known) is not a zone whose count the source left out.
	// Readers set a Known flag only for a zero count (positive counts are
	// known anyway), so that equal zones compare equal. Read them through
	// AgeCount.
	PrimaryAge      int
	JuniorAge       int
	PrimaryAgeKnown bool
	JuniorAgeKnown  bool
	// PreschoolAge is the optional count of resident children aged 3–5
	// (学前), known when positive or PreschoolAgeKnown.
	PreschoolAge      int
	PreschoolAgeKnown bool
	// PrimarySchool and JuniorSchool are the IDs of the schools whose 学区
	// this zone belongs to (empty = not yet assigned).
	PrimarySchool string
	JuniorSchool  string
	Township      string
	Attrs         map[string]string
}

// AgeCount returns the zone's count of children of the stage's school age
// (LevelJunior: 12–14, otherwise 6–11) and whether the source gave one.
func (z *Zone) AgeCount(stage Level) (n int, known bool) {
	if stage == LevelJunior {
		return z.JuniorAge, z.JuniorAge > 0 || z.JuniorAgeKnown
	}
	return z.PrimaryAge, z.PrimaryAge > 0 || z.PrimaryAgeKnown
}

// SchoolFor returns the ID of the school the zone is assigned to for a stage.
func (z *Zone) SchoolFor(stage Level) string {
	if stage == LevelJunior {
		return z.JuniorSchool
	}
	return z.PrimarySchool
}

// Enrollment is one history record: Students pupils (在校生) of Grade at
// School in school Year (the year the autumn term starts), taught in Classes
// classes. Classes = 0 means the source did not say.
type Enrollment struct {
	School   string
	Year     int
	Grade    Grade
	Students int
	Classes  int
}

// Births is the number of births (出生人口) recorded for a zone in a year.
type Births struct {
	Zone   string
	Year   int
	Births int
}

// Housing is the number of dwellings in a zone first occupied (交付) in a year.
type Housing struct {
	Zone      string
	Year      int
	Dwellings int
}

// District is everything a project knows: the unit the app opens, edits,
// analyses and saves.
type District struct {
	Name    string
	Schools []School
	Zones   []Zone
	History []Enrollment
	Births  []Births
	Housing []Housing
	// Resources are the schools' 办学条件 by year (staffing, 优质均衡).
	Resources []Resources
	Standards Standards
}

// School returns the school with the given ID, or nil.
func (d *District) School(id string) *School {
	for i := range d.Schools {
		if d.Schools[i].ID == id {
			return &d.Schools[i]
		}
	}
	return nil
}

// Zone returns the zone with the given ID, or nil.
func (d *District) Zone(id string) *Zone {
	for i := range d.Zones {
		if d.Zones[i].ID == id {
			return &d.Zones[i]
		}
	}
	return nil
}

// Years returns the first and last year of the enrollment history
// (0, 0 when there is none).
func (d *District) Years() (first, last int) {
	for i, e := range d.History {
		if i == 0 || e.Year < first {
			first = e.Year
		}
		if i == 0 || e.Year > last {
			last = e.Year
		}
	}
	return first, last
}

// InputError is a problem with user input that the user can fix: it names
// the file, the place in it (line or feature index), the field, what is wrong
// and what to do. Commands print it and exit with status 1.
type InputError struct {
	File string // path or name as the user gave it
	Line int    // 1-based CSV line, 0 = not applicable
	// Feature is the 1-based position of the GeoJSON feature (the feature at
	// index 0 is Feature 1); 0 = not applicable. It prints as the 0-based index
	// that QGIS and GDAL show as the feature id.
	Feature int
	Field   string
	Msg     string // what is wrong and what to do, in English
	// Key names Msg in assets/i18n/errors.*.json and Args fills its
	// template (see Inputf); "" when Msg is not translated. A UI shows
	// Message() in its language; Error() stays English.
	Key  string
	Args map[string]any
}

func (e *InputError) Error() string {
	s := e.File
	if e.Line > 0 {
		s += fmt.Sprintf(":%d", e.Line)
	}
	if e.Feature > 0 {
		s += fmt.Sprintf(": feature index %d", e.Feature-1)
	}
	if e.Field != "" {
		s += fmt.Sprintf(": field %q", e.Field)
	}
	return s + ": " + e.Msg
}
