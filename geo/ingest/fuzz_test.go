package ingest

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// Seeds live in testdata/fuzz/<FuzzName>/ (committed); run
// XUEQU_WRITE_SEEDS=1 go test -run TestWriteFuzzSeeds ./geo/ingest to
// regenerate the generated ones.

func geojsonSeeds(t testing.TB) map[string][]byte {
	fc := `{"type":"FeatureCollection","features":[%s]}`
	return map[string][]byte{
		"schools_cn":   []byte(schoolsCN),
		"zones_cn":     []byte(zonesCN),
		"zones_gbk":    gbk(t, zonesCN),
		"schools_gbk":  gbk(t, schoolsCN),
		"zones_bom":    append([]byte{0xEF, 0xBB, 0xBF}, zonesCN...),
		"zones_3857":   []byte(fmt.Sprintf(fc, `{"type":"Feature","properties":{"名称":"a"},"geometry":{"type":"Polygon","coordinates":`+mercSquare()+`}}`)),
		"zones_gk38":   []byte(fmt.Sprintf(fc, `{"type":"Feature","properties":{"名称":"a"},"geometry":{"type":"Polygon","coordinates":`+gkSquare(4526)+`}}`)),
		"zones_crs":    []byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[{"type":"Feature","id":7,"properties":{"人口":"1,2"},"geometry":{"type":"Polygon","coordinates":` + gkSquare(4547) + `}}]}`),
		"bowtie":       []byte(fmt.Sprintf(fc, `{"type":"Feature","properties":{"编码":"A"},"geometry":{"type":"Polygon","coordinates":[[[114,30],[114.02,30.02],[114.02,30],[114,30.02]]]}}`)),
		"broken":       []byte(fmt.Sprintf(fc, `42,null,{"type":"Feature"},{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[["x"]]]}},{"type":"Feature","properties":[1],"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1]}]}}`)),
		"truncated":    []byte(zonesCN[:150]),
		"seattle_like": []byte(fmt.Sprintf(fc, `{"type":"Feature","id":1,"properties":{"PROPERTY_L":"Adams","Status":"Option ELEM","ES_ZONE":"Adams"},"geometry":{"type":"Point","coordinates":[-122.38,47.68,0]}}`)),
		"swapped":      []byte(fmt.Sprintf(fc, `{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[30,114]}}`)),
	}
}

func csvSeeds(t testing.TB) map[string][]byte {
	return map[string][]byte{
		"english":   []byte("school,year,grade,students,classes\nS1,2023,1,113,2\nS1,2023,2,90,\n"),
		"chinese":   []byte("学校,年份,年级,学生数,班级数\nS1,2023年,一年级,113,2\n"),
		"gbk":       gbk(t, "学校,年度,年级,在校生数,班数\n城关小学,2023,初一,\"1,113\",20\n"),
		"bom":       append([]byte{0xEF, 0xBB, 0xBF}, "School,Year,Grade,Students\nS1,2023,1,113\n"...),
		"semicolon": []byte("school;year;grade;students\nS1;2023;1;１１３\n"),
		"negative":  []byte("school,year,grade,students\nS1,2023,1,-5\n"),
		"badgrade":  []byte("school,year,grade,students\nS1,2023,13,5\n"),
		"quotes":    []byte("school,year,grade,students\n\"S\"\"1\",2023,1,5\n\"unterminated,2023,1,5\n"),
		"missing":   []byte("school,year\nS1,2023\n"),
		"empty":     []byte(""),
		"blank":     []byte("\n\n,,,\n"),
		// Wide layout (one row per school, grade columns), see wide.go.
		"wide_title":   []byte("2024学年小学在校生情况统计表\n单位：人\n学校名称,一年级,班数,二年级,班数,合计\nA,40,1,0,,40\nB,—,,25,1,25\n合计,40,1,25,1,65\n"),
		"wide_tworow":  gbk(t, "学年,学校,一年级,,二年级,\n,,学生数,班数,学生数,班数\n2024-2025学年,城关小学,50,1,48,1\n,,,,,\n"),
		"wide_group":   []byte("学校,在校学生数,,,班数,\n,合计,一年级,初一,一年级,初一\nA,90,50,40,1,1\n其中：公办,90,50,40,1,1\n"),
		"wide_english": []byte("school,year,G1,G1_classes,grade_2,grade 2 classes,K\nA,2023,10,1,12,0,5\n"),
		"wide_noyear":  []byte("学校,1年级,2年级\nA,10,\n"),
	}
}

