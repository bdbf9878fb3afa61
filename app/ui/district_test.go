package ui

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// testDistrict is a small made-up county for the UI tests: a 6×4 grid of
// square zones (about 1 km each) near 117°E 31°N, three primary schools and
// one junior school, and two years of history with every class-size status.
func testDistrict() *model.District {
	const (
		lon0, lat0 = 117.0, 31.0
		step       = 0.01
		cols, rows = 6, 4
	)
	d := &model.District{Name: "测试县"}
	d.Schools = []model.School{
		{ID: "P1", Name: "城关小学", Level: model.LevelPrimary, Location: orb.Point{lon0 + 0.5*step, lat0 + 0.5*step}},
		{ID: "P2", Name: "东城小学", Level: model.LevelPrimary, Location: orb.Point{lon0 + 3.5*step, lat0 + 1.5*step}},
		{ID: "P3", Name: "北关小学", Level: model.LevelPrimary, Location: orb.Point{lon0 + 1.5*step, lat0 + 3.5*step}},
		{ID: "J1", Name: "第一初级中学", Level: model.LevelJunior, Location: orb.Point{lon0 + 4.5*step, lat0 + 3.5*step}},
	}
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			x, y := lon0+float64(c)*step, lat0+float64(r)*step
			ring := orb.Ring{{x, y}, {x + step, y}, {x + step, y + step}, {x, y + step}, {x, y}}
			primary := "P1"
			switch {
			case r >= 2 && c < 3:
				primary = "P3"
			case c >= 3:
				primary = "P2"
			}
			d.Zones = append(d.Zones, model.Zone{
				ID:            fmt.Sprintf("Z%d%d", r, c),
				Name:          fmt.Sprintf("小区%d-%d", r+1, c+1),
				Geometry:      orb.MultiPolygon{{ring}},
				Population:    800 + 450*((r*cols+c)%7),
				PrimarySchool: primary,
				JuniorSchool:  "J1",
			})
		}
	}
	// P1 standard, P2 大班额, P3 超大班额, J1 over standard; two years.
	for _, year := range []int{2023, 2024} {
		for g := model.Grade(1); g <= 6; g++ {
			d.History = append(d.History,
				model.Enrollment{School: "P1", Year: year, Grade: g, Students: 88, Classes: 2},
				model.Enrollment{School: "P2", Year: year, Grade: g, Students: 116, Classes: 2},
				model.Enrollment{School: "P3", Year: year, Grade: g, Students: 68, Classes: 1})
		}
		for g := model.Grade(7); g <= 9; g++ {
			d.History = append(d.History, model.Enrollment{School: "J1", Year: year, Grade: g, Students: 212, Classes: 4})
		}
	}
	return d
}

func testSession() *app.Session { return app.NewSession(testDistrict(), "", nil) }
