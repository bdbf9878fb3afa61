package ingest

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const schoolsCN = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"编码":"S1","名称":"城关第一小学","学段":"小学","学位数":"1,350","教室数":30,"寄宿":"否","乡镇":"城关镇","办学性质":"公办","备注":"老校区"},"geometry":{"type":"Point","coordinates":[114.01,30.02]}},
{"type":"Feature","properties":{"编码":"S2","名称":"城关初级中学","学段":"初中","学位数":"１２００","教室数":"24.0","寄宿":"是","乡镇":"城关镇","办学性质":"民办"},"geometry":{"type":"Point","coordinates":[114.03,30.01,12.5]}}
]}`

const zonesCN = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"编码":"Z1","名称":"阳光小区","人口":"3,200","户数":1000,"住宅套数":1100,"对口小学":"S1","对口初中":"S2","乡镇":"城关镇"},"geometry":{"type":"Polygon","coordinates":[[[114,30],[114.01,30],[114.01,30.01],[114,30.01],[114,30]]]}},
{"type":"Feature","properties":{"编码":"Z2","名称":"幸福家园","人口":1500},"geometry":{"type":"MultiPolygon","coordinates":[[[[114.01,30],[114.02,30],[114.02,30.01],[114.01,30.01],[114.01,30]]]]}}
]}`

func mustSchools(t *testing.T, data string, opt Options) ([]model.School, *Report) {
	t.Helper()
	s, rep, err := ReadSchools("schools.geojson", []byte(data), opt)
	if err != nil {
		t.Fatalf("ReadSchools: %v\n%s", err, rep)
	}
	return s, rep
}

func mustZones(t *testing.T, data []byte, opt Options) ([]model.Zone, *Report) {
	t.Helper()
	z, rep, err := ReadZones("zones.geojson", data, opt)
	if err != nil {
		t.Fatalf("ReadZones: %v\n%s", err, rep)
	}
	return z, rep
}

func TestReadSchoolsChinese(t *testing.T) {
	s, rep := mustSchools(t, schoolsCN, Options{})
	if len(s) != 2 {
		t.Fatalf("%d schools\n%s", len(s), rep)
	}
	a, b := s[0], s[1]
	if a.ID != "S1" || a.Name != "城关第一小学" || a.Level != model.LevelPrimary || a.Capacity != 1350 || a.Classrooms != 30 ||
		a.Boarding || a.Township != "城关镇" || !a.Public || a.Attrs["备注"] != "老校区" || a.Location != (orb.Point{114.01, 30.02}) {
		t.Errorf("school 1: %+v", a)
	}
	if b.Level != model.LevelJunior || b.Capacity != 1200 || b.Classrooms != 24 || !b.Boarding || b.Public || b.Location != (orb.Point{114.03, 30.01}) {
		t.Errorf("school 2 (full-width number, 3-D point, 民办): %+v", b)
	}
	if rep.Count(Warning)+rep.Count(Error) != 0 {
		t.Errorf("unexpected warnings:\n%s", rep)
	}
}

