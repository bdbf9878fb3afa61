package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/assets"
)

// xuequ export --zones Z.shp, then xuequ import of that Shapefile, gives
// every zone its catchment schools back; --catchments writes every format.
func TestExportLayersReimport(t *testing.T) {
	p := sampleProject(t)
	dir := t.TempDir()
	zones := filepath.Join(dir, "小区.shp")
	code, _, errOut := runCLI(t, "export", p, "--zones", zones, "--encoding", "GBK", "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, zones) {
		t.Errorf("stderr does not name %s: %q", zones, errOut)
	}
	schools := filepath.Join(dir, "schools.geojson")
	b, _ := fs.ReadFile(assets.Sample, "sample/schools.geojson")
	os.WriteFile(schools, b, 0o644)
	again := filepath.Join(dir, "again.xuequ.gpkg")
	if code, _, errOut := runCLI(t, "import", "--schools", schools, "--zones", zones, "-o", again, "-q"); code != 0 {
		t.Fatalf("re-import: exit %d: %s", code, errOut)
	}
	want, _, err := store.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := store.Open(again)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string][2]string{}
	for _, z := range got.District.Zones {
		byID[z.ID] = [2]string{z.PrimarySchool, z.JuniorSchool}
	}
	for _, z := range want.District.Zones {
		if byID[z.ID] != [2]string{z.PrimarySchool, z.JuniorSchool} {
			t.Fatalf("zone %s re-imported with schools %v, want %s/%s", z.ID, byID[z.ID], z.PrimarySchool, z.JuniorSchool)
		}
	}
	for _, ext := range []string{".gpkg", ".shp", ".geojson", ".kml"} {
		out := filepath.Join(dir, "学区"+ext)
		if code, _, errOut := runCLI(t, "export", p, "--catchments", out, "--year", "2027"); code != 0 {
			t.Fatalf("%s: exit %d: %s", ext, code, errOut)
		}
		if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
			t.Errorf("%s not written: %v", out, err)
		}
	}
	for _, args := range [][]string{
		{"export", p, "--zones", filepath.Join(dir, "z.txt")},
		{"export", p, "--zones", zones, "--encoding", "latin1"},
		{"export", p, "--zones", filepath.Join(dir, "z.geojson"), "--crs", "EPSG:4490"},
		{"export", p, "--zones", zones, "--crs", "EPSG:3857"},
	} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// --crs EPSG:4527 writes a Gauss-Krüger Shapefile that re-imports (its
// .prj read) with every catchment and within a centimetre of the zones.
func TestExportLayersGaussKruger(t *testing.T) {
	p := sampleProject(t)
	dir := t.TempDir()
	zones := filepath.Join(dir, "zones.shp")
	if code, _, errOut := runCLI(t, "export", p, "--zones", zones, "--crs", "EPSG:4527"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if prj, _ := os.ReadFile(filepath.Join(dir, "zones.prj")); !strings.Contains(string(prj), `AUTHORITY["EPSG","4527"]`) {
		t.Fatalf(".prj does not name EPSG:4527: %s", prj)
	}
	schools := filepath.Join(dir, "schools.geojson")
	b, _ := fs.ReadFile(assets.Sample, "sample/schools.geojson")
	os.WriteFile(schools, b, 0o644)
	again := filepath.Join(dir, "again.xuequ.gpkg")
	if code, _, errOut := runCLI(t, "import", "--schools", schools, "--zones", zones, "-o", again, "-q"); code != 0 {
		t.Fatalf("re-import: exit %d: %s", code, errOut)
	}
	want, _, _ := store.Open(p)
	got, _, err := store.Open(again)
	if err != nil {
		t.Fatal(err)
	}
	for i, z := range want.District.Zones {
		g := got.District.Zones[i]
		if g.ID != z.ID || g.PrimarySchool != z.PrimarySchool {
			t.Fatalf("zone %s re-imported as %s with %s, want %s", z.ID, g.ID, g.PrimarySchool, z.PrimarySchool)
		}
		if d := g.Geometry.Bound().Min.Lon() - z.Geometry.Bound().Min.Lon(); d > 1e-7 || d < -1e-7 {
			t.Fatalf("zone %s moved by %g°", z.ID, d)
		}
	}
}
