package model

import (
	"math"
	"time"
)

// SchoolYear returns the school year (学年) that t falls in, named like
// Enrollment.Year by the calendar year its autumn term starts: from
// 1 September on it is t's year, before that the previous one. A project
// without history is analysed for the school year of today.
func SchoolYear(t time.Time) int {
	if t.Month() >= time.September {
		return t.Year()
	}
	return t.Year() - 1
}

// ZoneSchoolAge returns the zone's children of the stage's school age
// (LevelJunior: 12–14, otherwise 6–11): its count when the source gave one
// (Zone.AgeCount; a known 0 is 0), else Population × the standards'
// school-age share, in which case fromShare is true.
func ZoneSchoolAge(z *Zone, stage Level, std Standards) (n float64, fromShare bool) {
	if c, ok := z.AgeCount(stage); ok {
		return float64(c), false
	}
	return float64(max(z.Population, 0)) * std.OrDefault().SchoolAgeShare(stage), true
}

// EstimateEnrollment estimates the enrollment of a project without history
// in year: each open school takes the school-age children of the zones
// whose catchment (Zone.PrimarySchool / JuniorSchool) it is, by
// ZoneSchoolAge, rounded to whole pupils per school and stage and shared
// as evenly as possible over the stage's grades (primary 1–6, junior 7–9;
// earlier grades take the remainder). Classes are left 0, so Analyze
// counts them as ceil(pupils / standard class size) and marks them
// estimated.
//
// Every open K–9 school gets records for the grades of the stages it
// teaches (0 pupils when no zone is in its catchment), so that it is
// listed; a school of another level only for the stages zones send to
// it. Closed schools get none.
func EstimateEnrollment(schools []School, zones []Zone, year int, std Standards) []Enrollment {
	std = std.OrDefault()
	stages := [2]Level{LevelPrimary, LevelJunior}
	type need struct {
		pupils [2]float64
		sent   [2]bool // some zone's catchment
	}
	needs := make(map[string]*need, len(schools))
	for i := range schools {
		if !schools[i].Closed {
			needs[schools[i].ID] = &need{}
		}
	}
	for i := range zones {
		z := &zones[i]
		for k, stage := range stages {
			if n := needs[z.SchoolFor(stage)]; n != nil {
				c, _ := ZoneSchoolAge(z, stage, std)
				n.pupils[k] += c
				n.sent[k] = true
			}
		}
	}
	var out []Enrollment
	for i := range schools {
		s := &schools[i]
		n := needs[s.ID]
		if n == nil {
			continue
		}
		for k, stage := range stages {
			if !n.sent[k] && !(s.Level.InK9() && teachesStage(s.Level, stage)) {
				continue
			}
			first, last := stage.Grades()
			total := int(math.Round(n.pupils[k]))
			grades := int(last-first) + 1
			for g := first; g <= last; g++ {
				per := total / grades
				if int(g-first) < total%grades {
					per++
				}
				out = append(out, Enrollment{School: s.ID, Year: year, Grade: g, Students: per})
			}
		}
	}
	return out
}

// teachesStage reports whether a school of level l teaches the grades of
// the stage (a nine-year school teaches both).
func teachesStage(l, stage Level) bool {
	first, _ := stage.Grades()
	return l.Teaches(first)
}

// AnalyzeEstimate is Analyze on EstimateEnrollment: the analysis of a
// project without enrollment history, every school's pupils marked
// StudentsEstimated and the analysis Estimated.
//
// When no zone has a population or a school-age count (a zones file
// without those fields), every estimate is 0 for want of data, not
// because the schools are small: no school is then flagged 小规模.
func AnalyzeEstimate(schools []School, zones []Zone, year int, std Standards) Analysis {
	a := Analyze(schools, EstimateEnrollment(schools, zones, year, std), year, std)
	a.Estimated = true
	data := hasPeopleData(zones)
	for i := range a.Schools {
		r := &a.Schools[i]
		r.StudentsEstimated = true
		if !data {
			r.SmallSchool, r.SmallStaffed = false, false
		}
	}
	if !data {
		a.Summary = Summarize(a.Schools, std)
	}
	return a
}

// hasPeopleData reports whether any zone has a population or a known
// school-age count to estimate pupils from.
func hasPeopleData(zones []Zone) bool {
	for i := range zones {
		z := &zones[i]
		_, p := z.AgeCount(LevelPrimary)
		_, j := z.AgeCount(LevelJunior)
		if z.Population > 0 || p || j {
			return true
		}
	}
	return false
}
