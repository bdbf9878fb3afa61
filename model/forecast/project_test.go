package forecast

import (
	"testing"

	"github.com/xuequ/xuequ/model"
)

// threeYears is school A (level from the records: grades 1–3), 2021–2023:
//
//	grade  2021 2022 2023
//	1       100  110  121
//	2        90   95   99
//	3        80   88   95
func threeYears() Input {
	return Input{History: series("A", 2021, map[model.Grade][]int{
		1: {100, 110, 121},
		2: {90, 95, 99},
		3: {80, 88, 95},
	})}
}

// Worked by hand, window 5 (only 2 year-to-year changes exist):
//
//	r(2) = mean(95/100, 99/110) = mean(0.95, 0.9) = 0.925
//	r(3) = mean(88/90, 95/95)   = (0.97777… + 1)/2 = 0.98888…
//	no births or entrants: grade 1 keeps last year's 121
//	2024: g1 121, g2 121·0.925 = 111.925, g3 99·0.98888… = 97.9
//	2025: g1 121, g2 111.925,             g3 111.925·0.98888… = 110.681389…
//
// With Round every year is rounded half-up before it feeds the next:
//
//	2024: g2 111.925 → 112, g3 97.9 → 98
//	2025: g2 112,           g3 112·0.98888… = 110.7555… → 111
func TestProjectThreeYearsByHand(t *testing.T) {
	r := mustProject(t, threeYears(), Options{Years: 2})
	near(t, "r(2)", ratioOf(t, r, "A", 2).Ratio, 0.925)
	near(t, "r(3)", ratioOf(t, r, "A", 3).Ratio, (88.0/90+1)/2)
	if x := ratioOf(t, r, "A", 2); x.Observations != 2 || x.Kind != SourceProgression {
		t.Errorf("ratio 2 = %+v, want 2 observations of progression", x)
	}
	if k := ratioOf(t, r, "A", 1).Kind; k != SourceCarry {
		t.Errorf("entry kind %v, want carry", k)
	}
	want := map[[2]int]float64{
		{2024, 1}: 121, {2024, 2}: 111.925, {2024, 3}: 97.9,
		{2025, 1}: 121, {2025, 2}: 111.925, {2025, 3}: 111.925 * (88.0/90 + 1) / 2,
	}
	for k, w := range want {
		near(t, "unrounded", get(t, r, "A", k[0], model.Grade(k[1])).Students, w)
	}
	near(t, "2025 g3", get(t, r, "A", 2025, 3).Students, 110.68138888888889)
	if len(r.Projections) != 6 {
		t.Errorf("%d projections, want 3 grades × 2 years", len(r.Projections))
	}
	if !hasNote(r.Notes, "fewer than the 5-year window") {
		t.Errorf("no note about the short history: %q", r.Notes)
	}
	if !hasNote(r.Notes, "last year's intake is kept") {
		t.Errorf("no note about the carried intake: %q", r.Notes)
	}
	if p := get(t, r, "A", 2024, 1); p.Source != SourceCarry {
		t.Errorf("2024 grade 1 source %v, want carry", p.Source)
	}

	rr := mustProject(t, threeYears(), Options{Years: 2, Round: true})
	wantR := map[[2]int]float64{
		{2024, 1}: 121, {2024, 2}: 112, {2024, 3}: 98,
		{2025, 1}: 121, {2025, 2}: 112, {2025, 3}: 111,
	}
	for k, w := range wantR {
		near(t, "rounded", get(t, rr, "A", k[0], model.Grade(k[1])).Students, w)
	}
	// Unrounded 2025 grade 3 shows as 111 too, but from 110.68, not
	// 110.76: the carry differs even where the display agrees.
	if got := get(t, r, "A", 2025, 3).Rounded(); got != 111 {
		t.Errorf("rounded display %d, want 111", got)
	}
}

