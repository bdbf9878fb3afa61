package store

import "github.com/xuequ/xuequ/model"

// standardFields maps the keys of the standards table to model.Standards
// fields. A test checks that every field is listed, so a new field cannot be
// forgotten here. Keys are part of the file format: never rename them.
var standardFields = []struct {
	key   string
	int   func(*model.Standards) *int
	float func(*model.Standards) *float64
}{
	{key: "standard_class_primary", int: func(s *model.Standards) *int { return &s.StandardClassPrimary }},
	{key: "standard_class_junior", int: func(s *model.Standards) *int { return &s.StandardClassJunior }},
	{key: "large_class_min", int: func(s *model.Standards) *int { return &s.LargeClassMin }},
	{key: "very_large_class_min", int: func(s *model.Standards) *int { return &s.VeryLargeClassMin }},
	{key: "large_share_target", float: func(s *model.Standards) *float64 { return &s.LargeShareTarget }},
	{key: "oversized_school", int: func(s *model.Standards) *int { return &s.OversizedSchool }},
	{key: "oversized_nine_year", int: func(s *model.Standards) *int { return &s.OversizedNineYear }},
	{key: "small_school", int: func(s *model.Standards) *int { return &s.SmallSchool }},
	{key: "small_school_staffed", int: func(s *model.Standards) *int { return &s.SmallSchoolStaffed }},
	{key: "service_radius_primary_m", float: func(s *model.Standards) *float64 { return &s.ServiceRadiusPrimary }},
	{key: "service_radius_junior_m", float: func(s *model.Standards) *float64 { return &s.ServiceRadiusJunior }},
	{key: "migrant_public_share", float: func(s *model.Standards) *float64 { return &s.MigrantPublicShare }},
	{key: "school_age_share_primary", float: func(s *model.Standards) *float64 { return &s.SchoolAgeSharePrimary }},
	{key: "school_age_share_junior", float: func(s *model.Standards) *float64 { return &s.SchoolAgeShareJunior }},
	// Schema version 4 (issue 14): kindergarten classes, staffing, 优质均衡, 学前, 配套.
	{key: "kindergarten_class_small", int: func(s *model.Standards) *int { return &s.KindergartenClass[0] }},
	{key: "kindergarten_class_middle", int: func(s *model.Standards) *int { return &s.KindergartenClass[1] }},
	{key: "kindergarten_class_large", int: func(s *model.Standards) *int { return &s.KindergartenClass[2] }},
	{key: "pupil_teacher_primary", float: func(s *model.Standards) *float64 { return &s.PupilTeacherPrimary }},
	{key: "pupil_teacher_junior", float: func(s *model.Standards) *float64 { return &s.PupilTeacherJunior }},
	{key: "teachers_per_class", float: func(s *model.Standards) *float64 { return &s.TeachersPerClass }},
	{key: "balance_primary_qualified_teachers_per_100", float: func(s *model.Standards) *float64 { return &s.BalancePrimary[0] }},
	{key: "balance_primary_backbone_teachers_per_100", float: func(s *model.Standards) *float64 { return &s.BalancePrimary[1] }},
	{key: "balance_primary_pe_art_teachers_per_100", float: func(s *model.Standards) *float64 { return &s.BalancePrimary[2] }},
	{key: "balance_primary_building_m2_per_pupil", float: func(s *model.Standards) *float64 { return &s.BalancePrimary[3] }},
	{key: "balance_primary_sports_m2_per_pupil", float: func(s *model.Standards) *float64 { return &s.BalancePrimary[4] }},
	{key: "balance_primary_equipment_yuan_per_pupil", float: func(s *model.Standards) *float64 { return &s.BalancePrimary[5] }},
	{key: "balance_primary_multimedia_rooms_per_100", float: func(s *model.Standards) *float64 { return &s.BalancePrimary[6] }},
	{key: "balance_junior_qualified_teachers_per_100", float: func(s *model.Standards) *float64 { return &s.BalanceJunior[0] }},
	{key: "balance_junior_backbone_teachers_per_100", float: func(s *model.Standards) *float64 { return &s.BalanceJunior[1] }},
	{key: "balance_junior_pe_art_teachers_per_100", float: func(s *model.Standards) *float64 { return &s.BalanceJunior[2] }},
	{key: "balance_junior_building_m2_per_pupil", float: func(s *model.Standards) *float64 { return &s.BalanceJunior[3] }},
	{key: "balance_junior_sports_m2_per_pupil", float: func(s *model.Standards) *float64 { return &s.BalanceJunior[4] }},
	{key: "balance_junior_equipment_yuan_per_pupil", float: func(s *model.Standards) *float64 { return &s.BalanceJunior[5] }},
	{key: "balance_junior_multimedia_rooms_per_100", float: func(s *model.Standards) *float64 { return &s.BalanceJunior[6] }},
	{key: "balance_min_met", int: func(s *model.Standards) *int { return &s.BalanceMinMet }},
	{key: "balance_min_share", float: func(s *model.Standards) *float64 { return &s.BalanceMinShare }},
	{key: "balance_cv_primary", float: func(s *model.Standards) *float64 { return &s.BalanceCVPrimary }},
	{key: "balance_cv_junior", float: func(s *model.Standards) *float64 { return &s.BalanceCVJunior }},
	{key: "balance_min_pupils", int: func(s *model.Standards) *int { return &s.BalanceMinPupils }},
	{key: "preschool_age_share", float: func(s *model.Standards) *float64 { return &s.PreschoolAgeShare }},
	{key: "preschool_gross_enrolment_target", float: func(s *model.Standards) *float64 { return &s.GrossEnrolmentTarget }},
	{key: "preschool_public_share_target", float: func(s *model.Standards) *float64 { return &s.PublicShareTarget }},
	{key: "preschool_inclusive_share_target", float: func(s *model.Standards) *float64 { return &s.InclusiveShareTarget }},
	{key: "persons_per_household", float: func(s *model.Standards) *float64 { return &s.PersonsPerHousehold }},
	{key: "places_per_1000_primary", float: func(s *model.Standards) *float64 { return &s.PlacesPer1000Primary }},
	{key: "places_per_1000_junior", float: func(s *model.Standards) *float64 { return &s.PlacesPer1000Junior }},
}

// standardValue returns field i of s as a float64 for the table.
func standardValue(s *model.Standards, i int) float64 {
	f := standardFields[i]
	if f.int != nil {
		return float64(*f.int(s))
	}
	return *f.float(s)
}

// setStandard sets the field named key; unknown keys (from a newer minor
// version) are ignored.
func setStandard(s *model.Standards, key string, v float64) {
	for _, f := range standardFields {
		if f.key != key {
			continue
		}
		if f.int != nil {
			*f.int(s) = int(v)
		} else {
			*f.float(s) = v
		}
	}
}
