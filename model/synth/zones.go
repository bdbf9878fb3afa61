package synth

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

type zoneKind int

const (
	kindRural zoneKind = iota // 村
	kindTown                  // 集镇 of a rural township
	kindUrban                 // county seat
)

const (
	estateNone = iota
	estateRiverside
	estateRailway
)

// zinfo is a zone while it is being built; lengths in metres.
type zinfo struct {
	blocks   []block
	county   int
	kind     zoneKind
	core     float64 // urban-core density term at the centre, 0–1
	cells    int
	centre   orb.Point // centroid, metres
	area     float64   // km², holes excluded
	geom     orb.MultiPolygon
	township string
	name     string
	estate   int
	lake     bool
	id       string

	pop, households, dwellings int
	primaryAge, juniorAge      int
	primary, junior            int // school index, −1 = none
}

// buildZones turns the blocks into zones: lakes, one zone on both banks of
// each river, the two new estates, townships, names and population.
func (g *gen) buildZones() {
	l := g.l
	withWater := g.cfg.Zones >= 150
	merges := 0
	if withWater {
		merges = len(l.counties)
	}
	blocks := partition(l, g.cfg.Seed, g.cfg.Zones+merges)
	slices.SortFunc(blocks, func(a, b block) int {
		ca, cb := l.countyAt(float64(a.x), float64(a.y)), l.countyAt(float64(b.x), float64(b.y))
		if ca != cb {
			return ca - cb
		}
		if a.y != b.y {
			return b.y - a.y // north first
		}
		return a.x - b.x
	})
	zs := make([]zinfo, len(blocks))
	for i, b := range blocks {
		x, y := b.center()
		_, core, townTerm, _ := l.density(x, y)
		z := zinfo{blocks: []block{b}, county: l.countyAt(x, y), core: core, cells: b.cells(), primary: -1, junior: -1}
		switch {
		case core > 0.2:
			z.kind = kindUrban
		case townTerm > 0.3:
			z.kind = kindTown
		}
		zs[i] = z
	}
	if withWater {
		zs = g.addLakes(zs)
		zs = g.mergeAcrossRiver(zs, merges)
	}
	g.zones = zs
	g.pickEstates()
	for i := range g.zones {
		g.shapeZone(&g.zones[i])
	}
	g.nameZones()
	g.populate()
	w := max(4, len(itoa(len(g.zones))))
	for i := range g.zones {
		g.zones[i].id = "Z" + pad(i+1, w)
	}
}

func pad(n, w int) string {
	s := itoa(n)
	for len(s) < w {
		s = "0" + s
	}
	return s
}

// addLakes marks, in each county, the two blocks of at least 2×2 cells
// nearest the seat as lake-side zones: they get a hole (the lake).
func (g *gen) addLakes(zs []zinfo) []zinfo {
	byCounty := make([][]int, len(g.l.counties))
	for i, z := range zs {
		if z.blocks[0].w >= 2 && z.blocks[0].h >= 2 {
			byCounty[z.county] = append(byCounty[z.county], i)
		}
	}
	for c, cand := range byCounty {
		core := g.l.counties[c].core
		dist := func(i int) float64 {
			x, y := zs[i].blocks[0].center()
			return math.Hypot(x-core[0], y-core[1])
		}
		slices.SortStableFunc(cand, func(a, b int) int { return cmpF(dist(a), dist(b)) })
		for _, i := range cand[:min(2, len(cand))] {
			zs[i].lake = true
		}
	}
	return zs
}

