package ingest

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// kmlSeeds are the seeds of FuzzReadKML (committed under
// testdata/fuzz/FuzzReadKML; XUEQU_WRITE_SEEDS=1 go test -run
// TestWriteKMLFuzzSeeds ./geo/ingest regenerates them).
func kmlSeeds(t testing.TB) map[string][]byte {
	pm := func(body string) []byte {
		return []byte(`<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>f</name><Placemark><name>a</name>` + body + `</Placemark></Folder></Document></kml>`)
	}
	return map[string][]byte{
		"ovital":      []byte(ovitalKML),
		"gbk":         gbk(t, gbkKML),
		"kmz":         kmzBytes(t, `<kml><Placemark><Point><coordinates>114,30</coordinates></Point></Placemark></kml>`),
		"point":       pm(`<Point><coordinates>114.1, 30.2,0</coordinates></Point>`),
		"polygon":     pm(`<Polygon><outerBoundaryIs><LinearRing><coordinates>114,30 114.01,30 114.01,30.01 114,30</coordinates></LinearRing></outerBoundaryIs><innerBoundaryIs><LinearRing><coordinates>114.002,30.002 114.003,30.002 114.003,30.003</coordinates></LinearRing></innerBoundaryIs></Polygon>`),
		"multi":       pm(`<MultiGeometry><MultiGeometry><Polygon><outerBoundaryIs><LinearRing><coordinates>114,30 114.01,30 114.01,30.01</coordinates></LinearRing></outerBoundaryIs></Polygon></MultiGeometry><Point><coordinates>114,30</coordinates></Point><LineString><coordinates>114,30 115,31</coordinates></LineString></MultiGeometry>`),
		"table":       pm(`<description><![CDATA[<table><tr><td>编码</td><td>Z1</td></tr><tr><th>人口</th><td>1,200</td></tr></table>]]></description><Point><coordinates>114,30</coordinates></Point>`),
		"rawhtml":     pm(`<description><table><tr><td>a</td><td>b</td></tr></table>&nbsp;&amp;</description><LinearRing><coordinates>114,30 114.01,30 114.01,30.01</coordinates></LinearRing>`),
		"data":        pm(`<ExtendedData><Data name="x"><value>1</value></Data><Data><displayName>y</displayName><value>2</value></Data><SchemaData><SimpleData name="z">3</SimpleData></SchemaData></ExtendedData><Point><coordinates>114,30</coordinates></Point>`),
		"badcoords":   pm(`<Polygon><outerBoundaryIs><LinearRing><coordinates>114,30,1,2 x</coordinates></LinearRing></outerBoundaryIs></Polygon>`),
		"gb2312decl":  append([]byte(`<?xml version="1.0" encoding="GB2312"?>`), gbk(t, `<kml><Placemark><name>城关</name><Point><coordinates>114,30</coordinates></Point></Placemark></kml>`)...),
		"projected":   pm(`<Point><coordinates>39500000,3500000</coordinates></Point>`),
		"track":       pm(`<gx:MultiTrack xmlns:gx="http://www.google.com/kml/ext/2.2"><gx:Track><gx:coord>114 30 0</gx:coord></gx:Track></gx:MultiTrack>`),
		"nogeom":      pm(``),
		"bom":         append([]byte{0xEF, 0xBB, 0xBF}, pm(`<Point><coordinates>114,30</coordinates></Point>`)...),
		"unbalanced":  []byte(`<kml><Placemark><Point><coordinates>114,30</coordinates></Placemark></Point></kml>`),
		"doubleouter": pm(`<Polygon><outerBoundaryIs><LinearRing><coordinates>114,30 114.01,30 114.01,30.01</coordinates></LinearRing></outerBoundaryIs><outerBoundaryIs><LinearRing><coordinates>115,30 115.01,30 115.01,30.01</coordinates></LinearRing></outerBoundaryIs></Polygon>`),
	}
}

func TestWriteKMLFuzzSeeds(t *testing.T) {
	if os.Getenv("XUEQU_WRITE_SEEDS") == "" {
		t.Skip("set XUEQU_WRITE_SEEDS=1 to regenerate testdata/fuzz seeds")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzReadKML")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range kmlSeeds(t) {
		body := "go test fuzz v1\n[]byte(" + strconv.Quote(string(b)) + ")\n"
		if err := os.WriteFile(filepath.Join(dir, "seed_"+name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzReadKML: any bytes, read as a .kml, as the doc.kml of a .kmz and as
// a .kmz themselves, give an *model.InputError or schools and zones in
// finite lon/lat with closed rings — never a panic.
func FuzzReadKML(f *testing.F) {
	for _, b := range kmlSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		watchdog := time.AfterFunc(30*time.Second, func() { panic("FuzzReadKML: one input took more than 30 s (a hang?)") })
		defer watchdog.Stop()
		dir := t.TempDir()
		paths := []string{writeTemp(t, dir, "f.kml", data), writeTemp(t, dir, "z.kmz", kmzBytes(t, string(data)))}
		if bytes.HasPrefix(data, []byte("PK")) { // else the .kmz is read as the .kml above
			paths = append(paths, writeTemp(t, dir, "r.kmz", data))
		}
		for _, path := range paths {
			schools, _, err := ReadSchools(path, nil, Options{})
			checkInputErr(t, err)
			for _, s := range schools {
				if math.IsNaN(s.Location[0]) || math.IsInf(s.Location[1], 0) || s.ID == "" {
					t.Fatalf("bad school %+v", s)
				}
			}
			zones, _, err := ReadZones(path, nil, Options{Layer: ""})
			checkInputErr(t, err)
			for _, z := range zones {
				for _, p := range z.Geometry {
					for _, r := range p {
						if len(r) < 4 || r[0] != r[len(r)-1] {
							t.Fatalf("zone %s: bad ring %v", z.ID, r)
						}
					}
				}
			}
			if _, err := kmlLayers(path); err != nil {
				checkInputErr(t, err)
			}
		}
	})
}
