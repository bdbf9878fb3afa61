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
	} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
