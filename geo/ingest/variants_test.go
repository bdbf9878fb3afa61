package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/width"
)

// spellings are ways a county spreadsheet writes a school's name that the
// schools layer writes in full: abbreviations, dropped place names, full
// width, stray spaces, 九年制 for 九年一贯制.
var spellings = []func(string) string{
	func(s string) string { return s },
	func(s string) string {
		return strings.Replace(strings.Replace(s, "第一小学", "一小", 1), "第二小学", "二小", 1)
	},
	func(s string) string { return strings.Replace(s, "示例县", "", 1) },
	func(s string) string { return strings.Replace(s, "镇中心小学", "中心小学", 1) },
	func(s string) string { return width.Widen.String(s) },
	func(s string) string {
		return " " + strings.Replace(s, "九年一贯制学校", "九年制学校", 1) + " "
	},
	func(s string) string { return strings.Replace(s, "第三小学", "三小", 1) },
	func(s string) string { return s + "（本部）" },
}

// TestSampleZonesNamedBySpreadsheet rewrites the sample county's zones to
// name their catchment schools the way a Chinese spreadsheet does, as the
// issue measured (400 of 400 zones were left unassigned): every zone must
// come back to its own school, each loose match reported.
func TestSampleZonesNamedBySpreadsheet(t *testing.T) {
	root := filepath.Join("..", "..", "assets", "sample")
	sdata, err := os.ReadFile(filepath.Join(root, "schools.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	zdata, err := os.ReadFile(filepath.Join(root, "zones.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	schools, _, err := ReadSchools("schools.geojson", sdata, Options{})
	if err != nil {
		t.Fatal(err)
	}
	zones, feats, _, err := readZones("zones.geojson", zdata, Options{})
	if err != nil {
		t.Fatal(err)
	}
	name := map[string]string{}
	for _, s := range schools {
		name[s.ID] = s.Name
	}
	want := make([][2]string, len(zones))
	for i := range zones {
		z := &zones[i]
		want[i] = [2]string{z.PrimarySchool, z.JuniorSchool}
		if z.PrimarySchool != "" {
			z.PrimarySchool = spellings[i%len(spellings)](name[z.PrimarySchool])
		}
		if z.JuniorSchool != "" {
			z.JuniorSchool = spellings[(i+3)%len(spellings)](name[z.JuniorSchool])
		}
	}
	rep := ResolveZoneSchools("zones.xlsx", zones, feats, schools, nil)
	wrong := 0
	for i, z := range zones {
		if z.PrimarySchool != want[i][0] || z.JuniorSchool != want[i][1] {
			if wrong++; wrong <= 5 {
				t.Errorf("zone %s: got %q/%q, want %q/%q", z.ID, z.PrimarySchool, z.JuniorSchool, want[i][0], want[i][1])
			}
		}
	}
	if wrong > 0 || len(rep.Unresolved) > 0 {
		t.Fatalf("%d of %d zones wrong; unresolved %+v", wrong, len(zones), rep.Unresolved)
	}
	if len(rep.ByCode(CodeZoneSchoolMatched)) == 0 {
		t.Error("loose matches must be reported")
	}
}
