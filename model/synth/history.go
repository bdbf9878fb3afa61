package synth

import (
	"math"
	"slices"

	"github.com/xuequ/xuequ/model"
)

// crowding is how a school copes with its intake: the class size it aims
// for when it opens the classes of a new cohort.
type crowding int

const (
	crowdStandard crowding = iota // at or under the standard
	crowdOver                     // 46–55: over standard, not yet 大班额
	crowdHigh                     // urban core: many 大班额 cohorts
	crowdSevere                   // the 实验小学: 大班额 and 超大班额
	crowdSingle                   // small school: one class per grade
)

type birthRec struct{ zone, year, births int }
type housingRec struct{ zone, year, dwellings int }
type enrolRec struct {
	school, year, grade, students, classes int
}

func (g *gen) lastYear() int { return g.cfg.FirstYear + g.cfg.Years - 1 }

// stagePart is one stage of one school: its grades, catchment and the lag
// between births and entry.
type stagePart struct {
	first, last int // grades
	lag         int // years from birth to the entry grade
	zones       []int
}

func (g *gen) parts(k int) []stagePart {
	s := &g.schools[k]
	var ps []stagePart
	if s.level.Teaches(1) {
		last := 6
		if s.role == rolePoint {
			last = 3
		}
		ps = append(ps, stagePart{first: 1, last: last, lag: 6})
	}
	if s.level.Teaches(7) {
		ps = append(ps, stagePart{first: 7, last: 9, lag: 12})
	}
	return ps
}

// assignCrowding picks each school's crowding: the urban schools nearest the
// seat are crowded, a band around them over standard, a few township
// schools over standard, the rest standard.
func (g *gen) assignCrowding() {
	var urban []int
	for k := range g.schools {
		s := &g.schools[k]
		switch {
		case s.role == roleOversized:
			s.crowd = crowdSevere
		case s.role == rolePoint || s.role == roleVillage:
			s.crowd = crowdSingle
		case g.zones[s.zone].kind == kindUrban:
			urban = append(urban, k)
		case unit(g.cfg.Seed, saltClass, k) < 0.2:
			s.crowd = crowdOver
		}
	}
	slices.SortStableFunc(urban, func(a, b int) int {
		return cmpF(g.zones[g.schools[b].zone].core, g.zones[g.schools[a].zone].core)
	})
	for rank, k := range urban {
		switch q := float64(rank) / float64(len(urban)); {
		case q < 0.35:
			g.schools[k].crowd = crowdHigh
		case q < 0.7:
			g.schools[k].crowd = crowdOver
		}
	}
}

// classesFor returns the classes a school opens for a cohort of n entrants.
func (g *gen) classesFor(k int, cohort, grade int, n float64) int {
	s := &g.schools[k]
	u := unit(g.cfg.Seed, saltClass, k, cohort, grade)
	v := unit(g.cfg.Seed, saltClass, k, cohort, grade, 1)
	std := 45.0
	if grade >= 7 {
		std = 50
	}
	over := func() int {
		c := int(math.Round(n / (std + 1 + (54-std)*u)))
		return max(1, c, int(math.Ceil(n/55)))
	}
	large := func(lo, span float64) int { return max(1, int(math.Round(n/(lo+span*u)))) }
	switch s.crowd {
	case crowdSingle:
		return 1
	case crowdOver:
		if v < 0.5 {
			return over()
		}
	case crowdHigh:
		switch {
		case v < 0.1:
			return large(66, 5)
		case v < 0.45:
			return large(56, 8)
		case v < 0.75:
			return over()
		}
	case crowdSevere:
		switch {
		case v < 0.3:
			return large(66, 6)
		case v < 0.85:
			return large(56, 8)
		}
		return over()
	}
	return max(1, int(math.Ceil(n/(std-7+6*u))))
}

// buildHistory makes the enrollment history: each cohort enters from the
// catchment's births lag years earlier, moves up with a progression ratio of
// about 0.97–1.03 and keeps the classes it opened with. Each school is then
// scaled to a plausible size for its kind.
func (g *gen) buildHistory() {
	g.assignCrowding()
	for i := range g.zones {
		z := &g.zones[i]
		if z.primary >= 0 {
			g.catch(z.primary, 0, i)
		}
		if z.junior >= 0 {
			g.catch(z.junior, 7, i)
		}
	}
	first, last := g.cfg.FirstYear, g.lastYear()
	seed := g.cfg.Seed
	for k := range g.schools {
		s := &g.schools[k]
		ps := g.parts(k)
		kind := g.zones[s.zone].kind
		bias := [...]float64{kindRural: -0.012, kindTown: 0, kindUrban: 0.006}[kind]
		// raw[p][year][grade] with uptake 1
		type cell struct {
			part, year, grade int
			n, entry          float64
			cohort            int
		}
		var cells []cell
		rawLast := 0.0
		for pi, p := range ps {
			zs := g.catchment(k, p.first)
			if len(zs) == 0 {
				zs = []int{s.zone}
			}
			for e := first - (p.last - p.first); e <= last; e++ {
				b := 0.0
				for _, zi := range zs {
					b += float64(g.zoneBirths(zi, e-p.lag))
				}
				n := max(b, 1) * (1 + 0.03*gauss(seed, saltEntrants, k, p.first, e))
				entry := n
				for gr := p.first; gr <= p.last; gr++ {
					t := e + gr - p.first
					if t > last {
						break
					}
					if t >= first {
						cells = append(cells, cell{pi, t, gr, n, entry, e})
						if t == last {
							rawLast += n
						}
					}
					n *= 1 + bias + 0.025*signed(seed, saltRatio, k, gr, t)
				}
			}
		}
		scale := g.uptake(k, kind, rawLast)
		classes := map[[2]int]int{} // (cohort, first grade) → classes
		for _, c := range cells {
			n := c.n * scale
			key := [2]int{c.cohort, ps[c.part].first}
			cl, ok := classes[key]
			if !ok {
				// Classes are opened at entry for the cohort's entry size.
				cl = g.classesFor(k, c.cohort, ps[c.part].first, c.entry*scale)
				classes[key] = cl
			}
			st := max(1, int(math.Round(n)))
			g.history = append(g.history, enrolRec{k, c.year, c.grade, st, cl})
		}
	}
	slices.SortFunc(g.history, func(a, b enrolRec) int {
		if a.school != b.school {
			return a.school - b.school
		}
		if a.year != b.year {
			return a.year - b.year
		}
		return a.grade - b.grade
	})
	g.setRooms()
}

