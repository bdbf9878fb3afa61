package forecast

import (
	"fmt"
	"math"
	"sort"

	"github.com/xuequ/xuequ/model"
)

// school is one school's dense working data. Every per-year slice covers
// the years lo … hi of the run (history window, then projected years).
type school struct {
	id          string
	level       model.Level
	first, last model.Grade
	nG          int
	// e holds pupils by grade and year at (g−first)·nY + (year−lo); NaN
	// means no record.
	e []float64
	// entrants is laid out like e (nil when the school has none).
	entrants []float64
	classes  []int // base-year classes by grade−first
	// ratio[i] is the progression ratio into grade first+i for i ≥ 1, and
	// the entry ratio for i = 0.
	ratio    []float64
	obs      []int
	district []bool
	entry    Source // how the entry grade is projected
	// births is this school's birth series over the run's birth years
	// (NaN = incomplete), nil when none.
	births []float64
	// housing is the entry-grade pupils from new dwellings by year (nil =
	// none).
	housing []float64
	feeders []feeder
	// entrySrc is the source of the entry grade in each projected year.
	entrySrc []Source
}

type feeder struct {
	school int
	weight float64 // share of the feeder's grade 6 that goes to this school
}

func (s *school) at(g model.Grade, y int, nY int) float64 { return s.e[int(g-s.first)*nY+y] }

func (s *school) housingAt(y int) float64 {
	if s.housing == nil || y < 0 || y >= len(s.housing) {
		return 0
	}
	return s.housing[y]
}

// run is one projection in progress.
type run struct {
	opt          Options
	lo, base, hi int // years: window start, last history year, last projected year
	histFirst    int // first history year
	nY           int
	schools      []school
	byID         map[string]int
	bLo          int // first year of the birth series
	hasPrimary6  bool
	d6           []float64 // district primary grade 6 by run year
	notes        notes
}

func (r *run) yi(year int) int { return year - r.lo }

func recordError(file string, i int, e model.Enrollment, field, msg string) error {
	return &model.InputError{File: file, Field: field,
		Msg: fmt.Sprintf("record %d (school %q, year %d, grade %d): %s", i+1, e.School, e.Year, e.Grade, msg)}
}

func checkRecords(file string, recs []model.Enrollment) error {
	for i, e := range recs {
		switch {
		case e.School == "":
			return recordError(file, i, e, "school", "school is empty: give the school's id")
		case e.Grade < -2 || e.Grade > 12:
			return recordError(file, i, e, "grade", "grade must be −2–12 (−2 小班, −1 中班, 0 大班/kindergarten, 1–6 primary, 7–9 junior)")
		case e.Students < 0:
			return recordError(file, i, e, "students", fmt.Sprintf("%d students: counts cannot be negative", e.Students))
		case e.Classes < 0:
			return recordError(file, i, e, "classes", fmt.Sprintf("%d classes: counts cannot be negative", e.Classes))
		case e.Year < 1900 || e.Year > 2200:
			return recordError(file, i, e, "year", "year must be a four-digit school year such as 2024")
		}
	}
	return nil
}

