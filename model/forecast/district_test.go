package forecast

import (
	"reflect"
	"slices"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// twoSchools is two primary schools, A (zones Z1, Z2) and B (Z3, Z4), of
// equal population, each with 90 pupils in 2 classes in every grade
// 2021–2025: ratios are 1 and, without births, each intake is carried, so
// every projected grade has 90 pupils (45 + 45, standard).
func twoSchools() *model.District {
	d := &model.District{Standards: model.DefaultStandards(),
		Schools: []model.School{{ID: "A", Level: model.LevelPrimary}, {ID: "B", Level: model.LevelPrimary}},
		Zones: []model.Zone{{ID: "Z1", Population: 1000, PrimarySchool: "A"}, {ID: "Z2", Population: 1000, PrimarySchool: "A"},
			{ID: "Z3", Population: 1000, PrimarySchool: "B"}, {ID: "Z4", Population: 1000, PrimarySchool: "B"}}}
	for _, s := range []string{"A", "B"} {
		for y := 2021; y <= 2025; y++ {
			for g := model.Grade(1); g <= 6; g++ {
				d.History = append(d.History, model.Enrollment{School: s, Year: y, Grade: g, Students: 90, Classes: 2})
			}
		}
	}
	return d
}

// edited is a copy of d with f applied to it.
func edited(d *model.District, f func(*model.District)) *model.District {
	cp := *d
	cp.Schools = slices.Clone(d.Schools)
	cp.Zones = slices.Clone(d.Zones)
	f(&cp)
	return &cp
}

// pupils indexes records by school, year and grade.
func pupils(recs []model.Enrollment) map[[3]int]int {
	m := map[[3]int]int{}
	for _, e := range recs {
		m[[3]int{int(e.School[0]), e.Year, int(e.Grade)}] += e.Students
	}
	return m
}

func at(m map[[3]int]int, school byte, year int, g model.Grade) int {
	return m[[3]int{int(school), year, int(g)}]
}

func project(t *testing.T, ref *model.District, steps ...Step) *DistrictResult {
	t.Helper()
	r, err := District(ref, steps, DistrictOptions{Options: Options{Years: 6}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestDistrictWithoutEditsIsCohort(t *testing.T) {
	d := twoSchools()
	want, err := Cohort(d, nil, 6)
	if err != nil {
		t.Fatal(err)
	}
	r := project(t, nil, Step{District: d})
	if !reflect.DeepEqual(r.Records, want) || len(r.Projections) != len(want) || r.BaseYear != 2025 {
		t.Errorf("District without edits differs from Cohort: %d vs %d records", len(r.Records), len(want))
	}
	for i, p := range r.Projections {
		if p.Rounded() != want[i].Students || p.Classes != want[i].Classes {
			t.Fatalf("projection %d: %+v vs record %+v", i, p, want[i])
		}
	}
}

// TestDistrictOpeningYear: N opens in 2028 with zone Z2 (half of A's
// intake). 2026–2027 are the base's; in 2028 N has grade 1 only (45), A's
// grade 1 halves (45) and its grade 2 keeps 90 (enrolled pupils stay); in
// 2029 N has grades 1–2.
func TestDistrictOpeningYear(t *testing.T) {
	d := twoSchools()
	open := edited(d, func(d *model.District) {
		d.Schools = append(d.Schools, model.School{ID: "N", Level: model.LevelPrimary, Capacity: 540})
		d.Zones[1].PrimarySchool = "N"
	})
	base := pupils(project(t, nil, Step{District: d}).Records)
	r := project(t, d, Step{District: d}, Step{Year: 2028, District: open})
	got := pupils(r.Records)
	for k, v := range base {
		if k[1] < 2028 && got[k] != v {
			t.Errorf("%v before the opening: %d, base %d", k, got[k], v)
		}
	}
	cases := []struct {
		school byte
		year   int
		grade  model.Grade
		want   int
	}{
		{'N', 2027, 1, 0}, {'N', 2028, 1, 45}, {'N', 2028, 2, 0}, {'N', 2029, 2, 45}, {'N', 2029, 3, 0},
		{'A', 2028, 1, 45}, {'A', 2028, 2, 90}, {'A', 2029, 2, 45}, {'B', 2028, 1, 90},
	}
	for _, c := range cases {
		if n := at(got, c.school, c.year, c.grade); n != c.want {
			t.Errorf("%c %d grade %d: %d pupils, want %d", c.school, c.year, c.grade, n, c.want)
		}
	}
	if r.At(2027) != d || r.At(2028) != open || r.At(2040) != open {
		t.Error("At does not give the step in force")
	}
}

// TestDistrictClosureYear: B closes after 2026 (step 2027) into A: through
// 2026 B is as in the base; from 2027 B has no pupils and A has both
// schools' (180 per grade).
func TestDistrictClosureYear(t *testing.T) {
	d := twoSchools()
	closed := edited(d, func(d *model.District) {
		d.Schools[1].Closed = true
		d.Schools[1].MergedInto = []model.Merge{{School: "A", Stage: model.LevelPrimary, Share: 1}}
		d.Zones[2].PrimarySchool, d.Zones[3].PrimarySchool = "A", "A"
	})
	got := pupils(project(t, d, Step{District: d}, Step{Year: 2027, District: closed}).Records)
	cases := []struct {
		school byte
		year   int
		grade  model.Grade
		want   int
	}{{'B', 2026, 3, 90}, {'A', 2026, 3, 90}, {'B', 2027, 3, 0}, {'A', 2027, 1, 180}, {'A', 2027, 6, 180}, {'A', 2031, 4, 180}}
	for _, c := range cases {
		if n := at(got, c.school, c.year, c.grade); n != c.want {
			t.Errorf("%c %d grade %d: %d pupils, want %d", c.school, c.year, c.grade, n, c.want)
		}
	}
}

// TestDistrictExpansionYear: A gets 18 classrooms in 2028 while its grades
// grow to 113 (2 classes of 57 + 56): the third class per grade opens in
// 2028, not before.
func TestDistrictExpansionYear(t *testing.T) {
	d := twoSchools()
	for i := range d.History {
		if d.History[i].School == "A" {
			d.History[i].Students = 113
		}
	}
	d.Schools[0].Classrooms = 12
	grown := edited(d, func(d *model.District) { d.Schools[0].Classrooms = 18 })
	r := project(t, d, Step{District: d}, Step{Year: 2028, District: grown})
	for _, e := range r.Records {
		if e.School != "A" {
			continue
		}
		want := 2
		if e.Year >= 2028 {
			want = 3
		}
		if e.Classes != want {
			t.Errorf("A %d grade %d: %d classes, want %d", e.Year, e.Grade, e.Classes, want)
		}
	}
}

func TestProjectionPhases(t *testing.T) {
	steps := func(years ...int) []Step {
		out := []Step{}
		for _, y := range years {
			out = append(out, Step{Year: y})
		}
		return out
	}
	cases := []struct {
		years []int
		first int
		want  []int
	}{
		{[]int{0}, 2026, []int{0}},
		{[]int{0, 2028}, 2026, []int{0, 1}},
		{[]int{0, 2024, 2026, 2028}, 2026, []int{2, 3}}, // steps up to the first projected year merge
		{[]int{0, 2027, 2030}, 2026, []int{0, 1, 2}},
	}
	for _, c := range cases {
		if got := projectionPhases(steps(c.years...), c.first); !slices.Equal(got, c.want) {
			t.Errorf("%v from %d: %v, want %v", c.years, c.first, got, c.want)
		}
	}
}

func TestUseSpareClassrooms(t *testing.T) {
	cases := []struct {
		name    string
		rooms   int
		grades  []model.Enrollment // one school "A", one year
		classes []int
	}{
		// 12 rooms in use: nothing spare.
		{"full", 12, sixGrades(113, 2), []int{2, 2, 2, 2, 2, 2}},
		// 6 spare: every grade of 113 gets a third class (38+38+37).
		{"six spare", 18, sixGrades(113, 2), []int{3, 3, 3, 3, 3, 3}},
		// 3 spare go to the largest classes first (grades 1–3 here).
		{"three spare", 15, []model.Enrollment{g(1, 130, 2), g(2, 125, 2), g(3, 120, 2), g(4, 100, 2), g(5, 95, 2), g(6, 91, 2)},
			[]int{3, 3, 3, 2, 2, 2}},
		// Never beyond the classes needed at the standard: 90 in 2 needs 2.
		{"not needed", 30, sixGrades(90, 2), []int{2, 2, 2, 2, 2, 2}},
		// Unknown classrooms (0): as recorded.
		{"unknown rooms", 0, sixGrades(113, 2), []int{2, 2, 2, 2, 2, 2}},
	}
	for _, c := range cases {
		recs := slices.Clone(c.grades)
		UseSpareClassrooms([]model.School{{ID: "A", Classrooms: c.rooms}}, model.Standards{}, recs)
		got := make([]int, len(recs))
		for i, e := range recs {
			got[i] = e.Classes
		}
		if !slices.Equal(got, c.classes) {
			t.Errorf("%s: classes %v, want %v", c.name, got, c.classes)
		}
	}
}

func g(grade model.Grade, students, classes int) model.Enrollment {
	return model.Enrollment{School: "A", Year: 2027, Grade: grade, Students: students, Classes: classes}
}

func sixGrades(students, classes int) []model.Enrollment {
	var out []model.Enrollment
	for k := model.Grade(1); k <= 6; k++ {
		out = append(out, g(k, students, classes))
	}
	return out
}

// TestMergeClosed: C closed into B (¾) and A (¼); B closed later into A:
// C's 100 pupils end at A, 75 + 25, B's own go to A too.
func TestMergeClosed(t *testing.T) {
	d := &model.District{Schools: []model.School{
		{ID: "A", Level: model.LevelPrimary},
		{ID: "B", Level: model.LevelPrimary, Closed: true, MergedInto: []model.Merge{{School: "A", Stage: model.LevelPrimary, Share: 1}}},
		{ID: "C", Level: model.LevelPrimary, Closed: true, MergedInto: []model.Merge{
			{School: "B", Stage: model.LevelPrimary, Share: 0.75}, {School: "A", Stage: model.LevelPrimary, Share: 0.25}}},
	}, History: []model.Enrollment{
		{School: "A", Year: 2025, Grade: 1, Students: 10}, {School: "B", Year: 2025, Grade: 1, Students: 20},
		{School: "C", Year: 2025, Grade: 1, Students: 100},
	}}
	m := MergeClosed(d)
	total := 0
	for _, e := range m.History {
		if e.School != "A" {
			t.Errorf("record at %s", e.School)
		}
		total += e.Students
	}
	if total != 130 || len(m.Schools) != 1 || len(d.Schools) != 3 {
		t.Errorf("merged %d pupils into %d schools", total, len(m.Schools))
	}
	if MergeClosed(twoSchools()) == nil {
		t.Error("no closure: nil")
	}
}

func TestWithUserEntrants(t *testing.T) {
	user := []model.Enrollment{{School: "A", Year: 2026, Grade: 1, Students: 50}}
	derived := []model.Enrollment{{School: "A", Year: 2026, Grade: 1, Students: 70}, {School: "A", Year: 2027, Grade: 1, Students: 71}}
	got := withUserEntrants(user, derived)
	want := []model.Enrollment{user[0], derived[1]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%+v", got)
	}
	if got := withUserEntrants(nil, derived); !reflect.DeepEqual(got, derived) {
		t.Errorf("no user entrants: %+v", got)
	}
}
