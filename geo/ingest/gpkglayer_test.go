package ingest

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
)

var districtGPKG = filepath.Join("testdata", "gpkg", "district.gpkg")

// gpkgSquare is a square of side d degrees at lon, lat.
func gpkgSquare(lon, lat, d float64) orb.Polygon {
	return orb.Polygon{{{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}}}
}

// schoolsLonLat are the schools of the GeoPackage fixture (stored in
// EPSG:4527, CGCS2000 3° Gauss-Krüger zone 39 with zone prefix).
var schoolsLonLat = []orb.Point{{117.2051, 31.8203}, {117.2312, 31.8120}, {117.2188, 31.8355}}

// writeDistrictGPKG writes a GeoPackage as a bureau's GIS office exports
// it from ArcGIS/QGIS: Chinese layer and column names, zones (居住小区)
// in CGCS2000 lon/lat (EPSG:4490), schools (学校) in Gauss-Krüger metres
// (EPSG:4527), a road layer and an attribute table beside them, NULLs,
// a row without geometry, reals, dates and booleans.
func writeDistrictGPKG(t testing.TB, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := gpkg.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q := db.SQL()
	gk, _ := gpkg.KnownSRS(4527)
	for _, s := range []gpkg.SRS{gpkg.CGCS2000, gk} {
		if err := gpkg.AddSRS(ctx, q, s); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(gpkg.CreateFeatureTable(ctx, q, gpkg.FeatureTable{Name: "居住小区", Description: "2023年居住小区", GeometryType: "MULTIPOLYGON", SRSID: 4490,
		Columns: []gpkg.Column{{Name: "小区编码", Type: "TEXT"}, {Name: "小区名称", Type: "TEXT"}, {Name: "常住人口", Type: "INTEGER"},
			{Name: "面积_公顷", Type: "DOUBLE"}, {Name: "对口小学", Type: "TEXT"}, {Name: "对口初中", Type: "TEXT"}, {Name: "备注", Type: "TEXT"}}}))
	must(gpkg.CreateFeatureTable(ctx, q, gpkg.FeatureTable{Name: "学校", Identifier: "中小学校", GeometryType: "POINT", SRSID: 4527,
		Columns: []gpkg.Column{{Name: "学校代码", Type: "TEXT"}, {Name: "学校名称", Type: "TEXT"}, {Name: "学段", Type: "TEXT"},
			{Name: "学位数", Type: "INTEGER"}, {Name: "建校日期", Type: "DATE"}, {Name: "寄宿", Type: "BOOLEAN"}}}))
	must(gpkg.CreateFeatureTable(ctx, q, gpkg.FeatureTable{Name: "道路", GeometryType: "LINESTRING", SRSID: 4490,
		Columns: []gpkg.Column{{Name: "名称", Type: "TEXT"}}}))
	must(gpkg.CreateAttributeTable(ctx, q, gpkg.AttributeTable{Name: "在校生", Columns: []gpkg.Column{{Name: "学校", Type: "TEXT"}, {Name: "人数", Type: "INTEGER"}}}))

	enc := func(g orb.Geometry, srs int32) []byte {
		b, err := gpkg.Encode(g, srs)
		must(err)
		return b
	}
	zones := []struct {
		id, name string
		pop      any
		area     float64
		primary  string
		geom     orb.Geometry
	}{
		{"Z001", "翡翠湖小区", 3200, 12.5, "S01", orb.MultiPolygon{gpkgSquare(117.20, 31.81, 0.01)}},
		{"Z002", "天鹅湖花园", nil, 8, "S02", orb.MultiPolygon{gpkgSquare(117.21, 31.81, 0.01), gpkgSquare(117.225, 31.81, 0.004)}},
		{"Z003", "政务新村", 0, 3.75, "S01", orb.MultiPolygon{gpkgSquare(117.20, 31.82, 0.01)}},
		{"Z004", "待建地块", 10, 1, "", nil},
	}
	for _, z := range zones {
		var blob any
		if z.geom != nil {
			blob = enc(z.geom, 4490)
		}
		_, err := q.Exec(`INSERT INTO "居住小区" (geom, 小区编码, 小区名称, 常住人口, 面积_公顷, 对口小学, 对口初中, 备注) VALUES (?, ?, ?, ?, ?, ?, 'S03', NULL)`,
			blob, z.id, z.name, z.pop, z.area, z.primary)
		must(err)
	}
	crs, err := geo.CRSFromEPSG(4527)
	must(err)
	schools := []struct{ id, name, level, built string }{{"S01", "天鹅湖小学", "小学", "2001-09-01"}, {"S02", "翡翠湖小学", "完全小学", "2010-09-01"}, {"S03", "政务区第一中学", "初级中学", "1998-09-01"}}
	for i, s := range schools {
		_, err := q.Exec(`INSERT INTO "学校" (geom, 学校代码, 学校名称, 学段, 学位数, 建校日期, 寄宿) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			enc(crs.FromLonLat(schoolsLonLat[i]), 4527), s.id, s.name, s.level, 1080+i*90, s.built, i == 2)
		must(err)
	}
	_, err = q.Exec(`INSERT INTO "道路" (geom, 名称) VALUES (?, '天鹅湖路')`, enc(orb.LineString{{117.2, 31.81}, {117.24, 31.81}}, 4490))
	must(err)
	for _, tbl := range []string{"居住小区", "学校", "道路"} {
		must(gpkg.UpdateExtent(ctx, q, tbl, "geom"))
	}
}

func TestWriteGPKGFixture(t *testing.T) {
	if os.Getenv("XUEQU_WRITE_FIXTURES") == "" {
		t.Skip("set XUEQU_WRITE_FIXTURES=1 to regenerate testdata/gpkg")
	}
	must := func(err error) {
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Dir(districtGPKG), 0o755))
	must(os.Remove(districtGPKG))
	writeDistrictGPKG(t, districtGPKG)
	must(gpkg.Validate(context.Background(), districtGPKG))
}

func TestGeoPackageZones(t *testing.T) {
	z, rep, err := ReadZones(districtGPKG, nil, Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	var ids, names []string
	for _, x := range z {
		ids, names = append(ids, x.ID), append(names, x.Name)
	}
	if !slices.Equal(ids, []string{"Z001", "Z002", "Z003"}) || !slices.Equal(names, []string{"翡翠湖小区", "天鹅湖花园", "政务新村"}) {
		t.Fatalf("zones %v %v\n%s", ids, names, rep)
	}
	if z[0].Population != 3200 || z[1].Population != 0 || z[2].Population != 0 || z[0].PrimarySchool != "S01" || z[0].JuniorSchool != "S03" {
		t.Errorf("fields %+v", z)
	}
	if z[0].Attrs["面积_公顷"] != "12.5" || z[1].Attrs["面积_公顷"] != "8" || z[2].Attrs["面积_公顷"] != "3.75" {
		t.Errorf("reals rendered %v %v %v", z[0].Attrs, z[1].Attrs, z[2].Attrs)
	}
	if _, ok := z[0].Attrs["备注"]; ok {
		t.Errorf("NULL kept as a value: %v", z[0].Attrs)
	}
	if _, ok := z[0].Attrs["fid"]; ok {
		t.Errorf("primary key kept as a field: %v", z[0].Attrs)
	}
	if len(z[1].Geometry) != 2 || math.Abs(z[0].Geometry[0][0][0][0]-117.20) > 1e-12 {
		t.Errorf("geometry %v", z[0].Geometry)
	}
	if n := rep.ByCode(CodeNullGeometry); len(n) != 1 || n[0].Feature != 4 || n[0].ID != "4" {
		t.Errorf("null geometry: %v\n%s", n, rep)
	}
	if rep.Has(CodeCRSDetected) || rep.Has(CodeCRSDeclared) {
		t.Errorf("EPSG:4490 is lon/lat, nothing to say:\n%s", rep)
	}
}

func TestGeoPackageSchoolsGaussKruger(t *testing.T) {
	s, rep, err := ReadSchools(districtGPKG, nil, Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	if len(s) != 3 || s[0].ID != "S01" || s[2].Name != "政务区第一中学" || s[1].Capacity != 1170 {
		t.Fatalf("%+v\n%s", s, rep)
	}
	for i, x := range s {
		if d := (orb.Point{x.Location[0] - schoolsLonLat[i][0], x.Location[1] - schoolsLonLat[i][1]}); math.Hypot(d[0], d[1]) > 1e-8 {
			t.Errorf("%s at %v, want %v", x.ID, x.Location, schoolsLonLat[i])
		}
	}
	if !s[2].Boarding || s[0].Boarding || s[0].Attrs["建校日期"] != "2001-09-01" {
		t.Errorf("boolean/date: %+v", s)
	}
	if s[2].Level != model.LevelJunior || s[1].Level != model.LevelPrimary {
		t.Errorf("levels %v %v", s[1].Level, s[2].Level)
	}
	if d := rep.ByCode(CodeCRSDeclared); len(d) != 1 || d[0].Args["CRS"] != "EPSG:4527" {
		t.Errorf("declared CRS: %v\n%s", d, rep)
	}
}

func TestGeoPackageLayers(t *testing.T) {
	got, err := gpkgLayers(districtGPKG)
	if err != nil || !slices.Equal(got, []string{"学校", "居住小区", "道路"}) {
		t.Errorf("gpkgLayers = %v, %v", got, err)
	}
	for _, name := range []string{"学校", "中小学校"} { // table name or identifier
		if s, rep, err := ReadSchools(districtGPKG, nil, Options{Layer: name}); err != nil || len(s) != 3 {
			t.Errorf("layer %q: %v\n%s", name, err, rep)
		}
	}
	// Reading the road layer as zones reports every feature.
	_, rep, err := ReadZones(districtGPKG, nil, Options{Layer: "道路"})
	if err == nil || !rep.Has(CodeWrongGeometry) {
		t.Errorf("roads as zones: %v\n%s", err, rep)
	}
	_, _, err = ReadZones(districtGPKG, nil, Options{Layer: "片区"})
	var ie *model.InputError
	if !errors.As(err, &ie) || !strings.Contains(ie.Msg, "居住小区 (MULTIPOLYGON)") {
		t.Errorf("unknown layer: %v", err)
	}
}

// TestGeoPackageChoice: two layers of the wanted kind need --zones-layer;
// a GEOMETRY layer is judged by its rows; undefined srs_id means
// detection; a CRS Xuequ cannot transform is refused with its name.
func TestGeoPackageChoice(t *testing.T) {
	ctx := context.Background()
	build := func(name string, srs gpkg.SRS, layers map[string]string, geom orb.Geometry) string {
		t.Helper()
		path := filepath.Join(t.TempDir(), name)
		db, err := gpkg.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := gpkg.AddSRS(ctx, db.SQL(), srs); err != nil {
			t.Fatal(err)
		}
		for table, typ := range layers {
			if err := gpkg.CreateFeatureTable(ctx, db.SQL(), gpkg.FeatureTable{Name: table, GeometryType: typ, SRSID: srs.ID,
				Columns: []gpkg.Column{{Name: "name", Type: "TEXT"}}}); err != nil {
				t.Fatal(err)
			}
			b, _ := gpkg.Encode(geom, srs.ID)
			if _, err := db.SQL().Exec(`INSERT INTO "`+table+`" (geom, name) VALUES (?, 'a')`, b); err != nil {
				t.Fatal(err)
			}
		}
		return path
	}
	sq := orb.MultiPolygon{gpkgSquare(117.2, 31.8, 0.01)}
	two := build("two.gpkg", gpkg.CGCS2000, map[string]string{"zones_2022": "MULTIPOLYGON", "zones_2023": "POLYGON"}, sq)
	_, _, err := ReadZones(two, nil, Options{})
	if err == nil || !strings.Contains(err.Error(), "--zones-layer") || !strings.Contains(err.Error(), "zones_2022") {
		t.Errorf("two polygon layers: %v", err)
	}
	if z, _, err := ReadZones(two, nil, Options{Layer: "zones_2023"}); err != nil || len(z) != 1 {
		t.Errorf("picked: %v", err)
	}
	generic := build("generic.gpkg", gpkg.UndefinedGeographic, map[string]string{"a": "GEOMETRY"}, sq)
	if z, rep, err := ReadZones(generic, nil, Options{}); err != nil || len(z) != 1 {
		t.Errorf("GEOMETRY layer, srs 0: %v\n%s", err, rep)
	}
	gk, _ := geo.CRSFromEPSG(4527)
	gkSq := gk.GeometryFromLonLat(orb.MultiPolygon{gpkgSquare(117.2, 31.8, 0.01)})
	undefined := build("undefined.gpkg", gpkg.UndefinedCartesian, map[string]string{"a": "MULTIPOLYGON"}, gkSq)
	if z, rep, err := ReadZones(undefined, nil, Options{}); err != nil || len(z) != 1 || !rep.Has(CodeCRSDetected) {
		t.Errorf("srs -1 with Gauss-Krüger coordinates: %v\n%s", err, rep)
	}
	beijing := gpkg.SRS{Name: "Beijing 1954 / 3-degree Gauss-Kruger CM 117E", ID: 2435, Organization: "EPSG", OrgCoordSysID: 2435, Definition: "PROJCS[...]"}
	b54 := build("b54.gpkg", beijing, map[string]string{"a": "MULTIPOLYGON"}, gkSq)
	// Beijing 1954 is read on its own ellipsoid, with the datum warning.
	if _, rep, err := ReadZones(b54, nil, Options{}); err != nil || !rep.Has(CodeDatumNotShifted) {
		t.Errorf("Beijing 1954: %v\n%s", err, rep)
	}
	// Not a GeoPackage at all.
	bad := writeTemp(t, t.TempDir(), "x.gpkg", []byte("SQLite format 3\x00 but not really"))
	if _, _, err := ReadZones(bad, nil, Options{}); err == nil || !errors.As(err, new(*model.InputError)) {
		t.Errorf("garbage: %v", err)
	}
	// A geometry blob over the limit is refused without being loaded (a
	// 64 MiB write: not in -short runs).
	if testing.Short() {
		return
	}
	huge := build("huge.gpkg", gpkg.CGCS2000, map[string]string{"a": "MULTIPOLYGON"}, sq)
	db, err := gpkg.OpenWritable(huge)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`INSERT INTO a (geom, name) VALUES (zeroblob(?), 'huge')`, gpkg.MaxGeometryBytes+1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	z, rep, err := ReadZones(huge, nil, Options{})
	if bad := rep.ByCode(CodeBadGeometry); err != nil || len(z) != 1 || len(bad) != 1 || !strings.Contains(bad[0].Message, "over the 64 MiB limit") {
		t.Errorf("huge blob: %v\n%s", err, rep)
	}
}