// newRun validates the input, fixes the years and builds the dense
// per-school arrays. History is indexed once here so the projection loop
// touches only slices.
func newRun(in Input, opt Options) (*run, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	kg := kindergartenIDs(in)
	in.History = withoutNurseryGrades(in.History, kg)
	in.Entrants = withoutNurseryGrades(in.Entrants, kg)
	if len(in.History) == 0 {
		return nil, &model.InputError{File: "history", Msg: "no enrollment history: give at least one year of school,year,grade,students records"}
	}
	if err := checkRecords("history", in.History); err != nil {
		return nil, err
	}
	if err := checkRecords("entrants", in.Entrants); err != nil {
		return nil, err
	}
	for i, b := range in.Births {
		if b.Year < 1900 || b.Year > 2200 || b.Births < 0 || b.Zone == "" {
			return nil, &model.InputError{File: "births", Field: "births",
				Msg: fmt.Sprintf("record %d (zone %q, year %d, births %d): give a zone id, a year such as 2018 and a count ≥ 0", i+1, b.Zone, b.Year, b.Births)}
		}
	}
	for i, h := range in.Housing {
		if h.Year < 1900 || h.Year > 2200 || h.Dwellings < 0 || h.Zone == "" {
			return nil, &model.InputError{File: "housing", Field: "dwellings",
				Msg: fmt.Sprintf("record %d (zone %q, year %d, dwellings %d): give a zone id, a year such as 2024 and a count ≥ 0", i+1, h.Zone, h.Year, h.Dwellings)}
		}
	}
	r := &run{opt: opt, byID: make(map[string]int, len(in.Schools))}

	minY, maxY := in.History[0].Year, in.History[0].Year
	for _, e := range in.History {
		minY, maxY = min(minY, e.Year), max(maxY, e.Year)
	}
	r.base, r.histFirst = maxY, minY
	if opt.BaseYear != 0 {
		if opt.BaseYear < minY || opt.BaseYear > maxY {
			return nil, &model.InputError{File: "forecast options", Field: "base_year",
				Msg: fmt.Sprintf("base year %d is outside the history %d–%d", opt.BaseYear, minY, maxY)}
		}
		r.base = opt.BaseYear
	}
	r.lo, r.hi = r.base-opt.Window, r.base+opt.Years
	r.nY = r.hi - r.lo + 1
	if n := r.base - minY; n < opt.Window {
		r.notes.addf("", "history has %d year(s) (%d–%d), fewer than the %d-year window: ratios average the %d year-to-year change(s) there are", n+1, minY, r.base, opt.Window, n)
	}

	if err := r.indexSchools(in, hasNurseryGrades(in.History)); err != nil {
		return nil, err
	}
	r.fillHistory(in)
	r.fillEntrants(in)
	zones := r.indexZones(in.Zones)
	r.fillBirths(in.Births, zones)
	r.fillNurseryBirths(in)
	r.fillHousing(in.Housing, zones)
	r.findFeeders(in.Zones)
	return r, nil
}

