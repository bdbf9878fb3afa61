package geo

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
)

// geosValid asks GEOS (through GDAL's SQLite dialect and SpatiaLite's
// ST_IsValid) whether each multipolygon is valid. It skips the test when
// ogrinfo is not installed (CI installs gdal-bin).
func geosValid(t *testing.T, mps []orb.MultiPolygon) []bool {
	t.Helper()
	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo (gdal-bin) not installed: GEOS cross-check skipped")
	}
	type feature struct {
		Type       string         `json:"type"`
		Properties map[string]int `json:"properties"`
		Geometry   map[string]any `json:"geometry"`
	}
	var fs []feature
	for i, mp := range mps {
		fs = append(fs, feature{"Feature", map[string]int{"i": i}, map[string]any{"type": "MultiPolygon", "coordinates": mp}})
	}
	data, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": fs})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mp.geojson")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// stdout only: GEOS writes its warnings to stderr.
	out, err := exec.Command(ogrinfo, "-q", "-dialect", "SQLite", "-sql",
		"SELECT i, ST_IsValid(geometry) AS v FROM mp", path).Output()
	if err != nil {
		t.Skipf("ogrinfo cannot run ST_IsValid here (%v): %s", err, out)
	}
	got := make([]bool, len(mps))
	found := 0
	re := regexp.MustCompile(`(?s)i \(Integer\) = (\d+)\s+v \(Integer\) = (-?\d+)`)
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		i, _ := strconv.Atoi(m[1])
		got[i] = m[2] == "1"
		found++
	}
	if found != len(mps) {
		t.Fatalf("ogrinfo answered for %d of %d geometries:\n%s", found, len(mps), out)
	}
	return got
}

// TestRepairAgainstGEOS: every repaired output is valid for GEOS too, and
// Validate agrees with GEOS on the inputs (after the cheap fixes GEOS
// does not care about: closing, duplicates, orientation).
func TestRepairAgainstGEOS(t *testing.T) {
	var outs, ins []orb.MultiPolygon
	var names []string
	for _, c := range repairCases {
		out, _ := RepairMultiPolygon(c.in.Clone())
		outs = append(outs, out)
		names = append(names, c.name)
	}
	star, _ := RepairMultiPolygon(orb.MultiPolygon{{starRing(3000, 3)}})
	outs, names = append(outs, star), append(names, "star-3000")
	for i, ok := range geosValid(t, outs) {
		if !ok && len(outs[i]) > 0 {
			t.Errorf("%s: GEOS says the repaired output is invalid", names[i])
		}
	}
	var ours []bool
	for _, c := range repairCases {
		in := cheapFixed(c.in.Clone())
		ins = append(ins, in)
		ours = append(ours, Validate(in) == nil)
	}
	for i, ok := range geosValid(t, ins) {
		if len(ins[i]) > 0 && ok != ours[i] {
			t.Errorf("%s: GEOS valid=%v, Validate valid=%v (%v)", repairCases[i].name, ok, ours[i], Validate(ins[i]))
		}
	}
}

// cheapFixed applies only the cleaning and orientation steps.
func cheapFixed(mp orb.MultiPolygon) orb.MultiPolygon {
	r := &repairer{}
	var out orb.MultiPolygon
	for pi, p := range mp {
		cp, ok := r.clean(pi, p)
		if !ok {
			continue
		}
		poly := orb.Polygon{}
		for j, ring := range cp.rings {
			if want := map[bool]int{true: 1, false: -1}[j == 0]; ringTurn(ring) != want {
				ring = reversed(ring)
			}
			poly = append(poly, ring)
		}
		out = append(out, poly)
	}
	return out
}

// TestValidateAgainstGEOSRandom compares Validate with GEOS on random
// small multipolygons on a coarse grid (many touches, shared edges and
// crossings), and checks that GEOS finds every repaired one valid.
func TestValidateAgainstGEOSRandom(t *testing.T) {
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Skip("ogrinfo (gdal-bin) not installed: GEOS cross-check skipped")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	var ins, outs []orb.MultiPolygon
	for len(ins) < 400 {
		data := make([]byte, 4+rng.IntN(40))
		for i := range data {
			data[i] = byte(rng.IntN(8))
			if rng.IntN(12) == 0 {
				data[i] = 0xFF - byte(rng.IntN(2))
			}
		}
		in := cheapFixed(fuzzMultiPolygon(data))
		if len(in) == 0 {
			continue
		}
		ins = append(ins, in)
		out, _ := RepairMultiPolygon(in)
		outs = append(outs, out)
	}
	geos := geosValid(t, ins)
	disagree := 0
	for i, in := range ins {
		if ours := Validate(in) == nil; ours != geos[i] {
			disagree++
			t.Errorf("%v: GEOS valid=%v, Validate: %v", in, geos[i], Validate(in))
		}
	}
	for i, ok := range geosValid(t, outs) {
		if !ok && len(outs[i]) > 0 {
			t.Errorf("repair of %v gave %v, invalid for GEOS", ins[i], outs[i])
		}
	}
	t.Logf("%d random multipolygons, %d disagreements", len(ins), disagree)
}
