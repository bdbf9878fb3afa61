package forecast

import (
	"math"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// 小班/中班 records (grades −2, −1) of schools that are not kindergartens
// are left out; a kindergarten's are kept.
func TestNurseryGradesLeftOut(t *testing.T) {
	recs := []model.Enrollment{
		{School: "K", Year: 2024, Grade: -2, Students: 25, Classes: 1},
		{School: "A", Year: 2024, Grade: 1, Students: 40},
		{School: "A", Year: 2024, Grade: -1, Students: 30, Classes: 1},
	}
	got := withoutNurseryGrades(recs, map[string]bool{"K": true})
	if len(got) != 2 || got[0].School != "K" || got[1].Grade != 1 || len(recs) != 3 {
		t.Fatalf("got %+v", got)
	}
	clean := recs[:2]
	if out := withoutNurseryGrades(clean, map[string]bool{"K": true}); &out[0] != &clean[0] {
		t.Error("a history without dropped records must not be copied")
	}
	in := Input{Schools: []model.School{{ID: "A", Level: model.LevelPrimary}, {ID: "K", Level: model.LevelKindergarten}},
		History: append(recs, model.Enrollment{School: "X", Year: 2024, Grade: -2}, model.Enrollment{School: "Y", Year: 2024, Grade: -2}, model.Enrollment{School: "Y", Year: 2024, Grade: 3})}
	kg := kindergartenIDs(in)
	if !kg["K"] || !kg["X"] || kg["A"] || kg["Y"] {
		t.Errorf("kindergartens %v, want K and X", kg)
	}
}

// TestKindergartenChain is the worked example of nursery.go: 小班 from the
// township's births lagged 3 years, 中班 and 大班 by progression, classes
// at 25/30/35, and the analysis' kindergarten block counting all three.
func TestKindergartenChain(t *testing.T) {
	d := &model.District{
		Schools: []model.School{{ID: "K", Name: "城关幼儿园", Level: model.LevelKindergarten, Township: "城关镇", Capacity: 210}},
		Zones:   []model.Zone{{ID: "Z1", Township: "城关镇"}, {ID: "Z2", Township: "其他乡"}},
		History: series("K", 2020, map[model.Grade][]int{
			-2: {50, 55, 60, 65},
			-1: {48, 49, 55, 57},
			0:  {46, 48, 49, 55},
		}),
	}
	for i, b := range []int{100, 110, 120, 130, 140, 160} {
		d.Births = append(d.Births, model.Births{Zone: "Z1", Year: 2017 + i, Births: b},
			model.Births{Zone: "Z2", Year: 2017 + i, Births: 999})
	}
	res, err := District(nil, []Step{{District: d}}, DistrictOptions{Options: Options{Years: 2, BirthCutoff: 1}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[[2]int][2]float64{ // {year, grade} → {pupils, classes}
		{2024, -2}: {70, 3}, {2024, -1}: {65 * 2.93 / 3, 3}, {2024, 0}: {57, 2},
		{2025, -2}: {80, 4}, {2025, -1}: {70 * 2.93 / 3, 3}, {2025, 0}: {65 * 2.93 / 3, 2},
	}
	if len(res.Projections) != len(want) {
		t.Fatalf("%d projections, want %d: %+v", len(res.Projections), len(want), res.Projections)
	}
	for _, p := range res.Projections {
		w := want[[2]int{p.Year, int(p.Grade)}]
		if math.Abs(p.Students-w[0]) > 1e-9 || p.Classes != int(w[1]) {
			t.Errorf("%d grade %d: %.4f pupils in %d classes, want %.4f in %.0f", p.Year, p.Grade, p.Students, p.Classes, w[0], w[1])
		}
	}
	for _, c := range []struct{ year, students, classes, gap int }{{2024, 70 + 63 + 57, 8, 190 - 210}, {2025, 80 + 68 + 63, 9, 211 - 210}} {
		a := model.Analyze(res.At(c.year).Schools, res.Records, c.year, d.Standards)
		k := a.Summary.Kindergarten
		if k.Students != c.students || k.Classes != c.classes || a.Schools[0].Kindergarten.SeatGap != c.gap {
			t.Errorf("%d: kindergarten %+v (school %+v), want %d pupils, %d classes, gap %d", c.year, k, a.Schools[0].Kindergarten, c.students, c.classes, c.gap)
		}
	}
}