func TestRealFileProblems(t *testing.T) {
	poly := func(props string, coords string) string {
		return `{"type":"Feature","properties":{` + props + `},"geometry":{"type":"Polygon","coordinates":` + coords + `}}`
	}
	sq := `[[[114,30],[114.01,30],[114.01,30.01],[114,30.01],[114,30]]]`
	fc := func(feats ...string) string {
		return `{"type":"FeatureCollection","features":[` + strings.Join(feats, ",") + `]}`
	}
	cases := []struct {
		name      string
		data      []byte
		opt       Options
		wantZones int
		wantCodes []string
		check     func(t *testing.T, z []model.Zone)
	}{
		{"BOM", append([]byte{0xEF, 0xBB, 0xBF}, zonesCN...), Options{}, 2, []string{CodeBOM}, nil},
		{"GBK", gbk(t, zonesCN), Options{}, 2, []string{CodeEncodingGBK}, func(t *testing.T, z []model.Zone) {
			if z[0].Name != "阳光小区" || z[0].Population != 3200 {
				t.Errorf("GBK decode: %+v", z[0])
			}
		}},
		{"null geometry", []byte(fc(poly(`"编码":"A","人口":1`, sq), `{"type":"Feature","properties":{"编码":"B"},"geometry":null}`)), Options{}, 1, []string{CodeNullGeometry}, nil},
		{"unclosed ring", []byte(fc(poly(`"编码":"A","人口":1`, `[[[114,30],[114.01,30],[114.01,30.01],[114,30.01]]]`))), Options{}, 1, []string{geo.NoteRingClosed}, nil},
		{"bow-tie", []byte(fc(poly(`"编码":"A","人口":1`, `[[[114,30],[114.02,30.02],[114.02,30],[114,30.02],[114,30]]]`))), Options{}, 1, []string{geo.NoteSelfIntersection}, func(t *testing.T, z []model.Zone) {
			if len(z[0].Geometry) != 2 {
				t.Errorf("bow-tie parts %d", len(z[0].Geometry))
			}
		}},
		{"duplicate ids", []byte(fc(poly(`"编码":"A","人口":1`, sq), poly(`"编码":"A","人口":2`, sq))), Options{}, 2, []string{CodeDuplicateID}, func(t *testing.T, z []model.Zone) {
			if z[0].ID != "A" || z[1].ID != "A-2" {
				t.Errorf("ids %s %s", z[0].ID, z[1].ID)
			}
		}},
		{"missing ids", []byte(fc(poly(`"人口":1`, sq), poly(`"人口":2`, sq))), Options{}, 2, []string{CodeGeneratedID}, func(t *testing.T, z []model.Zone) {
			if z[0].ID != "Z0001" || z[1].ID != "Z0002" {
				t.Errorf("ids %s %s", z[0].ID, z[1].ID)
			}
		}},
		{"geometry collection", []byte(fc(`{"type":"Feature","properties":{"编码":"A","人口":1},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[114,30]},{"type":"Polygon","coordinates":` + sq + `}]}}`)), Options{}, 1, []string{CodeCollection}, nil},
		{"wrong type", []byte(fc(poly(`"编码":"A","人口":1`, sq), `{"type":"Feature","properties":{"编码":"B"},"geometry":{"type":"LineString","coordinates":[[114,30],[115,31]]}}`)), Options{}, 1, []string{CodeWrongGeometry}, nil},
		{"bad feature", []byte(fc(poly(`"编码":"A","人口":1`, sq), `42`, poly(`"编码":"C"`, `[[["x",1]]]`))), Options{}, 1, []string{CodeBadFeature, CodeBadGeometry}, nil},
		{"bad number", []byte(fc(poly(`"编码":"A","人口":"很多"`, sq))), Options{}, 1, []string{CodeBadNumber}, nil},
		{"no population", []byte(fc(poly(`"编码":"A","名称":"x"`, sq))), Options{}, 1, []string{CodeNoPopulation}, nil},
		{"override population", []byte(fc(poly(`"编码":"A","常驻人口数":"88"`, sq))), Options{Map: Mapping{FieldPopulation: "常驻人口数"}}, 1, nil, func(t *testing.T, z []model.Zone) {
			if z[0].Population != 88 {
				t.Errorf("population %d", z[0].Population)
			}
		}},
		{"crs 3857 declared", []byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[` +
			poly(`"编码":"A","人口":1`, mercSquare()) + `]}`), Options{}, 1, []string{CodeCRSDeclared}, checkNear(114, 30)},
		{"crs EPSG old style", []byte(`{"type":"FeatureCollection","crs":{"type":"EPSG","properties":{"code":3857}},"features":[` +
			poly(`"编码":"A","人口":1`, mercSquare()) + `]}`), Options{}, 1, []string{CodeCRSDeclared}, checkNear(114, 30)},
		{"3857 detected", []byte(fc(poly(`"编码":"A","人口":1`, mercSquare()))), Options{}, 1, []string{CodeCRSDetected}, checkNear(114, 30)},
		{"GK zone prefix detected", []byte(fc(poly(`"编码":"A","人口":1`, gkSquare(4526)))), Options{}, 1, []string{CodeCRSDetected}, checkNear(114, 30)},
		{"GK no prefix with --crs", []byte(fc(poly(`"编码":"A","人口":1`, gkSquare(4547)))), Options{CRS: "EPSG:4547"}, 1, []string{CodeCRSOverride}, checkNear(114, 30)},
		{"lat/lon swapped", []byte(fc(poly(`"编码":"A","人口":1`, `[[[30,114],[30,114.01],[30.01,114.01],[30.01,114],[30,114]]]`))), Options{}, 1, []string{CodeAxisSwapped}, checkNear(114, 30)},
		{"gcj02", []byte(fc(poly(`"编码":"A","人口":1`, sq))), Options{GCJ02: true}, 1, []string{CodeGCJ02}, func(t *testing.T, z []model.Zone) {
			p := z[0].Geometry[0][0][0]
			if p == (orb.Point{114, 30}) || math.Abs(p[0]-114) > 0.01 {
				t.Errorf("gcj02 not applied: %v", p)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			z, rep := mustZones(t, c.data, c.opt)
			if len(z) != c.wantZones {
				t.Fatalf("%d zones, want %d\n%s", len(z), c.wantZones, rep)
			}
			for _, code := range c.wantCodes {
				if !rep.Has(code) {
					t.Errorf("report lacks %s:\n%s", code, rep)
				}
			}
			if c.check != nil {
				c.check(t, z)
			}
		})
	}
}

func mercSquare() string { return squareIn(geo.WebMercator) }

func gkSquare(code int) string {
	c, _ := geo.CRSFromEPSG(code)
	return squareIn(c)
}

func squareIn(c geo.CRS) string {
	pts := []orb.Point{{114, 30}, {114.01, 30}, {114.01, 30.01}, {114, 30.01}, {114, 30}}
	var b strings.Builder
	b.WriteString("[[")
	for i, p := range pts {
		q := c.FromLonLat(p)
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("[" + ftoa(q[0]) + "," + ftoa(q[1]) + "]")
	}
	b.WriteString("]]")
	return b.String()
}

func checkNear(lon, lat float64) func(t *testing.T, z []model.Zone) {
	return func(t *testing.T, z []model.Zone) {
		p := z[0].Geometry[0][0][0]
		if math.Abs(p[0]-lon) > 1e-7 || math.Abs(p[1]-lat) > 1e-7 {
			t.Errorf("first vertex %v, want (%v, %v)", p, lon, lat)
		}
	}
}

func TestFatalInput(t *testing.T) {
	for name, data := range map[string]string{
		"not json":     "学校,名称\n1,2",
		"no features":  `{"type":"FeatureCollection","features":[]}`,
		"not fc":       `{"type":"Feature","properties":{},"geometry":null}`,
		"array":        `[1,2,3]`,
		"all null":     `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}]}`,
		"gk ambiguous": `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":` + gkSquare(4547) + `}}]}`,
		"unknown crs":  `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:2154"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}`,
		"empty":        ``,
		"truncated":    zonesCN[:200],
	} {
		_, _, err := ReadZones("z.geojson", []byte(data), Options{})
		var ie *model.InputError
		if !errors.As(err, &ie) || ie.File != "z.geojson" {
			t.Errorf("%s: want *model.InputError, got %v", name, err)
		}
	}
	_, _, err := ReadZones("z.geojson", []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":`+gkSquare(4547)+`}}]}`), Options{})
	if err == nil || !strings.Contains(err.Error(), "--crs") {
		t.Errorf("ambiguous GK must ask for --crs: %v", err)
	}
}

