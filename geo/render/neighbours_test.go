package render

import (
	"cmp"
	"image/color"
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/synth"
)

// refCatchmentNeighbours is the original catchmentNeighbours (a map keyed
// by every vertex), the reference the cached one must equal.
func refCatchmentNeighbours(d *model.District, group []int32, nSchools int) [][]int32 {
	type key [2]int64
	owners := map[key][]int32{}
	for i := range d.Zones {
		if i >= len(group) || group[i] < 0 || int(group[i]) >= nSchools {
			continue
		}
		g := group[i]
		for _, poly := range d.Zones[i].Geometry {
			for _, ring := range poly {
				for _, p := range ring {
					k := key{int64(math.Round(p[0] * 1e7)), int64(math.Round(p[1] * 1e7))}
					if o := owners[k]; !slices.Contains(o, g) {
						owners[k] = append(o, g)
					}
				}
			}
		}
	}
	nbr := make([][]int32, nSchools)
	for _, o := range owners {
		for _, a := range o {
			for _, b := range o {
				if a != b && !slices.Contains(nbr[a], b) {
					nbr[a] = append(nbr[a], b)
				}
			}
		}
	}
	for _, n := range nbr {
		slices.Sort(n)
	}
	return nbr
}

// refCatchmentColors is the original CatchmentColors (reference
// neighbours, preferences hashed per use, tables per school).
func refCatchmentColors(d *model.District, group []int32, nSchools int) []color.NRGBA {
	nbr := refCatchmentNeighbours(d, group, nSchools)
	used := make([]bool, nSchools)
	for _, g := range group {
		if g >= 0 && int(g) < nSchools {
			used[g] = true
		}
	}
	order := make([]int, 0, nSchools)
	for j := range nSchools {
		if used[j] {
			order = append(order, j)
		}
	}
	id := func(j int) string {
		if j < len(d.Schools) {
			return d.Schools[j].ID
		}
		return ""
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(id(a), id(b)) })
	colour := make([]int, nSchools)
	for j := range colour {
		colour[j] = -1
	}
	for _, j := range order {
		colour[j] = refPickColour(PreferredColor(id(j)), nbr[j], colour, func(n int32) int {
			return PreferredColor(id(int(n)))
		})
	}
	out := make([]color.NRGBA, nSchools)
	for j, c := range colour {
		if c >= 0 {
			out[j] = CatchmentPalette[c]
		}
	}
	return out
}

func refPickColour(want int, nbr []int32, colour []int, pref func(int32) int) int {
	n := len(CatchmentPalette)
	exact := make([]bool, n)
	taken := make([]bool, n)
	asked := make([]bool, n)
	for _, k := range nbr {
		if c := colour[k]; c >= 0 {
			exact[c] = true
			markAlike(taken, c)
		} else {
			markAlike(asked, pref(k))
		}
	}
	if !taken[want] {
		return want
	}
	best, bestSep := -1, -1
	for pass := 0; pass < 3 && best < 0; pass++ {
		for i := 1; i < n; i++ {
			c := (want + i) % n
			if exact[c] || (pass < 2 && taken[c]) || (pass == 0 && asked[c]) {
				continue
			}
			sep := math.MaxInt
			for _, k := range nbr {
				if cn := colour[k]; cn >= 0 {
					sep = min(sep, colourDistance(CatchmentPalette[c], CatchmentPalette[cn])/32)
				}
			}
			if sep > bestSep {
				best, bestSep = c, sep
			}
		}
	}
	if best < 0 {
		return want
	}
	return best
}

func equalNeighbours(t *testing.T, name string, d *model.District, group []int32, nSchools int) {
	t.Helper()
	want := refCatchmentNeighbours(d, group, nSchools)
	got := catchmentNeighbours(d, group, nSchools)
	if len(got) != len(want) {
		t.Fatalf("%s: %d schools, want %d", name, len(got), len(want))
	}
	pairs := 0
	for j := range want {
		pairs += len(want[j])
		if !slices.Equal(got[j], want[j]) {
			t.Errorf("%s: school %d neighbours %v, want %v", name, j, got[j], want[j])
		}
	}
	if pairs == 0 {
		t.Errorf("%s: no neighbours at all", name)
	}
	if got, want := CatchmentColors(d, group, nSchools), refCatchmentColors(d, group, nSchools); !slices.Equal(got, want) {
		t.Errorf("%s: colours differ from the reference", name)
	}
}

