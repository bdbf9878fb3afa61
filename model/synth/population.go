package synth

import (
	"math"
	"math/rand/v2"
)

// Persons per household and the share of delivered dwellings that are
// lived in; used for the new estates.
const (
	personsPerHousehold = 2.8
	estateOccupancy     = 0.8
)

// birthRate returns births per 1000 residents in a year: China's crude
// birth rate (national statistics, rounded) with its post-2016 decline;
// flat before 2008 and falling 3 % a year after 2025.
func birthRate(year int) float64 {
	switch {
	case year < 2008:
		return 12.1
	case year > 2025:
		return 6.3 * math.Pow(0.97, float64(year-2025))
	}
	return birthRates[year-2008]
}

// birthRates are 2008 … 2025.
var birthRates = [...]float64{12.1, 12.0, 11.9, 11.9, 12.1, 12.1, 12.4, 12.0, 13.0, 12.4, 10.9, 10.4,
	8.5, 7.5, 6.8, 6.4, 6.8, 6.3}

// populate sets population, households, dwellings, the estates' housing
// deliveries, births and the school-age counts.
func (g *gen) populate() {
	r := rand.New(rand.NewPCG(g.cfg.Seed, 202))
	last := g.lastYear()
	for i := range g.zones {
		z := &g.zones[i]
		f := 0.8 + 0.4*r.Float64()
		var pop float64
		switch z.kind {
		case kindUrban:
			pop = clamp(z.area*(2500+15000*z.core)*f, 1000, 8000)
		case kindTown:
			pop = clamp(z.area*3000*f, 800, 4000)
		default:
			pop = clamp(z.area*(150+250*r.Float64()), 300, 2000)
		}
		z.pop = int(math.Round(pop))
		if z.estate != estateNone {
			g.addEstateHousing(i, r)
			z.pop = int(math.Round(g.estatePop(i, last)))
			z.households = int(math.Round(float64(z.pop) / personsPerHousehold))
			z.dwellings = g.estateDwellings(i, last)
		} else {
			z.households = int(math.Round(float64(z.pop) / (2.6 + 0.4*r.Float64())))
			spare := [...]float64{kindRural: 0.95, kindTown: 1.0, kindUrban: 1.05}[z.kind]
			z.dwellings = int(math.Round(float64(z.households) * (spare + 0.15*r.Float64())))
		}
	}
	// Cache births from the oldest cohort any history year needs (grade 9
	// of the first year entered grade 7 two years before, born 12 years
	// before that).
	g.birthsFrom = g.cfg.FirstYear - 14
	span := last - g.birthsFrom + 1
	g.birthCache = make([]int32, len(g.zones)*span)
	for i := range g.zones {
		for y := g.birthsFrom; y <= last; y++ {
			g.birthCache[i*span+y-g.birthsFrom] = int32(g.computeBirths(i, y))
		}
	}
	first := g.cfg.FirstYear - 8
	for i := range g.zones {
		z := &g.zones[i]
		for y := first; y <= last; y++ {
			g.births = append(g.births, birthRec{zone: i, year: y, births: g.zoneBirths(i, y)})
		}
		var p, j float64
		for k := 6; k <= 11; k++ {
			p += float64(g.zoneBirths(i, last-k))
		}
		for k := 12; k <= 14; k++ {
			j += float64(g.zoneBirths(i, last-k))
		}
		z.primaryAge = int(math.Round(0.96 * p))
		z.juniorAge = int(math.Round(0.94 * j))
	}
}

// growth is the yearly population change by kind: people move from the
// villages to the county seat.
func growth(k zoneKind) float64 {
	return [...]float64{kindRural: -0.015, kindTown: -0.005, kindUrban: 0.012}[k]
}

// residents returns the zone's population in a year (births need the past).
func (g *gen) residents(i, year int) float64 {
	z := &g.zones[i]
	if z.estate != estateNone {
		return g.estatePop(i, year)
	}
	return float64(z.pop) * math.Pow(1+growth(z.kind), float64(year-g.lastYear()))
}

// zoneBirths is births in zone i in a year: residents × the national rate,
// a zone factor (young families in town) and ±8 % noise.
func (g *gen) zoneBirths(i, year int) int {
	last := g.lastYear()
	if g.birthCache != nil && year >= g.birthsFrom && year <= last {
		return int(g.birthCache[i*(last-g.birthsFrom+1)+year-g.birthsFrom])
	}
	return g.computeBirths(i, year)
}

func (g *gen) computeBirths(i, year int) int {
	z := &g.zones[i]
	k := [...]float64{kindRural: 0.85, kindTown: 0.95, kindUrban: 1.08}[z.kind]
	b := g.residents(i, year) * birthRate(year) / 1000 * k * (1 + 0.08*gauss(g.cfg.Seed, saltBirths, i, year))
	return max(0, int(math.Round(b)))
}

// addEstateHousing records the deliveries (交付) of a new estate: 滨江新城
// from the year before last, 高铁新区 from the last year into the future.
func (g *gen) addEstateHousing(i int, r *rand.Rand) {
	last := g.lastYear()
	start := last - 1
	if g.zones[i].estate == estateRailway {
		start = last
	}
	for k := range 3 {
		d := int(math.Round((500 + 350*float64(k)) * (0.8 + 0.4*r.Float64())))
		g.housing = append(g.housing, housingRec{zone: i, year: start + k, dwellings: d})
	}
}

// estateBase is the village housing that stood on an estate's land before.
const estateBase = 120

func (g *gen) estateDwellings(i, year int) int {
	d := estateBase
	for _, h := range g.housing {
		if h.zone == i && h.year <= year {
			d += h.dwellings
		}
	}
	return d
}

func (g *gen) estatePop(i, year int) float64 {
	return float64(g.estateDwellings(i, year)) * estateOccupancy * personsPerHousehold
}

func clamp(v, lo, hi float64) float64 { return min(max(v, lo), hi) }
