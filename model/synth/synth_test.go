package synth

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
	"github.com/xuequ/xuequ/model"
)

func TestGenerateIsDeterministic(t *testing.T) {
	cfg := Config{Seed: 7, Schools: 30, Zones: 300}
	a, b := Generate(cfg), Generate(cfg)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs with the same config differ")
	}
	fa, fb := Files(a), Files(b)
	for i := range fa {
		if !bytes.Equal(fa[i].Data, fb[i].Data) {
			t.Errorf("%s differs between runs", fa[i].Name)
		}
	}
	cfg.Seed = 8
	if c := Generate(cfg); reflect.DeepEqual(a.Zones, c.Zones) {
		t.Error("a different seed gave the same zones")
	}
}

func TestGenerateCounts(t *testing.T) {
	for _, c := range []struct{ schools, zones int }{
		{1, 1}, {3, 10}, {5, 60}, {12, 150}, {40, 400}, {100, 1200},
	} {
		d := Generate(Config{Seed: 3, Schools: c.schools, Zones: c.zones, Years: 4, FirstYear: 2021})
		if len(d.Schools) != c.schools || len(d.Zones) != c.zones {
			t.Errorf("Schools %d Zones %d: got %d schools, %d zones", c.schools, c.zones, len(d.Schools), len(d.Zones))
		}
		if first, last := d.Years(); first != 2021 || last != 2024 {
			t.Errorf("Schools %d Zones %d: history %d–%d, want 2021–2024", c.schools, c.zones, first, last)
		}
		checkAssignments(t, d)
	}
}

// checkAssignments: every zone has a primary and a junior school that exist
// and teach the stage.
func checkAssignments(t *testing.T, d *model.District) {
	t.Helper()
	for _, z := range d.Zones {
		for _, st := range []struct {
			id    string
			grade model.Grade
		}{{z.PrimarySchool, 1}, {z.JuniorSchool, 7}} {
			s := d.School(st.id)
			if s == nil {
				t.Fatalf("zone %s: school %q for grade %d does not exist", z.ID, st.id, st.grade)
			}
			if !s.Level.Teaches(st.grade) {
				t.Fatalf("zone %s: school %s (%v) does not teach grade %d", z.ID, s.ID, s.Level, st.grade)
			}
		}
	}
}

var sample = Sample()

func TestSampleZonesAreValid(t *testing.T) {
	d := sample
	multi, holes := 0, 0
	for _, z := range d.Zones {
		if len(z.Geometry) == 0 {
			t.Fatalf("zone %s: no geometry", z.ID)
		}
		multi += len(z.Geometry) - 1
		for _, poly := range z.Geometry {
			for ri, r := range poly {
				if len(r) < 4 || !r.Closed() {
					t.Fatalf("zone %s: ring %d not closed or too short", z.ID, ri)
				}
				if ri == 0 && (len(r)-1 < 8 || len(r)-1 > 40) {
					t.Errorf("zone %s: outer ring has %d vertices, want 8–40", z.ID, len(r)-1)
				}
				want := orb.CCW
				if ri > 0 {
					want = orb.CW
					holes++
				}
				if r.Orientation() != want {
					t.Errorf("zone %s: ring %d orientation %v, want %v", z.ID, ri, r.Orientation(), want)
				}
				if i, j, ok := selfIntersection(r); ok {
					t.Errorf("zone %s: ring %d segments %d and %d cross", z.ID, ri, i, j)
				}
			}
		}
	}
	if multi == 0 || holes == 0 {
		t.Errorf("want at least one MultiPolygon and one hole, got %d extra parts, %d holes", multi, holes)
	}
	// Coarse overlap check: no point of a fine grid lies in two zones.
	b := d.Zones[0].Geometry.Bound()
	bounds := make([]orb.Bound, len(d.Zones))
	for i, z := range d.Zones {
		bounds[i] = z.Geometry.Bound()
		b = b.Union(bounds[i])
	}
	const n = 120
	inside := 0
	for iy := range n {
		for ix := range n {
			p := orb.Point{b.Min[0] + (float64(ix)+0.5)/n*(b.Max[0]-b.Min[0]), b.Min[1] + (float64(iy)+0.5)/n*(b.Max[1]-b.Min[1])}
			var in []string
			for i, z := range d.Zones {
				if bounds[i].Contains(p) && planar.MultiPolygonContains(z.Geometry, p) {
					in = append(in, z.ID)
				}
			}
			if len(in) > 1 {
				t.Fatalf("point %v lies in zones %v", p, in)
			}
			inside += len(in)
		}
	}
	if inside < n*n*8/10 {
		t.Errorf("only %d of %d grid points are in a zone: the tiling has big gaps", inside, n*n)
	}
	// Every school stands inside a zone.
	for _, s := range d.Schools {
		found := false
		for i, z := range d.Zones {
			if bounds[i].Contains(s.Location) && planar.MultiPolygonContains(z.Geometry, s.Location) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("school %s %s at %v is in no zone", s.ID, s.Name, s.Location)
		}
	}
	checkAssignments(t, d)
}

