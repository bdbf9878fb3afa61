package synth

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/xuequ/xuequ/model"
)

// addKindergartens adds kindergartens (幼儿园) to d, when cfg.Kindergartens
// is set, with their 小班/中班/大班 history. Each township gets enough
// kindergartens of about 12 classes for its children: a 公办 中心幼儿园 in
// its most populous zone, then others in its next most populous zones,
// every third one 公办 and every other one 普惠. Pupils per grade are the
// township's births three (小班), four (中班) and five (大班) years
// earlier × an uptake (county seat 0.97, towns 0.9, villages 0.78, ±5 %),
// shared equally. Classes are at the standard size (25/30/35), except that
// 中心园 in towns crowd: 4 more pupils per class before a new class opens.
func (g *gen) addKindergartens(d *model.District) {
	if !g.cfg.Kindergartens {
		return
	}
	r := rand.New(rand.NewPCG(g.cfg.Seed, 505))
	births := g.townshipBirths()
	var kgs []kindergarten
	for _, t := range g.townshipsByPopulation() {
		z := &g.zones[t.biggest]
		uptake := [...]float64{kindRural: 0.78, kindTown: 0.9, kindUrban: 0.97}[z.kind] * (0.95 + 0.1*r.Float64())
		perGrade := float64(births[t.name][g.lastYear()-4]) * uptake
		n := max(1, int(math.Ceil(3*perGrade/30/12)))
		zones := g.townshipZones(t.name)
		for j := range n {
			k := kindergarten{zone: zones[j%len(zones)], township: t.name, public: j%3 == 0, inclusive: j%2 == 1,
				kind: z.kind, uptake: uptake, share: 1 / float64(n), centre: j == 0}
			if k.centre {
				k.name = t.name + "中心幼儿园"
			} else {
				k.name = fmt.Sprintf("%s%s幼儿园", g.zones[k.zone].name, [...]string{"阳光", "蓓蕾", "启航", "童心", "金色摇篮", "小太阳"}[len(kgs)%6])
			}
			kgs = append(kgs, k)
		}
	}
	for i := range kgs {
		kgs[i].id = fmt.Sprintf("K%03d", i+1)
	}
	g.kindergartenHistory(d, kgs, births, r)
}

// townshipZones lists a township's zones (no lakes), most populous first.
func (g *gen) townshipZones(name string) []int {
	var out []int
	for _, i := range g.zonesByPopulation() {
		if g.zones[i].township == name && !g.zones[i].lake {
			out = append(out, i)
		}
	}
	return out
}

// townshipBirths is births by township and year.
func (g *gen) townshipBirths() map[string]map[int]int {
	births := map[string]map[int]int{}
	for i := range g.zones {
		t := g.zones[i].township
		if births[t] == nil {
			births[t] = map[int]int{}
		}
		for y := g.cfg.FirstYear - 8; y <= g.lastYear(); y++ {
			births[t][y] += g.zoneBirths(i, y)
		}
	}
	return births
}

type kindergarten struct {
	id, name, township        string
	zone                      int
	kind                      zoneKind
	public, inclusive, centre bool
	uptake, share             float64
}

type township struct {
	name    string
	pop     int
	biggest int // most populous zone
}

// townshipsByPopulation lists the townships, most populous first.
func (g *gen) townshipsByPopulation() []township {
	idx := map[string]int{}
	var out []township
	for i := range g.zones {
		z := &g.zones[i]
		k, ok := idx[z.township]
		if !ok {
			k = len(out)
			idx[z.township] = k
			out = append(out, township{name: z.township, biggest: i})
		}
		out[k].pop += z.pop
		if z.pop > g.zones[out[k].biggest].pop {
			out[k].biggest = i
		}
	}
	slices.SortStableFunc(out, func(a, b township) int { return cmp.Compare(b.pop, a.pop) })
	return out
}

func (g *gen) zonesByPopulation() []int {
	out := make([]int, len(g.zones))
	for i := range out {
		out[i] = i
	}
	slices.SortStableFunc(out, func(a, b int) int { return cmp.Compare(g.zones[b].pop, g.zones[a].pop) })
	return out
}

// kindergartenHistory appends the kindergartens and their history to d.
func (g *gen) kindergartenHistory(d *model.District, kgs []kindergarten, births map[string]map[int]int, r *rand.Rand) {
	std := model.DefaultStandards()
	for _, k := range kgs {
		rooms := 0
		for y := g.cfg.FirstYear; y <= g.lastYear(); y++ {
			classes := 0
			for gr := model.Grade(-2); gr <= 0; gr++ {
				n := int(math.Round(float64(births[k.township][y-3-int(gr+2)]) * k.uptake * k.share))
				size := std.KindergartenClassSize(gr)
				if k.centre && k.kind == kindTown {
					size += 4
				}
				c := max(1, (n+size-1)/size)
				classes += c
				d.History = append(d.History, model.Enrollment{School: k.id, Year: y, Grade: gr, Students: n, Classes: c})
			}
			rooms = classes + r.IntN(2) // the last year's classes, now and then a spare room
		}
		d.Schools = append(d.Schools, model.School{ID: k.id, Name: k.name, Level: model.LevelKindergarten,
			Location: toLonLat(g.cfg.Center, g.pointIn(r, k.zone)), Classrooms: rooms, Capacity: rooms * 30,
			Township: k.township, Public: k.public, Inclusive: k.public || k.inclusive})
	}
}
