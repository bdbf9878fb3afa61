package ingest

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
)

// neverEmitted are codes no crafted input below can produce: declared for
// callers (CodeOutsideChina) or impossible from JSON text (NaN vertices).
// Their templates are still checked statically.
var neverEmitted = map[string]bool{CodeOutsideChina: true, geo.NoteNonFinite: true}

// lineKeys are the keys of a whole report line and its severity words.
var lineKeys = []string{LineKey, Info.Key(), Warning.Key(), Error.Key()}

// loadIngestTemplates reads assets/i18n/ingest.LANG.json.
func loadIngestTemplates(t *testing.T, lang string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "assets", "i18n", "ingest."+lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("ingest.%s.json: %v", lang, err)
	}
	return m
}

// actionRe finds template actions; fieldRe the top-level names they use
// (".Level" of ".Level.Chinese"; not the ".3" of a printf format).
var (
	actionRe = regexp.MustCompile(`\{\{.*?\}\}`)
	fieldRe  = regexp.MustCompile(`(?:^|[\s({])\.([A-Za-z_]\w*)`)
)

func templateNames(tmpl string) []string {
	var out []string
	for _, a := range actionRe.FindAllString(tmpl, -1) {
		for _, m := range fieldRe.FindAllStringSubmatch(a, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// TestIssueTemplatesComplete: every code has a template in both languages
// that parses and uses only the Args its issues carry; no stale keys.
func TestIssueTemplatesComplete(t *testing.T) {
	codes := Codes()
	for _, lang := range []string{"zh-CN", "en"} {
		msgs := loadIngestTemplates(t, lang)
		for _, code := range codes {
			key := Issue{Code: code}.Key()
			text, ok := msgs[key]
			if !ok || text == "" {
				t.Errorf("ingest.%s.json: no template for %q", lang, key)
				continue
			}
			if _, err := template.New(key).Parse(text); err != nil {
				t.Errorf("ingest.%s.json: %s: %v", lang, key, err)
			}
			for _, name := range templateNames(text) {
				if !slices.Contains(codeArgs[code], name) {
					t.Errorf("ingest.%s.json: %s uses {{.%s}}, not among the Args %v", lang, key, name, codeArgs[code])
				}
			}
		}
		for _, key := range lineKeys {
			if msgs[key] == "" {
				t.Errorf("ingest.%s.json: no %q", lang, key)
			}
		}
		for key := range msgs {
			if !slices.Contains(codes, strings.TrimPrefix(key, "ingest.")) && !slices.Contains(lineKeys, key) {
				t.Errorf("ingest.%s.json: stale key %q", lang, key)
			}
		}
	}
}

// TestIssueArgs reads crafted inputs that raise every code and checks each
// issue: its Args are exactly those of its code, the English template
// filled with them is the Message word for word, and the Chinese one
// renders without a missing value.
func TestIssueArgs(t *testing.T) {
	en, zh := loadIngestTemplates(t, "en"), loadIngestTemplates(t, "zh-CN")
	issues := sampleIssues(t)
	seen := map[string]bool{}
	for _, is := range issues {
		seen[is.Code] = true
		want, known := codeArgs[is.Code]
		if !known {
			t.Errorf("code %q is not in codeArgs (Codes)", is.Code)
			continue
		}
		if is.Args == nil {
			t.Errorf("%s: no Args: %s", is.Code, is)
			continue
		}
		if got := slices.Sorted(maps.Keys(is.Args)); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
			t.Errorf("%s: Args %v, want %v (%s)", is.Code, got, want, is.Message)
		}
		if got := render(t, en[is.Key()], is.Args); got != is.Message {
			t.Errorf("%s: English template gives\n  %q\nMessage is\n  %q", is.Code, got, is.Message)
		}
		if got := render(t, zh[is.Key()], is.Args); got == "" || strings.Contains(got, "<no value>") {
			t.Errorf("%s: Chinese template gives %q (Args %v)", is.Code, got, is.Args)
		}
		line := is.LineArgs()
		line["Severity"] = en[is.Severity.Key()]
		if got := render(t, en[LineKey], line); got != is.String() {
			t.Errorf("English line template gives\n  %q\nString() is\n  %q", got, is.String())
		}
		line["Severity"], line["Message"] = zh[is.Severity.Key()], "…"
		if got := render(t, zh[LineKey], line); strings.Contains(got, "<no value>") || !strings.HasPrefix(got, zh[is.Severity.Key()]+"：") {
			t.Errorf("Chinese line template gives %q", got)
		}
	}
	for _, code := range Codes() {
		if !seen[code] && !neverEmitted[code] {
			t.Errorf("no sample input raises %q", code)
		}
	}
}

func render(t *testing.T, text string, args map[string]any) string {
	t.Helper()
	tmpl, err := template.New("").Parse(text)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, args); err != nil {
		t.Errorf("%q: %v", text, err)
	}
	return b.String()
}

// sampleIssues runs the readers on inputs with every problem they report.
func sampleIssues(t *testing.T) []Issue {
	t.Helper()
	var out []Issue
	keep := func(rep *Report, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%v\n%s", err, rep)
		}
		out = append(out, rep.Issues...)
	}
	fc := func(feats ...string) string {
		return `{"type":"FeatureCollection","features":[` + strings.Join(feats, ",") + `]}`
	}
	feat := func(props, geom string) string {
		return `{"type":"Feature","properties":{` + props + `},"geometry":` + geom + `}`
	}
	pt := `{"type":"Point","coordinates":[114.01,30.01]}`
	sq := `[[114,30],[114.01,30],[114.01,30.01],[114,30.01],[114,30]]`
	sq2 := `[[114.02,30],[114.03,30],[114.03,30.01],[114.02,30.01],[114.02,30]]`
	poly := func(rings ...string) string {
		return `{"type":"Polygon","coordinates":[` + strings.Join(rings, ",") + `]}`
	}

	schools := fc(
		`42`,
		`{"type":"Feature","properties":"x","geometry":`+pt+`}`,
		feat(`"编码":"S1","名称":"a"`, `null`),
		feat(`"编码":"S2","名称":"a"`, `{"type":"MultiPoint","coordinates":[]}`),
		feat(`"编码":"S3","名称":"a"`, `{"type":"MultiPoint","coordinates":[[114,30],[114.01,30]]}`),
		feat(`"编码":"S4","名称":"a"`, `{"type":"LineString","coordinates":[[114,30],[114.01,30]]}`),
		feat(`"编码":"S5","名称":"a"`, `{"type":"GeometryCollection","geometries":[`+pt+`,{"type":"LineString","coordinates":[[114,30],[114.01,30]]}]}`),
		feat(`"编码":"S6","名称":"a"`, `{"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[114,30],[114.01,30]]}]}`),
		feat(`"编码":"S7","名称":"a"`, `{"type":"Point","coordinates":"x"}`),
		feat(`"编码":"S8","名称":"a"`, poly(sq)),
		feat(`"编码":"S9","名称":"a"`, poly(`[[114,30],[114,30],[114,30],[114,30]]`)),
		feat(`"编码":"S10","学段":"小学"`, pt),
		feat(`"编码":"S11","名称":"城关小学","学段":"完小"`, pt),
		feat(`"编码":"S12","名称":"某校","学段":"不详"`, pt),
		feat(`"编码":"S13","名称":"a","学位数":"很多","教室数":"-3"`, pt),
		feat(`"编码":"S14","名称":"a","学位数":"3e12","寄宿":"偶尔","办学性质":"其他"`, pt),
		feat(`"编码":"S14","名称":"a"`, pt),
		feat(`"名称":"a"`, pt),
	)
	_, rep, err := ReadSchools("高德_schools.geojson", []byte(schools), Options{Map: Mapping{FieldTownship: "镇名"}})
	keep(rep, err)
	_, rep, err = ReadSchools("schools.geojson", []byte(fc(feat(`"名称":"城关第一小学"`, pt))), Options{})
	keep(rep, err)
	_, rep, err = ReadSchools("schools.geojson", []byte(fc(feat(``, pt))), Options{Map: Mapping{FieldName: "校名"}})
	keep(rep, err)

	zones := fc(
		feat(`"编码":"Z1","名称":"a"`, poly(`[[114,30],[114.01,30],[114.01,30.01],[114,30.01]]`)),
		feat(`"编码":"Z2"`, poly(`[[114,30],[114.02,30.02],[114.02,30],[114,30.02],[114,30]]`)),
		feat(`"编码":"Z3"`, poly(sq, `[[115,31],[115.001,31],[115.001,31.001],[115,31.001],[115,31]]`)),
		feat(`"编码":"Z4"`, poly(sq, `[[114.001,30.001],[114.002,30.001],[114.001,30.001]]`)),
		feat(`"编码":"Z5"`, `{"type":"MultiPolygon","coordinates":[[`+sq+`],[[[114.02,30],[114.02,30],[114.02,30],[114.02,30]]]]}`),
		feat(`"编码":"Z6"`, `{"type":"MultiPolygon","coordinates":[[`+sq+`],[[[114.02,30],[114.03,30],[114.03,30.01],[114.02,30.01]]]]}`),
		feat(`"编码":"Z7"`, poly(`[[114,30],[114,30.01],[114.01,30.01],[114.01,30],[114,30]]`)),
		feat(`"编码":"Z8"`, poly(`[[114,30],[114.01,30],[114.01,30],[114.01,30.01],[114,30.01],[114,30]]`)),
		feat(`"编码":"Z9"`, poly(`[[114,30],[114,30],[114,30],[114,30]]`)),
		feat(`"编码":"Z10"`, `{"type":"MultiPolygon","coordinates":[]}`),
		feat(`"编码":"Z11"`, pt),
		feat(`"编码":"Z12"`, poly(sq2)),
		feat(`"编码":"Z13"`, poly(sq, `[[114.005,30.002],[114.005,30.004],[114.02,30.004],[114.02,30.002],[114.005,30.002]]`)),
		feat(`"编码":"Z14"`, `{"type":"MultiPolygon","coordinates":[[`+sq+`],[[[114.005,30],[114.015,30],[114.015,30.01],[114.005,30.01],[114.005,30]]]]}`),
	)
	_, rep, err = ReadZones("zones.geojson", []byte(zones), Options{})
	keep(rep, err)
	zoneCases := []struct {
		data string
		opt  Options
	}{
		{`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[` +
			feat(`"编码":"A","人口":1`, `{"type":"Polygon","coordinates":`+mercSquare()+`}`) + `]}`, Options{}},
		{`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4326"}},"features":[` +
			feat(`"编码":"A","人口":1`, `{"type":"Polygon","coordinates":`+mercSquare()+`}`) + `]}`, Options{}},
		{fc(feat(`"编码":"A","人口":1`, `{"type":"Polygon","coordinates":`+gkSquare(4526)+`}`)), Options{}},
		{fc(feat(`"编码":"A","人口":1`, `{"type":"Polygon","coordinates":`+gkSquare(4547)+`}`)), Options{CRS: "EPSG:4547"}},
		{fc(feat(`"编码":"A","人口":1`, poly(`[[30,114],[30,114.01],[30.01,114.01],[30.01,114],[30,114]]`))), Options{}},
		{fc(feat(`"编码":"A","人口":1`, poly(sq))), Options{GCJ02: true}},
		{"\xEF\xBB\xBF" + fc(feat(`"编码":"A","人口":1`, poly(sq))), Options{}},
		{string(gbk(t, fc(feat(`"编码":"A","名称":"阳光小区","人口":1`, poly(sq))))), Options{}},
		{fc(feat(``, poly(sq))), Options{}},
		{fc(feat("\"编码\":\"A\",\"名称\":\"上城区\xff\",\"人口\":1", poly(sq))), Options{}},
		{fc(feat(`"编码":"A","人口":1`, poly(sq)), feat(`"编码":"B","人口":1`, poly(`[[114,95],[114.01,95],[114.01,95.01],[114,95]]`))), Options{CRS: "EPSG:4326"}},
	}
	for _, c := range zoneCases {
		_, rep, err = ReadZones("zones.geojson", []byte(c.data), c.opt)
		keep(rep, err)
	}

	out = append(out, tooLargeIssue("zones.geojson", 3, "Z3", tooLarge(orb.MultiPolygon{{make(orb.Ring, gpkg.MaxVertices+1)}})))
	refSchools := []model.School{{ID: "S1", Name: "城关镇第一小学", Level: model.LevelPrimary},
		{ID: "S2", Name: "城关初级中学", Level: model.LevelJunior}, {ID: "S3", Name: "实验小学", Level: model.LevelPrimary}}
	refZones := []model.Zone{{ID: "Z1", PrimarySchool: "S1", JuniorSchool: "S2"}, {ID: "Z2", PrimarySchool: "城关一小"},
		{ID: "Z3", PrimarySchool: "城关镇第一小学"}, {ID: "Z4", PrimarySchool: "不存在小学"}, {ID: "Z5", PrimarySchool: "城关一小、实验小学"},
		{ID: "Z6", PrimarySchool: "老名字"}, {ID: "Z7", PrimarySchool: "城关第一小学"}}
	out = append(out, ResolveZoneSchools("zones.geojson", refZones, nil, refSchools,
		ValueMap{"zones.primary_school": {"老名字": "S3", "没用的": "S1"}}).Issues...)

	hist, rep, err := ReadHistory("history.csv", []byte("school,year,grade,students\nS1,2023,1,40\n城关 第一小学,2023,1,40\n城关第一小学,2023,2,40\n无名校,2023,1,40\n"))
	keep(rep, err)
	_, rep = ResolveSchools(hist, []model.School{{ID: "S1", Name: "城关第一小学"}})
	keep(rep, nil)
	births, rep, err := ReadBirths("births.csv", []byte("zone,year,births\nZ1,2020,30\nZX,2020,5\n"))
	keep(rep, err)
	rep = &Report{}
	resolveZoneRefs(rep, "births.csv", []model.Zone{{ID: "Z1"}}, func(yield func(*string)) {
		for i := range births {
			yield(&births[i].Zone)
		}
	})
	keep(rep, nil)
	_, rep, err = ReadHousing("housing.csv", []byte("zone,year,dwellings\nZ1,2020,300\n"))
	keep(rep, err)
	out = append(out, shapefileSampleIssues(t)...)
	out = append(out, kmlSampleIssues(t)...)
	out = append(out, tableSampleIssues(t)...)
	return out
}

// TestIssueLineTemplate: the English line template prints what String()
// does for every combination of place fields.
func TestIssueLineTemplate(t *testing.T) {
	en := loadIngestTemplates(t, "en")
	for _, is := range []Issue{
		{Severity: Error, Message: "m"},
		{Severity: Warning, File: "h.csv", Line: 12, ID: "S1", Field: "school", Message: "m"},
		{Severity: Info, File: "z.geojson", Feature: 1, Field: `a"b`, Message: "m"},
		{Severity: Warning, Feature: 3, ID: "Z3", Message: "m"},
	} {
		line := is.LineArgs()
		line["Severity"] = en[is.Severity.Key()]
		if got := render(t, en[LineKey], line); got != is.String() {
			t.Errorf("line template gives %q, String() %q", got, is.String())
		}
	}
}
