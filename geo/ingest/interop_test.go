package ingest

import (
	"maps"
	"math"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/model"
)

// ogr2ogr converts src into dst with GDAL, or skips the test.
func ogr2ogr(t *testing.T, args ...string) {
	t.Helper()
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr (gdal-bin) is not installed; GDAL interop not checked")
	}
	if out, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr %v: %v\n%s", args, err, out)
	}
}

func sampleFile(name string) string { return filepath.Join(repoRoot(), "assets", "sample", name) }

// sameZones compares what two imports of one district give: ids, names,
// numbers, references, other fields (ignore: fields a format adds) and
// every vertex within tol degrees.
func sameZones(t *testing.T, label string, got, want []model.Zone, tol float64, ignore ...string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d zones, want %d", label, len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		ga, wa := maps.Clone(g.Attrs), maps.Clone(w.Attrs)
		for _, k := range ignore {
			delete(ga, k)
		}
		g.Attrs, w.Attrs, g.Geometry, w.Geometry = nil, nil, nil, nil
		if !equalJSON(t, g, w) || !maps.Equal(ga, wa) {
			t.Fatalf("%s: zone %d\n got %+v %v\nwant %+v %v", label, i, g, ga, w, wa)
		}
		gg, wg := got[i].Geometry, want[i].Geometry
		if len(gg) != len(wg) {
			t.Fatalf("%s: zone %s has %d parts, want %d", label, w.ID, len(gg), len(wg))
		}
		for p := range wg {
			for r := range wg[p] {
				if len(gg[p][r]) != len(wg[p][r]) {
					t.Fatalf("%s: zone %s ring %d/%d has %d vertices, want %d", label, w.ID, p, r, len(gg[p][r]), len(wg[p][r]))
				}
				for v := range wg[p][r] {
					a, b := gg[p][r][v], wg[p][r][v]
					if math.Abs(a[0]-b[0]) > tol || math.Abs(a[1]-b[1]) > tol {
						t.Fatalf("%s: zone %s vertex %v, want %v", label, w.ID, a, b)
					}
				}
			}
		}
	}
}

// TestGDALConversions: the sample district converted by GDAL to a
// GeoPackage (CGCS2000) and to KML reads back as the GeoJSON does, and
// schools GDAL projected to Gauss-Krüger come back where they were.
func TestGDALConversions(t *testing.T) {
	dir := t.TempDir()
	want, _, err := ReadZones(sampleFile("zones.geojson"), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	gpkgPath := filepath.Join(dir, "zones.gpkg")
	ogr2ogr(t, "-f", "GPKG", "-t_srs", "EPSG:4490", gpkgPath, sampleFile("zones.geojson"))
	got, rep, err := ReadZones(gpkgPath, nil, Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	sameZones(t, "GPKG", got, want, 1e-9)

	kmlPath := filepath.Join(dir, "zones.kml")
	ogr2ogr(t, "-f", "KML", kmlPath, sampleFile("zones.geojson"))
	got, rep, err = ReadZones(kmlPath, nil, Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	sameZones(t, "KML", got, want, 1e-6, "folder")

	wantS, _, err := ReadSchools(sampleFile("schools.geojson"), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	gkPath := filepath.Join(dir, "schools_gk.gpkg")
	ogr2ogr(t, "-f", "GPKG", "-t_srs", "EPSG:4526", gkPath, sampleFile("schools.geojson"))
	gotS, rep, err := ReadSchools(gkPath, nil, Options{})
	if err != nil || len(gotS) != len(wantS) {
		t.Fatalf("%v: %d schools, want %d\n%s", err, len(gotS), len(wantS), rep)
	}
	for i := range wantS {
		a, b := gotS[i].Location, wantS[i].Location
		if gotS[i].ID != wantS[i].ID || gotS[i].Name != wantS[i].Name || math.Abs(a[0]-b[0]) > 1e-8 || math.Abs(a[1]-b[1]) > 1e-8 {
			t.Errorf("school %d: %s %s %v, want %s %s %v", i, gotS[i].ID, gotS[i].Name, a, wantS[i].ID, wantS[i].Name, b)
		}
	}
}

// TestProjectFileImports: a Xuequ project (.xuequ.gpkg) imports like any
// GeoPackage: schools and zones layers picked by geometry type.
func TestProjectFileImports(t *testing.T) {
	wantZ, _, err := ReadZones(sampleFile("zones.geojson"), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantS, _, err := ReadSchools(sampleFile("schools.geojson"), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantZ[0].Attrs = map[string]string{"备注": "老城区", "面积": "12.5"} // kept as JSON in the project
	path := filepath.Join(t.TempDir(), "县.xuequ.gpkg")
	p := &store.Project{District: model.District{Name: "样例县", Schools: wantS, Zones: wantZ, Standards: model.DefaultStandards()}}
	if err := store.Save(path, p); err != nil {
		t.Fatal(err)
	}
	z, rep, err := ReadZones(path, nil, Options{})
	if err != nil || len(z) != len(wantZ) {
		t.Fatalf("%v\n%s", err, rep)
	}
	s, rep, err := ReadSchools(path, nil, Options{})
	if err != nil || len(s) != len(wantS) {
		t.Fatalf("%v\n%s", err, rep)
	}
	for i := range wantS {
		if s[i].ID != wantS[i].ID || s[i].Name != wantS[i].Name || s[i].Level != wantS[i].Level || s[i].Location != wantS[i].Location {
			t.Errorf("school %d: %+v, want %+v", i, s[i], wantS[i])
		}
	}
	for i := range wantZ {
		if z[i].ID != wantZ[i].ID || z[i].Population != wantZ[i].Population || z[i].PrimarySchool != wantZ[i].PrimarySchool || !maps.Equal(z[i].Attrs, wantZ[i].Attrs) {
			t.Errorf("zone %d: %+v, want %+v", i, z[i], wantZ[i])
		}
	}
}
