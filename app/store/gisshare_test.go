package store

import (
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/geo/gpkg"
)

// queryInt runs a one-number query on the project file at path.
func queryInt(t *testing.T, path, q string) int {
	t.Helper()
	d, err := gpkg.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var n int
	if err := d.SQL().QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// addForeignLayer adds, as a GIS colleague would, a layer 道路 with one
// line, a QGIS style for it and for zones, a column of their own in zones,
// and GDAL metadata. With ogr2ogr it is GDAL that writes the layer.
func addForeignLayer(t *testing.T, path string) {
	t.Helper()
	ogr2ogr, err := exec.LookPath("ogr2ogr")
	if err == nil {
		src := filepath.Join(t.TempDir(), "roads.geojson")
		os.WriteFile(src, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"人民路","等级":2},
			"geometry":{"type":"LineString","coordinates":[[117.15,31.71],[117.2,31.76]]}}]}`), 0o644)
		out, err := exec.Command(ogr2ogr, "-update", "-f", "GPKG", path, src, "-nln", "道路", "-mo", "来源=自然资源局").CombinedOutput()
		if err != nil {
			t.Fatalf("ogr2ogr: %v\n%s", err, out)
		}
	}
	d, err := gpkg.OpenWritable(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx := context.Background()
	if ogr2ogr == "" {
		if err := gpkg.CreateFeatureTable(ctx, d.SQL(), gpkg.FeatureTable{Name: "道路", GeometryType: "LINESTRING", SRSID: 4326,
			Columns: []gpkg.Column{{Name: "名称", Type: "TEXT"}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := d.SQL().Exec(`INSERT INTO "道路" (名称) VALUES ('人民路')`); err != nil {
			t.Fatal(err)
		}
	}
	if err := gpkg.AddLayerStyles(ctx, d.SQL(), []gpkg.LayerStyle{
		{Table: "道路", GeometryColumn: "geom", Name: "道路等级", QML: "<qgis/>", UseAsDefault: true, Owner: "gis"},
		{Table: "zones", GeometryColumn: "geom", Name: "自然资源局", QML: "<qgis/>", UseAsDefault: true, Owner: "gis"},
	}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`ALTER TABLE zones ADD COLUMN 备注 TEXT`,
		`ALTER TABLE zones ADD COLUMN 面积 DOUBLE`,
		`ALTER TABLE zones ADD COLUMN 待填 TEXT`,
		`UPDATE zones SET 备注 = '待核实', 面积 = 12.5 WHERE fid = 1`,
		`INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES ('zones', '备注', '备注说明', '备注说明')`,
		// GDAL's CRS WKT extension (GPKG 1.3 F.10): a column Xuequ's table lacks.
		`ALTER TABLE gpkg_spatial_ref_sys ADD COLUMN definition_12_063 TEXT NOT NULL DEFAULT 'undefined'`,
		`INSERT INTO gpkg_extensions VALUES ('gpkg_spatial_ref_sys', 'definition_12_063', 'gpkg_crs_wkt',
			'http://www.geopackage.org/spec/#extension_crs_wkt', 'read-write')`,
	} {
		if _, err := d.SQL().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// A foreign layer, a QGIS style, a user column and GDAL's metadata survive
// a Xuequ save, and GDAL still lists the layer.
func TestSaveKeepsForeignLayersAndStyles(t *testing.T) {
	path, _ := saveSample(t)
	addForeignLayer(t, path)
	p, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.District.Zones[0].Attrs["备注"]; got != "待核实" {
		t.Fatalf("zone 1's 备注 = %q, want 待核实", got)
	}
	if err := Save(path, p); err != nil {
		t.Fatal(err)
	}
	if err := gpkg.Validate(context.Background(), path); err != nil {
		t.Errorf("not a valid GeoPackage after the save: %v", err)
	}
	for q, want := range map[string]int{
		`SELECT count(*) FROM "道路"`:                                                                             1,
		`SELECT count(*) FROM gpkg_contents WHERE table_name = '道路'`:                                            1,
		`SELECT count(*) FROM layer_styles WHERE styleName IN ('道路等级', '自然资源局')`:                                2,
		`SELECT count(*) FROM layer_styles WHERE owner = 'xuequ' AND useAsDefault AND f_table_name = 'zones'`:   0,
		`SELECT count(*) FROM layer_styles WHERE owner = 'xuequ' AND useAsDefault AND f_table_name = 'schools'`: 1,
		`SELECT count(*) FROM zones WHERE 备注 = '待核实' AND 面积 = 12.5`:                                             1,
		`SELECT count(*) FROM gpkg_spatial_ref_sys WHERE definition_12_063 IS NULL`:                             0,
		`SELECT count(*) FROM gpkg_extensions WHERE extension_name = 'gpkg_crs_wkt'`:                            1,
		`SELECT count(*) FROM pragma_table_info('zones') WHERE name = '待填'`:                                     1,
		`SELECT count(*) FROM gpkg_data_columns WHERE column_name = '备注' AND name = '备注说明'`:                     1,
		`SELECT count(*) FROM gpkg_data_columns WHERE table_name = 'zones' AND column_name = 'primary_school'`:  1,
	} {
		if got := queryInt(t, path, q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
	// Saved twice, nothing is doubled.
	p, _, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := Save(path, p); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, path, `SELECT count(*) FROM layer_styles`); n != 5 {
		t.Errorf("%d layer_styles rows after two saves, want 5 (3 Xuequ + 2 user)", n)
	}
	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo not installed")
	}
	out, err := exec.Command(ogrinfo, "-ro", "-q", path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "道路") || !strings.Contains(string(out), "zones") {
		t.Fatalf("ogrinfo does not list the carried-over layer: %v\n%s", err, out)
	}
	if n := queryInt(t, path, `SELECT count(*) FROM gpkg_metadata`); n < 1 {
		t.Errorf("GDAL's metadata was not carried over")
	}
}

// toCRS rewrites the project file's zones layer in another CRS with
// ogr2ogr, as a colleague reprojecting the layer in QGIS would.
func toCRS(t *testing.T, path, epsg string) {
	t.Helper()
	ogr2ogr, err := exec.LookPath("ogr2ogr")
	if err != nil {
		t.Skip("ogr2ogr not installed")
	}
	tmp := filepath.Join(t.TempDir(), "zones.gpkg")
	for _, args := range [][]string{
		{"-f", "GPKG", "-t_srs", epsg, tmp, path, "zones", "-nln", "zones"},
		{"-update", "-overwrite", "-f", "GPKG", path, tmp, "zones", "-nln", "zones"},
	} {
		if out, err := exec.Command(ogr2ogr, args...).CombinedOutput(); err != nil {
			t.Fatalf("ogr2ogr %v: %v\n%s", args, err, out)
		}
	}
}

// A zones layer in EPSG:4490 or a CGCS2000 Gauss-Krüger zone opens (in
// lon/lat) and is written back in its CRS.
func TestLayerInCGCS2000(t *testing.T) {
	for _, epsg := range []string{"EPSG:4490", "EPSG:4548"} {
		t.Run(epsg, func(t *testing.T) {
			path, want := saveSample(t)
			toCRS(t, path, epsg)
			got, _, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			checkNear(t, got, want)
			if err := Save(path, got); err != nil {
				t.Fatal(err)
			}
			code := strings.TrimPrefix(epsg, "EPSG:")
			if n := queryInt(t, path, `SELECT count(*) FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s USING (srs_id)
				WHERE g.table_name = 'zones' AND s.organization_coordsys_id = `+code); n != 1 {
				t.Fatalf("zones are not in %s after the save", epsg)
			}
			again, _, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			checkNear(t, again, want)
			if err := gpkg.Validate(context.Background(), path); err != nil {
				t.Error(err)
			}
		})
	}
}

// checkNear compares zone geometries to within 1e-7° (about 1 cm).
func checkNear(t *testing.T, got, want *Project) {
	t.Helper()
	if len(got.District.Zones) != len(want.District.Zones) {
		t.Fatalf("%d zones, want %d", len(got.District.Zones), len(want.District.Zones))
	}
	for i, z := range want.District.Zones {
		g := got.District.Zones[i]
		if g.ID != z.ID || g.PrimarySchool != z.PrimarySchool {
			t.Fatalf("zone %d: %s/%s, want %s/%s", i, g.ID, g.PrimarySchool, z.ID, z.PrimarySchool)
		}
		if len(g.Geometry) != len(z.Geometry) {
			t.Fatalf("zone %s: %d polygons, want %d", z.ID, len(g.Geometry), len(z.Geometry))
		}
		for pi, poly := range z.Geometry {
			for ri, ring := range poly {
				for k, pt := range ring {
					q := g.Geometry[pi][ri][k]
					if math.Abs(q[0]-pt[0]) > 1e-7 || math.Abs(q[1]-pt[1]) > 1e-7 {
						t.Fatalf("zone %s vertex %v, want %v", z.ID, q, pt)
					}
				}
			}
		}
	}
}

// Source attributes are saved as columns of their own (typed when every
// value is a number written plainly), read back exactly; a name that
// clashes with one of Xuequ's columns stays in the JSON attrs.
func TestAttrsAsColumns(t *testing.T) {
	p := sampleProject()
	p.District.Zones[0].Attrs = map[string]string{"编号": "0012", "人数": "35", "比例": "0.5", "NAME": "clash"}
	p.District.Zones[1].Attrs = map[string]string{"人数": "7", "比例": "2"}
	path := filepath.Join(t.TempDir(), "attrs.xuequ.gpkg")
	if err := Save(path, p); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{
		`SELECT count(*) FROM pragma_table_info('zones') WHERE name = '编号' AND type = 'TEXT'`:     1,
		`SELECT count(*) FROM pragma_table_info('zones') WHERE name = '人数' AND type = 'INTEGER'`:  1,
		`SELECT count(*) FROM pragma_table_info('zones') WHERE name = '比例' AND type = 'DOUBLE'`:   1,
		`SELECT count(*) FROM zones WHERE 人数 = 35 AND 编号 = '0012' AND attrs = '{"NAME":"clash"}'`: 1,
	} {
		if got := queryInt(t, path, q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
	got, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !sameProject(got, p) {
		t.Fatalf("attrs differ after the round trip: %v, %v", got.District.Zones[0].Attrs, got.District.Zones[1].Attrs)
	}
}

// A project whose file was since replaced by something that is not a
// GeoPackage, or deleted, still saves (there is nothing to carry over).
func TestSaveWithUnreadableOrigin(t *testing.T) {
	path, _ := saveSample(t)
	p, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.xuequ.gpkg")
	if err := Save(other, p); err != nil {
		t.Fatalf("save with a broken origin: %v", err)
	}
	os.Remove(path)
	if err := Save(path, p); err != nil {
		t.Fatalf("save with a deleted origin: %v", err)
	}
}

// A new project (an import, the sample) saved over a project keeps the
// layers and styles GIS users added to that file.
func TestNewProjectOverProjectKeepsForeignLayers(t *testing.T) {
	path, _ := saveSample(t)
	addForeignLayer(t, path)
	if err := Save(path, sampleProject()); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, path, `SELECT count(*) FROM "道路"`); n != 1 {
		t.Errorf("the other layer was dropped: %d rows", n)
	}
	if n := queryInt(t, path, `SELECT count(*) FROM layer_styles WHERE owner = 'gis'`); n != 2 {
		t.Errorf("%d user styles kept, want 2", n)
	}
}
