package forecast

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// benchDistrict is n nine-year schools with 10 years of history (grades
// 1–9), one zone each with 20 years of births and some new housing.
func benchDistrict(n int) Input {
	rng := rand.New(rand.NewPCG(1, 2))
	in := Input{
		Schools: make([]model.School, n),
		Zones:   make([]model.Zone, n),
		History: make([]model.Enrollment, 0, n*9*10),
	}
	for i := range n {
		id := fmt.Sprintf("S%05d", i)
		in.Schools[i] = model.School{ID: id, Level: model.LevelNineYear}
		in.Zones[i] = model.Zone{ID: "Z" + id, PrimarySchool: id, JuniorSchool: id, Population: 5000}
		for y := 2014; y <= 2023; y++ {
			for g := 1; g <= 9; g++ {
				in.History = append(in.History, model.Enrollment{School: id, Year: y, Grade: model.Grade(g),
					Students: 80 + rng.IntN(40), Classes: 2})
			}
		}
		for y := 2004; y <= 2023; y++ {
			in.Births = append(in.Births, model.Births{Zone: "Z" + id, Year: y, Births: 90 + rng.IntN(30)})
		}
		if i%10 == 0 {
			in.Housing = append(in.Housing, model.Housing{Zone: "Z" + id, Year: 2022 + rng.IntN(5), Dwellings: 500})
		}
	}
	return in
}

// BenchmarkProject10kSchools projects 10 000 schools × 9 grades × 15 years
// (1.35 M projected grade-years). Target: < 200 ms.
func BenchmarkProject10kSchools(b *testing.B) {
	in := benchDistrict(10000)
	opt := Options{Years: 15}
	b.ReportAllocs()
	for b.Loop() {
		r, err := Project(in, opt)
		if err != nil {
			b.Fatal(err)
		}
		if len(r.Projections) != 10000*9*15 {
			b.Fatalf("%d projections", len(r.Projections))
		}
	}
}

// BenchmarkBacktest1kSchools backtests 3 years on 1 000 nine-year schools.
func BenchmarkBacktest1kSchools(b *testing.B) {
	in := benchDistrict(1000)
	for b.Loop() {
		if _, err := Backtest(in, 3, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
