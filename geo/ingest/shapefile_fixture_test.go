package ingest

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo"
)

// The committed fixtures under testdata/shp are the sample district
// (assets/sample) as a bureau would hand it over: GBK Shapefiles with
// Chinese dBase field names in CGCS2000 3° Gauss-Krüger zone 38 (CM 114°E,
// zone-prefixed eastings, EPSG:4526) with an ArcGIS .prj. Regenerate with
//
//		XUEQU_WRITE_FIXTURES=1 go test -tags ci -run TestWriteShapefileFixtures ./geo/ingest
//
//	  - district/{schools,zones}.*  with .cpg "GBK"
//	  - nocpg/ZONES.SHP, ZONES.SHX, zones.dbf, zones.prj: no .cpg, LDID 0x4D, mixed-case names
//	  - district.zip: both layers in a subfolder district/
//	  - beijing54/zones.*: the first zones in Beijing 1954 3° GK zone 38 (EPSG:2414)
const (
	prjCGCS2000Zone38  = `PROJCS["CGCS2000_3_Degree_GK_Zone_38",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",38500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
	prjBeijing54Zone38 = `PROJCS["Beijing_1954_3_Degree_GK_Zone_38",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",38500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
)

// sampleColumns renames the sample's GeoJSON properties as a bureau's
// table names them; 小学学龄人口 and 初中学龄人口 are cut to 10 GBK bytes.
var sampleColumns = map[string]dbfCol{
	"编码":      {"学校代码", 'C', 10, 0},
	"名称":      {"学校名称", 'C', 60, 0},
	"学段":      {"学段", 'C', 20, 0},
	"学位数":     {"学位数", 'N', 10, 0},
	"教室数":     {"教室数", 'N', 6, 0},
	"寄宿":      {"寄宿", 'C', 4, 0},
	"乡镇":      {"乡镇", 'C', 30, 0},
	"办学性质":    {"办学性质", 'C', 8, 0},
	"人口":      {"常住人口", 'N', 10, 0},
	"户数":      {"户数", 'N', 10, 0},
	"住宅套数":    {"住宅套数", 'N', 10, 0},
	"学龄人口_小学": {"小学学龄人口", 'N', 8, 0},
	"学龄人口_初中": {"初中学龄人口", 'N', 8, 0},
	"对口小学":    {"对口小学", 'C', 10, 0},
	"对口初中":    {"对口初中", 'C', 10, 0},
}

// sampleLayer turns a sample GeoJSON into a shpLayer projected to crs.
func sampleLayer(t testing.TB, file string, want geomWant, crs geo.CRS, first int) *shpLayer {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "assets", "sample", file))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := readGeoJSON(file, data, want, &Report{})
	if err != nil {
		t.Fatal(err)
	}
	l := &shpLayer{shapeType: 1, gbk: true, ldid: 0x4D, cpg: "GBK"}
	if want == wantPolygons {
		l.shapeType = 5
	}
	feats := raw.features
	if first > 0 && first < len(feats) {
		feats = feats[:first]
	}
	col := map[string]int{}
	for _, p := range feats[0].props {
		col[p.key] = len(l.cols)
		c, ok := sampleColumns[p.key]
		if !ok {
			t.Fatalf("%s: no dBase column for property %q; add it to sampleColumns", file, p.key)
		}
		if want == wantPolygons && (p.key == "编码" || p.key == "名称") {
			c.name = map[string]string{"编码": "小区编码", "名称": "小区名称"}[p.key]
		}
		l.cols = append(l.cols, c)
	}
	for _, f := range feats {
		row := make([]string, len(l.cols))
		for _, p := range f.props {
			i, ok := col[p.key]
			if !ok {
				t.Fatalf("%s: feature %d has property %q the first has not", file, f.index, p.key)
			}
			row[i] = p.val
		}
		l.rows = append(l.rows, row)
		g := orb.Clone(f.geom)
		if p, ok := g.(orb.Point); ok {
			g = crs.FromLonLat(p)
		} else {
			g = crs.GeometryFromLonLat(g)
		}
		l.geoms = append(l.geoms, g)
	}
	return l
}

func TestWriteShapefileFixtures(t *testing.T) {
	if os.Getenv("XUEQU_WRITE_FIXTURES") == "" {
		t.Skip("set XUEQU_WRITE_FIXTURES=1 to regenerate testdata/shp")
	}
	root := filepath.Join("testdata", "shp")
	if err := os.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	gk, _ := geo.CRSFromEPSG(4526)
	schools := sampleLayer(t, "schools.geojson", wantPoints, gk, 0)
	zones := sampleLayer(t, "zones.geojson", wantPolygons, gk, 0)
	schools.prj, zones.prj = prjCGCS2000Zone38, prjCGCS2000Zone38
	schools.write(t, filepath.Join(root, "district"), "schools")
	zones.write(t, filepath.Join(root, "district"), "zones")

	nocpg := sampleLayer(t, "zones.geojson", wantPolygons, gk, 30)
	nocpg.prj, nocpg.cpg = prjCGCS2000Zone38, ""
	dir := filepath.Join(root, "nocpg")
	nocpg.write(t, dir, "zones")
	for _, ext := range []string{".shp", ".shx"} {
		if err := os.Rename(filepath.Join(dir, "zones"+ext), filepath.Join(dir, "ZONES"+strings.ToUpper(ext))); err != nil {
			t.Fatal(err)
		}
	}

	bj, _ := geo.CRSFromEPSG(2414)
	bj54 := sampleLayer(t, "zones.geojson", wantPolygons, bj, 30)
	bj54.prj = prjBeijing54Zone38
	bj54.write(t, filepath.Join(root, "beijing54"), "zones")

	out, err := os.Create(filepath.Join(root, "district.zip"))
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for _, base := range []string{"schools", "zones"} {
		for _, ext := range []string{".shp", ".shx", ".dbf", ".prj", ".cpg"} {
			data, err := os.ReadFile(filepath.Join(root, "district", base+ext))
			if err != nil {
				t.Fatal(err)
			}
			w, _ := zw.Create("district/" + base + ext)
			w.Write(data)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
}
