package export

import (
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/assets"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
)

// sample reads the embedded sample district's schools and zones and
// writes its schools file to dir (for re-imports).
func sample(t *testing.T, dir string) (*model.District, string) {
	t.Helper()
	read := func(name string) []byte {
		b, err := fs.ReadFile(assets.Sample, "sample/"+name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	d := &model.District{}
	var err error
	if d.Schools, _, err = ingest.ReadSchools("schools.geojson", read("schools.geojson"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if d.Zones, _, err = ingest.ReadZones("zones.geojson", read("zones.geojson"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	schools := filepath.Join(dir, "schools.geojson")
	if err := os.WriteFile(schools, read("schools.geojson"), 0o644); err != nil {
		t.Fatal(err)
	}
	return d, schools
}

// A Shapefile of the zones (UTF-8 or GBK), and a GeoPackage, GeoJSON or
// KML, re-imports with every zone's catchment schools.
func TestZonesShapefileReimport(t *testing.T) {
	dir := t.TempDir()
	d, schools := sample(t, dir)
	assigned := 0
	for _, z := range d.Zones {
		if z.PrimarySchool != "" {
			assigned++
		}
	}
	if assigned == 0 {
		t.Fatal("the sample has no assigned zones")
	}
	for _, c := range []struct{ name, enc string }{
		{"小区_utf8.shp", "UTF-8"}, {"小区_gbk.shp", "GBK"}, {"小区.gpkg", ""}, {"小区.geojson", ""}, {"小区.kml", ""},
	} {
		out, enc := filepath.Join(dir, c.name), c.name
		if err := Write(out, ZoneLayer(d), Options{Encoding: c.enc}); err != nil {
			t.Fatal(err)
		}
		if cpg, _ := os.ReadFile(strings.TrimSuffix(out, ".shp") + ".cpg"); c.enc != "" && string(cpg) != c.enc {
			t.Errorf(".cpg says %q, want %s", cpg, c.enc)
		}
		got, _, err := ingest.Import(ingest.ImportOptions{Schools: schools, Zones: out})
		if err != nil {
			t.Fatalf("%s: re-import: %v", enc, err)
		}
		if len(got.Zones) != len(d.Zones) {
			t.Fatalf("%s: %d zones re-imported, want %d", enc, len(got.Zones), len(d.Zones))
		}
		byID := map[string]model.Zone{}
		for _, z := range got.Zones {
			byID[z.ID] = z
		}
		for _, z := range d.Zones {
			g, ok := byID[z.ID]
			if !ok || g.PrimarySchool != z.PrimarySchool || g.JuniorSchool != z.JuniorSchool || g.Name != z.Name {
				t.Fatalf("%s: zone %s %s re-imported as %+v, want schools %q/%q", enc, z.ID, z.Name, g, z.PrimarySchool, z.JuniorSchool)
			}
		}
	}
}

// The catchments are one valid (multi)polygon per school and stage whose
// area is the area of its zones.
func TestCatchmentDissolve(t *testing.T) {
	dir := t.TempDir()
	d, _ := sample(t, dir)
	l := CatchmentLayer(d, model.Analysis{Year: 2024}, model.Standards{})
	want := map[string]float64{}
	for _, z := range d.Zones {
		for _, k := range []string{"小学" + z.PrimarySchool, "初中" + z.JuniorSchool} {
			if !strings.HasSuffix(k, "学") {
				want[k] += geo.Area(z.Geometry)
			}
		}
	}
	if len(l.Features) != len(want) {
		t.Fatalf("%d catchments, want %d", len(l.Features), len(want))
	}
	for _, f := range l.Features {
		key := f.Values[2].(string) + f.Values[0].(string)
		mp := asMulti(f.Geometry)
		if err := geo.Validate(mp); err != nil {
			t.Errorf("catchment %s is not valid: %v", key, err)
		}
		if a := geo.Area(mp); math.Abs(a-want[key]) > 1e-3*want[key] {
			t.Errorf("catchment %s: area %.0f m², zones %.0f m²", key, a, want[key])
		}
	}
	for _, name := range []string{"学区.gpkg", "学区.geojson", "学区.kml", "学区.shp"} {
		out := filepath.Join(dir, name)
		if err := Write(out, l, Options{}); err != nil {
			t.Fatal(err)
		}
		ogrinfo, err := exec.LookPath("ogrinfo")
		if err != nil {
			continue
		}
		b, err := exec.Command(ogrinfo, "-ro", "-al", "-so", out).CombinedOutput()
		if err != nil || !strings.Contains(string(b), "Feature Count: "+strconv.Itoa(len(l.Features))) {
			t.Errorf("ogrinfo %s: %v\n%s", name, err, b)
		}
	}
}