func TestGuessMapping(t *testing.T) {
	m := GuessMapping(Schools, []string{"学校名称", "学校类型", "Capacity", "FID"})
	if m[FieldName] != "学校名称" || m[FieldLevel] != "学校类型" || m[FieldCapacity] != "Capacity" || m[FieldID] != "" {
		t.Errorf("schools: %v", m)
	}
	m = GuessMapping(Zones, []string{"常住人口", "Households", "ES_ZONE"})
	// An attendance area's ES_ZONE names its school: the zone's catchment,
	// and (without a name field) its name too.
	if m[FieldPopulation] != "常住人口" || m[FieldHouseholds] != "Households" || m[FieldPrimarySchool] != "ES_ZONE" {
		t.Errorf("zones: %v", m)
	}
	over, err := ParseMapFlags([]string{"schools.name=学校", "zones.population=常住人口"})
	if err != nil || over[Schools][FieldName] != "学校" || over[Zones][FieldPopulation] != "常住人口" {
		t.Errorf("ParseMapFlags: %v %v", over, err)
	}
	for _, bad := range []string{"name=x", "teachers.name=x", "schools.color=x"} {
		if _, err := ParseMapFlags([]string{bad}); err == nil {
			t.Errorf("%q: want error", bad)
		}
	}
}

