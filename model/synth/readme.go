package synth

import (
	"bytes"
	"fmt"

	"github.com/xuequ/xuequ/model"
)

// Stats are a district's headline numbers, as the sample README shows them.
type Stats struct {
	Schools       map[model.Level]int
	SmallSchools  int // 小规模学校 in the last year
	Zones         int
	MultiPolygons int // zones of more than one part
	Holes         int // zones with a hole (lake)
	Population    int
	FirstYear     int
	LastYear      int
	Summary       model.Summary // class sizes in the last year
}

// ComputeStats summarises a district; the class-size figures are
// model.Analyze of the last history year.
func ComputeStats(d *model.District) Stats {
	s := Stats{Schools: map[model.Level]int{}, Zones: len(d.Zones)}
	for _, sc := range d.Schools {
		s.Schools[sc.Level]++
	}
	for _, z := range d.Zones {
		s.Population += z.Population
		if len(z.Geometry) > 1 {
			s.MultiPolygons++
		}
		for _, p := range z.Geometry {
			if len(p) > 1 {
				s.Holes++
				break
			}
		}
	}
	s.FirstYear, s.LastYear = d.Years()
	a := model.Analyze(d.Schools, d.History, s.LastYear, d.Standards)
	s.Summary = a.Summary
	s.SmallSchools = a.Summary.SmallSchool
	return s
}

// Readme describes a generated district in Chinese and English.
func Readme(d *model.District) []byte {
	s := ComputeStats(d)
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# %s — 示例数据 / sample district\n\n", d.Name)
	w("**合成数据，非真实县区。** Synthetic data made by `go run ./assets/gen` (package model/synth);\n")
	w("names, places and numbers are invented. Regenerate after changing the generator: the test in\n")
	w("package assets fails when these files differ from what the generator makes.\n\n")
	w("| | |\n|---|---|\n")
	w("| 学校 schools | %d（小学 %d，初中 %d，九年一贯制 %d，幼儿园 %d） |\n", len(d.Schools),
		s.Schools[model.LevelPrimary], s.Schools[model.LevelJunior], s.Schools[model.LevelNineYear], s.Schools[model.LevelKindergarten])
	w("| 居住小区/片区 zones | %d（含跨河多边形 %d，含湖泊空洞 %d） |\n", s.Zones, s.MultiPolygons, s.Holes)
	w("| 常住人口 population | %d |\n", s.Population)
	w("| 在校生 %d students | %d |\n", s.LastYear, s.Summary.Students)
	w("| 班级 classes %d | %d（大班额 %d，超大班额 %d） |\n", s.LastYear, s.Summary.Classes, s.Summary.Large, s.Summary.VeryLarge)
	w("| 大班额占比 large-class share | %.1f %%（目标 < 5 %%） |\n", 100*s.Summary.LargeShare)
	w("| 大校额 / 小规模学校 | %d / %d |\n", s.Summary.OversizedSchool, s.SmallSchools)
	w("| 历史年份 history | %d–%d |\n\n", s.FirstYear, s.LastYear)
	w("Files (UTF-8; coordinates WGS-84 lon/lat, 6 decimals):\n\n")
	w("- `schools.geojson` — Point features: 编码 名称 学段 学位数 教室数 寄宿 乡镇 办学性质.\n")
	w("- `zones.geojson` — Polygon/MultiPolygon features: 编码 名称 人口 户数 住宅套数 学龄人口_小学\n")
	w("  学龄人口_初中 对口小学 对口初中 乡镇. Neighbouring zones share edges exactly; the river and\n")
	w("  the lakes belong to no zone.\n")
	w("- `history.csv` — school,year,grade,students,classes (grades 1–9; 教学点 teach grades 1–3).\n")
	w("- `births.csv` — zone,year,births for %d–%d, following China's falling birth rate.\n", s.FirstYear-8, s.LastYear)
	w("- `housing.csv` — zone,year,dwellings first occupied: the new estates 滨江新城 and 高铁新区.\n")
	w("- `kindergartens.geojson` — the 幼儿园: 编码 名称 学段 学位数 教室数 乡镇 办学性质 普惠 (是/否);\n")
	w("  `kindergarten_history.csv` — their pupils, grades -2 小班, -1 中班, 0 大班.\n")
	w("- `resources.csv` — school,year,teachers,teachers_qualified,teachers_backbone,teachers_pe_art,\n")
	w("  building_m2,sports_m2,equipment_yuan,multimedia_rooms (办学条件, last three years): staffing and 优质均衡.\n")
	return b.Bytes()
}
