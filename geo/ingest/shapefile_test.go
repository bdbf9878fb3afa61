package ingest

import (
	"archive/zip"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/model"
)

func readSample(t *testing.T, file string) ([]byte, string) {
	t.Helper()
	p := filepath.Join("..", "..", "assets", "sample", file)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data, p
}

func TestShapefileDistrictMatchesGeoJSON(t *testing.T) {
	zdata, zpath := readSample(t, "zones.geojson")
	wantZones, _, err := ReadZones(zpath, zdata, Options{})
	if err != nil {
		t.Fatal(err)
	}
	sdata, spath := readSample(t, "schools.geojson")
	wantSchools, _, err := ReadSchools(spath, sdata, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []struct{ zones, schools string }{
		{"testdata/shp/district/zones.shp", "testdata/shp/district/schools.shp"},
		{"testdata/shp/district.zip", "testdata/shp/district.zip"},
	} {
		zones, rep, err := ReadZones(src.zones, nil, Options{})
		if err != nil {
			t.Fatalf("%s: %v\n%s", src.zones, err, rep)
		}
		if !rep.Has(CodeEncodingGBK) || !rep.Has(CodeCRSDeclared) || rep.Has(CodeDatumNotShifted) || rep.Count(Error) > 0 {
			t.Errorf("%s: report\n%s", src.zones, rep)
		}
		if m := rep.ByCode(CodeFieldMapping); len(m) == 0 || !strings.Contains(m[0].Message, "primary_age=小学学龄人") {
			t.Errorf("%s: the cut field 小学学龄人 is not mapped: %v", src.zones, m)
		}
		sameZones(t, src.zones, zones, wantZones, 1e-6)

		schools, rep, err := ReadSchools(src.schools, nil, Options{})
		if err != nil {
			t.Fatalf("%s: %v\n%s", src.schools, err, rep)
		}
		if len(schools) != len(wantSchools) {
			t.Fatalf("%s: %d schools, want %d", src.schools, len(schools), len(wantSchools))
		}
		sameSchools(t, schools, wantSchools, 1e-6)
	}
}

func TestShapefileLDIDAndSidecarCase(t *testing.T) {
	zones, rep, err := ReadZones("testdata/shp/nocpg/ZONES.SHP", nil, Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	if len(zones) != 30 || zones[0].Name != "侯家桥村" || zones[0].PrimarySchool != "S003" || zones[0].Population != 518 {
		t.Fatalf("got %d zones, first %+v", len(zones), zones[0])
	}
	if !rep.Has(CodeEncodingGBK) || !rep.Has(CodeCRSDeclared) {
		t.Errorf("report:\n%s", rep)
	}
}

func TestShapefileBeijing1954(t *testing.T) {
	zones, rep, err := ReadZones("testdata/shp/beijing54/zones.shp", nil, Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	notes := rep.ByCode(CodeDatumNotShifted)
	if len(notes) != 1 || notes[0].Severity != Warning || !strings.Contains(notes[0].Message, "100 m") || notes[0].Args["CRS"] != "EPSG:2414" {
		t.Fatalf("want one datum warning, got %v\n%s", notes, rep)
	}
	zdata, zpath := readSample(t, "zones.geojson")
	want, _, _ := ReadZones(zpath, zdata, Options{})
	sameZones(t, "beijing54", zones, want[:30], 1e-6) // projected and inverted on Krassowsky: no shift either way
}

func TestShapefileZipLayers(t *testing.T) {
	names, err := shapefileLayers("testdata/shp/district.zip")
	if err != nil || !slices.Equal(names, []string{"schools", "zones"}) {
		t.Fatalf("layers %v %v", names, err)
	}
	if names, _ := shapefileLayers("testdata/shp/district/zones.shp"); !slices.Equal(names, []string{"zones"}) {
		t.Fatalf("layers of a .shp: %v", names)
	}
	// --zones-layer picks a layer whatever its geometry would suggest.
	if _, rep, err := ReadSchools("testdata/shp/district.zip", nil, Options{Layer: "ZONES"}); err != nil || !rep.Has(CodeWrongGeometry) {
		t.Fatalf("Layer=ZONES for schools: %v\n%s", err, rep)
	}
	var ie *model.InputError
	if _, _, err := ReadZones("testdata/shp/district.zip", nil, Options{Layer: "roads"}); !errors.As(err, &ie) || !strings.Contains(err.Error(), `"zones" (polygons)`) {
		t.Fatalf("unknown layer: %v", err)
	}
	// Two polygon layers: the user must say which.
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "two.zip")
	out, _ := os.Create(zipPath)
	zw := zip.NewWriter(out)
	for _, base := range []string{"a/zones", "b/zones", "towns"} {
		for _, ext := range []string{".shp", ".shx", ".dbf"} {
			data, _ := os.ReadFile("testdata/shp/nocpg/zones.dbf")
			if ext != ".dbf" {
				data, _ = os.ReadFile("testdata/shp/nocpg/ZONES" + strings.ToUpper(ext))
			}
			w, _ := zw.Create(base + ext)
			w.Write(data)
		}
	}
	zw.Close()
	out.Close()
	_, _, err = ReadZones(zipPath, nil, Options{CRS: "EPSG:4526"})
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "--zones-layer") || !strings.Contains(err.Error(), `"a/zones"`) {
		t.Fatalf("ambiguous zip: %v", err)
	}
	if z, _, err := ReadZones(zipPath, nil, Options{CRS: "EPSG:4526", Layer: "b/zones"}); err != nil || len(z) != 30 {
		t.Fatalf("Layer=b/zones: %d %v", len(z), err)
	}
	// Windows Explorer stores Chinese entry names in GBK, unflagged.
	gbkZip := filepath.Join(dir, "gbk.zip")
	out, _ = os.Create(gbkZip)
	zw = zip.NewWriter(out)
	for _, ext := range []string{".shp", ".shx", ".dbf"} {
		data, _ := os.ReadFile("testdata/shp/district/schools" + ext)
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: string(gbkBytes(t, "学校点"+ext)), NonUTF8: true})
		w.Write(data)
	}
	zw.Close()
	out.Close()
	if names, err := shapefileLayers(gbkZip); err != nil || !slices.Equal(names, []string{"学校点"}) {
		t.Fatalf("GBK entry names: %q %v", names, err)
	}
	if s, _, err := ReadSchools(gbkZip, nil, Options{Layer: "学校点", CRS: "EPSG:4526"}); err != nil || len(s) != 40 {
		t.Fatalf("GBK-named layer: %d %v", len(s), err)
	}
}

