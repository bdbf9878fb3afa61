package model

// Indicator is one of the seven 优质均衡 resource indicators of
// 教督〔2017〕6号《县域义务教育优质均衡发展督导评估办法》 art. 6, in the order
// of the JSON keys.
type Indicator int

const (
	QualifiedTeachersPer100 Indicator = iota // 每百名学生拥有高于规定学历教师数
	BackboneTeachersPer100                   // 每百名学生拥有县级及以上骨干教师数
	PEArtTeachersPer100                      // 每百名学生拥有体育、艺术(美术、音乐)专任教师数
	BuildingM2PerPupil                       // 生均教学及辅助用房面积 (m²)
	SportsM2PerPupil                         // 生均体育运动场馆面积 (m²)
	EquipmentYuanPerPupil                    // 生均教学仪器设备值 (元)
	MultimediaRoomsPer100                    // 每百名学生拥有网络多媒体教室数
	NumIndicators
)

var indicatorKeys = [NumIndicators]string{
	"qualified_teachers_per_100", "backbone_teachers_per_100", "pe_art_teachers_per_100",
	"building_m2_per_pupil", "sports_m2_per_pupil", "equipment_yuan_per_pupil", "multimedia_rooms_per_100",
}

// Key is the stable JSON key of the indicator.
func (i Indicator) Key() string {
	if i < 0 || i >= NumIndicators {
		return ""
	}
	return indicatorKeys[i]
}

// Indicators lists the seven indicators in order.
func Indicators() []Indicator {
	out := make([]Indicator, NumIndicators)
	for i := range out {
		out[i] = Indicator(i)
	}
	return out
}

// BalanceStandards are the 优质均衡 thresholds of 教督〔2017〕6号 art. 6:
// per school, at least BalanceMinMet (6) of the seven indicators reach the
// standard and the others at least BalanceMinShare (85 %) of it; per county,
// every indicator's pupil-weighted 差异系数 (coefficient of variation) is
// at most BalanceCVPrimary (0.50) for primary and BalanceCVJunior (0.45)
// for junior schools.
type BalanceStandards struct {
	// BalancePrimary and BalanceJunior are the standards of the seven
	// indicators in Indicator order. Units: teachers or rooms per 100
	// pupils, m² per pupil, 元 per pupil. Primary 4.2, 1, 0.9, 4.5 m²,
	// 7.5 m², 2000 元, 2.3; junior 5.3, 1, 0.9, 5.8 m², 10.2 m², 2500 元, 2.4.
	BalancePrimary [NumIndicators]float64
	BalanceJunior  [NumIndicators]float64
	// BalanceMinMet (6) indicators must reach the standard; the others at
	// least BalanceMinShare (0.85) of it.
	BalanceMinMet   int
	BalanceMinShare float64
	// BalanceCVPrimary (0.50) and BalanceCVJunior (0.45) are the 差异系数
	// limits (inclusive: a CV equal to the limit passes).
	BalanceCVPrimary float64
	BalanceCVJunior  float64
	// BalanceMinPupils (50): schools of a stage with fewer pupils (教学点)
	// are listed but left out of the CVs, as provincial 实施细则 do.
	BalanceMinPupils int
}

// DefaultBalanceStandards returns the values of 教督〔2017〕6号.
func DefaultBalanceStandards() BalanceStandards {
	return BalanceStandards{
		BalancePrimary:   [NumIndicators]float64{4.2, 1, 0.9, 4.5, 7.5, 2000, 2.3},
		BalanceJunior:    [NumIndicators]float64{5.3, 1, 0.9, 5.8, 10.2, 2500, 2.4},
		BalanceMinMet:    6,
		BalanceMinShare:  0.85,
		BalanceCVPrimary: 0.50,
		BalanceCVJunior:  0.45,
		BalanceMinPupils: 50,
	}
}

func (s BalanceStandards) orDefault() BalanceStandards {
	def := DefaultBalanceStandards()
	for i := range s.BalancePrimary {
		if s.BalancePrimary[i] <= 0 {
			s.BalancePrimary[i] = def.BalancePrimary[i]
		}
		if s.BalanceJunior[i] <= 0 {
			s.BalanceJunior[i] = def.BalanceJunior[i]
		}
	}
	if s.BalanceMinMet <= 0 {
		s.BalanceMinMet = def.BalanceMinMet
	}
	if s.BalanceMinShare <= 0 {
		s.BalanceMinShare = def.BalanceMinShare
	}
	if s.BalanceCVPrimary <= 0 {
		s.BalanceCVPrimary = def.BalanceCVPrimary
	}
	if s.BalanceCVJunior <= 0 {
		s.BalanceCVJunior = def.BalanceCVJunior
	}
	if s.BalanceMinPupils < 0 {
		s.BalanceMinPupils = def.BalanceMinPupils
	}
	return s
}

// BalanceStandard returns the standards of a stage (junior for
// LevelJunior, primary otherwise) and its CV limit.
func (s BalanceStandards) BalanceStandard(stage Level) (std [NumIndicators]float64, cvLimit float64) {
	if stage == LevelJunior {
		return s.BalanceJunior, s.BalanceCVJunior
	}
	return s.BalancePrimary, s.BalanceCVPrimary
}