// sevenYears is school B (grades 1–2) 2017–2023 with births of zone ZB,
// whose primary school is B:
//
//	year   2017 2018 2019 2020 2021 2022 2023
//	g1      100  104   98  110  105  120  115
//	g2       95   97  100   95  104  100  114
//	births 2013:110 2014:120 2015:112 2016:125 2017:118 2018:130 2019:128
func sevenYears() Input {
	births := []model.Births{}
	for y, b := range map[int]int{2013: 110, 2014: 120, 2015: 112, 2016: 125, 2017: 118, 2018: 130, 2019: 128} {
		births = append(births, model.Births{Zone: "ZB", Year: y, Births: b})
	}
	return Input{
		Zones: []model.Zone{{ID: "ZB", PrimarySchool: "B"}},
		History: series("B", 2017, map[model.Grade][]int{
			1: {100, 104, 98, 110, 105, 120, 115},
			2: {95, 97, 100, 95, 104, 100, 114},
		}),
		Births: births,
	}
}

// Worked by hand, window 5 = 2019…2023 (2017 is outside the window):
//
//	r(2,t) = g2(t)/g1(t−1): 100/104 = 0.961538, 95/98 = 0.969388,
//	         104/110 = 0.945455, 100/105 = 0.952381, 114/120 = 0.95
//	ρ(t) = g1(t)/births(t−6): 98/110 = 0.890909, 110/120 = 0.916667,
//	         105/112 = 0.9375, 120/125 = 0.96, 115/118 = 0.974576
//	mean:     r̄ = 4.778762/5 = 0.955752,  ρ̄ = 4.679652/5 = 0.935930
//	weighted: r̄ = Σ i·rᵢ / 15 = 0.953080, ρ̄ = 0.949975
//	smooth:   s = r₁; s = 0.4·rᵢ + 0.6·s → r̄ = 0.953087, ρ̄ = 0.949892
//	2024: g1 = ρ̄·births(2018) = ρ̄·130, g2 = 115·r̄
//	2025: g1 = ρ̄·births(2019) = ρ̄·128, g2 = g1(2024)·r̄
//	2026: births(2020) unknown → g1 carried from 2025, g2 = g1(2025)·r̄
func TestProjectSevenYearsByHandAllMethods(t *testing.T) {
	for _, tc := range []struct {
		m        Method
		r2, rho  float64
		g1, g2   [3]float64
		rounding bool
	}{
		{MethodMean, 0.955752342895, 0.935930405752,
			[3]float64{121.67095274781714, 119.79909193631227, 119.79909193631227},
			[3]float64{109.91151943294801, 116.28729815101741, 114.49826279484792}, false},
		{MethodWeighted, 0.953080094509, 0.949974918678,
			[3]float64{123.49673942818009, 121.59678959082348, 121.59678959082348},
			[3]float64{109.60421086849657, 117.70228408572196, 115.8914797151724}, false},
		{MethodSmooth, 0.953087369773, 0.949892326656,
			[3]float64{123.48600246533127, 121.58621781201848, 121.58621781201848},
			[3]float64{109.60504752390466, 117.69294929347514, 115.88228853511397}, false},
	} {
		t.Run(tc.m.String(), func(t *testing.T) {
			r := mustProject(t, sevenYears(), Options{Years: 3, Method: tc.m, BirthCutoff: 1})
			if d := ratioOf(t, r, "B", 2).Ratio - tc.r2; d > 1e-11 || d < -1e-11 {
				t.Errorf("r(2) = %.12f, want %.12f", tc.r2+d, tc.r2)
			}
			rho := ratioOf(t, r, "B", 1)
			if d := rho.Ratio - tc.rho; d > 1e-11 || d < -1e-11 {
				t.Errorf("ρ = %.12f, want %.12f", rho.Ratio, tc.rho)
			}
			if rho.Kind != SourceBirths || rho.Observations != 5 {
				t.Errorf("entry ratio %+v, want births from 5 years", rho)
			}
			for i := range 3 {
				near(t, "g1", get(t, r, "B", 2024+i, 1).Students, tc.g1[i])
				near(t, "g2", get(t, r, "B", 2024+i, 2).Students, tc.g2[i])
			}
			if s := get(t, r, "B", 2025, 1).Source; s != SourceBirths {
				t.Errorf("2025 source %v, want births", s)
			}
			if s := get(t, r, "B", 2026, 1).Source; s != SourceCarry {
				t.Errorf("2026 source %v, want carry", s)
			}
			if !hasNote(r.Notes, "births do not reach every projected year") {
				t.Errorf("no note about births running out: %q", r.Notes)
			}
		})
	}
}