func TestShapefileInputErrors(t *testing.T) {
	var ie *model.InputError
	for path, want := range map[string]string{
		"testdata/shp/district/zones.dbf": "open the .shp",
		"testdata/shp/missing.shp":        "cannot read",
		"testdata/shp/district/zones.prj": "not a Shapefile",
	} {
		if strings.HasSuffix(path, ".prj") {
			dir := t.TempDir()
			data, _ := os.ReadFile(path)
			path = filepath.Join(dir, "x.shp")
			os.WriteFile(path, data, 0o644)
		}
		_, _, err := ReadZones(path, nil, Options{})
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an InputError saying %q", path, err, want)
		}
	}
	// A .prj Xuequ cannot convert is refused with its name, unless --crs.
	dir := t.TempDir()
	l := &shpLayer{shapeType: 5, geoms: []orb.Geometry{square(500000, 3400000, 100)}, cols: []dbfCol{{"NAME", 'C', 10, 0}}, rows: [][]string{{"a"}},
		prj: `PROJCS["Asia_North_Albers_Equal_Area_Conic",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Albers"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",95.0],PARAMETER["Standard_Parallel_1",15.0],PARAMETER["Standard_Parallel_2",65.0],PARAMETER["Latitude_Of_Origin",30.0],UNIT["Meter",1.0]]`}
	l.write(t, dir, "albers")
	_, _, err := ReadZones(filepath.Join(dir, "albers.shp"), nil, Options{})
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "Asia_North_Albers_Equal_Area_Conic") || !strings.Contains(err.Error(), "--crs") {
		t.Fatalf("Albers: %v", err)
	}
	if _, _, err := ReadZones(filepath.Join(dir, "albers.shp"), nil, Options{CRS: "EPSG:4547"}); err != nil {
		t.Fatalf("Albers with --crs: %v", err)
	}
}

