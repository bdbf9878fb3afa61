package synth

import (
	"math"
	"math/rand/v2"

	"github.com/xuequ/xuequ/model"
)

// addResources gives every K–9 school a resources row (办学条件) for the
// last three history years when cfg.Resources is set. Each school has
// fixed factors (seeded), so its rows move with its pupils only:
//
//	teachers   ⌈primary/19⌉ + ⌈junior/13.5⌉ (2 per class under 200 pupils) × 0.86–1.06
//	qualified  teachers × 0.66–0.98 (villages 0.1 lower)
//	backbone   pupils/100 × 0.75–1.6,  PE/arts pupils/100 × 0.72–1.32
//	building   max(800, pupils × 4–7 × up) m²,  sports max(2000, pupils × 6.4–12.4 × up) m²
//	equipment  100 000 + pupils × 1 700–3 300 × up 元,  multimedia rooms classes × 0.8–1.1
//
// where up = (primary + 1.3 × junior pupils) / pupils follows the higher
// junior standards.
func (g *gen) addResources(d *model.District) {
	if !g.cfg.Resources {
		return
	}
	r := rand.New(rand.NewPCG(g.cfg.Seed, 606))
	std := model.DefaultStandards()
	for _, s := range d.Schools {
		if !s.Level.InK9() {
			continue
		}
		rural := s.Level == model.LevelPrimary && s.Capacity < 400 // village schools
		f := [7]float64{0.86 + 0.2*r.Float64(), 0.66 + 0.32*r.Float64(), 0.75 + 0.85*r.Float64(), 0.72 + 0.6*r.Float64(),
			4 + 3*r.Float64(), 6.4 + 6*r.Float64(), 1700 + 1600*r.Float64()}
		rooms := 0.8 + 0.3*r.Float64()
		if rural {
			f[1] -= 0.1
		}
		for y := g.lastYear() - 2; y <= g.lastYear(); y++ {
			var primary, junior, classes int
			for _, e := range d.History {
				if e.School != s.ID || e.Year != y {
					continue
				}
				switch e.Grade.Stage() {
				case model.LevelPrimary:
					primary += e.Students
				case model.LevelJunior:
					junior += e.Students
				default:
					continue
				}
				classes += e.Classes
			}
			pupils := primary + junior
			if pupils == 0 {
				continue
			}
			// Junior standards are higher (5.8 m², 10.2 m², 2500 元 against
			// 4.5, 7.5, 2000): floor areas and equipment follow the stage mix.
			up := (float64(primary) + 1.3*float64(junior)) / float64(pupils)
			need := math.Ceil(float64(primary)/std.PupilTeacherPrimary) + math.Ceil(float64(junior)/std.PupilTeacherJunior)
			if pupils < std.SmallSchoolStaffed {
				need = max(need, float64(classes)*std.TeachersPerClass)
			}
			teachers := math.Round(need * f[0])
			p100 := float64(pupils) / 100
			row := model.Resources{School: s.ID, Year: y}
			row.Set(model.ResTeachers, teachers)
			row.Set(model.ResTeachersQualified, math.Round(teachers*f[1]))
			row.Set(model.ResTeachersBackbone, math.Round(p100*f[2]))
			row.Set(model.ResTeachersPEArt, max(1, math.Round(p100*f[3])))
			row.Set(model.ResBuildingM2, math.Round(max(800, float64(pupils)*f[4]*up)))
			row.Set(model.ResSportsM2, math.Round(max(2000, float64(pupils)*f[5]*up)))
			row.Set(model.ResEquipmentYuan, math.Round((100000+float64(pupils)*f[6]*up)/100)*100)
			row.Set(model.ResMultimediaRooms, math.Round(float64(classes)*rooms))
			d.Resources = append(d.Resources, row)
		}
	}
}
