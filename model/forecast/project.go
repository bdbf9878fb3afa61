package forecast

import (
	"math"

	"github.com/xuequ/xuequ/model"
)

// Project projects every school's enrollment by grade for Options.Years
// years after the base year (see the package comment for the method).
// Errors are *model.InputError for bad records or options; gaps that can be
// worked around become Result.Notes.
func Project(in Input, opt Options) (*Result, error) {
	r, err := newRun(in, opt)
	if err != nil {
		return nil, err
	}
	r.d6 = r.districtGrade6()
	r.chooseEntry()
	r.fitRatios()
	r.project()
	return r.result(), nil
}

// chooseEntry decides where each school's entry grade comes from.
func (r *run) chooseEntry() {
	for i := range r.schools {
		s := &r.schools[i]
		switch {
		case (s.first == 1 || s.first == -2) && s.births != nil:
			s.entry = SourceBirths
		case s.first == 7 && len(s.feeders) > 0:
			s.entry = SourceFeeders
		case s.first == 7 && r.hasPrimary6:
			s.entry = SourceDistrictShare
			r.notes.add("no feeder primaries known from the zones: grade 7 is a fitted share of the district's primary grade 6", s.id)
		default:
			s.entry = SourceCarry
		}
	}
}

// entrySource is the quantity the entry ratio multiplies for the intake of
// run year y: lagged births, the feeders' grade 6 a year before, or the
// district's primary grade 6 a year before. NaN = not available.
func (r *run) entrySource(s *school, y int) float64 {
	switch s.entry {
	case SourceBirths:
		return r.birthSource(s, r.lo+y)
	case SourceFeeders:
		return r.feederSource(s, y-1)
	case SourceDistrictShare:
		return r.d6[y-1]
	}
	return math.NaN()
}

// districtRatios holds Σ numerator and Σ denominator by grade (progression)
// or entry source, for each year of the window.
type districtRatios struct {
	num, den [][]float64
}

func newDistrictRatios(rows, window int) districtRatios {
	d := districtRatios{num: make([][]float64, rows), den: make([][]float64, rows)}
	for i := range d.num {
		d.num[i] = make([]float64, window)
		d.den[i] = make([]float64, window)
	}
	return d
}

// year returns the district ratio of row in window year k (NaN if
// undefined).
func (d districtRatios) year(row, k int) float64 {
	if d.den[row][k] > 0 {
		return d.num[row][k] / d.den[row][k]
	}
	return math.NaN()
}

// mean averages the defined yearly district ratios of row.
func (d districtRatios) mean(row int, opt Options, x, w []float64) float64 {
	x = x[:0]
	for k := range d.num[row] {
		if v := d.year(row, k); !math.IsNaN(v) {
			x = append(x, v)
		}
	}
	return average(x, opt.Method, opt.Alpha, w)
}

// Rows of districtRatios: grades −2…12 for progression (row g+2), then
// entry sources (births of grade 1, feeders, births of 小班).
const (
	rowBirths  = 15
	rowFeeders = 16
	rowNursery = 17
	nRows      = 18
)

// gradeRow is the districtRatios row of progression into grade g.
func gradeRow(g model.Grade) int { return int(g) + 2 }

// birthsRow is the districtRatios row of a school's births entry ratio.
func birthsRow(s *school) int {
	if s.first == -2 {
		return rowNursery
	}
	return rowBirths
}