// Smoothing with α = 1 is "the last ratio"; window 1 is the same.
func TestAverageEdges(t *testing.T) {
	x := []float64{0.9, 1.0, 0.95}
	w := make([]float64, 3)
	near(t, "α=1", average(x, MethodSmooth, 1, w), 0.95)
	near(t, "smooth α=.4", average(x, MethodSmooth, 0.4, w), 0.36*0.9+0.24*1.0+0.4*0.95)
	near(t, "weighted", average(x, MethodWeighted, 0.4, w), (0.9+2+3*0.95)/6)
	near(t, "mean", average(x, MethodMean, 0.4, w), 0.95)
	r := mustProject(t, sevenYears(), Options{Years: 1, Window: 1, BirthCutoff: 1})
	near(t, "window 1", ratioOf(t, r, "B", 2).Ratio, 0.95)
	near(t, "window 1 ρ", ratioOf(t, r, "B", 1).Ratio, 115.0/118)
}

// Births with a cutoff share c = 0.75 (lag 6): the intake of year t is
// fitted against 0.75·births(t−6) + 0.25·births(t−7).
//
//	births 2015:100 2016:120 2017:100 2018:80
//	2022: source 0.75·120 + 0.25·100 = 115, intake 92 → ρ 0.8
//	2023: source 0.75·100 + 0.25·120 = 105, intake 84 → ρ 0.8
//	2024: 0.8·(0.75·80 + 0.25·100) = 0.8·85 = 68
//	2025: births(2019) unknown → carried: 68
func TestBirthsLagWithCutoff(t *testing.T) {
	in := Input{
		History: series("C", 2022, map[model.Grade][]int{1: {92, 84}}),
		Births: []model.Births{{Zone: "C", Year: 2015, Births: 100}, {Zone: "C", Year: 2016, Births: 120},
			{Zone: "C", Year: 2017, Births: 100}, {Zone: "C", Year: 2018, Births: 80}},
	}
	r := mustProject(t, in, Options{Years: 2, BirthCutoff: 0.75})
	near(t, "ρ", ratioOf(t, r, "C", 1).Ratio, 0.8)
	near(t, "2024", get(t, r, "C", 2024, 1).Students, 68)
	near(t, "2025", get(t, r, "C", 2025, 1).Students, 68)

	// A lag of 5 shifts everything a year: 2024 uses 0.75·births(2019),
	// which is unknown, so the fit has 2023 only: 84/(0.75·80+0.25·100) =
	// 84/85, and 2024 is carried.
	r = mustProject(t, in, Options{Years: 1, BirthCutoff: 0.75, BirthLag: 5})
	near(t, "ρ lag 5", ratioOf(t, r, "C", 1).Ratio, (92.0/(0.75*100+0.25*120)+84.0/85)/2)
	near(t, "2024 lag 5", get(t, r, "C", 2024, 1).Students, 84)
}

