package model

import "math"

// CapacitySource says where a school's seats (学位) come from, from the
// most to the least reliable. Its String is the stable machine name used
// in JSON ("capacity_source").
type CapacitySource int

const (
	// CapacityUnknown: the source gave no capacity, no classes and no
	// classrooms. The school is not a school without seats: it is left out
	// of seat gaps and totals and of assignment capacity limits.
	CapacityUnknown CapacitySource = iota
	// CapacityExplicit: the school's approved capacity (School.Capacity).
	CapacityExplicit
	// CapacityClasses: Σ over grades of the classes the history records ×
	// the standard class size (DESIGN.md §4).
	CapacityClasses
	// CapacityClassrooms: an estimate (估算), School.Classrooms × the
	// standard class size of the school's level (see ClassroomSeats).
	CapacityClassrooms
)

var capacitySourceNames = [...]string{"unknown", "explicit", "classes", "classrooms_estimate"}

// String is the stable machine name: unknown, explicit, classes or
// classrooms_estimate.
func (c CapacitySource) String() string {
	if c < 0 || int(c) >= len(capacitySourceNames) {
		return "unknown"
	}
	return capacitySourceNames[c]
}

// Known reports whether the seats are known (explicit, from classes or
// estimated from classrooms).
func (c CapacitySource) Known() bool { return c != CapacityUnknown }

// Estimated reports whether the seats are an estimate from classrooms.
func (c CapacitySource) Estimated() bool { return c == CapacityClassrooms }

// SchoolSeats returns the seats of school s and where they come from:
// its explicit Capacity when positive; else classSeats (Σ classes ×
// standard size over its grades, as AnalyzeSchool counts them) when the
// history gave class counts (classesGiven); else ClassroomSeats when its
// classrooms are known; else 0 and CapacityUnknown. Seats computed from
// classes that were themselves estimated from pupils would only restate
// the pupils, so they do not count as known.
func SchoolSeats(s *School, classSeats int, classesGiven bool, std Standards) (int, CapacitySource) {
	switch {
	case s.Capacity > 0:
		return s.Capacity, CapacityExplicit
	case classesGiven && classSeats > 0:
		return classSeats, CapacityClasses
	case s.Classrooms > 0:
		return ClassroomSeats(s.Level, s.Classrooms, std.OrDefault()), CapacityClassrooms
	}
	return 0, CapacityUnknown
}

// ClassroomSeats estimates the seats of rooms general classrooms (普通教室)
// in a school of level l: rooms × standard class size, primary 45, junior
// 50; a nine-year (or unknown-level) school is planned by 建标102 as
// two-thirds primary and one-third junior classes, so each room counts
// (2 × 45 + 50) / 3 ≈ 46.7 seats (18 rooms → 840, the 建标102 scale).
// Other levels use the junior size (Standards.ClassSize).
func ClassroomSeats(l Level, rooms int, std Standards) int {
	switch l {
	case LevelPrimary:
		return rooms * std.StandardClassPrimary
	case LevelJunior:
		return rooms * std.StandardClassJunior
	case LevelNineYear, LevelUnknown:
		per := float64(2*std.StandardClassPrimary+std.StandardClassJunior) / 3
		return int(math.Round(float64(rooms) * per))
	}
	first, _ := l.Grades()
	return rooms * std.ClassSize(first)
}