// fitRatios fits every school's progression ratios and entry ratio over
// the window years base−Window+1 … base (run year indices 1 … Window).
func (r *run) fitRatios() {
	W := r.opt.Window
	d := newDistrictRatios(nRows, W)
	for i := range r.schools {
		s := &r.schools[i]
		for g := s.first + 1; g <= s.last; g++ {
			for y := 1; y <= W; y++ {
				a, b := s.at(g, y, r.nY), s.at(g-1, y-1, r.nY)
				if !math.IsNaN(a) && b > 0 {
					d.num[gradeRow(g)][y-1] += a
					d.den[gradeRow(g)][y-1] += b
				}
			}
		}
		row := birthsRow(s)
		switch s.entry {
		case SourceFeeders:
			row = rowFeeders
		case SourceBirths:
		default:
			continue
		}
		for y := 1; y <= W; y++ {
			a, src := s.at(s.first, y, r.nY), r.entrySource(s, y)
			if !math.IsNaN(a) && src > 0 {
				d.num[row][y-1] += max(0, a-s.housingAt(y))
				d.den[row][y-1] += src
			}
		}
	}
	x, w := make([]float64, 0, W), make([]float64, W)
	districtMean := make([]float64, nRows)
	for row := range districtMean {
		districtMean[row] = d.mean(row, r.opt, x, w)
	}

	for i := range r.schools {
		s := &r.schools[i]
		fewest := W
		for g := s.first + 1; g <= s.last; g++ {
			x = x[:0]
			for y := 1; y <= W; y++ {
				a, b := s.at(g, y, r.nY), s.at(g-1, y-1, r.nY)
				switch {
				case math.IsNaN(a) || math.IsNaN(b):
				case b > 0:
					x = append(x, a/b)
				case !math.IsNaN(d.year(gradeRow(g), y-1)):
					x = append(x, d.year(gradeRow(g), y-1))
					r.notes.addf(s.id, "grade %d was empty in a year, so its ratio into grade %d is undefined: the district ratio of that year is used", g-1, g)
				}
			}
			k := int(g - s.first)
			s.ratio[k], s.obs[k] = average(x, r.opt.Method, r.opt.Alpha, w), len(x)
			if len(x) == 0 {
				s.district[k] = true
				s.ratio[k] = districtMean[gradeRow(g)]
				if math.IsNaN(s.ratio[k]) {
					s.ratio[k] = 1
					r.notes.addf("", "no school has grade %d→%d history: ratio 1 (every pupil stays) is assumed", g-1, g)
				} else {
					r.notes.addf(s.id, "no grade %d→%d history: the district ratio is used", g-1, g)
				}
			} else {
				fewest = min(fewest, len(x))
			}
		}
		if fewest < W && r.base-r.histFirst >= W {
			r.notes.add("fewer years of history than the window: ratios average the years there are", s.id)
		}
		r.fitEntry(s, &d, districtMean, x, w)
	}
}

func (r *run) fitEntry(s *school, d *districtRatios, districtMean, x, w []float64) {
	W := r.opt.Window
	if s.entry == SourceCarry {
		s.ratio[0] = 1
		return
	}
	x = x[:0]
	for y := 1; y <= W; y++ {
		a, src := s.at(s.first, y, r.nY), r.entrySource(s, y)
		if !math.IsNaN(a) && src > 0 {
			x = append(x, max(0, a-s.housingAt(y))/src)
		}
	}
	s.ratio[0], s.obs[0] = average(x, r.opt.Method, r.opt.Alpha, w), len(x)
	if len(x) > 0 {
		return
	}
	row := -1
	switch s.entry {
	case SourceBirths:
		row = birthsRow(s)
	case SourceFeeders:
		row = rowFeeders
	}
	if row >= 0 && !math.IsNaN(districtMean[row]) {
		s.ratio[0], s.district[0] = districtMean[row], true
		r.notes.addf(s.id, "no year with both grade-%d intake and %s to fit the entry ratio: the district ratio is used", s.first, s.entry)
		return
	}
	r.notes.addf(s.id, "no year with both grade-%d intake and %s to fit the entry ratio: intake carried forward", s.first, s.entry)
	s.entry, s.ratio[0] = SourceCarry, 1
}

// project fills the projected years. Schools whose intake depends on other
// schools' grade 6 go second, once those are projected; every value uses
// only the previous year, so within a pass the order does not matter.
func (r *run) project() {
	dependent := func(s *school) bool {
		return s.entry == SourceFeeders || s.entry == SourceDistrictShare
	}
	for i := range r.schools {
		if !dependent(&r.schools[i]) {
			r.projectSchool(&r.schools[i])
		}
	}
	r.d6 = r.districtGrade6()
	for i := range r.schools {
		if dependent(&r.schools[i]) {
			r.projectSchool(&r.schools[i])
		}
	}
}