// Housing: 100 dwellings first occupied in 2024 in zone ZH of primary H,
// yield (0.1, 0.2) grade-1 pupils per dwelling in years 0 and 1 after
// occupancy. H's intake has no births, so it is carried:
//
//	2024: 50 − 0 + 100·0.1 = 60
//	2025: (60 − 10) + 100·0.2 = 70
//	2026: (70 − 20) + 0 = 50
func TestHousingYield(t *testing.T) {
	in := Input{
		Schools: []model.School{{ID: "H", Level: model.LevelPrimary}},
		Zones:   []model.Zone{{ID: "ZH", PrimarySchool: "H"}},
		History: []model.Enrollment{{School: "H", Year: 2023, Grade: 1, Students: 50}},
		Housing: []model.Housing{{Zone: "ZH", Year: 2024, Dwellings: 100}},
	}
	r := mustProject(t, in, Options{Years: 3, HousingYield: []float64{0.1, 0.2}})
	for y, w := range map[int]float64{2024: 60, 2025: 70, 2026: 50} {
		near(t, "housing", get(t, r, "H", y, 1).Students, w)
	}
	// Empty yield turns housing off.
	r = mustProject(t, in, Options{Years: 1, HousingYield: []float64{}})
	near(t, "no housing", get(t, r, "H", 2024, 1).Students, 50)

	// With births, the entry ratio is fitted on intake minus housing
	// pupils: 2023 intake 60 with 10 from 100 dwellings of 2023 and 50
	// per 100 births → ρ = 0.5; 2024 = 0.5·births(2018)=0.5·80 + 100·0.2.
	in.Housing = []model.Housing{{Zone: "ZH", Year: 2023, Dwellings: 100}}
	in.History[0].Students = 60
	in.Births = []model.Births{{Zone: "ZH", Year: 2017, Births: 100}, {Zone: "ZH", Year: 2018, Births: 80}}
	r = mustProject(t, in, Options{Years: 1, BirthCutoff: 1, HousingYield: []float64{0.1, 0.2}})
	near(t, "ρ net of housing", ratioOf(t, r, "H", 1).Ratio, 0.5)
	near(t, "births+housing", get(t, r, "H", 2024, 1).Students, 60)
}

// Feeders: zones send primary P1's grade 6 wholly to junior J, and P2's
// 60 % to J, 40 % to K (by zone population 600 : 400).
//
//	2023 grade 7: J = 0.9·(100 + 0.6·200) = 198, K = 1.05·(0.4·200) = 84
//	fitted transition ratios: J 198/220 = 0.9, K 84/80 = 1.05
//	2024 grade 7: J = 0.9·(110 + 0.6·150) = 180, K = 1.05·(0.4·150) = 63
//
// The nine-year school N progresses internally: r(7) = 45/50 = 0.9, so
// 2024 grade 7 = 0.9·60 = 54.
func TestFeederTransition(t *testing.T) {
	in := Input{
		Schools: []model.School{
			{ID: "P1", Level: model.LevelPrimary}, {ID: "P2", Level: model.LevelPrimary},
			{ID: "J", Level: model.LevelJunior}, {ID: "K", Level: model.LevelJunior},
			{ID: "N", Level: model.LevelNineYear},
		},
		Zones: []model.Zone{
			{ID: "Z1", Population: 1000, PrimarySchool: "P1", JuniorSchool: "J"},
			{ID: "Z2", Population: 600, PrimarySchool: "P2", JuniorSchool: "J"},
			{ID: "Z3", Population: 400, PrimarySchool: "P2", JuniorSchool: "K"},
			{ID: "Z4", Population: 900, PrimarySchool: "N", JuniorSchool: "N"},
		},
		History: []model.Enrollment{
			{School: "P1", Year: 2022, Grade: 6, Students: 100}, {School: "P1", Year: 2023, Grade: 6, Students: 110},
			{School: "P2", Year: 2022, Grade: 6, Students: 200}, {School: "P2", Year: 2023, Grade: 6, Students: 150},
			{School: "J", Year: 2023, Grade: 7, Students: 198}, {School: "K", Year: 2023, Grade: 7, Students: 84},
			{School: "N", Year: 2022, Grade: 6, Students: 50}, {School: "N", Year: 2023, Grade: 6, Students: 60},
			{School: "N", Year: 2023, Grade: 7, Students: 45},
		},
	}
	r := mustProject(t, in, Options{Years: 1})
	near(t, "J ratio", ratioOf(t, r, "J", 7).Ratio, 0.9)
	near(t, "K ratio", ratioOf(t, r, "K", 7).Ratio, 1.05)
	if k := ratioOf(t, r, "J", 7).Kind; k != SourceFeeders {
		t.Errorf("J grade 7 kind %v, want feeders", k)
	}
	near(t, "J 2024", get(t, r, "J", 2024, 7).Students, 180)
	near(t, "K 2024", get(t, r, "K", 2024, 7).Students, 63)
	near(t, "N 2024", get(t, r, "N", 2024, 7).Students, 54)
	if s := get(t, r, "J", 2024, 7).Source; s != SourceFeeders {
		t.Errorf("source %v, want feeders", s)
	}

	// Without zones the juniors take a share of the district's primary
	// grade 6: J 198/300 = 0.66 → 0.66·260 = 171.6.
	in.Zones = nil
	r = mustProject(t, in, Options{Years: 1})
	near(t, "J share", ratioOf(t, r, "J", 7).Ratio, 0.66)
	near(t, "J share 2024", get(t, r, "J", 2024, 7).Students, 0.66*260)
	if !hasNote(r.Notes, "no feeder primaries known") {
		t.Errorf("no note about the missing feeders: %q", r.Notes)
	}
}