// mergeAcrossRiver joins, in each county, a village block north of the
// river with the block facing it on the south bank: one village on both
// banks, a MultiPolygon of two parts. It keeps the zone count exact: the
// partition made one block more per county for it.
func (g *gen) mergeAcrossRiver(zs []zinfo, want int) []zinfo {
	l := g.l
	owner := make([]int32, l.nx*l.ny)
	for i := range owner {
		owner[i] = -1
	}
	for i, z := range zs {
		b := z.blocks[0]
		for y := b.y; y < b.y+b.h; y++ {
			for x := b.x; x < b.x+b.w; x++ {
				owner[x+y*l.nx] = int32(i)
			}
		}
	}
	drop := map[int]bool{}
	used := map[int]bool{}
	done := 0
	try := func(c int) bool {
		ct := l.counties[c]
		cols := make([]int, 0, ct.side)
		for x := ct.x0; x < ct.x0+ct.side; x++ {
			cols = append(cols, x)
		}
		// Farthest from the seat first: the ferry village is rural.
		slices.SortStableFunc(cols, func(a, b int) int {
			return cmpF(math.Abs(float64(b)-ct.core[0]), math.Abs(float64(a)-ct.core[0]))
		})
		for _, x := range cols {
			lo, hi := -1, -1
			for y := ct.y0; y < ct.y0+ct.side; y++ {
				if l.isRiver(x, y) {
					if lo < 0 {
						lo = y
					}
					hi = y
				}
			}
			if lo <= 0 || hi+1 >= l.ny {
				continue
			}
			s, n := owner[x+(lo-1)*l.nx], owner[x+(hi+1)*l.nx]
			if s < 0 || n < 0 {
				continue
			}
			a, b := int(n), int(s)
			za, zb := zs[a], zs[b]
			if used[a] || used[b] || za.lake || zb.lake || za.kind != kindRural || zb.kind != kindRural ||
				za.county != c || zb.county != c {
				continue
			}
			zs[a].blocks = append(zs[a].blocks, zb.blocks[0])
			zs[a].cells += zb.cells
			used[a], used[b], drop[b] = true, true, true
			return true
		}
		return false
	}
	for c := range l.counties {
		if done < want && try(c) {
			done++
		}
	}
	for c := 0; done < want && c < len(l.counties); c++ {
		if try(c) {
			done++
		}
	}
	out := zs[:0]
	for i, z := range zs {
		if !drop[i] {
			out = append(out, z)
		}
	}
	return out
}

// pickEstates chooses, per county, 滨江新城 (a block on the river at the
// edge of town) and 高铁新区 (a block north of town, where the station is).
func (g *gen) pickEstates() {
	l := g.l
	for c := range l.counties {
		ct := l.counties[c]
		best := [3]int{-1, -1, -1}
		var score [3]float64
		for i := range g.zones {
			z := &g.zones[i]
			if z.county != c || z.lake || len(z.blocks) > 1 || z.cells < 2 {
				continue
			}
			x, y := z.blocks[0].center()
			dx, dy := x-ct.core[0], y-ct.core[1]
			d := math.Hypot(dx, dy) / ct.sigma
			if d < 0.9 || d > 3.2 {
				continue
			}
			if g.touchesRiver(z.blocks[0]) {
				s := float64(z.cells) - d
				if best[estateRiverside] < 0 || s > score[estateRiverside] {
					best[estateRiverside], score[estateRiverside] = i, s
				}
			}
			if dy > 0 && d > 1.2 {
				s := float64(z.cells) + 2*dy/ct.sigma
				if best[estateRailway] < 0 || s > score[estateRailway] {
					best[estateRailway], score[estateRailway] = i, s
				}
			}
		}
		for e := estateRiverside; e <= estateRailway; e++ {
			if i := best[e]; i >= 0 && g.zones[i].estate == estateNone {
				g.zones[i].estate = e
				g.zones[i].kind = kindUrban
			}
		}
	}
}

func (g *gen) touchesRiver(b block) bool {
	l := g.l
	for y := b.y - 1; y <= b.y+b.h; y++ {
		for x := b.x - 1; x <= b.x+b.w; x++ {
			if x >= 0 && y >= 0 && x < l.nx && y < l.ny && l.isRiver(x, y) {
				return true
			}
		}
	}
	return false
}

// shapeZone builds the zone's outline (metres), lake hole, area and centre.
func (g *gen) shapeZone(z *zinfo) {
	var mp orb.MultiPolygon
	var area, cx, cy float64
	for _, b := range z.blocks {
		outer := g.l.ring(b)
		poly := orb.Polygon{outer}
		a, c := ringArea(outer)
		if z.lake {
			hole := g.lakeRing(b, outer)
			ha, hc := ringArea(hole) // negative: clockwise
			poly = append(poly, hole)
			cx, cy = cx+ha*hc[0], cy+ha*hc[1]
			area += ha
		}
		mp = append(mp, poly)
		area += a
		cx, cy = cx+a*c[0], cy+a*c[1]
	}
	z.geom = mp
	z.area = area / 1e6
	z.centre = orb.Point{cx / area, cy / area}
	// The centroid of an irregular or holed zone can fall outside it;
	// representative points must be inside, so fall back to a cell centre.
	if !planar.MultiPolygonContains(mp, z.centre) {
		b := z.blocks[0]
		z.centre = g.l.cellCenter(b.x, b.y)
	}
}

