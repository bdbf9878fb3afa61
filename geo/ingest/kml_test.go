package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/model"
)

var ovitalKMZ = filepath.Join("testdata", "kml", "chengguan_ovital.kmz")

func TestKMZSchools(t *testing.T) {
	s, rep, err := ReadSchools(ovitalKMZ, nil, Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	var names, ids []string
	for _, x := range s {
		names, ids = append(names, x.Name), append(ids, x.ID)
	}
	if want := []string{"城关第一小学", "城关第二小学", "北街小学", "城关中学", "实验中学"}; !slices.Equal(names, want) {
		t.Fatalf("names %v, want %v\n%s", names, want, rep)
	}
	if want := []string{"S001", "S002", "S003", "S101", "S102"}; !slices.Equal(ids, want) {
		t.Errorf("ids %v, want %v (ExtendedData, HTML table, SchemaData)", ids, want)
	}
	if s[0].Capacity != 1350 || s[1].Capacity != 900 || s[2].Capacity != 720 {
		t.Errorf("capacities %d %d %d", s[0].Capacity, s[1].Capacity, s[2].Capacity)
	}
	if s[0].Level != model.LevelPrimary || s[3].Level != model.LevelJunior {
		t.Errorf("levels %v %v", s[0].Level, s[3].Level)
	}
	if s[0].Location != (orb.Point{114.301234, 30.601234}) || s[1].Location != (orb.Point{114.315, 30.608}) {
		t.Errorf("locations %v %v", s[0].Location, s[1].Location)
	}
	if s[0].Attrs["folder"] != "小学" || s[3].Attrs["folder"] != "初中" {
		t.Errorf("folder attrs %v %v", s[0].Attrs, s[3].Attrs)
	}
	if s[2].Attrs["description"] != "2019年新建，含学前部" || s[1].Attrs["FID"] != "1" || s[1].Attrs["备注"] != "<空>" {
		t.Errorf("description fields: %v / %v", s[2].Attrs, s[1].Attrs)
	}
	if _, ok := s[1].Attrs["description"]; ok {
		t.Errorf("an all-table description is kept as text: %q", s[1].Attrs["description"])
	}
	left := rep.ByCode(CodeLeftOut)
	if len(left) != 1 || left[0].Args["N"] != 4 {
		t.Errorf("left-out issue %v", left)
	}
	if h := rep.ByCode(CodeGCJ02Hint); len(h) != 1 || h[0].Args["Case"] != "ovital" {
		t.Errorf("GCJ-02 hint %v", h)
	}
	// The road, the track and the Placemark without geometry are reported.
	if n := len(rep.ByCode(CodeWrongGeometry)); n != 2 {
		t.Errorf("%d wrong-geometry issues, want 2\n%s", n, rep)
	}
	if n := len(rep.ByCode(CodeNullGeometry)); n != 1 {
		t.Errorf("%d null-geometry issues, want 1\n%s", n, rep)
	}
	// With --gcj02 the hint goes.
	_, rep, err = ReadSchools(ovitalKMZ, nil, Options{GCJ02: true})
	if err != nil || rep.Has(CodeGCJ02Hint) || !rep.Has(CodeGCJ02) {
		t.Errorf("--gcj02: %v\n%s", err, rep)
	}
}

func TestKMZZones(t *testing.T) {
	z, rep, err := ReadZones(ovitalKMZ, nil, Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	byID := map[string]model.Zone{}
	var ids []string
	for _, x := range z {
		byID[x.ID] = x
		ids = append(ids, x.ID)
	}
	if want := []string{"Z001", "Z002", "Z003", "Z004"}; !slices.Equal(ids, want) {
		t.Fatalf("zones %v, want %v\n%s", ids, want, rep)
	}
	if g := byID["Z001"].Geometry; len(g) != 1 || len(g[0]) != 2 {
		t.Errorf("Z001 should be one polygon with a hole: %v", g)
	}
	if g := byID["Z002"].Geometry; len(g) != 2 {
		t.Errorf("Z002 MultiGeometry: %d parts", len(g))
	}
	if g := byID["Z004"].Geometry; len(g) != 2 {
		t.Errorf("Z004 nested MultiGeometry: %d parts", len(g))
	}
	if r := byID["Z003"].Geometry[0][0]; len(r) != 5 || r[0] != r[4] {
		t.Errorf("Z003 ring not closed: %v", r)
	}
	if byID["Z001"].Population != 3200 || byID["Z003"].Population != 2100 || byID["Z004"].Population != 0 {
		t.Errorf("populations %d %d %d", byID["Z001"].Population, byID["Z003"].Population, byID["Z004"].Population)
	}
	if byID["Z001"].PrimarySchool != "城关第一小学" || byID["Z001"].JuniorSchool != "城关中学" || byID["Z001"].Name != "阳光小区" {
		t.Errorf("Z001 %+v", byID["Z001"])
	}
	if byID["Z001"].Attrs["folder"] != "城东片" || byID["Z003"].Attrs["folder"] != "居住小区" {
		t.Errorf("folders %v %v", byID["Z001"].Attrs, byID["Z003"].Attrs)
	}
	if !rep.Has("ring-closed") {
		t.Errorf("unclosed ring not reported\n%s", rep)
	}
	if left := rep.ByCode(CodeLeftOut); len(left) != 1 || left[0].Args["N"] != 5 {
		t.Errorf("left-out issue %v", left)
	}
	for _, is := range rep.ByCode(CodeNullGeometry) {
		if is.Feature != 10 {
			t.Errorf("null geometry reported on feature %d, want 10 (待定地块)", is.Feature)
		}
	}
}

func TestKMLLayers(t *testing.T) {
	got, err := kmlLayers(ovitalKMZ)
	if want := []string{"小学", "初中", "居住小区", "城东片", "道路"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("kmlLayers = %v, %v; want %v", got, err, want)
	}
	s, rep, err := ReadSchools(ovitalKMZ, nil, Options{Layer: "小学"})
	if err != nil || len(s) != 3 || rep.Has(CodeLeftOut) {
		t.Errorf("layer 小学: %d schools, %v\n%s", len(s), err, rep)
	}
	z, rep, err := ReadZones(ovitalKMZ, nil, Options{Layer: " 居住小区 "})
	if err != nil || len(z) != 4 || !rep.Has(CodeNullGeometry) {
		t.Errorf("layer 居住小区 (with its subfolder): %d zones, %v\n%s", len(z), err, rep)
	}
	_, _, err = ReadZones(ovitalKMZ, nil, Options{Layer: "片区"})
	var ie *model.InputError
	if !errors.As(err, &ie) || !strings.Contains(ie.Msg, `"居住小区"`) {
		t.Errorf("unknown layer: %v", err)
	}
	_, _, err = ReadZones(filepath.Join("testdata", "kml", "schools_gbk.kml"), nil, Options{})
	if !errors.As(err, &ie) || !strings.Contains(ie.Msg, "none of the 2 Placemarks is a polygon") {
		t.Errorf("zones from a file of points: %v", err)
	}
	got, err = kmlLayers(filepath.Join("testdata", "kml", "schools_gbk.kml"))
	if err != nil || len(got) != 0 {
		t.Errorf("no folders: %v %v", got, err)
	}
}

func TestKMLGBK(t *testing.T) {
	s, rep, err := ReadSchools(filepath.Join("testdata", "kml", "schools_gbk.kml"), nil, Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	if len(s) != 2 || s[0].Name != "城关第一小学" || s[1].Name != "城关中学" || s[0].ID != "S001" || s[0].Attrs["description"] != "学段：小学" {
		t.Fatalf("%+v\n%s", s, rep)
	}
	if !rep.Has(CodeEncodingGBK) || rep.Has(CodeGCJ02Hint) {
		t.Errorf("report:\n%s", rep)
	}
	// The same bytes without a declaration are read as GB18030 too.
	dir := t.TempDir()
	undeclared := bytes.Replace(gbk(t, gbkKML), []byte(` encoding="GBK"`), nil, 1)
	path := filepath.Join(dir, "s.kml")
	if err := os.WriteFile(path, undeclared, 0o644); err != nil {
		t.Fatal(err)
	}
	s, rep, err = ReadSchools(path, nil, Options{})
	if err != nil || len(s) != 2 || s[1].Name != "城关中学" || !rep.Has(CodeEncodingGBK) {
		t.Errorf("undeclared GBK: %v %+v\n%s", err, s, rep)
	}
}

func TestParseKMLCoords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []orb.Point
		err  bool
	}{
		{"114,30", []orb.Point{{114, 30}}, false},
		{" 114.5,30.5,0\n\t115,31,10 ", []orb.Point{{114.5, 30.5}, {115, 31}}, false},
		{"114.1, 30.2 114.2, 30.3", []orb.Point{{114.1, 30.2}, {114.2, 30.3}}, false},
		{"114,30,0, 115,31,0, 116,32,0,", []orb.Point{{114, 30}, {115, 31}, {116, 32}}, false},
		{"114,30,,0 115,31", []orb.Point{{114, 30}, {115, 31}}, false},
		{"", nil, false},
		{"114", nil, true},
		{"114,30,1,2", nil, true},
		{"114,abc", nil, true},
		{"NaN,30", nil, true},
		{"1e999,30", nil, true},
	} {
		got, err := parseKMLCoords(c.in)
		if (err != nil) != c.err || !slices.Equal(got, c.want) {
			t.Errorf("parseKMLCoords(%q) = %v, %v; want %v (error %v)", c.in, got, err, c.want, c.err)
		}
	}
}

func TestDescriptionFields(t *testing.T) {
	plain, pairs := descriptionFields("<b>城关</b>小学<br>2019年 &amp; 新建")
	if plain != "城关小学\n2019年 & 新建" || pairs != nil {
		t.Errorf("plain %q pairs %v", plain, pairs)
	}
	plain, pairs = descriptionFields(`<table><tr><th>编码</th><th>名称</th><th>人口</th></tr><tr><td>Z1</td><td>阳光</td><td>12</td></tr></table>`)
	if plain != "" || len(pairs) != 3 || pairs[2] != [2]string{"人口", "12"} {
		t.Errorf("header/value table: %q %v", plain, pairs)
	}
	plain, pairs = descriptionFields(`说明<table><tr><td>编码</td><td>S1</td></tr><!-- <tr><td>x</td><td>y</td></tr> --><TR><TD>名称</TD><TD>一小</TD></TR></table><style>td{}</style>`)
	if plain != "说明" || len(pairs) != 2 || pairs[1] != [2]string{"名称", "一小"} {
		t.Errorf("pairs: %q %v", plain, pairs)
	}
	// Unterminated markup does not lose the text.
	if plain, _ := descriptionFields("a < b"); plain != "a < b" {
		t.Errorf("unterminated tag: %q", plain)
	}
}

// writeTemp writes b to dir/name and returns the path.
func writeTemp(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestKMLBadInput(t *testing.T) {
	dir := t.TempDir()
	deep := "<kml>" + strings.Repeat("<Folder>", 5000) + strings.Repeat("</Folder>", 5000) + "</kml>"
	var zipNoKML bytes.Buffer
	zw := zip.NewWriter(&zipNoKML)
	w, _ := zw.Create("readme.txt")
	w.Write([]byte("x"))
	zw.Close()
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty.kml", nil, "no Placemark"},
		{"gpx.kml", []byte(`<gpx><wpt lat="30" lon="114"/></gpx>`), "root element <gpx>"},
		{"truncated.kml", []byte(ovitalKML[:900]), "not valid KML"},
		{"deep.kml", []byte(deep), "nested more than"},
		{"nokml.kmz", zipNoKML.Bytes(), "holds no .kml"},
		{"broken.kmz", []byte("PK\x03\x04garbage"), "not a readable KMZ"},
		{"latin.kml", []byte(`<?xml version="1.0" encoding="x-unknown"?><kml/>`), "not supported"},
	} {
		_, _, err := ReadZones(writeTemp(t, dir, c.name, c.data), nil, Options{})
		var ie *model.InputError
		if !errors.As(err, &ie) || !strings.Contains(ie.Msg, c.want) {
			t.Errorf("%s: %v, want an InputError with %q", c.name, err, c.want)
		}
	}
	// A KMZ that unpacks past the limit is refused, whatever its header says.
	defer func(n int64) { kmzMaxUnzipped = n }(kmzMaxUnzipped)
	kmzMaxUnzipped = 4096
	_, _, err := ReadZones(writeTemp(t, dir, "big.kmz", kmzBytes(t, ovitalKML)), nil, Options{})
	if err == nil || !strings.Contains(err.Error(), "unpacks to more than") {
		t.Errorf("oversized KMZ: %v", err)
	}
	kmzMaxUnzipped = int64(len(ovitalKML)) // exactly at the limit is fine
	if _, rep, err := ReadZones(writeTemp(t, dir, "edge.kmz", kmzBytes(t, ovitalKML)), nil, Options{}); err != nil {
		t.Errorf("KMZ at the limit: %v\n%s", err, rep)
	}
}

// kmlSampleIssues gives the KML issues for TestIssueArgs.
func kmlSampleIssues(t *testing.T) []Issue {
	var out []Issue
	for _, read := range []func() (*Report, error){
		func() (*Report, error) { _, r, err := ReadSchools(ovitalKMZ, nil, Options{}); return r, err },
		func() (*Report, error) { _, r, err := ReadZones(ovitalKMZ, nil, Options{}); return r, err },
	} {
		rep, err := read()
		if err != nil {
			t.Fatalf("%v\n%s", err, rep)
		}
		out = append(out, rep.Issues...)
	}
	dir := t.TempDir()
	declared := strings.Replace(gbkKML, "<kml:name>学校分布</kml:name>", "<kml:name>学校分布（高德底图 GCJ-02）</kml:name>", 1)
	_, rep, err := ReadSchools(writeTemp(t, dir, "s.kml", []byte(strings.Replace(declared, `encoding="GBK"`, `encoding="UTF-8"`, 1))), nil, Options{})
	if err != nil || len(rep.ByCode(CodeGCJ02Hint)) != 1 {
		t.Fatalf("declared GCJ-02: %v\n%s", err, rep)
	}
	return append(out, rep.Issues...)
}

// bigKML is bigZones written as Google Earth writes KML: one Placemark
// per zone, ExtendedData, "lon,lat,0" tuples.
func bigKML(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>居住小区</name>` + "\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<Placemark><name>幸福家园%d期</name><ExtendedData><Data name="编码"><value>Z%05d</value></Data><Data name="人口"><value>%d</value></Data><Data name="对口小学"><value>S%03d</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>`, i, i, 1000+i%5000, i%120)
		cx, cy, d := 113.5+float64(i%100)*0.004, 22.5+float64(i/100)*0.004, 0.0018
		for k := 0; k <= 100; k++ {
			a := 2 * math.Pi * float64(k%100) / 100
			fmt.Fprintf(&b, "%.8f,%.8f,0 ", cx+d*math.Cos(a), cy+d*math.Sin(a))
		}
		b.WriteString("</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>\n")
	}
	b.WriteString("</Folder></Document></kml>\n")
	return b.Bytes()
}

// BenchmarkReadKMLZones: 10 000 zones of 100 vertices (~30 MB of KML).
func BenchmarkReadKMLZones(b *testing.B) {
	data := bigKML(10000)
	path := writeTemp(b, b.TempDir(), "big.kml", data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		z, rep, err := ReadZones(path, nil, Options{})
		if err != nil || len(z) != 10000 {
			b.Fatalf("%v %d\n%s", err, len(z), rep)
		}
	}
}