// A grade that was empty makes its year's ratio undefined; the district
// ratio of that year stands in.
//
//	X: g1 2021 = 0, g2 2022 = 5 → undefined; Y: 90/100 = 0.9 is the
//	district ratio of 2022. X 2023: 40/50 = 0.8. X r̄(2) = (0.9+0.8)/2.
func TestZeroGradeUsesDistrictRatio(t *testing.T) {
	in := Input{History: append(
		series("X", 2021, map[model.Grade][]int{1: {0, 50, 60}, 2: {3, 5, 40}}),
		series("Y", 2021, map[model.Grade][]int{1: {100, 100, 100}, 2: {90, 90, 95}})...)}
	r := mustProject(t, in, Options{Years: 1})
	near(t, "X r(2)", ratioOf(t, r, "X", 2).Ratio, 0.85)
	if !hasNote(r.Notes, "was empty in a year") {
		t.Errorf("no note: %q", r.Notes)
	}
}

// A new school without history takes its entrants and the district's
// ratios; a missing grade in one year only drops that year.
func TestNewSchoolAndMissingGrades(t *testing.T) {
	in := Input{
		Schools: []model.School{{ID: "OLD", Level: model.LevelPrimary}, {ID: "NEW", Level: model.LevelPrimary}},
		History: series("OLD", 2021, map[model.Grade][]int{
			1: {100, 100, 100}, 2: {95, 90, 95}, 3: {95, 90, 85}, 4: {90, 90, 90}, 5: {80, 80, 80}, 6: {80, 80, 80},
		}),
		Entrants: []model.Enrollment{{School: "NEW", Year: 2024, Grade: 1, Students: 40}, {School: "NEW", Year: 2025, Grade: 1, Students: 45}},
	}
	// Drop OLD grade 3 of 2022: r(3) uses 2023 only (85/90); r(4) uses
	// 2022 (90/95) only, since 2023 needs grade 3 of 2022.
	var h []model.Enrollment
	for _, e := range in.History {
		if !(e.Grade == 3 && e.Year == 2022) {
			h = append(h, e)
		}
	}
	in.History = h
	r := mustProject(t, in, Options{Years: 2})
	near(t, "OLD r(3)", ratioOf(t, r, "OLD", 3).Ratio, 85.0/90)
	near(t, "OLD r(4)", ratioOf(t, r, "OLD", 4).Ratio, 90.0/95)
	near(t, "NEW 2024 g1", get(t, r, "NEW", 2024, 1).Students, 40)
	if s := get(t, r, "NEW", 2024, 1).Source; s != SourceEntrants {
		t.Errorf("source %v, want entrants", s)
	}
	if x := ratioOf(t, r, "NEW", 2); !x.District {
		t.Errorf("NEW r(2) = %+v, want the district ratio", x)
	}
	// District r(2) = mean(90/100, 95/100) = 0.925.
	near(t, "NEW 2025 g2", get(t, r, "NEW", 2025, 2).Students, 40*0.925)
	near(t, "NEW 2025 g3", get(t, r, "NEW", 2025, 3).Students, 0)
	if !hasNote(r.Notes, "no history in the window") {
		t.Errorf("no note on the new school: %q", r.Notes)
	}
}

