package synth

import (
	"math/rand/v2"
	"strings"

	"github.com/xuequ/xuequ/model"
)

// countyName is the name of county c: the configured name for the first,
// invented ones for the others of a province-sized district.
func (g *gen) countyName(c int) string {
	if c == 0 || len(g.l.counties) == 1 {
		return g.cfg.Name
	}
	n := countyStems[(c-1)%len(countyStems)]
	if k := (c - 1) / len(countyStems); k > 0 {
		n += ordinal(k + 1)
	}
	return n + "县"
}

// nameSchools gives schools the names a county really uses: 县实验小学,
// 城关镇第一小学, 东城小学, 北山乡中心小学, 东城中学, 南湖九年一贯制学校,
// 李家湾村教学点 … unique within each county. One urban school per county
// seat is private (民办).
func (g *gen) nameSchools() {
	r := rand.New(rand.NewPCG(g.cfg.Seed, 404))
	namers := make([]*namer, len(g.l.counties))
	count := map[[3]string]int{} // county, township, level → schools so far
	juniorNo := make([]int, len(g.l.counties))
	private := make([]bool, len(g.l.counties))
	for k := range g.schools {
		s := &g.schools[k]
		c := s.county
		if namers[c] == nil {
			namers[c] = newNamer()
		}
		nm := namers[c]
		z := &g.zones[s.zone]
		t := z.township
		st := stem(t)
		zs := stem(z.name)
		if z.kind == kindUrban && len([]rune(zs)) > 2 {
			zs = string([]rune(zs)[:2])
		}
		county := g.countyName(c)
		key := [3]string{itoa(c), t, s.level.String()}
		count[key]++
		n := count[key]
		urban := z.kind == kindUrban
		variant := func(last string, i int) string { return last + "（" + ordinal(i) + "校区）" }
		var gen func() string
		switch {
		case s.role == roleOversized:
			gen = func() string { return county + "实验小学" }
		case s.role == rolePoint:
			gen = func() string { return z.name + "教学点" }
		case s.role == roleVillage:
			gen = func() string { return z.name + "小学" }
		case urban && !private[c] && g.cfg.Schools >= 20 && s.level != model.LevelJunior && r.IntN(4) == 0:
			private[c] = true
			s.public = false
			if s.level == model.LevelNineYear {
				gen = func() string { return stem(strings.TrimSuffix(county, "县")) + "外国语学校" }
			} else {
				gen = func() string { return "博文双语小学" }
			}
		case s.level == model.LevelNineYear:
			gen = func() string {
				if n == 1 {
					return st + "九年一贯制学校"
				}
				return zs + "九年一贯制学校"
			}
		case s.level == model.LevelJunior:
			gen = func() string {
				if n == 1 {
					return st + "中学"
				}
				if urban {
					juniorNo[c]++
					return county + "第" + ordinal(juniorNo[c]+1) + "中学"
				}
				return zs + "中学"
			}
		case urban:
			gen = func() string {
				if r.IntN(10) < 3 {
					return pick(r, classicPrimary) + "小学"
				}
				if strings.HasSuffix(t, "镇") {
					return t + "第" + ordinal(n) + "小学"
				}
				if n == 1 {
					return st + "小学"
				}
				return st + "第" + ordinal(n) + "小学"
			}
		case n == 1:
			gen = func() string { return t + "中心小学" }
		case z.kind == kindTown:
			gen = func() string { return st + "第" + ordinal(n) + "小学" }
		default:
			gen = func() string { return zs + "小学" }
		}
		s.name = nm.takeOr(4, gen, variant)
	}
}
