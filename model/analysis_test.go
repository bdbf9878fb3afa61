package model

import (
	"fmt"
	"math"
	"testing"
)

func TestAnalyzeSchoolClassSizes(t *testing.T) {
	s := &School{ID: "A", Name: "城关一小", Level: LevelPrimary}
	r := AnalyzeSchool(s, []Enrollment{
		{School: "A", Year: 2024, Grade: 1, Students: 113, Classes: 2}, // 57+56 large
		{School: "A", Year: 2024, Grade: 2, Students: 90, Classes: 2},  // 45+45 standard
		{School: "A", Year: 2024, Grade: 3, Students: 133, Classes: 2}, // 67+66 very large
		{School: "A", Year: 2024, Grade: 4, Students: 92, Classes: 2},  // 46+46 over
		{School: "A", Year: 2024, Grade: 5, Students: 100},             // classes unknown → 3 at standard
	}, DefaultStandards())
	want := []struct {
		status ClassStatus
		sizes  string
	}{
		{StatusLarge, "[57 56]"},
		{StatusStandard, "[45 45]"},
		{StatusVeryLarge, "[67 66]"},
		{StatusOverStandard, "[46 46]"},
		{StatusStandard, "[34 33 33]"},
	}
	for i, w := range want {
		g := r.Grades[i]
		if g.Status != w.status || fmt.Sprint(g.ClassSizes) != w.sizes {
			t.Errorf("grade %d: %v %v, want %v %s", g.Grade, g.Status, g.ClassSizes, w.status, w.sizes)
		}
	}
	if !r.Grades[4].ClassesEstimated || r.Grades[0].ClassesEstimated {
		t.Error("ClassesEstimated should be set only where classes were missing")
	}
	if r.Students != 528 || r.Classes != 11 {
		t.Errorf("students %d classes %d, want 528 11", r.Students, r.Classes)
	}
	if r.Capacity != 11*45 || r.SeatGap != 528-495 {
		t.Errorf("capacity %d gap %d, want 495 33", r.Capacity, r.SeatGap)
	}
	// Needed: 3+2+3+3+3 = 14 classes at 45.
	if r.ClassesNeeded != 14 || r.ExtraClassrooms != 3 {
		t.Errorf("needed %d extra %d, want 14 3", r.ClassesNeeded, r.ExtraClassrooms)
	}
	if r.Large != 2 || r.VeryLarge != 2 || r.OverStandard != 2 {
		t.Errorf("counts over/large/very = %d/%d/%d, want 2/2/2", r.OverStandard, r.Large, r.VeryLarge)
	}
	if r.Worst() != StatusVeryLarge {
		t.Errorf("worst %v", r.Worst())
	}
}

func TestAnalyzeSchoolExplicitCapacity(t *testing.T) {
	r := AnalyzeSchool(&School{ID: "A", Level: LevelJunior, Capacity: 1200},
		[]Enrollment{{Grade: 7, Students: 400, Classes: 8}}, DefaultStandards())
	if r.Capacity != 1200 || r.SeatGap != -800 {
		t.Errorf("capacity %d gap %d", r.Capacity, r.SeatGap)
	}
}

func TestSchoolSizeBoundaries(t *testing.T) {
	std := DefaultStandards()
	tests := []struct {
		level                  Level
		students               int
		oversized, small, s200 bool
	}{
		{LevelPrimary, 2000, false, false, false},
		{LevelPrimary, 2001, true, false, false},
		{LevelJunior, 2001, true, false, false},
		{LevelNineYear, 2500, false, false, false},
		{LevelNineYear, 2501, true, false, false},
		{LevelPrimary, 100, false, false, true},
		{LevelPrimary, 99, false, true, true},
		{LevelPrimary, 199, false, false, true},
		{LevelPrimary, 200, false, false, false},
		{LevelKindergarten, 30, false, false, false},
	}
	for _, tt := range tests {
		first, _ := tt.level.Grades()
		r := AnalyzeSchool(&School{ID: "S", Level: tt.level},
			[]Enrollment{{Grade: first, Students: tt.students}}, std)
		if r.OversizedSchool != tt.oversized || r.SmallSchool != tt.small || r.SmallStaffed != tt.s200 {
			t.Errorf("%v with %d pupils: oversized %v small %v staffed %v, want %v %v %v", tt.level, tt.students,
				r.OversizedSchool, r.SmallSchool, r.SmallStaffed, tt.oversized, tt.small, tt.s200)
		}
	}
}

