package export

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/model"
)

// ZoneFields are the fields of the zones layer. The Shapefile short names
// are part of the file contract (README "Layers for other offices"):
//
//	id → id, name → name, population → population, households → households,
//	dwellings → dwellings, primary_school → prim_sch, primary_school_name →
//	prim_name, junior_school → jun_sch, junior_school_name → jun_name,
//	township → township
//
// `xuequ import` maps prim_sch and jun_sch back to the catchment schools.
var ZoneFields = []Field{
	{"id", "id", "小区编码", Text},
	{"name", "name", "小区名称", Text},
	{"population", "population", "人口", Int},
	{"households", "households", "户数", Int},
	{"dwellings", "dwellings", "住宅套数", Int},
	{"primary_school", "prim_sch", "小学学区", Text},
	{"primary_school_name", "prim_name", "小学学区学校", Text},
	{"junior_school", "jun_sch", "初中学区", Text},
	{"junior_school_name", "jun_name", "初中学区学校", Text},
	{"township", "township", "乡镇", Text},
}

// CatchmentFields are the fields of the catchments layer (one feature per
// school and stage): school → school, school_name → school_nm, stage →
// stage, zones → zones, population → population, pupils → pupils, seats →
// seats, gap → gap, year → year, area_km2 → area_km2.
var CatchmentFields = []Field{
	{"school", "school", "学校编码", Text},
	{"school_name", "school_nm", "学校名称", Text},
	{"stage", "stage", "学段", Text},
	{"zones", "zones", "小区数", Int},
	{"population", "population", "人口", Int},
	{"pupils", "pupils", "在校生", Int},
	{"seats", "seats", "学位数", Int},
	{"gap", "gap", "学位缺口", Int},
	{"year", "year", "学年", Int},
	{"area_km2", "area_km2", "面积（平方千米）", Real},
}

// ZoneLayer is d's zones with their catchment schools (ids and names).
func ZoneLayer(d *model.District) *Layer {
	names := schoolNames(d)
	l := &Layer{Name: "zones", Title: "居住小区与学区", Description: "residential zones with their catchment schools (Xuequ)", Fields: ZoneFields}
	for _, z := range d.Zones {
		var g orb.Geometry
		if len(z.Geometry) > 0 {
			g = z.Geometry
		}
		l.Features = append(l.Features, Feature{Geometry: g, Label: z.Name, Values: []any{
			z.ID, z.Name, z.Population, z.Households, z.Dwellings,
			orNil(z.PrimarySchool), orNil(names[z.PrimarySchool]), orNil(z.JuniorSchool), orNil(names[z.JuniorSchool]), orNil(z.Township),
		}})
	}
	return l
}

// CatchmentLayer dissolves d's zones per school and stage (primary, then
// junior): one (multi)polygon per school with its zones, with the
// school's pupils and seats of that stage in analysis a (year a.Year).
// Zones without a school, and schools without zones, give no feature.
func CatchmentLayer(d *model.District, a model.Analysis, std model.Standards) *Layer {
	l := &Layer{Name: "catchments", Title: "学区", Description: "catchments dissolved per school and stage (Xuequ)", Fields: CatchmentFields}
	stats := stageStats(a, std)
	names := schoolNames(d)
	for _, stage := range []model.Level{model.LevelPrimary, model.LevelJunior} {
		order, groups := catchmentGroups(d, stage)
		shapes := dissolveAll(order, groups)
		for k, id := range order {
			g := groups[id]
			shape := shapes[k]
			st, ok := stats[statKey{id, stage}]
			var pupils, seats, gap any
			if ok {
				pupils = st.pupils
				if st.seats >= 0 {
					seats, gap = st.seats, st.pupils-st.seats
				}
			}
			var geom orb.Geometry
			if len(shape) > 0 {
				geom = shape
			}
			label := names[id]
			if label == "" {
				label = id
			}
			l.Features = append(l.Features, Feature{Geometry: geom, Label: label + " " + stage.Chinese(), Values: []any{
				id, orNil(names[id]), stage.Chinese(), g.zones, g.population, pupils, seats, gap, a.Year,
				math.Round(geo.Area(shape)/1e3) / 1e3,
			}})
		}
	}
	return l
}