// lakeRing is a clockwise, roughly round hole around the block's innermost
// lattice vertex, shrunk until it sits inside the outline.
func (g *gen) lakeRing(b block, outer orb.Ring) orb.Ring {
	c := g.l.vertex(b.x+b.w/2, b.y+b.h/2)
	radius := 0.3 * float64(min(b.w, b.h)) * cellMetres
	const n = 14
	for range 8 {
		r := make(orb.Ring, 0, n+1)
		ok := true
		for k := n - 1; k >= 0; k-- { // clockwise
			a := 2 * math.Pi * float64(k) / n
			rr := radius * (1 + 0.25*signed(g.cfg.Seed, 41, b.x, b.y, k))
			p := orb.Point{c[0] + rr*math.Cos(a), c[1] + 0.8*rr*math.Sin(a)}
			if !planar.RingContains(outer, p) {
				ok = false
			}
			r = append(r, p)
		}
		if ok {
			return append(r, r[0])
		}
		radius *= 0.7
	}
	return nil
}

// nameZones assigns townships and unique (per county) names.
func (g *gen) nameZones() {
	r := rand.New(rand.NewPCG(g.cfg.Seed, 101))
	l := g.l
	for c := range l.counties {
		ct := &l.counties[c]
		nm := newNamer()
		for _, u := range []string{townCentre, townEast, townWest, townSouth, townNorth} {
			nm.reserve(u)
		}
		for t := range ct.towns {
			if c == 0 && t < len(sampleTowns) {
				ct.towns[t].name = sampleTowns[t]
				nm.reserve(sampleTowns[t])
				continue
			}
			ct.towns[t].name = nm.take(20, func() string {
				suffix := "镇"
				if r.IntN(3) == 0 {
					suffix = "乡"
				}
				return pick(r, townStems) + suffix
			})
		}
	}
	names := make([]*namer, len(l.counties))
	for c := range names {
		names[c] = newNamer()
		names[c].reserve("滨江新城")
		names[c].reserve("高铁新区")
	}
	for i := range g.zones {
		z := &g.zones[i]
		ct := &l.counties[z.county]
		x, y := z.blocks[0].center()
		dx, dy := x-ct.core[0], y-ct.core[1]
		if z.kind == kindUrban {
			switch a := math.Atan2(dy, dx) * 180 / math.Pi; {
			case math.Hypot(dx, dy) < 0.8*ct.sigma:
				z.township = townCentre
			case a >= -45 && a < 45:
				z.township = townEast
			case a >= 45 && a < 135:
				z.township = townNorth
			case a >= -135 && a < -45:
				z.township = townSouth
			default:
				z.township = townWest
			}
		} else if len(ct.towns) > 0 {
			_, _, _, t := l.density(x, y)
			z.township = ct.towns[t].name
		} else {
			z.township = townCentre
		}
		nm := names[z.county]
		switch {
		case z.estate == estateRiverside:
			z.name = "滨江新城"
		case z.estate == estateRailway:
			z.name = "高铁新区"
		case len(z.blocks) > 1:
			z.name = nm.take(3, func() string { return "渡口村" })
		case z.lake:
			z.name = nm.take(10, func() string {
				return pick(r, []string{"湖滨", "南湖", "镜湖", "月湖"}) + pick(r, urbanSuffixes)
			})
		case z.kind == kindUrban:
			z.name = nm.take(10, func() string { return urbanName(r) })
		case z.kind == kindTown:
			s := stem(z.township)
			z.name = nm.take(10, func() string { return townZoneName(r, s) })
		default:
			z.name = nm.take(10, func() string { return villageName(r) })
		}
	}
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