func square(x, y, d float64) orb.Polygon {
	return orb.Polygon{{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}
}

// Records with problems are reported by feature index and skipped; the
// others keep their own attributes (indices stay aligned).
func TestShapefileDamagedRecords(t *testing.T) {
	gk, _ := geo.CRSFromEPSG(4547)
	p := func(lon, lat float64) orb.Point { return gk.FromLonLat(orb.Point{lon, lat}) }
	l := &shpLayer{shapeType: 1, cpg: "UTF-8",
		geoms:   []orb.Geometry{p(114, 30), p(114.01, 30), nil, p(114.02, 30), orb.LineString{p(114, 30), p(114.1, 30)}, p(114.03, 30), orb.MultiPoint{p(114.04, 30), p(114.05, 30)}},
		cols:    []dbfCol{{"名称", 'C', 20, 0}, {"学位数", 'N', 8, 2}},
		rows:    [][]string{{"一小", "100.00"}, {"二小", "****"}, {"空", ""}, {"删", "1"}, {"线", "1"}, {"坏", "1"}, {"多", " 7.50"}},
		deleted: map[int]bool{3: true}}
	shp, shx, dbf := l.encode(t)
	// The .shx entry of feature 6 points into the file header.
	shx[100+8*5+3] = 0
	shx[100+8*5+2] = 0
	rep := &Report{}
	raw, err := parseShapefile(&shapeFiles{name: "s.shp", shp: shp, shx: shx, dbf: dbf, cpg: []byte("UTF-8")}, Options{}, wantPoints, rep)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range raw.features {
		name, _ := f.get("名称")
		cap, ok := f.get("学位数")
		got = append(got, name+"="+cap+map[bool]string{false: "(null)"}[ok])
	}
	if want := []string{"一小=100", "二小=(null)", "多=7.5"}; !slices.Equal(got, want) {
		t.Errorf("features %v, want %v\n%s", got, want, rep)
	}
	bad := map[int]string{}
	for _, is := range rep.Issues {
		if is.Feature > 0 {
			bad[is.Feature] = is.Code
		}
	}
	if bad[3] != CodeNullGeometry || bad[5] != CodeWrongGeometry || bad[6] != CodeBadGeometry || bad[7] != CodeWrongGeometry || !rep.Has(CodeDBFDeleted) {
		t.Errorf("issues by feature %v\n%s", bad, rep)
	}
	// Without the .shx the records are walked in order.
	rep = &Report{}
	raw, err = parseShapefile(&shapeFiles{name: "s.shp", shp: shp, dbf: dbf}, Options{}, wantPoints, rep)
	if err != nil || len(raw.features) != 4 || raw.total != 7 {
		t.Fatalf("no .shx: %v, %d features of %d\n%s", err, len(raw.features), raw.total, rep)
	}
	// A truncated .shp: the last record runs past the end.
	rep = &Report{}
	raw, err = parseShapefile(&shapeFiles{name: "s.shp", shp: shp[:len(shp)-5], shx: shx, dbf: dbf}, Options{}, wantPoints, rep)
	if err != nil || len(raw.features) != 2 || len(rep.ByCode(CodeBadGeometry)) != 2 {
		t.Fatalf("truncated: %v %d\n%s", err, len(raw.features), rep)
	}
}

// Polygon records: several outer rings with holes, a hole listed before
// its outer ring, and a file that wrote every ring counter-clockwise.
func TestAssemblePolygons(t *testing.T) {
	ccw := func(x, y, d float64) orb.Ring { return square(x, y, d)[0] }
	cw := func(x, y, d float64) orb.Ring {
		r := ccw(x, y, d)
		slices.Reverse(r)
		return r
	}
	g := assemblePolygons([]orb.Ring{ccw(12, 12, 2), cw(0, 0, 10), cw(20, 0, 10), ccw(2, 2, 2), ccw(22, 2, 2), ccw(50, 50, 1)})
	mp, ok := g.(orb.MultiPolygon)
	if !ok || len(mp) != 4 || len(mp[0]) != 2 || len(mp[1]) != 2 || mp[0][1][0] != (orb.Point{2, 2}) || mp[1][1][0] != (orb.Point{22, 2}) {
		t.Fatalf("got %v", g)
	}
	// hole (12,12) is inside no outer ring: kept as its own polygon.
	if len(mp[2]) != 1 || len(mp[3]) != 1 {
		t.Fatalf("orphan holes: %v", mp[2:])
	}
	g = assemblePolygons([]orb.Ring{ccw(0, 0, 10), ccw(2, 2, 2), ccw(20, 0, 5)})
	if mp, ok := g.(orb.MultiPolygon); !ok || len(mp) != 2 || len(mp[0]) != 2 {
		t.Fatalf("all counter-clockwise: %v", g)
	}
	if p, ok := assemblePolygons([]orb.Ring{cw(0, 0, 10)}).(orb.Polygon); !ok || len(p) != 1 {
		t.Fatal("single ring")
	}
}

// ogr2ogr writes the sample as GDAL does for a bureau: GBK, EPSG:4527
// (CGCS2000 3° GK zone 39, CM 117°E, zone prefix); it must read back equal.
func TestShapefileFromOgr2ogr(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr not on PATH (apt-get install gdal-bin): GDAL round trip not checked")
	}
	dir := t.TempDir()
	for _, layer := range []string{"zones", "schools"} {
		_, src := readSample(t, layer+".geojson")
		out := filepath.Join(dir, layer+".shp")
		cmd := exec.Command("ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", "-t_srs", "EPSG:4527", out, src)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("ogr2ogr: %v\n%s", err, b)
		}
	}
	zdata, zpath := readSample(t, "zones.geojson")
	want, _, _ := ReadZones(zpath, zdata, Options{})
	zones, rep, err := ReadZones(filepath.Join(dir, "zones.shp"), nil, Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	if d := rep.ByCode(CodeCRSDeclared); len(d) != 1 || d[0].Args["CRS"] != "EPSG:4527" {
		t.Errorf("CRS: %v", d)
	}
	// GDAL cuts 学龄人口_小学 and 学龄人口_初中 to 10 bytes, the same for
	// both (GDAL 3.6: the first half of 小/初 kept), so how they come back
	// depends on the GDAL version: compare the rest.
	for i := range want {
		want[i].PrimaryAge, want[i].JuniorAge, want[i].Attrs = 0, 0, nil
		zones[i].PrimaryAge, zones[i].JuniorAge, zones[i].Attrs = 0, 0, nil
	}
	sameZones(t, "ogr2ogr zones", zones, want, 1e-6)
	sdata, spath := readSample(t, "schools.geojson")
	wantS, _, _ := ReadSchools(spath, sdata, Options{})
	schools, rep, err := ReadSchools(filepath.Join(dir, "schools.shp"), nil, Options{})
	if err != nil || len(schools) != len(wantS) {
		t.Fatalf("%v %d\n%s", err, len(schools), rep)
	}
	sameSchools(t, schools, wantS, 1e-6)
}