// selfIntersection reports two non-adjacent segments of a closed ring that
// touch or cross.
func selfIntersection(r orb.Ring) (int, int, bool) {
	n := len(r) - 1
	for i := 0; i < n; i++ {
		for j := i + 2; j < n; j++ {
			if i == 0 && j == n-1 {
				continue
			}
			if segmentsIntersect(r[i], r[i+1], r[j], r[j+1]) {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

func segmentsIntersect(p1, p2, p3, p4 orb.Point) bool {
	d := func(a, b, c orb.Point) float64 { return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0]) }
	d1, d2 := d(p3, p4, p1), d(p3, p4, p2)
	d3, d4 := d(p1, p2, p3), d(p1, p2, p4)
	return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
}

func TestSampleStatistics(t *testing.T) {
	s := ComputeStats(sample)
	sum := s.Summary
	t.Logf("schools %v, zones %d, population %d, %+v", s.Schools, s.Zones, s.Population, sum)
	if sum.Large == 0 || sum.VeryLarge == 0 {
		t.Errorf("want some 大班额 and 超大班额 classes, got %d and %d", sum.Large, sum.VeryLarge)
	}
	if sum.LargeShare <= 0.05 || sum.LargeShare > 0.2 {
		t.Errorf("大班额占比 %.3f, want between 5 %% and 20 %%", sum.LargeShare)
	}
	if sum.OversizedSchool != 1 {
		t.Errorf("%d oversized schools, want exactly 1", sum.OversizedSchool)
	}
	if sum.SmallSchool < 3 {
		t.Errorf("%d small schools, want at least 3", sum.SmallSchool)
	}
	if s.Schools[model.LevelPrimary] == 0 || s.Schools[model.LevelJunior] == 0 || s.Schools[model.LevelNineYear] == 0 {
		t.Errorf("want every level, got %v", s.Schools)
	}
	if sum.OverStandard*2 > sum.Classes {
		t.Errorf("%d of %d classes over standard: most should be standard", sum.OverStandard, sum.Classes)
	}
}

func TestSampleHistoryFlow(t *testing.T) {
	d := sample
	type key struct {
		school      string
		year, grade int
	}
	e := map[key]model.Enrollment{}
	for _, r := range d.History {
		e[key{r.School, r.Year, int(r.Grade)}] = r
		if r.Students <= 0 || r.Classes <= 0 {
			t.Fatalf("record %+v: students and classes must be positive", r)
		}
	}
	for _, r := range d.History {
		prev, ok := e[key{r.School, r.Year - 1, int(r.Grade) - 1}]
		if !ok || r.Grade == 7 && d.School(r.School).Level == model.LevelNineYear || prev.Students < 100 {
			continue
		}
		if ratio := float64(r.Students) / float64(prev.Students); ratio < 0.9 || ratio > 1.1 {
			t.Errorf("%s grade %d %d: progression ratio %.3f", r.School, r.Grade, r.Year, ratio)
		}
	}
	first, last := d.Years()
	years := map[int]bool{}
	for _, b := range d.Births {
		years[b.Year] = true
	}
	if !years[first-8] || !years[last] || years[first-9] || years[last+1] {
		t.Errorf("births should cover %d–%d", first-8, last)
	}
	// Births fall: the last year has clearly fewer than eight years before.
	var early, late int
	for _, b := range d.Births {
		switch b.Year {
		case first - 4:
			early += b.Births
		case last:
			late += b.Births
		}
	}
	if late >= early*8/10 {
		t.Errorf("births %d in %d vs %d in %d: want the post-2017 decline", late, last, early, first-4)
	}
	estates := map[string]bool{}
	for _, h := range d.Housing {
		estates[d.Zone(h.Zone).Name] = true
	}
	if !estates["滨江新城"] || !estates["高铁新区"] {
		t.Errorf("housing estates %v, want 滨江新城 and 高铁新区", estates)
	}
}

func TestSampleNamesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range sample.Schools {
		if seen[s.Name] {
			t.Errorf("school name %s used twice", s.Name)
		}
		seen[s.Name] = true
		if l, ok := model.ParseLevel(s.Level.Chinese()); !ok || l != s.Level {
			t.Errorf("level %v does not round-trip through %q", s.Level, s.Level.Chinese())
		}
	}
	for _, z := range sample.Zones {
		if seen[z.Name] {
			t.Errorf("zone name %s used twice", z.Name)
		}
		seen[z.Name] = true
	}
}

func TestFilesDecode(t *testing.T) {
	files := Files(sample)
	byName := map[string][]byte{}
	for _, f := range files {
		byName[f.Name] = f.Data
	}
	fc, err := geojson.UnmarshalFeatureCollection(byName["zones.geojson"])
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != len(sample.Zones) {
		t.Fatalf("%d zone features, want %d", len(fc.Features), len(sample.Zones))
	}
	for i, f := range fc.Features {
		z := &sample.Zones[i]
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			mp = g
		}
		if !orb.Equal(mp, z.Geometry) {
			t.Fatalf("zone %s: geometry does not round-trip", z.ID)
		}
		if f.Properties.MustString("编码") != z.ID || int(f.Properties.MustFloat64("人口")) != z.Population ||
			f.Properties.MustString("对口小学") != z.PrimarySchool {
			t.Fatalf("zone %s: properties %v", z.ID, f.Properties)
		}
	}
	sc, err := geojson.UnmarshalFeatureCollection(byName["schools.geojson"])
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range sc.Features {
		s := &sample.Schools[i]
		if f.Geometry.(orb.Point) != s.Location || f.Properties.MustString("名称") != s.Name ||
			f.Properties.MustString("学段") != s.Level.Chinese() {
			t.Fatalf("school %s does not round-trip: %v", s.ID, f.Properties)
		}
	}
	var any map[string]any
	if err := json.Unmarshal(byName["schools.geojson"], &any); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, f := range files {
		total += len(f.Data)
	}
	if total > 2<<20 {
		t.Errorf("sample is %d bytes, want < 2 MB", total)
	}
	if math.IsNaN(sample.Schools[0].Location[0]) {
		t.Fatal("NaN coordinate")
	}
}
