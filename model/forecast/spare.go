package forecast

import "github.com/xuequ/xuequ/model"

// UseSpareClassrooms gives each projected year's spare classrooms of a
// school (School.Classrooms minus the compulsory-grade classes in use) to
// its grades, one room at a time to the grade whose classes are largest,
// and only while that grade has fewer classes than it needs at the
// standard size: building or freeing classrooms, the usual cure for 大班额,
// shows in the projection. Schools with Classrooms 0 (unknown) keep their
// classes. recs are changed in place.
//
// Example: 12 rooms, six grades of 113 pupils in 2 classes (57 + 56) and 6
// more rooms → every grade gets a third class (38 + 38 + 37).
func UseSpareClassrooms(schools []model.School, std model.Standards, recs []model.Enrollment) {
	std = std.OrDefault()
	rooms := map[string]int{}
	for _, s := range schools {
		if s.Classrooms > 0 {
			rooms[s.ID] = s.Classrooms
		}
	}
	if len(rooms) == 0 {
		return
	}
	for _, idx := range spareGroups(recs) {
		spare := rooms[recs[idx[0]].School]
		for _, i := range idx {
			spare -= recs[i].Classes
		}
		for ; spare > 0; spare-- {
			best := largestClassesNeedingRoom(recs, idx, std)
			if best < 0 {
				break
			}
			recs[best].Classes++
		}
	}
}

// spareGroups returns the indices of recs' compulsory-grade records by
// school and year, each group in record order. Projections list a
// school's year together: the groups are then runs, found without a map
// entry per record (this runs after every edit).
func spareGroups(recs []model.Enrollment) [][]int {
	type key struct {
		school string
		year   int
	}
	var groups [][]int
	seen := map[key]bool{}
	all := make([]int, 0, len(recs))
	for i, e := range recs {
		if e.Grade < 1 || e.Grade > 9 {
			continue
		}
		k := key{e.School, e.Year}
		if n := len(groups); n > 0 {
			last := recs[groups[n-1][0]]
			if last.School == k.school && last.Year == k.year {
				all = append(all, i)
				groups[n-1] = all[len(all)-len(groups[n-1])-1:]
				continue
			}
		}
		if seen[k] {
			return spareGroupsByMap(recs) // not in runs
		}
		seen[k] = true
		all = append(all, i)
		groups = append(groups, all[len(all)-1:])
	}
	return groups
}

// spareGroupsByMap is spareGroups for records in any order.
func spareGroupsByMap(recs []model.Enrollment) [][]int {
	type key struct {
		school string
		year   int
	}
	byKey := map[key]int{}
	var groups [][]int
	for i, e := range recs {
		if e.Grade >= 1 && e.Grade <= 9 {
			k := key{e.School, e.Year}
			g, ok := byKey[k]
			if !ok {
				g = len(groups)
				byKey[k] = g
				groups = append(groups, nil)
			}
			groups[g] = append(groups[g], i)
		}
	}
	return groups
}

// largestClassesNeedingRoom is the index (into recs, among idx) of the
// grade with the largest classes that has fewer classes than the standard
// needs; −1 when none.
func largestClassesNeedingRoom(recs []model.Enrollment, idx []int, std model.Standards) int {
	best, bestSize := -1, 0
	for _, i := range idx {
		e := &recs[i]
		if e.Classes <= 0 || e.Classes >= std.ClassesNeeded(e.Grade, e.Students) {
			continue
		}
		if size := (e.Students + e.Classes - 1) / e.Classes; size > bestSize {
			best, bestSize = i, size
		}
	}
	return best
}