// sameSchools: the schools read equal want, locations within tol degrees.
func sameSchools(t *testing.T, got, want []model.School, tol float64) {
	t.Helper()
	for i, w := range want {
		g := got[i]
		if math.Abs(g.Location[0]-w.Location[0]) > tol || math.Abs(g.Location[1]-w.Location[1]) > tol {
			t.Errorf("school %s at %v, want %v", w.ID, g.Location, w.Location)
		}
		g.Location = w.Location
		if !equalJSON(t, g, w) {
			t.Errorf("school %d\n got %+v\nwant %+v", i, g, w)
		}
	}
}

// shapefileSampleIssues raises every issue code of the Shapefile reader,
// for TestIssueArgs.
func shapefileSampleIssues(t *testing.T) []Issue {
	t.Helper()
	_, rep, err := ReadZones("testdata/shp/beijing54/zones.shp", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	l := &shpLayer{shapeType: 1, geoms: []orb.Geometry{orb.Point{114, 30}, orb.Point{114, 30.1}},
		cols: []dbfCol{{"NAME", 'C', 10, 0}, {"NOTE", 'M', 10, 0}}, rows: [][]string{{"a", "1"}, {"b", "2"}, {"c", "3"}}, deleted: map[int]bool{1: true}}
	shp, shx, dbf := l.encode(t)
	for _, files := range []*shapeFiles{{name: "s.shp", shp: shp, shx: shx, dbf: dbf}, {name: "s.shp", shp: shp, shx: shx}} {
		if _, err := parseShapefile(files, Options{}, wantPoints, rep); err != nil {
			t.Fatal(err)
		}
	}
	return rep.Issues
}

// Z and M variants: the reader takes x, y and ignores the rest.
func TestShapefileZM(t *testing.T) {
	pointZ := le32(11) + le64f(500000) + le64f(3300000) + le64f(12) + le64f(0)
	ring := cwRing(square(500000, 3300000, 100)[0])
	polyZ := string(partsRecord(15, orb.Polygon{ring}, []orb.Ring{ring}))
	for range 2 * len(ring) { // Z range, Z values, M range, M values
		polyZ += le64f(7)
	}
	for _, c := range []struct {
		rec  string
		want geomWant
	}{{pointZ, wantPoints}, {polyZ, wantPolygons}} {
		shp := make([]byte, 100, 100+8+len(c.rec))
		shp[2], shp[3] = 0x27, 0x0A // 9994
		shp = append(shp, 0, 0, 0, 1, 0, 0, byte(len(c.rec)/2>>8), byte(len(c.rec)/2))
		shp = append(shp, c.rec...)
		rep := &Report{}
		raw, err := parseShapefile(&shapeFiles{name: "z.shp", shp: shp}, Options{}, c.want, rep)
		if err != nil || len(raw.features) != 1 {
			t.Fatalf("%v\n%s", err, rep)
		}
		b := raw.features[0].geom.Bound()
		if b.Min != (orb.Point{500000, 3300000}) {
			t.Errorf("got %v", raw.features[0].geom)
		}
	}
}

func cwRing(r orb.Ring) orb.Ring {
	r = append(orb.Ring(nil), r...)
	if signedArea(r) > 0 {
		slices.Reverse(r)
	}
	return r
}

// BenchmarkReadShapefileZones reads the 400-zone district (GBK, GK zone
// 38) to lon/lat zones.
func BenchmarkReadShapefileZones(b *testing.B) {
	for b.Loop() {
		if _, _, err := ReadZones("testdata/shp/district/zones.shp", nil, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Without a .prj the CRS is detected from the coordinates, as for GeoJSON
// without "crs": zone-prefixed eastings 38 xxx xxx m give EPSG:4526.
func TestShapefileWithoutPrj(t *testing.T) {
	dir := t.TempDir()
	for _, ext := range []string{".shp", ".shx", ".dbf", ".cpg"} {
		data, _ := os.ReadFile("testdata/shp/district/zones" + ext)
		os.WriteFile(filepath.Join(dir, "zones"+ext), data, 0o644)
	}
	zones, rep, err := ReadZones(filepath.Join(dir, "zones.shp"), nil, Options{})
	if err != nil || len(zones) != 400 {
		t.Fatalf("%d zones, %v\n%s", len(zones), err, rep)
	}
	if d := rep.ByCode(CodeCRSDetected); len(d) != 1 || d[0].Args["CRS"] != "EPSG:4526" {
		t.Fatalf("detection: %v", d)
	}
}
