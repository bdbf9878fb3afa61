package forecast

import (
	"math"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// FuzzProject feeds arbitrary small districts to Project and Backtest:
// they must return an error or finite, non-negative projections, never
// panic.
func FuzzProject(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, uint8(3), uint8(2))
	f.Add([]byte{0, 0, 0, 0, 200, 1, 7, 9, 3, 3, 3, 3, 3}, uint8(1), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, years, method uint8) {
		ids := []string{"A", "B", "C", "J"}
		in := Input{
			Schools: []model.School{{ID: "A", Level: model.LevelPrimary}, {ID: "J", Level: model.LevelJunior},
				{ID: "C", Level: model.LevelNineYear}},
			Zones: []model.Zone{{ID: "Z", PrimarySchool: "A", JuniorSchool: "J", Population: 10},
				{ID: "Y", PrimarySchool: "B", JuniorSchool: "J"}},
		}
		for i := 0; i+3 < len(data); i += 4 {
			d := data[i : i+4]
			year := 2015 + int(d[1]%10)
			switch d[0] % 5 {
			case 0, 1:
				in.History = append(in.History, model.Enrollment{School: ids[d[0]%4], Year: year, Grade: model.Grade(d[2] % 13), Students: int(d[3])})
			case 2:
				in.Entrants = append(in.Entrants, model.Enrollment{School: ids[d[2]%4], Year: year + 5, Grade: model.Grade(d[2] % 10), Students: int(d[3])})
			case 3:
				in.Births = append(in.Births, model.Births{Zone: []string{"Z", "Y", "A", "Q"}[d[2]%4], Year: year - 6, Births: int(d[3])})
			case 4:
				in.Housing = append(in.Housing, model.Housing{Zone: []string{"Z", "Y", "B"}[d[2]%3], Year: year, Dwellings: int(d[3])})
			}
		}
		opt := Options{Years: int(years%12) + 1, Method: Method(method % 3), Round: method&4 != 0, Window: int(method%6) + 1}
		r, err := Project(in, opt)
		if err != nil {
			return
		}
		for _, p := range r.Projections {
			if math.IsNaN(p.Students) || math.IsInf(p.Students, 0) || p.Students < 0 {
				t.Fatalf("projection %+v", p)
			}
		}
		for _, x := range r.Ratios {
			if math.IsNaN(x.Ratio) || math.IsInf(x.Ratio, 0) {
				t.Fatalf("ratio %+v", x)
			}
		}
		if b, err := Backtest(in, 2, opt); err == nil {
			ApplyIntervals(r, b)
		}
		_ = ToEnrollment(r, nil)
	})
}
