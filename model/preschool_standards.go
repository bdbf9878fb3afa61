package model

// PreschoolStandards are the 学前 targets and the 配套学校 (schools for new
// housing estates) numbers.
type PreschoolStandards struct {
	// PreschoolAgeShare is the share of the resident population aged 3–5,
	// used when a zone has neither births nor an age count: 2020 census
	// (第七次全国人口普查), ages 0–4 77.88 M and 5–9 90.24 M of 1411.78 M;
	// ages 3–5 ≈ 2/5 × 77.88 + 1/5 × 90.24 = 49.2 M → 0.035.
	PreschoolAgeShare float64
	// GrossEnrolmentTarget (0.95) is the 学前三年毛入园率 target: enrolled
	// children ÷ children aged 3–5 (《"十四五"学前教育发展提升行动计划》,
	// 教基〔2021〕8号: over 90 % by 2025; 95 % is the goal county plans adopt).
	GrossEnrolmentTarget float64
	// PublicShareTarget (0.55) is the 公办园在园幼儿占比 target (教基〔2021〕8号
	// and county plans: 50 % nationally, 55 % by 2025 in provincial plans).
	PublicShareTarget float64
	// InclusiveShareTarget (0.92) is the 普惠性幼儿园覆盖率 target: children in
	// 公办 or 普惠性民办 kindergartens ÷ all enrolled (教基〔2021〕8号: > 85 %;
	// 92 % in provincial plans).
	InclusiveShareTarget float64

	// PersonsPerHousehold (3.0) turns a new estate's dwellings into
	// residents. Set it to the city's 规划 figure (2020 census national
	// mean 2.62; planning standards often use 3.0–3.2).
	PersonsPerHousehold float64
	// PlacesPer1000Primary (70) and PlacesPer1000Junior (35) are the
	// 千人学位指标: school places needed per 1000 residents of a new estate.
	// Documented defaults in the range of city 配套 standards (小学 60–80,
	// 初中 30–40 per 1000); set them to the city's own 规划 standard.
	PlacesPer1000Primary float64
	PlacesPer1000Junior  float64
}

// DefaultPreschoolStandards returns the documented defaults above.
func DefaultPreschoolStandards() PreschoolStandards {
	return PreschoolStandards{
		PreschoolAgeShare:    0.035,
		GrossEnrolmentTarget: 0.95,
		PublicShareTarget:    0.55,
		InclusiveShareTarget: 0.92,
		PersonsPerHousehold:  3.0,
		PlacesPer1000Primary: 70,
		PlacesPer1000Junior:  35,
	}
}

func (s PreschoolStandards) orDefault() PreschoolStandards {
	def := DefaultPreschoolStandards()
	fix := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	fix(&s.PreschoolAgeShare, def.PreschoolAgeShare)
	fix(&s.GrossEnrolmentTarget, def.GrossEnrolmentTarget)
	fix(&s.PublicShareTarget, def.PublicShareTarget)
	fix(&s.InclusiveShareTarget, def.InclusiveShareTarget)
	fix(&s.PersonsPerHousehold, def.PersonsPerHousehold)
	fix(&s.PlacesPer1000Primary, def.PlacesPer1000Primary)
	fix(&s.PlacesPer1000Junior, def.PlacesPer1000Junior)
	return s
}

// PlacesPer1000 returns the 千人学位指标 of a stage.
func (s PreschoolStandards) PlacesPer1000(stage Level) float64 {
	if stage == LevelJunior {
		return s.PlacesPer1000Junior
	}
	return s.PlacesPer1000Primary
}