func TestParseLevelAndNumbers(t *testing.T) {
	levels := map[string]model.Level{"ELEM": model.LevelPrimary, "Option ELEM": model.LevelPrimary, "MS": model.LevelJunior,
		"HS": model.LevelSenior, "Option HS": model.LevelSenior, "九年一贯制": model.LevelNineYear, "某镇中心小学": model.LevelPrimary,
		"Elementary School": model.LevelPrimary, "Middle School": model.LevelJunior, "High School": model.LevelSenior,
		"Charter School": model.LevelOther, "K-8": model.LevelNineYear, "Option K-8": model.LevelNineYear, "K-5": model.LevelPrimary,
		"完全小学": model.LevelPrimary, "中心小学": model.LevelPrimary, "教学点": model.LevelPrimary, "初级中学": model.LevelJunior,
		"九年制学校": model.LevelNineYear, "十二年一贯制学校": model.LevelNineYear, "完全中学": model.LevelJunior,
		"特殊教育学校": model.LevelOther, "职业高级中学": model.LevelOther, "幼儿园": model.LevelKindergarten,
		"Service School": model.LevelOther, "West Seattle Elem": model.LevelPrimary, "Salmon Bay K-8": model.LevelNineYear}
	for in, want := range levels {
		if got, ok := parseLevel(in); !ok || got != want {
			t.Errorf("parseLevel(%q) = %v", in, got)
		}
	}
	for _, s := range []string{"Highland Park", "不详", "Interim"} {
		if l, ok := parseLevel(s); ok {
			t.Errorf("parseLevel(%q) = %v, want not recognised", s, l)
		}
	}
	nums := map[string]int{"1,234": 1234, "1234.0": 1234, "１２３４": 1234, " 56 人": 56, "": 0}
	for in, want := range nums {
		if got, _, err := parseCount(in); err != nil || got != want {
			t.Errorf("parseCount(%q) = %d %v", in, got, err)
		}
	}
	for _, bad := range []string{"-3", "abc", "1e400", "NaN"} {
		if _, _, err := parseCount(bad); err == nil {
			t.Errorf("parseCount(%q): want error", bad)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	s1, _ := mustSchools(t, schoolsCN, Options{})
	z1, _ := mustZones(t, []byte(zonesCN), Options{})
	var bs, bz bytes.Buffer
	if err := WriteSchools(&bs, s1); err != nil {
		t.Fatal(err)
	}
	if err := WriteZones(&bz, z1); err != nil {
		t.Fatal(err)
	}
	s2, rep := mustSchools(t, bs.String(), Options{})
	z2, rep2 := mustZones(t, bz.Bytes(), Options{})
	if rep.Count(Warning)+rep2.Count(Warning) > 0 {
		t.Errorf("warnings on re-import:\n%s%s", rep, rep2)
	}
	if !equalJSON(t, s1, s2) || !equalJSON(t, z1, z2) {
		t.Errorf("round trip differs:\n%+v\n%+v\n%+v\n%+v", s1, s2, z1, z2)
	}
}

func TestPreview(t *testing.T) {
	p, err := Preview("z.geojson", gbk(t, zonesCN), Zones, 1, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Encoding != EncGB18030 || p.Features != 2 || len(p.Rows) != 1 || p.PropertyNames[0] != "编码" || p.Rows[0][1] != "阳光小区" || p.Mapping[FieldPopulation] != "人口" {
		t.Errorf("%+v", p)
	}
}

// repoRoot finds the module root from this file's location.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

func TestSeattle(t *testing.T) {
	dir := filepath.Join(repoRoot(), "..", "shared", "data", "seattle")
	es, err := os.ReadFile(filepath.Join(dir, "sps_attendance_area_ES.geojson"))
	if err != nil {
		t.Skipf("Seattle sample data absent (%v)", err)
	}
	zones, rep := mustZones(t, es, Options{})
	if len(zones) != 57 {
		t.Fatalf("%d ES zones\n%s", len(zones), rep)
	}
	for _, z := range zones {
		if z.Name == "" || z.Name == z.ID {
			t.Errorf("zone %s has no name", z.ID)
		}
	}
	if !rep.Has(CodeNoPopulation) || len(rep.ByCode(CodeNoPopulation)) != 1 {
		t.Errorf("want one no-population warning:\n%s", rep)
	}
	sites, err := os.ReadFile(filepath.Join(dir, "sps_school_site_2015_2016.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	schools, srep, err := ReadSchools("sites.geojson", sites, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(schools) != 97 {
		t.Fatalf("%d sites", len(schools))
	}
	count := map[model.Level]int{}
	for _, s := range schools {
		count[s.Level]++
		if s.Name == "" || s.Name == s.ID {
			t.Errorf("site %s has no name", s.ID)
		}
	}
	if count[model.LevelPrimary] != 70 || count[model.LevelJunior] != 10 || count[model.LevelSenior] != 12 {
		t.Errorf("levels %v\n%s", count, srep)
	}
	// Every ES zone name matches a site; the index places each site in at
	// most one zone.
	idx := geo.NewPolygonIndex(zoneGeoms(zones))
	located := 0
	for _, s := range schools {
		if idx.Locate(s.Location) >= 0 {
			located++
		}
	}
	if located < 80 {
		t.Errorf("only %d of 97 sites fall inside an ES zone", located)
	}
	for _, f := range []string{"sps_attendance_area_MS.geojson", "sps_attendance_area_HS.geojson"} {
		b, _ := os.ReadFile(filepath.Join(dir, f))
		z, _ := mustZones(t, b, Options{})
		if len(z) == 0 || z[0].Name == z[0].ID {
			t.Errorf("%s: %d zones, first %+v", f, len(z), z[0].Name)
		}
	}
}

func zoneGeoms(z []model.Zone) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, len(z))
	for i := range z {
		out[i] = z[i].Geometry
	}
	return out
}

func TestImport(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	d, rep, err := Import(ImportOptions{
		Schools: write("s.geojson", schoolsCN),
		Zones:   write("z.geojson", zonesCN),
		History: write("h.csv", "学校,年份,年级,学生数\n城关第一小学,2023,1,113\nS2,2023,7,200\n"),
		Births:  write("b.csv", "zone,year,births\nZ1,2017,30\n"),
		Housing: write("d.csv", "zone,year,dwellings\nZ9,2025,100\n"),
		Map:     []string{"zones.population=户数"},
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	if len(d.Schools) != 2 || len(d.Zones) != 2 || len(d.History) != 2 || d.History[0].School != "S1" || d.Zones[0].Population != 1000 || d.Name != "z" {
		t.Errorf("%+v", d)
	}
	if len(rep.ByCode(CodeUnknownZone)) != 1 { // housing zone Z9
		t.Errorf("%s", rep)
	}
	if _, _, err := Import(ImportOptions{Schools: "/nonexistent.geojson", Zones: "x"}); err == nil {
		t.Error("missing file must fail")
	}
}

// A GeoJSON file nested millions of arrays deep (7 MB) is refused with a
// message; it used to overflow the stack and kill the program.
func TestDeepNestingRefused(t *testing.T) {
	const depth = 3_500_000
	deep := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"x":` +
		strings.Repeat("[", depth) + strings.Repeat("]", depth) + `},"geometry":null}]}`
	_, _, err := ReadZones("deep.geojson", []byte(deep), Options{})
	var ie *model.InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "nested more than") {
		t.Fatalf("want an InputError about nesting, got %v", err)
	}
	if _, err := skipValue([]byte(strings.Repeat("[", 100)+strings.Repeat("]", 100)), 0); err != nil {
		t.Errorf("100 levels are fine: %v", err)
	}
}

// Coordinates that are no longitude/latitude once read are refused per
// feature: lat 95 given as EPSG:4326, 1e308 in Web Mercator (which used to
// store an infinite point).
func TestOutOfRangeCoordinates(t *testing.T) {
	fc := `{"type":"FeatureCollection","features":[` +
		`{"type":"Feature","properties":{"编码":"S1"},"geometry":{"type":"Point","coordinates":[114,30]}},` +
		`{"type":"Feature","properties":{"编码":"S2"},"geometry":{"type":"Point","coordinates":[114,95]}}]}`
	s, rep, err := ReadSchools("s.geojson", []byte(fc), Options{CRS: "EPSG:4326"})
	if err != nil || len(s) != 1 || s[0].ID != "S1" || len(rep.ByCode(CodeBadGeometry)) != 1 {
		t.Fatalf("lat 95: %v %+v\n%s", err, s, rep)
	}
	merc := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"编码":"S1"},"geometry":{"type":"Point","coordinates":[1e308,3000000]}}]}`
	_, rep, err = ReadSchools("m.geojson", []byte(merc), Options{CRS: "EPSG:3857"})
	var ie *model.InputError
	if !errors.As(err, &ie) || strings.Contains(rep.String(), "000000000000000000") {
		t.Fatalf("1e308 in EPSG:3857: %v\n%s", err, rep)
	}
}

// A zone too big for a project file (more vertices than gpkg.MaxVertices)
// is skipped at import with a message, instead of being written into a
// project no later command can open.
func TestZoneTooLargeSkipped(t *testing.T) {
	if got := tooLarge(orb.MultiPolygon{{make(orb.Ring, gpkg.MaxVertices+1)}}); !strings.Contains(got, "vertices") {
		t.Errorf("tooLarge = %q", got)
	}
	if got := tooLarge(orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}); got != "" {
		t.Errorf("a triangle is too large: %q", got)
	}
}
