package forecast

import (
	"math"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// linearSeries is school L (grades 1–3) 2015–2023 whose intake grows by 10
// a year from 100 and whose pupils all move up: grade g in year t is
// 100 + 10·(t − g + 1 − 2015). Every progression ratio is exactly 1.
func linearSeries() Input {
	var h []model.Enrollment
	for y := 2015; y <= 2023; y++ {
		for g := 1; g <= 3; g++ {
			if c := 100 + 10*(y-g+1-2015); y-g+1 >= 2015 {
				h = append(h, model.Enrollment{School: "L", Year: y, Grade: model.Grade(g), Students: c})
			}
		}
	}
	return Input{History: h}
}

// Backtest 3 on linearSeries hides 2021–2023 and projects from 2020
// (grade 1 = 150, grade 2 = 140, grade 3 = 130). Without births the intake
// is carried at 150; ratios are exactly 1. Actual vs projected:
//
//	h  grade 1      grade 2      grade 3     MAPE
//	1  160 vs 150   150 vs 150   140 vs 140  (1/16)/3
//	2  170 vs 150   160 vs 150   150 vs 150  (2/17 + 1/16)/3
//	3  180 vs 150   170 vs 150   160 vs 150  (1/6 + 2/17 + 1/16)/3
//
// Naive (same as 2020) misses every grade by 10·h: h = 1 gives
// (10/160 + 10/150 + 10/140)/3. The linear trend fits the straight line
// exactly: MAPE 0. Relative errors (actual − projected)/projected at
// h = 1 are {0, 0, 10/150}: with 80 % coverage the empirical 10 % and 90 %
// quantiles are 0 and 1/15.
func TestBacktestKnownAnswer(t *testing.T) {
	b, err := Backtest(linearSeries(), 3, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b.HoldoutYear != 2020 || b.BaseYear != 2023 || len(b.Horizons) != 3 {
		t.Fatalf("backtest %+v", b)
	}
	want := []float64{(1.0 / 16) / 3, (2.0/17 + 1.0/16) / 3, (1.0/6 + 2.0/17 + 1.0/16) / 3}
	naive1 := (10.0/160 + 10.0/150 + 10.0/140) / 3
	for i, h := range b.Horizons {
		near(t, "MAPE", h.MAPE, want[i])
		near(t, "trend MAPE", h.TrendMAPE, 0)
		if h.N != 3 || h.Horizon != i+1 {
			t.Errorf("horizon %+v", h)
		}
	}
	near(t, "naive h1", b.Horizons[0].NaiveMAPE, naive1)
	near(t, "lower h1", b.Horizons[0].LowerError, 0)
	near(t, "upper h1", b.Horizons[0].UpperError, 1.0/15)
	if len(b.Schools) != 1 || b.Schools[0].N != 9 {
		t.Errorf("schools %+v", b.Schools)
	}
	near(t, "school MAPE", b.Schools[0].MAPE, (want[0]+want[1]+want[2])/3)

	// Intervals on a projection from 2023: 1 year ahead, grade 1 carried
	// at 180 → [180, 192].
	r := mustProject(t, linearSeries(), Options{Years: 4})
	ApplyIntervals(r, b)
	p := get(t, r, "L", 2024, 1)
	if !p.HasInterval {
		t.Fatal("no interval")
	}
	near(t, "lower", p.Lower, 180)
	near(t, "upper", p.Upper, 192)
	if !hasNote(r.Notes, "beyond 3 year(s) ahead") {
		t.Errorf("no note about reused horizons: %q", r.Notes)
	}
}

// A series the model reproduces exactly (constant births ratio, ratios 1)
// backtests with MAPE 0 while the naive baseline does not.
func TestBacktestPerfectModel(t *testing.T) {
	in := linearSeries()
	for y := 2000; y <= 2017; y++ {
		// Births chosen so that ρ = 0.5 exactly: births(t−6) = 2·intake(t).
		in.Births = append(in.Births, model.Births{Zone: "L", Year: y, Births: 2 * (100 + 10*(y+6-2015))})
	}
	b, err := Backtest(in, 2, Options{BirthCutoff: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range b.Horizons {
		near(t, "MAPE", h.MAPE, 0)
		if !(h.NaiveMAPE > 0) {
			t.Errorf("naive MAPE %v", h.NaiveMAPE)
		}
	}
}

func TestBacktestErrors(t *testing.T) {
	_, err := Backtest(threeYears(), 3, Options{})
	wantInputError(t, err, "backtest")
	_, err = Backtest(threeYears(), 0, Options{})
	wantInputError(t, err, "backtest")
	b, err := Backtest(threeYears(), 2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// One year of history (2021): ratios are the district's, none exist,
	// so 1; horizon errors are still defined.
	if len(b.Horizons) != 2 || math.IsNaN(b.Horizons[0].MAPE) {
		t.Errorf("horizons %+v", b.Horizons)
	}
}
