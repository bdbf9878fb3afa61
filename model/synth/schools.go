package synth

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/quadtree"
	"github.com/xuequ/xuequ/model"
)

type schoolRole int

const (
	roleRegular   schoolRole = iota
	roleOversized            // the county's 实验小学, over 2000 pupils
	roleVillage              // 村小学: a small six-grade school
	rolePoint                // 教学点: grades 1–3 only
)

// sinfo is a school while it is being built; positions in metres.
type sinfo struct {
	level  model.Level
	role   schoolRole
	zone   int // site zone
	pos    orb.Point
	county int
	public bool
	name   string
	id     string
	crowd  crowding
	// filled by the history
	classrooms, capacity int
}

// site is a quadtree entry: a point and what it stands for.
type site struct {
	p orb.Point
	i int
}

func (s site) Point() orb.Point { return s.p }

// schoolMix splits n schools into levels: about 60 % primary (one oversized
// 实验小学 per county seat), 20 % junior, 12 % nine-year and 10 % small
// rural schools (村小学 and 教学点).
func schoolMix(n int) (primary, junior, nine, small int) {
	if n < 4 {
		return 0, 0, n, 0
	}
	if n >= 10 {
		small = n / 10
	}
	nine = max(1, int(math.Round(0.12*float64(n))))
	junior = max(1, int(math.Round(0.2*float64(n))))
	primary = n - small - nine - junior
	return
}

func (g *gen) bound() orb.Bound {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for k := range g.l.vx {
		b = b.Extend(orb.Point{g.l.vx[k], g.l.vy[k]})
	}
	return b.Pad(cellMetres)
}

// spread picks want site zones among the eligible ones, weighted by
// population, Poisson-disc style: a zone is refused when an earlier site
// lies within f × √(its area). Small urban zones thus pack schools densely
// and big villages keep them far apart. f shrinks until enough are found.
func (g *gen) spread(r *rand.Rand, want int, eligible func(i int) bool, seeds []orb.Point) []int {
	if want <= 0 {
		return nil
	}
	type cand struct {
		i   int
		key float64
	}
	var cands []cand
	for i := range g.zones {
		if eligible(i) {
			w := float64(max(g.zones[i].pop, 1))
			cands = append(cands, cand{i, -math.Log(1-r.Float64()) / w})
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return cmpF(a.key, b.key) })
	if want >= len(cands) {
		out := make([]int, len(cands))
		for k, c := range cands {
			out[k] = c.i
		}
		return out
	}
	f := 1.3 * math.Sqrt(float64(len(cands))/(2.2*float64(want)))
	bound := g.bound()
	var buf []orb.Pointer
	for {
		qt := quadtree.New(bound)
		for _, p := range seeds {
			_ = qt.Add(site{p, -1})
		}
		var out []int
		for _, c := range cands {
			z := &g.zones[c.i]
			rad := f * math.Sqrt(z.area*1e6)
			ok := true
			if rad > 0 {
				buf = qt.InBound(buf[:0], orb.Bound{
					Min: orb.Point{z.centre[0] - rad, z.centre[1] - rad},
					Max: orb.Point{z.centre[0] + rad, z.centre[1] + rad},
				})
				for _, p := range buf {
					q := p.Point()
					if math.Hypot(q[0]-z.centre[0], q[1]-z.centre[1]) < rad {
						ok = false
						break
					}
				}
			}
			if ok {
				out = append(out, c.i)
				_ = qt.Add(site{z.centre, c.i})
				if len(out) == want {
					return out
				}
			}
		}
		if f < 0.05 {
			f = 0
		} else {
			f *= 0.85
		}
	}
}

// placeSchools chooses sites, levels and roles, puts each school at a
// point inside its site zone and assigns every zone its catchment schools.
func (g *gen) placeSchools() {
	r := rand.New(rand.NewPCG(g.cfg.Seed, 303))
	nPrimary, nJunior, nNine, nSmall := schoolMix(g.cfg.Schools)
	all := func(int) bool { return true }
	sites := g.spread(r, nPrimary+nNine, all, nil)
	hosts := make([]bool, len(g.zones))
	for _, z := range sites {
		hosts[z] = true
	}
	var schools []sinfo
	// One oversized 实验小学 per county: the urban site nearest the seat.
	roles := make([]schoolRole, len(sites))
	levels := make([]model.Level, len(sites))
	for k := range levels {
		levels[k] = model.LevelPrimary
	}
	if g.cfg.Schools >= 10 {
		for c := range g.l.counties {
			best, bd := -1, math.Inf(1)
			core := g.l.counties[c].core
			for k, zi := range sites {
				z := &g.zones[zi]
				if z.county != c || z.kind != kindUrban || z.estate != estateNone {
					continue
				}
				x, y := z.blocks[0].center()
				if d := math.Hypot(x-core[0], y-core[1]); d < bd {
					best, bd = k, d
				}
			}
			if best >= 0 && nPrimary > 0 {
				roles[best] = roleOversized
			}
		}
	}
	// Nine-year schools: mostly in the townships, where one campus serves
	// both stages; weighted by zone size.
	for range nNine {
		total := 0.0
		for k, zi := range sites {
			if roles[k] == roleRegular && levels[k] == model.LevelPrimary {
				total += nineWeight(&g.zones[zi])
			}
		}
		if total == 0 {
			break
		}
		x := r.Float64() * total
		for k, zi := range sites {
			if roles[k] != roleRegular || levels[k] != model.LevelPrimary {
				continue
			}
			x -= nineWeight(&g.zones[zi])
			if x < 0 {
				levels[k] = model.LevelNineYear
				break
			}
		}
	}
	var juniorSeeds []orb.Point
	nineZone := make([]bool, len(g.zones))
	for k, zi := range sites {
		schools = append(schools, sinfo{level: levels[k], role: roles[k], zone: zi})
		if levels[k] == model.LevelNineYear {
			juniorSeeds = append(juniorSeeds, g.zones[zi].centre)
			nineZone[zi] = true
		}
	}
	for _, zi := range g.spread(r, nJunior, func(i int) bool { return !nineZone[i] }, juniorSeeds) {
		schools = append(schools, sinfo{level: model.LevelJunior, zone: zi})
	}
	for k, zi := range g.smallSites(nSmall, hosts) {
		role := rolePoint
		if k%2 == 1 {
			role = roleVillage
		}
		schools = append(schools, sinfo{level: model.LevelPrimary, role: role, zone: zi})
	}
	for k := range schools {
		s := &schools[k]
		s.county = g.zones[s.zone].county
		s.public = true
		s.pos = g.pointIn(r, s.zone)
	}
	// Stable order: county, then north to south as the zones are.
	slices.SortStableFunc(schools, func(a, b sinfo) int {
		if a.zone != b.zone {
			return a.zone - b.zone
		}
		return int(a.level) - int(b.level)
	})
	w := max(3, len(itoa(len(schools))))
	for k := range schools {
		schools[k].id = "S" + pad(k+1, w)
	}
	g.schools = schools
	g.assignCatchments()
}