func (g *gen) catch(k, firstGrade, zone int) {
	if g.catchments == nil {
		g.catchments = make([][2][]int, len(g.schools))
	}
	idx := 0
	if firstGrade >= 7 {
		idx = 1
	}
	g.catchments[k][idx] = append(g.catchments[k][idx], zone)
}

func (g *gen) catchment(k, firstGrade int) []int {
	if g.catchments == nil {
		return nil
	}
	if firstGrade >= 7 {
		return g.catchments[k][1]
	}
	return g.catchments[k][0]
}

// uptake is the factor from catchment births to pupils that gives the
// school a plausible size: 实验小学 2250–2400, 村小学 55–95, 教学点 18–45,
// others the catchment times a share that is above 1 in town (migrant
// children) and below 1 in the villages (children leave for town), kept
// at least 150 and, softly, under the 大校额 limit.
func (g *gen) uptake(k int, kind zoneKind, raw float64) float64 {
	s := &g.schools[k]
	u := unit(g.cfg.Seed, saltEntrants, k, 99)
	var target float64
	switch s.role {
	case roleOversized:
		target = 2250 + 150*u
	case roleVillage:
		target = 55 + 40*u
	case rolePoint:
		target = 18 + 27*u
	default:
		share := [...]float64{kindRural: 0.65 + 0.2*u, kindTown: 0.85 + 0.15*u, kindUrban: 1.0 + 0.12*u}[kind]
		// Big catchments saturate softly below the 大校额 limit: the
		// bureau opens another school before one grows that big.
		knee, room := 1500.0, 400.0
		if s.level == model.LevelNineYear {
			knee, room = 1900, 500
		}
		target = max(raw*share, 150)
		if target > knee {
			target = knee + room*(1-math.Exp(-(target-knee)/(2*room)))
		}
	}
	return target / math.Max(raw, 1)
}

// setRooms gives each school classrooms and seats consistent with 建标102:
// a school with room to spare has the smallest standard scale holding its
// busiest year; a crowded school has exactly the rooms it uses now.
func (g *gen) setRooms() {
	maxRooms := make([]int, len(g.schools))
	lastRooms := make([][2]int, len(g.schools)) // primary, junior classes in the last year
	byYear := map[[2]int]int{}
	last := g.lastYear()
	for _, e := range g.history {
		byYear[[2]int{e.school, e.year}] += e.classes
		if e.year == last {
			if e.grade <= 6 {
				lastRooms[e.school][0] += e.classes
			} else {
				lastRooms[e.school][1] += e.classes
			}
		}
	}
	for key, n := range byYear {
		maxRooms[key[0]] = max(maxRooms[key[0]], n)
	}
	for k := range g.schools {
		s := &g.schools[k]
		p, j := lastRooms[k][0], lastRooms[k][1]
		switch s.crowd {
		case crowdSingle:
			rooms := 6
			if s.role == rolePoint {
				rooms = 3
			}
			s.classrooms, s.capacity = rooms, rooms*45
			continue
		case crowdHigh, crowdSevere:
			s.classrooms, s.capacity = p+j, p*45+j*50
			continue
		}
		need := maxRooms[k]
		scales := model.StandardScales(s.level)
		s.classrooms, s.capacity = 0, 0
		for _, sc := range scales {
			if sc.Classes >= need {
				s.classrooms, s.capacity = sc.Classes, sc.Seats
				break
			}
		}
		if s.classrooms == 0 {
			step := 6
			if s.level == model.LevelJunior {
				step = 3
			} else if s.level == model.LevelNineYear {
				step = 9
			}
			s.classrooms = (need + step - 1) / step * step
			switch s.level {
			case model.LevelJunior:
				s.capacity = s.classrooms * 50
			case model.LevelNineYear:
				s.capacity = s.classrooms * 2 / 3 * 45
				s.capacity += (s.classrooms - s.classrooms*2/3) * 50
			default:
				s.capacity = s.classrooms * 45
			}
		}
	}
}