// variants checks the relation for the district's grouping and edits of
// it: zones repainted, unassigned, a group too short, fewer schools.
func variants(t *testing.T, name string, d *model.District) {
	g := groupsBySchool(d.Zones, d.Schools)
	n := len(d.Schools)
	equalNeighbours(t, name, d, g, n)
	g2 := slices.Clone(g)
	for i := 0; i < len(g2); i += 7 {
		g2[i] = g2[(i*31+5)%len(g2)]
	}
	for i := 3; i < len(g2); i += 11 {
		g2[i] = -1
	}
	equalNeighbours(t, name+" repainted", d, g2, n)
	equalNeighbours(t, name+" short group", d, g2[:len(g2)*2/3], n)
	equalNeighbours(t, name+" fewer schools", d, g2, n/2)
	// Colours follow from the relation.
	a, b := CatchmentColors(d, g2, n), CatchmentColors(d, g2, n)
	if !slices.Equal(a, b) {
		t.Errorf("%s: colours differ between calls", name)
	}
}

func TestCatchmentNeighboursSample(t *testing.T) {
	variants(t, "sample", synth.Sample())
}

func provinceDistrict() *model.District {
	province.once.Do(func() {
		d := synth.Generate(synth.ProvinceConfig())
		province.zones, province.schools = d.Zones, d.Schools
	})
	return &model.District{Zones: province.zones, Schools: province.schools}
}

func TestCatchmentNeighboursProvinceSlice(t *testing.T) {
	if testing.Short() {
		t.Skip("province")
	}
	p := provinceDistrict()
	d := &model.District{Zones: p.Zones[30000:50000], Schools: p.Schools}
	variants(t, "province slice", d)
}

// TestCatchmentNeighboursCacheKey: a zone layer with another geometry in
// the same backing array and length is not taken for the cached one.
func TestCatchmentNeighboursCacheKey(t *testing.T) {
	s := synth.Sample()
	d := &model.District{Zones: slices.Clone(s.Zones), Schools: s.Schools}
	g := groupsBySchool(d.Zones, d.Schools)
	equalNeighbours(t, "before", d, g, len(d.Schools))
	// Swap two zones' geometries in place.
	d.Zones[0].Geometry, d.Zones[len(d.Zones)/2].Geometry = d.Zones[len(d.Zones)/2].Geometry, d.Zones[0].Geometry
	equalNeighbours(t, "swapped", d, g, len(d.Schools))
}

// TestCatchmentColorsConcurrent: the shared cache under -race.
func TestCatchmentColorsConcurrent(t *testing.T) {
	s := synth.Sample()
	g := groupsBySchool(s.Zones, s.Schools)
	want := CatchmentColors(s, g, len(s.Schools))
	var wg sync.WaitGroup
	for k := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := s
			if k%2 == 1 { // another layer, same zones
				d = &model.District{Zones: slices.Clone(s.Zones), Schools: s.Schools}
			}
			for range 3 {
				if got := CatchmentColors(d, g, len(s.Schools)); !slices.Equal(got, want) {
					t.Error("colours differ")
				}
			}
		}()
	}
	wg.Wait()
}

// BenchmarkCatchmentColors100k colours model/synth's province (100 000
// zones, 10 000 schools) after the first call (zone adjacency cached).
func BenchmarkCatchmentColors100k(b *testing.B) {
	d := provinceDistrict()
	g := groupsBySchool(d.Zones, d.Schools)
	CatchmentColors(d, g, len(d.Schools)) // warm up: zone adjacency
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		CatchmentColors(d, g, len(d.Schools))
	}
	b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkCatchmentNeighboursRef100k is the original relation, for
// comparison.
func BenchmarkCatchmentNeighboursRef100k(b *testing.B) {
	d := provinceDistrict()
	g := groupsBySchool(d.Zones, d.Schools)
	b.ResetTimer()
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		refCatchmentNeighbours(d, g, len(d.Schools))
	}
	b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkZoneNeighbours100k is the first call's extra work: the zone
// vertex adjacency of the province, uncached.
func BenchmarkZoneNeighbours100k(b *testing.B) {
	d := provinceDistrict()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		computeZoneNeighbours(d.Zones)
	}
	b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkCatchmentColorsRef100k is the original CatchmentColors, for
// comparison with BenchmarkCatchmentColors100k.
func BenchmarkCatchmentColorsRef100k(b *testing.B) {
	d := provinceDistrict()
	g := groupsBySchool(d.Zones, d.Schools)
	b.ResetTimer()
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		refCatchmentColors(d, g, len(d.Schools))
	}
	b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
}
