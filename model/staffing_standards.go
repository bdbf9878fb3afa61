package model

// StaffingStandards are the 教职工编制 (teacher staffing) numbers.
//
// Source: 中央编办 教育部 财政部《关于统一城乡中小学教职工编制标准的通知》
// (中央编办发〔2014〕72号): one national 生师比 for town and country, primary
// 1:19 and junior middle 1:13.5; and 国务院办公厅《关于全面加强乡村小规模学校
// 和乡镇寄宿制学校建设的指导意见》(国办发〔2018〕27号): small schools
// (小规模学校, under 200 pupils here: Standards.SmallSchoolStaffed) are
// staffed by 生师比 and 班师比 together, "不低于1:2的班师比".
type StaffingStandards struct {
	// PupilTeacherPrimary (19) and PupilTeacherJunior (13.5) are the
	// 生师比: pupils per teacher. Required teachers of a stage =
	// ⌈pupils / ratio⌉.
	PupilTeacherPrimary float64
	PupilTeacherJunior  float64
	// TeachersPerClass is the 班师比 read as teachers per class (2: "1:2"
	// means one class to two teachers). A school under SmallSchoolStaffed
	// pupils needs at least ⌈classes × TeachersPerClass⌉ teachers.
	TeachersPerClass float64
}

// DefaultStaffingStandards returns 19, 13.5 and 2.
func DefaultStaffingStandards() StaffingStandards {
	return StaffingStandards{PupilTeacherPrimary: 19, PupilTeacherJunior: 13.5, TeachersPerClass: 2}
}

func (s StaffingStandards) orDefault() StaffingStandards {
	def := DefaultStaffingStandards()
	if s.PupilTeacherPrimary <= 0 {
		s.PupilTeacherPrimary = def.PupilTeacherPrimary
	}
	if s.PupilTeacherJunior <= 0 {
		s.PupilTeacherJunior = def.PupilTeacherJunior
	}
	if s.TeachersPerClass <= 0 {
		s.TeachersPerClass = def.TeachersPerClass
	}
	return s
}

// PupilTeacher returns the 生师比 of a stage: junior for LevelJunior,
// primary otherwise.
func (s StaffingStandards) PupilTeacher(stage Level) float64 {
	if stage == LevelJunior {
		return s.PupilTeacherJunior
	}
	return s.PupilTeacherPrimary
}