// group is the zones of one catchment.
type group struct {
	polys      []orb.MultiPolygon
	zones      int
	population int
}

// catchmentGroups groups d's zones by their school of stage, schools in
// the order of first appearance.
func catchmentGroups(d *model.District, stage model.Level) ([]string, map[string]*group) {
	var order []string
	groups := map[string]*group{}
	for _, z := range d.Zones {
		id := z.PrimarySchool
		if stage == model.LevelJunior {
			id = z.JuniorSchool
		}
		if id == "" {
			continue
		}
		g := groups[id]
		if g == nil {
			g = &group{}
			groups[id] = g
			order = append(order, id)
		}
		g.zones++
		g.population += z.Population
		if len(z.Geometry) > 0 {
			g.polys = append(g.polys, z.Geometry)
		}
	}
	return order, groups
}

// dissolveAll dissolves the groups (in order) on all cores: catchments
// are independent.
func dissolveAll(order []string, groups map[string]*group) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, len(order))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(order); i = int(next.Add(1) - 1) {
				out[i] = Dissolve(groups[order[i]].polys)
			}
		})
	}
	wg.Wait()
	return out
}

// Dissolve is the union of polys (lon/lat), as one valid multipolygon:
// shared edges between zones disappear, holes between them stay. It uses
// geo.RepairMultiPolygon's rebuild (snap rounding on a fine lattice), so
// zones whose shared edges are not noded alike are merged too.
func Dissolve(polys []orb.MultiPolygon) orb.MultiPolygon {
	var all orb.MultiPolygon
	for _, mp := range polys {
		all = append(all, mp...)
	}
	if len(all) == 0 {
		return nil
	}
	out, _ := geo.RepairMultiPolygon(all)
	return out
}

type statKey struct {
	school string
	stage  model.Level
}

type stat struct{ pupils, seats int } // seats −1 = unknown

// stageStats splits each school's pupils and seats of a by stage: grades
// 1–6 primary, 7–9 junior. A one-stage school keeps its seats; a
// nine-year school's seats are shared out in proportion to the seats of
// its classes at the standard size of each stage.
func stageStats(a model.Analysis, std model.Standards) map[statKey]stat {
	std = std.OrDefault()
	out := map[statKey]stat{}
	for _, s := range a.Schools {
		var pupils, standard [2]int
		for _, g := range s.Grades {
			k := -1
			switch {
			case g.Grade >= 1 && g.Grade <= 6:
				k = 0
			case g.Grade >= 7 && g.Grade <= 9:
				k = 1
			}
			if k < 0 {
				continue
			}
			pupils[k] += g.Students
			size := std.StandardClassPrimary
			if k == 1 {
				size = std.StandardClassJunior
			}
			standard[k] += g.Classes * size
		}
		total := standard[0] + standard[1]
		for k, stage := range []model.Level{model.LevelPrimary, model.LevelJunior} {
			if pupils[k] == 0 && standard[k] == 0 {
				continue
			}
			seats := -1
			switch {
			case !s.CapacitySource.Known():
			case standard[1-k] == 0 && pupils[1-k] == 0:
				seats = s.Capacity
			case total > 0:
				seats = int(math.Round(float64(s.Capacity) * float64(standard[k]) / float64(total)))
			}
			out[statKey{s.School, stage}] = stat{pupils[k], seats}
		}
	}
	return out
}

func schoolNames(d *model.District) map[string]string {
	m := make(map[string]string, len(d.Schools))
	for _, s := range d.Schools {
		m[s.ID] = s.Name
	}
	return m
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}
