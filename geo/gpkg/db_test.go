package gpkg

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// buildSample writes a GeoPackage with a point layer (inserted after the
// index exists, so the triggers fill it), a polygon layer and an attribute
// table, then updates and deletes rows so every trigger runs.
func buildSample(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	d, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	tx, err := d.SQL().Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(AddSRS(ctx, tx, CGCS2000))
	gk, _ := KnownSRS(4548)
	must(AddSRS(ctx, tx, gk))
	must(CreateFeatureTable(ctx, tx, FeatureTable{Name: "学校", GeometryType: "POINT", SRSID: 4490,
		Columns: []Column{{Name: "名称", Type: "TEXT", NotNull: true}, {Name: "学位", Type: "INTEGER"}}}))
	must(CreateFeatureTable(ctx, tx, FeatureTable{Name: "zones", GeometryType: "MULTIPOLYGON", SRSID: 4326,
		Columns: []Column{{Name: "name", Type: "TEXT"}}}))
	must(CreateAttributeTable(ctx, tx, AttributeTable{Name: "notes", Columns: []Column{{Name: "text", Type: "TEXT"}}}))
	for i, p := range []orb.Point{{117.1, 31.8}, {117.2, 31.9}, {117.3, 32.0}, {117.4, 32.1}} {
		b, _ := Encode(p, 4490)
		_, err := tx.Exec(`INSERT INTO "学校" (geom, "名称", "学位") VALUES (?, ?, ?)`, b, "第"+string(rune('一'+i))+"小学", 900)
		must(err)
	}
	mp := orb.MultiPolygon{{square, hole}}
	b, _ := Encode(mp, 4326)
	_, err = tx.Exec(`INSERT INTO zones (geom, name) VALUES (?, 'a'), (NULL, 'no geometry')`, b)
	must(err)
	empty, _ := Encode(orb.MultiPolygon{}, 4326)
	_, err = tx.Exec(`INSERT INTO zones (geom, name) VALUES (?, 'empty')`, empty)
	must(err)
	moved, _ := Encode(orb.Point{118, 33}, 4490)
	_, err = tx.Exec(`UPDATE "学校" SET geom = ? WHERE fid = 2`, moved) // update1
	must(err)
	_, err = tx.Exec(`UPDATE "学校" SET geom = NULL WHERE fid = 3`) // update2
	must(err)
	_, err = tx.Exec(`UPDATE "学校" SET fid = 40 WHERE fid = 4`) // update3
	must(err)
	_, err = tx.Exec(`DELETE FROM "学校" WHERE fid = 1`) // delete
	must(err)
	must(UpdateExtent(ctx, tx, "学校", "geom"))
	must(UpdateExtent(ctx, tx, "zones", "geom"))
	_, err = tx.Exec(`INSERT INTO notes (text) VALUES ('hello')`)
	must(err)
	must(tx.Commit())
}

func TestCreateValidate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "测试 ?#%.gpkg") // URI-hostile name
	buildSample(t, path)
	if err := Validate(context.Background(), path); err != nil {
		t.Fatalf("validate:\n%v", err)
	}
	d, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var n int
	if err := d.SQL().QueryRow(`SELECT count(*) FROM "rtree_学校_geom"`).Scan(&n); err != nil || n != 2 {
		t.Errorf("rtree of 学校 has %d entries (%v), want 2 (one deleted, one NULL)", n, err)
	}
	cs, err := Contents(context.Background(), d.SQL())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.TableName == "学校" {
			want := orb.Bound{Min: orb.Point{117.4, 32.1}, Max: orb.Point{118, 33}}
			if !c.HasExtent || c.Extent != want {
				t.Errorf("学校 extent %v, want %v", c.Extent, want)
			}
		}
	}
	if _, err := d.SQL().Exec(`INSERT INTO notes (text) VALUES ('x')`); err == nil {
		t.Error("read-only Open allowed a write")
	}
}

func TestValidateFindsDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.gpkg")
	buildSample(t, path)
	d, err := OpenWritable(path)
	if err != nil {
		t.Fatal(err)
	}
	// Break the index behind the triggers' back and the extent.
	_, err = d.SQL().Exec(`DELETE FROM "rtree_zones_geom"; UPDATE gpkg_contents SET max_x = 0 WHERE table_name = 'zones'`)
	d.Close()
	if err != nil {
		t.Fatal(err)
	}
	err = Validate(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "rtree has 0 entries") || !strings.Contains(err.Error(), "outside gpkg_contents extent") {
		t.Fatalf("validate: %v", err)
	}
}

func TestOpenNotGeoPackage(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "a.gpkg")
	os.WriteFile(text, []byte("not a database at all, just some text that is long enough"), 0o644)
	if _, err := Open(text); err == nil {
		t.Error("text file opened")
	}
	if _, err := Open(filepath.Join(dir, "missing.gpkg")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	plain := filepath.Join(dir, "plain.sqlite")
	d, err := Create(plain)
	if err != nil {
		t.Fatal(err)
	}
	d.SQL().Exec("PRAGMA application_id = 0")
	d.Close()
	if _, err := Open(plain); !errors.Is(err, ErrNotGeoPackage) {
		t.Errorf("plain SQLite: %v, want ErrNotGeoPackage", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.gpkg")); err == nil {
		t.Error("Open created a missing file")
	}
}

// TestOgrinfo asks GDAL whether it reads what we write.
func TestOgrinfo(t *testing.T) {
	ogr, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo not on PATH (install gdal-bin to run this check)")
	}
	path := filepath.Join(t.TempDir(), "sample.gpkg")
	if p := os.Getenv("GPKG_KEEP"); p != "" {
		path = p
	}
	buildSample(t, path)
	out, err := exec.Command(ogr, "-al", "-so", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	s := string(out)
	for _, want := range []string{"Layer name: 学校", "Geometry: Point", "Feature Count: 3", "Layer name: zones",
		"Geometry: Multi Polygon", "Feature Count: 3", `ID["EPSG",4326]`, `ID["EPSG",4490]`, "Layer name: notes"} {
		if !strings.Contains(s, want) {
			t.Errorf("ogrinfo output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "ERROR") || strings.Contains(s, "Warning") {
		t.Errorf("ogrinfo complained:\n%s", s)
	}
}

// gdalValidator returns a command running GDAL's own validate_gpkg.py on
// path, or nil when python3 or the script is not installed.
func gdalValidator(path string) *exec.Cmd {
	py, err := exec.LookPath("python3")
	if err != nil {
		return nil
	}
	for _, script := range []string{
		"/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
		"/usr/share/doc/python3-gdal/examples/validate_gpkg.py",
	} {
		if _, err := os.Stat(script); err == nil {
			return exec.Command(py, script, path)
		}
	}
	return nil
}

func TestGDALValidateScript(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sample.gpkg")
	buildSample(t, path)
	cmd := gdalValidator(path)
	if cmd == nil {
		t.Skip("GDAL's validate_gpkg.py not installed (python3-gdal); the Go port in Validate still ran")
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("validate_gpkg.py: %v\n%s", err, out)
	}
}