func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("XUEQU_WRITE_SEEDS") == "" {
		t.Skip("set XUEQU_WRITE_SEEDS=1 to regenerate testdata/fuzz seeds")
	}
	writeFuzzSeeds(t, "FuzzReadGeoJSON", geojsonSeeds(t))
	// Sample files for trying `xuequ import` by hand.
	for name, b := range map[string][]byte{"schools.geojson": []byte(schoolsCN), "zones.geojson": []byte(zonesCN), "zones_gbk.geojson": gbk(t, zonesCN)} {
		if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeFuzzSeeds(t, "FuzzReadHistoryCSV", csvSeeds(t))
}

// writeFuzzSeeds writes seeds as testdata/fuzz/<fuzz>/seed_<name> in the
// corpus format of go test -fuzz.
func writeFuzzSeeds(t *testing.T, fuzz string, seeds map[string][]byte) {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", fuzz)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range seeds {
		body := "go test fuzz v1\n[]byte(" + strconv.Quote(string(b)) + ")\n"
		if err := os.WriteFile(filepath.Join(dir, "seed_"+name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzReadGeoJSON: any bytes give either an *model.InputError or schools
// and zones in finite lon/lat with closed rings — never a panic.
func FuzzReadGeoJSON(f *testing.F) {
	for _, b := range geojsonSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		schools, _, err := ReadSchools("f.geojson", data, Options{})
		checkInputErr(t, err)
		for _, s := range schools {
			if math.IsNaN(s.Location[0]) || math.IsInf(s.Location[1], 0) || s.ID == "" {
				t.Fatalf("bad school %+v", s)
			}
		}
		zones, _, err := ReadZones("f.geojson", data, Options{})
		checkInputErr(t, err)
		sameStreamed(t, data)
		ids := map[string]bool{}
		for _, z := range zones {
			if ids[z.ID] || z.ID == "" {
				t.Fatalf("duplicate or empty id %q", z.ID)
			}
			ids[z.ID] = true
			for _, p := range z.Geometry {
				for _, r := range p {
					if len(r) < 4 || r[0] != r[len(r)-1] {
						t.Fatalf("zone %s: bad ring %v", z.ID, r)
					}
				}
			}
		}
	})
}

// sameStreamed checks that the file read feature by feature (from its
// path) gives what its text does.
func sameStreamed(t *testing.T, data []byte) {
	path := filepath.Join(t.TempDir(), "f.geojson")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	z1, r1, e1 := ReadZones(path, nil, Options{})
	z2, r2, e2 := ReadZones(path, data, Options{})
	if !reflect.DeepEqual(z1, z2) || !reflect.DeepEqual(r1, r2) || !reflect.DeepEqual(e1, e2) {
		t.Fatalf("streamed and whole-text reads differ:\n%v %v\n%v %v", e1, r1, e2, r2)
	}
}

// FuzzReadHistoryCSV: any bytes give an *model.InputError or valid rows.
func FuzzReadHistoryCSV(f *testing.F) {
	for _, b := range csvSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		h, _, err := ReadHistory("h.csv", data)
		checkInputErr(t, err)
		for _, e := range h {
			if e.School == "" || !e.Grade.Valid() || e.Students < 0 || e.Classes < 0 {
				t.Fatalf("invalid row %+v", e)
			}
		}
	})
}

func checkInputErr(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var ie *model.InputError
	if !errors.As(err, &ie) || ie.File == "" || ie.Msg == "" {
		t.Fatalf("error is not a complete *model.InputError: %T %v", err, err)
	}
}