func nineWeight(z *zinfo) float64 {
	w := float64(z.cells)
	if z.kind != kindUrban {
		w *= 3
	}
	return w
}

// smallSites picks village zones far from every other primary school for
// the 小规模 schools, at least two zone-widths apart from each other.
func (g *gen) smallSites(n int, hosts []bool) []int {
	if n == 0 {
		return nil
	}
	qt := quadtree.New(g.bound())
	for i, h := range hosts {
		if h {
			_ = qt.Add(site{g.zones[i].centre, i})
		}
	}
	type cand struct {
		i int
		d float64
	}
	var cands []cand
	for pass := range 2 {
		cands = cands[:0]
		for i := range g.zones {
			z := &g.zones[i]
			if hosts[i] || (pass == 0 && (z.kind != kindRural || len(z.blocks) > 1)) {
				continue
			}
			d := math.Inf(1)
			if p := qt.Find(z.centre); p != nil {
				d = planar.Distance(p.Point(), z.centre)
			}
			cands = append(cands, cand{i, d})
		}
		if len(cands) >= n {
			break
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return cmpF(b.d, a.d) })
	var out []int
	for relax := 2.0; len(out) < n && relax >= 0; relax -= 0.5 {
		for _, c := range cands {
			if len(out) == n {
				break
			}
			if slices.Contains(out, c.i) {
				continue
			}
			z := &g.zones[c.i]
			ok := true
			for _, o := range out {
				if planar.Distance(g.zones[o].centre, z.centre) < relax*math.Sqrt(z.area*1e6) {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, c.i)
			}
		}
	}
	return out
}

// pointIn returns a random point inside zone zi (metres), near the centre of
// one of its cells and never in its lake.
func (g *gen) pointIn(r *rand.Rand, zi int) orb.Point {
	z := &g.zones[zi]
	for range 20 {
		b := z.blocks[r.IntN(len(z.blocks))]
		c := g.l.cellCenter(b.x+r.IntN(b.w), b.y+r.IntN(b.h))
		p := orb.Point{c[0] + 0.3*cellMetres*(r.Float64()-0.5), c[1] + 0.3*cellMetres*(r.Float64()-0.5)}
		if planar.MultiPolygonContains(z.geom, p) {
			return p
		}
	}
	return z.centre
}

// assignCatchments gives every zone the nearest school teaching each stage
// (primary: primary or nine-year; junior: junior or nine-year), then makes
// sure every school serves at least its own site zone.
func (g *gen) assignCatchments() {
	b := g.bound()
	prim, jun := quadtree.New(b), quadtree.New(b)
	for k, s := range g.schools {
		if s.level.Teaches(1) {
			_ = prim.Add(site{s.pos, k})
		}
		if s.level.Teaches(7) {
			_ = jun.Add(site{s.pos, k})
		}
	}
	for i := range g.zones {
		z := &g.zones[i]
		if p := prim.Find(z.centre); p != nil {
			z.primary = p.(site).i
		}
		if p := jun.Find(z.centre); p != nil {
			z.junior = p.(site).i
		}
	}
	served := make([][2]int, len(g.schools))
	for i := range g.zones {
		if k := g.zones[i].primary; k >= 0 {
			served[k][0]++
		}
		if k := g.zones[i].junior; k >= 0 {
			served[k][1]++
		}
	}
	for k, s := range g.schools {
		z := &g.zones[s.zone]
		if s.level.Teaches(1) && served[k][0] == 0 && served[z.primary][0] > 1 {
			served[z.primary][0]--
			z.primary = k
			served[k][0]++
		}
		if s.level.Teaches(7) && served[k][1] == 0 && served[z.junior][1] > 1 {
			served[z.junior][1]--
			z.junior = k
			served[k][1]++
		}
	}
}