func (r *run) projectSchool(s *school) {
	nY := r.nY
	round := r.opt.Round
	carried, ranOut := false, false
	for y := r.yi(r.base) + 1; y < nY; y++ {
		// Entry grade.
		v, src := math.NaN(), s.entry
		if s.entrants != nil && !math.IsNaN(s.entrants[y]) {
			v, src = s.entrants[y], SourceEntrants
		} else if s.entry != SourceCarry {
			if in := r.entrySource(s, y); !math.IsNaN(in) {
				v = s.ratio[0]*in + s.housingAt(y)
			} else if !ranOut {
				ranOut = true
				r.notes.addf(s.id, "%s do not reach every projected year: the grade-%d intake is carried forward after they end", s.entry, s.first)
			}
		}
		if math.IsNaN(v) {
			src = SourceCarry
			prev, py := s.e[y-1], y-1
			for py >= 0 && math.IsNaN(prev) {
				py--
				if py >= 0 {
					prev = s.e[py]
				}
			}
			switch {
			case carried:
			case py < 0:
				prev = 0
				r.notes.addf(s.id, "no grade-%d intake in the history and nothing to project it from: intake 0 unless entrants are given", s.first)
			case s.entry == SourceCarry:
				r.notes.addf(s.id, "no entrants, births or feeders for the grade-%d intake: last year's intake is kept (plus any new-housing yield)", s.first)
			}
			carried = true
			v = max(0, prev-s.housingAt(py)) + s.housingAt(y)
		}
		if round {
			v = roundHalfUp(v)
		}
		s.e[y] = v
		s.entrySrc[y-r.yi(r.base)-1] = src

		// Grades above progress from the grade below a year before.
		for k := 1; k < s.nG; k++ {
			row := k * nY
			if s.entrants != nil && !math.IsNaN(s.entrants[row+y]) {
				s.e[row+y] = s.entrants[row+y]
				continue
			}
			prev := s.e[row-nY+y-1]
			if math.IsNaN(prev) {
				prev = 0 // the grade below did not exist (a school opening grade by grade)
			}
			v := prev * s.ratio[k]
			if round {
				v = roundHalfUp(v)
			}
			s.e[row+y] = v
		}
	}
}

// result assembles the public Result from the dense arrays.
func (r *run) result() *Result {
	n := 0
	for i := range r.schools {
		n += r.schools[i].nG
	}
	res := &Result{
		BaseYear:    r.base,
		Options:     r.opt,
		Projections: make([]Projection, n*r.opt.Years),
		Ratios:      make([]Ratio, 0, n),
	}
	y0 := r.yi(r.base) + 1
	out := res.Projections
	for i := range r.schools {
		s := &r.schools[i]
		for y := y0; y < r.nY; y++ {
			for k := 0; k < s.nG; k++ {
				p := &out[0]
				out = out[1:]
				*p = Projection{School: s.id, Year: r.lo + y, Grade: s.first + model.Grade(k),
					Students: s.e[k*r.nY+y], Classes: s.classes[k], Source: SourceProgression}
				switch {
				case k == 0:
					p.Source = s.entrySrc[y-y0]
				case s.entrants != nil && !math.IsNaN(s.entrants[k*r.nY+y]):
					p.Source = SourceEntrants
				}
			}
		}
		for k := 0; k < s.nG; k++ {
			kind := SourceProgression
			if k == 0 {
				kind = s.entry
			}
			res.Ratios = append(res.Ratios, Ratio{School: s.id, Grade: s.first + model.Grade(k),
				Ratio: s.ratio[k], Kind: kind, Observations: s.obs[k], District: s.district[k]})
		}
	}
	res.Notes = r.notes.lines()
	return res
}
