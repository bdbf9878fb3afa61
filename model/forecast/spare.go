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
	type key struct {
		school string
		year   int
	}
	groups := map[key][]int{} // indices into recs
	for i, e := range recs {
		if e.Grade >= 1 && e.Grade <= 9 {
			k := key{e.School, e.Year}
			groups[k] = append(groups[k], i)
		}
	}
	rooms := map[string]int{}
	for _, s := range schools {
		if s.Classrooms > 0 {
			rooms[s.ID] = s.Classrooms
		}
	}
	for k, idx := range groups {
		spare := rooms[k.school]
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
