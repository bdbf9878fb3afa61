package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestStreamMatchesWholeText: a GeoJSON file read feature by feature
// (streamGeoJSON, from a path) gives exactly the zones, schools and report
// of the whole-text reader (from bytes), for well-formed files and for
// every file the stream hands back to it.
func TestStreamMatchesWholeText(t *testing.T) {
	zones, err := os.ReadFile("testdata/zones.geojson")
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := os.ReadFile("testdata/zones_gbk.geojson")
	if err != nil {
		t.Fatal(err)
	}
	sq := `{"type":"Feature","id":7,"properties":{"name":"幸福\"小区\"","pop":1200,"x":{"a":[1,2]},"n":null},` +
		`"geometry":{"type":"Polygon","coordinates":[[[113.1,22.1],[113.2,22.1],[113.2,22.2],[113.1,22.1]]]}}`
	cases := map[string]string{
		"testdata":         string(zones),
		"gbk":              string(gbk),
		"bom":              "\xEF\xBB\xBF" + string(zones),
		"crs after":        `{"features":[` + sq + `],"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4326"}}}`,
		"escaped key":      `{"typ\u0065":"FeatureCollection","features":[` + sq + `,` + sq + `]}`,
		"other members":    `{"type":"FeatureCollection","name":"zones","bbox":[1,2,3,4],"features":[` + sq + "]}\n\n",
		"no features":      `{"type":"FeatureCollection","features":[]}`,
		"not a collection": `{"type":"Feature","features":[` + sq + `]}`,
		"syntax error":     `{"type":"FeatureCollection","features":[` + sq + `,{"type":"Feature" "properties":{}}]}`,
		"truncated":        `{"type":"FeatureCollection","features":[` + sq,
		"trailing":         `{"type":"FeatureCollection","features":[` + sq + `]} x`,
		"bad feature":      `{"type":"FeatureCollection","features":[` + sq + `,12,"x",null,{"type":"Feature","geometry":null}]}`,
		"bad utf-8":        `{"type":"FeatureCollection","features":[` + sq[:40] + "\xff" + sq[40:] + `]}`,
		"twice":            `{"type":"FeatureCollection","features":[` + sq + `],"features":[` + sq + `,` + sq + `]}`,
	}
	streamed := map[string]bool{"testdata": true, "bom": true, "crs after": true, "escaped key": true, "other members": true, "bad feature": true}
	dir := t.TempDir()
	for name, text := range cases {
		path := filepath.Join(dir, "f.geojson")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := streamGeoJSON(path, wantPolygons, &Report{}); (err == nil) != streamed[name] {
			t.Errorf("%s: streamed: %v", name, err)
		}
		z1, r1, e1 := ReadZones(path, nil, Options{})
		z2, r2, e2 := ReadZones(path, []byte(text), Options{})
		if !reflect.DeepEqual(z1, z2) || !reflect.DeepEqual(r1, r2) || !reflect.DeepEqual(e1, e2) {
			t.Errorf("%s: zones from the file and from its text differ:\n%v %v\n%v %v", name, e1, r1, e2, r2)
		}
		s1, r1, e1 := ReadSchools(path, nil, Options{})
		s2, r2, e2 := ReadSchools(path, []byte(text), Options{})
		if !reflect.DeepEqual(s1, s2) || !reflect.DeepEqual(r1, r2) || !reflect.DeepEqual(e1, e2) {
			t.Errorf("%s: schools from the file and from its text differ:\n%v %v\n%v %v", name, e1, r1, e2, r2)
		}
	}
}