// indexSchools lists the schools: Input.Schools first, then IDs seen only in
// the records, sorted. A record may name a school by its name when the name
// is unique.
// A kindergarten with 小班/中班 records (nursery) teaches grades −2…0.
func (r *run) indexSchools(in Input, nursery map[string]bool) error {
	for i, s := range in.Schools {
		if s.ID == "" {
			return &model.InputError{File: "schools", Feature: i + 1, Field: "id", Msg: "school has no id: give every school a unique id"}
		}
		if _, dup := r.byID[s.ID]; dup {
			return &model.InputError{File: "schools", Feature: i + 1, Field: "id", Msg: fmt.Sprintf("school id %q appears twice: ids must be unique", s.ID)}
		}
		r.byID[s.ID] = i
		r.schools = append(r.schools, school{id: s.ID, level: s.Level})
	}
	names := map[string]int{}
	for i, s := range in.Schools {
		if _, isID := r.byID[s.Name]; s.Name == "" || isID {
			continue
		}
		if _, dup := names[s.Name]; dup {
			names[s.Name] = -1
		} else {
			names[s.Name] = i
		}
	}
	for n, i := range names {
		if i >= 0 {
			r.byID[n] = i
		}
	}

	// Grade ranges of schools known only from records, or of unknown level.
	type span struct{ lo, hi model.Grade }
	seen := map[string]span{}
	note := func(recs []model.Enrollment) {
		last := ""
		for _, e := range recs {
			if e.School == last {
				continue // records usually come grouped by school
			}
			if i, ok := r.byID[e.School]; ok && r.schools[i].level != model.LevelUnknown {
				last = e.School
				continue
			}
			sp, ok := seen[e.School]
			if !ok {
				sp = span{e.Grade, e.Grade}
			}
			sp.lo, sp.hi = min(sp.lo, e.Grade), max(sp.hi, e.Grade)
			seen[e.School] = sp
		}
	}
	note(in.History)
	note(in.Entrants)
	var extra []string
	for id := range seen {
		if _, ok := r.byID[id]; !ok {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	for _, id := range extra {
		r.byID[id] = len(r.schools)
		r.schools = append(r.schools, school{id: id})
	}

	total := 0
	for i := range r.schools {
		s := &r.schools[i]
		if sp, ok := seen[s.id]; ok && s.level == model.LevelUnknown {
			s.first, s.last = sp.lo, sp.hi
			if i < len(in.Schools) {
				r.notes.add("school level unknown: grades taken from the records", s.id)
			}
		} else {
			s.first, s.last = s.level.Grades()
			if s.level == model.LevelKindergarten && (nursery[s.id] || (i < len(in.Schools) && nursery[in.Schools[i].Name])) {
				s.first = -2
			}
			if s.level == model.LevelUnknown {
				r.notes.add("school level unknown and no records: projecting grades 1–9", s.id)
			}
		}
		s.nG = int(s.last-s.first) + 1
		total += s.nG
	}

	// One allocation each for all schools' arrays.
	e := make([]float64, total*r.nY)
	for i := range e {
		e[i] = math.NaN()
	}
	classes := make([]int, total)
	ratio := make([]float64, total)
	obs := make([]int, total)
	district := make([]bool, total)
	src := make([]Source, len(r.schools)*r.opt.Years)
	off := 0
	for i := range r.schools {
		s := &r.schools[i]
		s.e = e[off*r.nY : (off+s.nG)*r.nY : (off+s.nG)*r.nY]
		s.classes = classes[off : off+s.nG : off+s.nG]
		s.ratio = ratio[off : off+s.nG : off+s.nG]
		s.obs = obs[off : off+s.nG : off+s.nG]
		s.district = district[off : off+s.nG : off+s.nG]
		s.entrySrc = src[i*r.opt.Years : (i+1)*r.opt.Years : (i+1)*r.opt.Years]
		off += s.nG
	}
	return nil
}

// fillHistory copies the history of the window into the dense arrays,
// summing duplicate records (e.g. two campuses reported separately).
func (r *run) fillHistory(in Input) {
	lastID, idx := "", -1
	later := 0
	for _, e := range in.History {
		if e.Year > r.base {
			later++
			continue
		}
		if e.Year < r.lo {
			continue
		}
		if e.School != lastID {
			lastID, idx = e.School, r.byID[e.School]
		}
		s := &r.schools[idx]
		if e.Grade < s.first || e.Grade > s.last {
			r.notes.addf(s.id, "history grades outside the school's level (%s, grades %d–%d) are not projected", s.level, s.first, s.last)
			continue
		}
		k := int(e.Grade-s.first)*r.nY + r.yi(e.Year)
		if math.IsNaN(s.e[k]) {
			s.e[k] = 0
		}
		s.e[k] += float64(e.Students)
		if e.Year == r.base {
			s.classes[e.Grade-s.first] += e.Classes
		}
	}
	if later > 0 {
		r.notes.addf("", "%d history record(s) after the base year %d are ignored", later, r.base)
	}
	for i := range r.schools {
		s := &r.schools[i]
		has := false
		for _, v := range s.e {
			if !math.IsNaN(v) {
				has = true
				break
			}
		}
		if !has {
			r.notes.add("no history in the window (new school?): grades start from 0 and fill from entrants, births or housing", s.id)
		}
	}
}

func (r *run) fillEntrants(in Input) {
	early := 0
	for _, e := range in.Entrants {
		if e.Year <= r.base {
			early++
			continue
		}
		if e.Year > r.hi {
			continue
		}
		s := &r.schools[r.byID[e.School]]
		if e.Grade < s.first || e.Grade > s.last {
			r.notes.addf(s.id, "entrants for grades outside the school's grades %d–%d are ignored", s.first, s.last)
			continue
		}
		if s.entrants == nil {
			s.entrants = make([]float64, len(s.e))
			for i := range s.entrants {
				s.entrants[i] = math.NaN()
			}
		}
		k := int(e.Grade-s.first)*r.nY + r.yi(e.Year)
		if math.IsNaN(s.entrants[k]) {
			s.entrants[k] = 0
		}
		s.entrants[k] += float64(e.Students)
	}
	if early > 0 {
		r.notes.addf("", "%d entrant record(s) in or before the base year %d are ignored: the history is used for those years", early, r.base)
	}
}

// zoneLinks is, per zone ID, the school whose entry grade 1 and the school
// whose entry grade 7 the zone's births and housing go to (−1 = none).
type zoneLinks map[string][2]int

func (r *run) indexZones(zs []model.Zone) zoneLinks {
	links := make(zoneLinks, len(zs))
	for _, z := range zs {
		l := [2]int{-1, -1}
		if i, ok := r.byID[z.PrimarySchool]; ok && z.PrimarySchool != "" && r.schools[i].first == 1 {
			l[0] = i
		}
		if i, ok := r.byID[z.JuniorSchool]; ok && z.JuniorSchool != "" && r.schools[i].first == 7 {
			l[1] = i
		}
		links[z.ID] = l
	}
	return links
}

// resolve finds the entry-grade-1 and entry-grade-7 school of a births or
// housing zone ID: through the zones, or, when no zone has that ID, a
// school with that ID (a per-school series given without zones).
func (r *run) resolve(zone string, links zoneLinks) ([2]int, bool) {
	if l, ok := links[zone]; ok {
		return l, true
	}
	if i, ok := r.byID[zone]; ok {
		switch r.schools[i].first {
		case 1:
			return [2]int{i, -1}, true
		case 7:
			return [2]int{-1, i}, true
		}
	}
	return [2]int{-1, -1}, false
}

// fillBirths sums births per school and year over the school's zones. A
// year counts only when every zone of the school that has births data has
// that year, so a missing zone cannot pass for a drop in births.
func (r *run) fillBirths(bs []model.Births, links zoneLinks) {
	if len(bs) == 0 {
		return
	}
	lo, hi := bs[0].Year, bs[0].Year
	for _, b := range bs {
		lo, hi = min(lo, b.Year), max(hi, b.Year)
	}
	r.bLo = lo
	n := hi - lo + 1
	counts := make([][]int, len(r.schools))
	zones := make([]int, len(r.schools)) // distinct zones with births per school
	seen := map[string]bool{}
	lastZone, target := "", -1
	for _, b := range bs {
		if b.Zone != lastZone || lastZone == "" {
			// Records come grouped by zone, so resolve once per run of them.
			lastZone, target = b.Zone, -1
			l, ok := r.resolve(b.Zone, links)
			switch {
			case !ok:
				r.notes.add("births of unknown zones are ignored (no zone or school has that id)", b.Zone)
			case l[0] < 0:
				r.notes.add("births of zones without a primary school are ignored", b.Zone)
			default:
				target = l[0]
				if !seen[b.Zone] {
					seen[b.Zone] = true
					zones[target]++
				}
			}
		}
		if target < 0 {
			continue
		}
		s := &r.schools[target]
		if s.births == nil {
			s.births = make([]float64, n)
			counts[target] = make([]int, n)
		}
		s.births[b.Year-lo] += float64(b.Births)
		counts[target][b.Year-lo]++
	}
	for i, c := range counts {
		for y := range c {
			if c[y] < zones[i] {
				r.schools[i].births[y] = math.NaN()
			}
		}
	}
}

// birthSource is the lagged births behind the grade-1 intake of year:
// c·B(year−lag) + (1−c)·B(year−lag−1); NaN when a needed year is missing.
func (r *run) birthSource(s *school, year int) float64 {
	at := func(y int) float64 {
		if i := y - r.bLo; i >= 0 && i < len(s.births) {
			return s.births[i]
		}
		return math.NaN()
	}
	c := r.opt.BirthCutoff
	y := year - r.opt.BirthLag
	if s.first == -2 {
		y = year - nurseryLag(r.opt)
	}
	if c == 1 {
		return at(y)
	}
	return c*at(y) + (1-c)*at(y-1)
}

// fillHousing spreads each year's newly occupied dwellings over the
// following years with the yield vectors.
func (r *run) fillHousing(hs []model.Housing, links zoneLinks) {
	for _, h := range hs {
		l, ok := r.resolve(h.Zone, links)
		if !ok {
			r.notes.add("housing of unknown zones is ignored (no zone or school has that id)", h.Zone)
			continue
		}
		for stage, yield := range [2][]float64{r.opt.HousingYield, r.opt.JuniorHousingYield} {
			if l[stage] < 0 {
				continue
			}
			s := &r.schools[l[stage]]
			for k, perDwelling := range yield {
				y := r.yi(h.Year + k)
				if y < 0 || y >= r.nY {
					continue
				}
				if s.housing == nil {
					s.housing = make([]float64, r.nY)
				}
				s.housing[y] += float64(h.Dwellings) * perDwelling
			}
		}
	}
}

// findFeeders links junior schools (entry grade 7) to the primaries (last
// grade 6) whose zones send them pupils. A primary's grade 6 is shared
// among its junior schools by the population of the zones linking them
// (by the number of zones when no population is known). Nine-year schools
// keep their own pupils and feed nobody.
func (r *run) findFeeders(zs []model.Zone) {
	type pair struct{ p, j int }
	pop, cnt := map[pair]float64{}, map[pair]float64{}
	popP, cntP := map[int]float64{}, map[int]float64{}
	var pairs []pair
	for _, z := range zs {
		p, okP := r.byID[z.PrimarySchool]
		j, okJ := r.byID[z.JuniorSchool]
		if !okP || !okJ || z.PrimarySchool == "" || z.JuniorSchool == "" || p == j {
			continue
		}
		if r.schools[p].last != 6 || r.schools[p].first > 6 || r.schools[j].first != 7 {
			continue
		}
		k := pair{p, j}
		if _, ok := cnt[k]; !ok {
			pairs = append(pairs, k)
		}
		w := float64(max(z.Population, 0))
		pop[k] += w
		cnt[k]++
		popP[p] += w
		cntP[p]++
	}
	for _, k := range pairs {
		w := cnt[k] / cntP[k.p]
		if popP[k.p] > 0 {
			w = pop[k] / popP[k.p]
		}
		if w > 0 {
			r.schools[k.j].feeders = append(r.schools[k.j].feeders, feeder{k.p, w})
		}
	}
	for i := range r.schools {
		s := &r.schools[i]
		if s.last == 6 && s.first <= 6 {
			r.hasPrimary6 = true
		}
	}
}

// feederSource is Σ weight × grade 6 of the feeders in year y (a run year
// index); NaN when no feeder has a grade 6 that year.
func (r *run) feederSource(s *school, y int) float64 {
	sum, any := 0.0, false
	for _, f := range s.feeders {
		p := &r.schools[f.school]
		if v := p.at(6, y, r.nY); !math.IsNaN(v) {
			sum += f.weight * v
			any = true
		}
	}
	if !any {
		return math.NaN()
	}
	return sum
}

// districtGrade6 sums, for every run year, the grade 6 of all primaries
// (last grade 6); NaN where none has one.
func (r *run) districtGrade6() []float64 {
	d := make([]float64, r.nY)
	for y := range d {
		d[y] = math.NaN()
	}
	for i := range r.schools {
		p := &r.schools[i]
		if p.last != 6 || p.first > 6 {
			continue
		}
		row := p.e[int(6-p.first)*r.nY : int(7-p.first)*r.nY]
		for y, v := range row {
			if math.IsNaN(v) {
				continue
			}
			if math.IsNaN(d[y]) {
				d[y] = 0
			}
			d[y] += v
		}
	}
	return d
}