func TestAnalyzeSummaryAndTarget(t *testing.T) {
	// 20 classes of which 1 is large: share exactly 5 % → target (< 5 %) missed.
	schools := []School{{ID: "A", Level: LevelPrimary}, {ID: "B", Level: LevelJunior}}
	records := []Enrollment{
		{School: "A", Year: 2024, Grade: 1, Students: 56, Classes: 1},
		{School: "A", Year: 2024, Grade: 2, Students: 45 * 9, Classes: 9},
		{School: "B", Year: 2024, Grade: 7, Students: 500, Classes: 10},
		{School: "B", Year: 2023, Grade: 7, Students: 999, Classes: 1}, // other year: ignored
		{School: "X", Year: 2024, Grade: 1, Students: 10, Classes: 1},  // unknown school: kept
	}
	a := Analyze(schools, records, 2024, Standards{})
	if len(a.Schools) != 3 || a.Schools[2].School != "X" {
		t.Fatalf("schools %+v", a.Schools)
	}
	s := a.Summary
	if s.Classes != 21 || s.Large != 1 || s.VeryLarge != 0 {
		t.Fatalf("summary %+v", s)
	}
	a = Analyze(schools, records[:4], 2024, Standards{})
	if a.Summary.Classes != 20 || math.Abs(a.Summary.LargeShare-0.05) > 1e-12 || a.Summary.TargetMet {
		t.Errorf("share %v met %v, want 0.05 false", a.Summary.LargeShare, a.Summary.TargetMet)
	}
	records[0].Students = 55
	a = Analyze(schools, records[:4], 2024, Standards{})
	if a.Summary.LargeShare != 0 || !a.Summary.TargetMet || a.Summary.OverStandard != 1 {
		t.Errorf("after fix: %+v", a.Summary)
	}
}

func TestAnalyzeKindergartenOutsideRules(t *testing.T) {
	// 140 pupils of 大班 (grade 0) in 2 classes: 70 + 70, standard 35 →
	// 70 seats, gap +70, 4 classes needed. None of it is K–9.
	r := AnalyzeSchool(&School{ID: "K", Level: LevelKindergarten},
		[]Enrollment{{Grade: 0, Students: 140, Classes: 2}}, DefaultStandards())
	want := StageResult{Students: 140, Classes: 2, ClassesNeeded: 4, Seats: 70, SeatGap: 70}
	if r.Classes != 0 || r.VeryLarge != 0 || r.Students != 0 || r.Grades[0].Status != StatusStandard ||
		r.Kindergarten == nil || *r.Kindergarten != want || r.CapacitySource.Known() {
		t.Errorf("kindergarten: %+v %+v", r, r.Kindergarten)
	}
}

