package model

// ResourceField is one column of the school resources table (办学条件).
type ResourceField int

const (
	ResTeachers          ResourceField = iota // 专任教师数 (teachers)
	ResTeachersQualified                      // 高于规定学历教师数
	ResTeachersBackbone                       // 县级及以上骨干教师数
	ResTeachersPEArt                          // 体育艺术(音乐、美术)专任教师数
	ResBuildingM2                             // 教学及辅助用房面积, m²
	ResSportsM2                               // 体育运动场馆面积, m²
	ResEquipmentYuan                          // 教学仪器设备值, 元
	ResMultimediaRooms                        // 网络多媒体教室数
	NumResourceFields
)

var resourceKeys = [NumResourceFields]string{
	"teachers", "teachers_qualified", "teachers_backbone", "teachers_pe_art",
	"building_m2", "sports_m2", "equipment_yuan", "multimedia_rooms",
}

// Key is the column name of the field in the long table and the project file.
func (f ResourceField) Key() string {
	if f < 0 || f >= NumResourceFields {
		return ""
	}
	return resourceKeys[f]
}

// Resources is one school's 办学条件 in one school year: teachers, floor
// areas, equipment and rooms. Values[f] is meaningful only when Known[f]:
// the table left the cell empty or lacked the column otherwise.
type Resources struct {
	School string
	Year   int
	Values [NumResourceFields]float64
	Known  [NumResourceFields]bool
}

// Value returns field f and whether it is known.
func (r *Resources) Value(f ResourceField) (float64, bool) {
	return r.Values[f], r.Known[f]
}

// Set sets field f to v and marks it known.
func (r *Resources) Set(f ResourceField, v float64) {
	r.Values[f], r.Known[f] = v, true
}

// IndicatorField is the resource an 优质均衡 indicator divides by pupils,
// and whether it is counted per 100 pupils (else per pupil).
func IndicatorField(i Indicator) (f ResourceField, per100 bool) {
	switch i {
	case QualifiedTeachersPer100:
		return ResTeachersQualified, true
	case BackboneTeachersPer100:
		return ResTeachersBackbone, true
	case PEArtTeachersPer100:
		return ResTeachersPEArt, true
	case BuildingM2PerPupil:
		return ResBuildingM2, false
	case SportsM2PerPupil:
		return ResSportsM2, false
	case EquipmentYuanPerPupil:
		return ResEquipmentYuan, false
	}
	return ResMultimediaRooms, true
}

// LatestResources returns the resources of school at or before year: the
// row of that year, else the latest earlier one (a projected year uses the
// last known teachers and rooms); nil when there is none.
func LatestResources(rs []Resources, school string, year int) *Resources {
	var best *Resources
	for i := range rs {
		r := &rs[i]
		if r.School != school || r.Year > year {
			continue
		}
		if best == nil || r.Year > best.Year {
			best = r
		}
	}
	return best
}