func TestProjectErrors(t *testing.T) {
	_, err := Project(Input{}, Options{})
	wantInputError(t, err, "")
	bad := threeYears()
	bad.History[2].Students = -4
	_, err = Project(bad, Options{})
	wantInputError(t, err, "students")
	bad = threeYears()
	bad.History[0].Grade = 13
	_, err = Project(bad, Options{})
	wantInputError(t, err, "grade")
	_, err = Project(threeYears(), Options{Alpha: 1.5, Method: MethodSmooth})
	wantInputError(t, err, "alpha")
	_, err = Project(threeYears(), Options{BirthCutoff: -0.1})
	wantInputError(t, err, "birth_cutoff")
	_, err = Project(threeYears(), Options{BaseYear: 2030})
	wantInputError(t, err, "base_year")
	_, err = Project(threeYears(), Options{Window: -1})
	wantInputError(t, err, "window")
	in := threeYears()
	in.Schools = []model.School{{ID: "A"}, {ID: "A"}}
	_, err = Project(in, Options{})
	wantInputError(t, err, "id")
}

// BaseYear projects from an earlier year; later records are ignored.
func TestBaseYear(t *testing.T) {
	r := mustProject(t, threeYears(), Options{Years: 1, BaseYear: 2022})
	near(t, "r(2) from 2022", ratioOf(t, r, "A", 2).Ratio, 0.95)
	near(t, "2023 g2", get(t, r, "A", 2023, 2).Students, 110*0.95)
	if !hasNote(r.Notes, "after the base year 2022 are ignored") {
		t.Errorf("no note: %q", r.Notes)
	}
}

// ToEnrollment rounds half-up and carries the base-year classes, so that
// model.Analyze works on a projected year.
func TestToEnrollmentAndAnalyze(t *testing.T) {
	in := threeYears()
	for i := range in.History {
		in.History[i].Classes = 2
	}
	r := mustProject(t, in, Options{Years: 1})
	p := get(t, r, "A", 2024, 2) // 111.925 → 112 in 2 classes: 56 + 56
	c := p.Class(model.Standards{})
	if p.Rounded() != 112 || p.Classes != 2 || c.Status != model.StatusLarge || c.ClassesNeeded != 3 ||
		p.SeatGap(model.Standards{}) != 112-90 {
		t.Errorf("projection %+v, class %+v", p, c)
	}
	if cs := p.ClassSizes(); len(cs) != 2 || cs[0] != 56 {
		t.Errorf("class sizes %v", cs)
	}
	// Without base-year classes, classes are estimated at the standard:
	// 112 pupils need 3 classes of at most 45 (38+37+37), 3·45 = 135 seats.
	p.Classes = 0
	if c := p.Class(model.Standards{}); c.Classes != 3 || !c.ClassesEstimated || c.ClassSizes[0] != 38 {
		t.Errorf("estimated %+v", c)
	}
	if g := p.SeatGap(model.Standards{}); g != 112-135 {
		t.Errorf("estimated seat gap %d", g)
	}
	// 2024 in 2 classes per grade: g1 121 → 61+60 and g2 112 → 56+56 are
	// 4 large classes, g3 98 → 49+49 two over standard.
	recs := ToEnrollment(r, nil)
	a := model.Analyze(nil, recs, 2024, model.Standards{})
	if len(a.Schools) != 1 || a.Schools[0].Students != 121+112+98 || a.Summary.Large != 4 {
		t.Errorf("analysis %+v", a.Summary)
	}
	recs = ToEnrollment(r, LastClasses(in.History, 2023))
	if recs[1].Classes != 2 {
		t.Errorf("classes %d", recs[1].Classes)
	}
	// Half-up: 110.5 → 111, 110.49 → 110.
	for x, want := range map[float64]int{110.5: 111, 110.49: 110, 0.5: 1, 0: 0, 97.9: 98} {
		p := Projection{Students: x}
		if p.Rounded() != want {
			t.Errorf("Rounded(%v) = %d, want %d", x, p.Rounded(), want)
		}
	}
}

func TestParseMethod(t *testing.T) {
	for s, want := range map[string]Method{"mean": MethodMean, "weighted": MethodWeighted, "smooth": MethodSmooth} {
		if m, ok := ParseMethod(s); !ok || m != want || m.String() != s {
			t.Errorf("ParseMethod(%q) = %v %v", s, m, ok)
		}
	}
	if _, ok := ParseMethod("median"); ok {
		t.Error("median accepted")
	}
}
