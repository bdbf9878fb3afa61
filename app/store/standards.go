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
	{key: "kindergarten_class_small", int: func(s *model.Standards) *int { return &s.KindergartenClass[0] }},
	{key: "kindergarten_class_middle", int: func(s *model.Standards) *int { return &s.KindergartenClass[1] }},
	{key: "kindergarten_class_large", int: func(s *model.Standards) *int { return &s.KindergartenClass[2] }},
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
