package model

import (
	"reflect"
	"testing"
)

func TestClassifyBoundaries(t *testing.T) {
	std := DefaultStandards()
	tests := []struct {
		grade Grade
		size  int
		want  ClassStatus
	}{
		{1, 0, StatusStandard},
		{1, 45, StatusStandard},
		{1, 46, StatusOverStandard},
		{6, 55, StatusOverStandard},
		{6, 56, StatusLarge},
		{3, 65, StatusLarge},
		{3, 66, StatusVeryLarge},
		{3, 120, StatusVeryLarge},
		{7, 45, StatusStandard},
		{7, 46, StatusStandard}, // junior standard is 50
		{7, 50, StatusStandard},
		{7, 51, StatusOverStandard},
		{9, 55, StatusOverStandard},
		{9, 56, StatusLarge},
		{8, 65, StatusLarge},
		{8, 66, StatusVeryLarge},
	}
	for _, tt := range tests {
		if got := std.Classify(tt.grade, tt.size); got != tt.want {
			t.Errorf("Classify(grade %d, %d) = %v, want %v", tt.grade, tt.size, got, tt.want)
		}
	}
}

func TestClassifyEditedStandards(t *testing.T) {
	std := DefaultStandards()
	std.StandardClassPrimary = 40
	std.LargeClassMin = 50
	if got := std.Classify(2, 41); got != StatusOverStandard {
		t.Errorf("41 with standard 40 = %v, want over_standard", got)
	}
	if got := std.Classify(2, 50); got != StatusLarge {
		t.Errorf("50 with large 50 = %v, want large", got)
	}
}

func TestSplitClasses(t *testing.T) {
	tests := []struct {
		students, classes int
		want              []int
	}{
		{113, 2, []int{57, 56}},
		{90, 2, []int{45, 45}},
		{100, 3, []int{34, 33, 33}},
		{0, 2, []int{0, 0}},
		{5, 0, nil},
		{-1, 2, nil},
	}
	for _, tt := range tests {
		if got := SplitClasses(tt.students, tt.classes); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitClasses(%d, %d) = %v, want %v", tt.students, tt.classes, got, tt.want)
		}
	}
}

func TestClassesNeeded(t *testing.T) {
	std := DefaultStandards()
	tests := []struct {
		grade    Grade
		students int
		want     int
	}{
		{1, 0, 0}, {1, 1, 1}, {1, 45, 1}, {1, 46, 2}, {1, 90, 2}, {1, 91, 3},
		{7, 50, 1}, {7, 51, 2}, {9, 100, 2}, {9, 101, 3},
	}
	for _, tt := range tests {
		if got := std.ClassesNeeded(tt.grade, tt.students); got != tt.want {
			t.Errorf("ClassesNeeded(%d, %d) = %d, want %d", tt.grade, tt.students, got, tt.want)
		}
	}
}

func TestOversizedLimit(t *testing.T) {
	std := DefaultStandards()
	if std.OversizedLimit(LevelPrimary) != 2000 || std.OversizedLimit(LevelJunior) != 2000 || std.OversizedLimit(LevelNineYear) != 2500 {
		t.Fatal("oversized limits differ from DESIGN.md §4")
	}
}

func TestParseLevel(t *testing.T) {
	for in, want := range map[string]Level{
		"小学": LevelPrimary, "初中": LevelJunior, "九年一贯制": LevelNineYear, "幼儿园": LevelKindergarten,
		"primary": LevelPrimary, "nine_year": LevelNineYear, "高中": LevelSenior,
	} {
		if got, ok := ParseLevel(in); !ok || got != want {
			t.Errorf("ParseLevel(%q) = %v, %v", in, got, ok)
		}
	}
	if _, ok := ParseLevel("大学"); ok {
		t.Error("ParseLevel(大学) should fail")
	}
	for l := LevelUnknown; l <= LevelSenior; l++ {
		if back, _ := ParseLevel(l.String()); l != LevelUnknown && back != l {
			t.Errorf("round trip of %v gave %v", l, back)
		}
	}
}

func TestStandardScales(t *testing.T) {
	for _, tt := range []struct {
		level Level
		std   int
	}{{LevelPrimary, 45}, {LevelJunior, 50}} {
		for _, s := range StandardScales(tt.level) {
			if s.Seats != s.Classes*tt.std {
				t.Errorf("%v scale %d classes: %d seats, want %d", tt.level, s.Classes, s.Seats, s.Classes*tt.std)
			}
		}
	}
	// Nine-year: two thirds of the classes primary (45), one third junior (50).
	for _, s := range StandardScales(LevelNineYear) {
		if want := s.Classes*2/3*45 + s.Classes/3*50; s.Seats != want {
			t.Errorf("nine-year %d classes: %d seats, want %d", s.Classes, s.Seats, want)
		}
	}
}