// TestKindergartenApart: a primary school with an attached kindergarten
// counts its K pupils, classes and seats apart from grades 1–6.
func TestKindergartenApart(t *testing.T) {
	cases := []struct {
		name                  string
		k                     Enrollment
		students, classes     int
		capacity, large       int
		kStudents, kSeats, kG int
	}{
		// Grade 1: 113 in 2 (57 + 56: 大班额) → 90 seats. K: 70 in 2 at 35.
		{"K at standard", Enrollment{Grade: 0, Students: 70, Classes: 2}, 113, 2, 90, 2, 70, 70, 0},
		// K 80 in 2 (40 + 40): over its standard, yet no 大班额 of K–9.
		{"K over standard", Enrollment{Grade: 0, Students: 80, Classes: 2}, 113, 2, 90, 2, 80, 70, 10},
		// K 130 in 2 (65 + 65) would be 大班额 by the K–9 rule: not counted.
		{"K crowded", Enrollment{Grade: 0, Students: 130, Classes: 2}, 113, 2, 90, 2, 130, 70, 60},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := Analyze([]School{{ID: "A", Level: LevelPrimary}}, []Enrollment{
				{School: "A", Year: 2024, Grade: 1, Students: 113, Classes: 2},
				{School: "A", Year: 2024, Grade: c.k.Grade, Students: c.k.Students, Classes: c.k.Classes},
			}, 2024, Standards{})
			r := a.Schools[0]
			if r.Students != c.students || r.Classes != c.classes || r.Capacity != c.capacity || r.Large != c.large {
				t.Errorf("K–9: students %d classes %d capacity %d large %d", r.Students, r.Classes, r.Capacity, r.Large)
			}
			k := r.Kindergarten
			if k == nil || k.Students != c.kStudents || k.Seats != c.kSeats || k.SeatGap != c.kG {
				t.Errorf("kindergarten %+v", k)
			}
			if s := a.Summary; s.Students != c.students || s.Classes != c.classes || s.Kindergarten.Students != c.kStudents {
				t.Errorf("summary %+v", s)
			}
		})
	}
}

// TestGradeSeatGap: seat_gap = students − seats, seats = classes × standard.
func TestGradeSeatGap(t *testing.T) {
	cases := []struct {
		e           Enrollment
		seats, gap  int
		needed      int
		estimated   bool
		wantClasses int
	}{
		{Enrollment{Grade: 1, Students: 113, Classes: 2}, 90, 23, 3, false, 2},
		{Enrollment{Grade: 7, Students: 100, Classes: 2}, 100, 0, 2, false, 2},
		{Enrollment{Grade: 7, Students: 101, Classes: 2}, 100, 1, 3, false, 2},
		{Enrollment{Grade: 3, Students: 91}, 135, -44, 3, true, 3}, // classes estimated at the standard
		{Enrollment{Grade: 0, Students: 36, Classes: 1}, 35, 1, 2, false, 1},
	}
	for _, c := range cases {
		g := gradeResult(c.e, DefaultStandards())
		if g.Seats != c.seats || g.SeatGap != c.gap || g.ClassesNeeded != c.needed || g.ClassesEstimated != c.estimated || g.Classes != c.wantClasses {
			t.Errorf("%+v: %+v", c.e, g)
		}
	}
}

func TestAnalyzeMergesDuplicateGrades(t *testing.T) {
	a := Analyze([]School{{ID: "A", Level: LevelPrimary}}, []Enrollment{
		{School: "A", Year: 2024, Grade: 1, Students: 50, Classes: 1},
		{School: "A", Year: 2024, Grade: 1, Students: 40, Classes: 1},
	}, 2024, Standards{})
	g := a.Schools[0].Grades[0]
	if g.Students != 90 || g.Classes != 2 {
		t.Errorf("merged grade %+v", g)
	}
}

// BenchmarkAnalyze10kSchools analyses 10,000 schools × 9 grades (a
// province); target < 50 ms.
func BenchmarkAnalyze10kSchools(b *testing.B) {
	schools := make([]School, 10000)
	var records []Enrollment
	for i := range schools {
		id := fmt.Sprintf("S%05d", i)
		schools[i] = School{ID: id, Level: LevelNineYear}
		for g := Grade(1); g <= 9; g++ {
			for y := 2020; y <= 2025; y++ {
				records = append(records, Enrollment{School: id, Year: y, Grade: g, Students: 40 + (i*7+int(g)*13+y)%60, Classes: 1 + i%3})
			}
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		a := Analyze(schools, records, 2025, Standards{})
		if len(a.Schools) != len(schools) {
			b.Fatal("wrong count")
		}
	}
}
