package ingest

import (
	"testing"

	"github.com/paulmach/orb"
)

// FuzzReadShapefile: any .shp/.shx/.dbf bytes give features or an
// InputError, never a panic, and every feature keeps its record index.
// Seeds: hand-made records (holes, all rings
// counter-clockwise, deleted and memo fields); the corpus found by fuzzing
// is kept in testdata/fuzz/FuzzReadShapefile.
func FuzzReadShapefile(f *testing.F) {
	// Small seeds: the fuzzer minimises every new input, which is slow
	// for fixture-sized files.
	pts := &shpLayer{shapeType: 1, cpg: "UTF-8",
		geoms: []orb.Geometry{orb.Point{38500000, 3400000}, orb.Point{114, 30}},
		cols:  []dbfCol{{"学校名称", 'C', 12, 0}, {"学位数", 'N', 6, 0}, {"I", 'I', 4, 0}, {"L", 'L', 1, 0}},
		rows:  [][]string{{"一小", "  900", "\x01\x00\x00\x00", "T"}, {"二中", "*", "\xff\xff\xff\xff", "?"}}}
	shp, shx, dbf := pts.encode(f)
	f.Add(shp, shx, dbf)
	holes := &shpLayer{shapeType: 5, gbk: true, ldid: 0x4D,
		geoms: []orb.Geometry{
			orb.MultiPolygon{{square(0, 0, 10)[0], square(2, 2, 2)[0]}, {square(20, 0, 10)[0]}},
			orb.Polygon{orb.Ring{{0, 0}, {1, 1}, {0, 1}, {1, 0}}},
			nil,
			orb.LineString{{0, 0}, {1, 1}},
			orb.MultiPoint{{1, 1}, {2, 2}},
		},
		cols:    []dbfCol{{"名称", 'C', 12, 0}, {"人口", 'N', 8, 1}, {"M", 'M', 10, 0}, {"D", 'D', 8, 0}},
		rows:    [][]string{{"甲", "12.5", "1", "20240101"}, {"乙", "****", "", ""}, {"丙", "", "", "x"}, {"丁", "1", "", ""}, {"戊", "2", "", ""}},
		deleted: map[int]bool{2: true}}
	shp, shx, dbf = holes.encode(f)
	f.Add(shp, shx, dbf)
	f.Add(shp, []byte(nil), dbf[:len(dbf)/2])
	f.Fuzz(func(t *testing.T, shp, shx, dbf []byte) {
		for _, want := range []geomWant{wantPoints, wantPolygons} {
			rep := &Report{}
			raw, err := parseShapefile(&shapeFiles{name: "f.shp", shp: shp, shx: shx, dbf: dbf}, Options{}, want, rep)
			if err != nil {
				continue
			}
			last := 0
			for _, ft := range raw.features {
				if ft.index <= last || ft.index > raw.total || ft.geom == nil {
					t.Fatalf("feature index %d after %d of %d (geom %v)", ft.index, last, raw.total, ft.geom)
				}
				last = ft.index
			}
			if len(raw.features) > 0 {
				finishCollection("f.shp", raw, Options{}, rep)
			}
		}
	})
}
