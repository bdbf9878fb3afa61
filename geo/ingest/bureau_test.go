package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/model"
)

// levelSpellings are 学段 values as school rosters write them.
var levelSpellings = map[string][]string{
	"小学":    {"完全小学", "中心小学", "教学点", "小学"},
	"初中":    {"初级中学", "初中"},
	"九年一贯制": {"九年制学校", "九年一贯制学校", "十二年一贯制学校"},
}

// TestBureauDistrict imports the sample county as a bureau hands it over
// — GBK Shapefiles in CGCS2000 Gauss-Krüger zone 38 whose zones name
// their schools (spelt another way than the schools layer does, two of
// them matching no school), 学段 words of a school roster, capacities left
// blank or written "1,350人", a zone with a known 0 of school-age
// children, and the 教育事业统计 workbook (one sheet per year, two-row
// merged headers) as history — and checks that the project is usable:
// every catchment resolves except the two, each of which the report names
// with a suggestion; no level is unknown; a 0 stays 0; blank capacities
// are unknown; the history is complete.
func TestBureauDistrict(t *testing.T) {
	dir := t.TempDir()
	gk, _ := geo.CRSFromEPSG(4526)
	schools := sampleLayer(t, "schools.geojson", wantPoints, gk, 0)
	zones := sampleLayer(t, "zones.geojson", wantPolygons, gk, 0)
	schools.prj, zones.prj = prjCGCS2000Zone38, prjCGCS2000Zone38

	col := func(l *shpLayer, name string) int {
		for i, c := range l.cols {
			if c.name == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	sID, sName, sLevel, sCap := col(schools, "学校代码"), col(schools, "学校名称"), col(schools, "学段"), col(schools, "学位数")
	name := map[string]string{}
	wantLevel := map[string]model.Level{}
	blankCap := map[string]bool{}
	for i, row := range schools.rows {
		name[row[sID]] = row[sName]
		wantLevel[row[sID]], _ = model.ParseLevel(row[sLevel])
		if v := levelSpellings[row[sLevel]]; v != nil {
			row[sLevel] = v[i%len(v)]
		}
		switch i % 3 {
		case 0:
			blankCap[row[sID]] = true
			row[sCap] = ""
		case 1:
			row[sCap] = row[sCap] + "人" // still fits the column: numbers are short
		}
	}
	schools.cols[sCap] = dbfCol{"学位数", 'C', 12, 0}

	zPrim, zJun, zAge := col(zones, "对口小学"), col(zones, "对口初中"), col(zones, "小学学龄人口")
	zones.cols[zPrim] = dbfCol{"对口小学", 'C', 40, 0}
	zones.cols[zJun] = dbfCol{"对口初中", 'C', 40, 0}
	want := make([][2]string, len(zones.rows))
	for i, row := range zones.rows {
		want[i] = [2]string{row[zPrim], row[zJun]}
		if row[zPrim] != "" {
			row[zPrim] = spellings[i%len(spellings)](name[row[zPrim]])
		}
		if row[zJun] != "" {
			row[zJun] = spellings[(i+3)%len(spellings)](name[row[zJun]])
		}
	}
	zones.rows[5][zPrim], want[5][0] = "城关第九小学", "" // no such school
	zones.rows[6][zPrim], want[6][0] = "城关第九小学", ""
	zones.rows[7][zJun], want[7][1] = "西城二中", "" // no such school either
	zones.rows[8][zAge] = "0"
	schools.write(t, dir, "学校")
	zones.write(t, dir, "小区")

	d, rep, err := Import(ImportOptions{
		Schools: filepath.Join(dir, "学校.shp"),
		Zones:   filepath.Join(dir, "小区.shp"),
		History: filepath.Join("testdata", "xlsx", "jiaoyu_tongji_2020-2025.xlsx"),
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	if rep.Count(Error) > 0 {
		t.Errorf("errors in the report:\n%s", rep)
	}
	for i, z := range d.Zones {
		if z.PrimarySchool != want[i][0] || z.JuniorSchool != want[i][1] {
			t.Errorf("zone %s: %q/%q, want %q/%q", z.ID, z.PrimarySchool, z.JuniorSchool, want[i][0], want[i][1])
		}
		if err := geo.Validate(z.Geometry); err != nil {
			t.Errorf("zone %s is not OGC-valid: %v", z.ID, err)
		}
	}
	var unresolved []string
	for _, u := range rep.Unresolved {
		unresolved = append(unresolved, u.Value)
		if len(u.Suggestions) == 0 {
			t.Errorf("%q: no suggestion", u.Value)
		}
	}
	if strings.Join(unresolved, ",") != "城关第九小学,西城二中" {
		t.Errorf("unresolved %v", unresolved)
	}
	if is := rep.ByCode(CodeUnresolvedRef); len(is) != 2 || !strings.Contains(is[0].Message, "2 zone(s): feature index 5, 6") {
		t.Errorf("unresolved issues: %v", is)
	}
	for _, s := range d.Schools {
		if s.Level != wantLevel[s.ID] {
			t.Errorf("school %s %s: level %v, want %v", s.ID, s.Name, s.Level, wantLevel[s.ID])
		}
		if blankCap[s.ID] != (s.Capacity == 0) {
			t.Errorf("school %s: capacity %d (blank in the file: %v)", s.ID, s.Capacity, blankCap[s.ID])
		}
	}
	if n, known := d.Zones[8].AgeCount(model.LevelPrimary); n != 0 || !known {
		t.Errorf("a 0 in the file came back as %d known=%v", n, known)
	}
	csvData, err := os.ReadFile(filepath.Join("..", "..", "assets", "sample", "history.csv"))
	if err != nil {
		t.Fatal(err)
	}
	fromCSV, _, _ := ReadHistory("history.csv", csvData)
	if len(d.History) != len(fromCSV) {
		t.Errorf("%d history records from the workbook, %d from the CSV", len(d.History), len(fromCSV))
	}
}
