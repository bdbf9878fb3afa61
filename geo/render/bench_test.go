package render

import (
	"image"
	"image/color"
	"sync"
	"testing"

	"github.com/xuequ/xuequ/assets"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/synth"
)

func benchScene(b *testing.B, nx, ny int, cell float64) {
	zones := gridZones(nx, ny, 5, 110.0, 28.0, cell)
	schools := gridSchools(nx, ny, 110.0, 28.0, cell)
	s, err := NewScene(zones, schools)
	if err != nil {
		b.Fatal(err)
	}
	r, err := NewRenderer(assets.CJKFont)
	if err != nil {
		b.Fatal(err)
	}
	group := groupsBySchool(zones, schools)
	st := DefaultStyle()
	st.Group = group
	st.ZoneFill = func(i int) color.NRGBA { return palette[int(group[i])%len(palette)] }
	st.School = func(j int) SchoolMark { return SchoolMark{Status: SchoolStatus(j % 5)} }
	st.Legend = &Legend{Title: "学区", Entries: SchoolStatusLegend()}
	v := FitBounds(s.Bounds(), 1600, 1000, 10)
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1000))
	if err := r.Draw(img, s, v, &st); err != nil { // warm up: neighbours, glyphs
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		r.Draw(img, s, v, &st)
	}
	// The build machine is shared: CPU time per frame is the steadier
	// number (it is the wall time on an idle machine with one band).
	b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
}

// BenchmarkDraw100k draws a province-scale frame: 100k 20-vertex zones and
// 4000 schools, all in view at 1600×1000.
func BenchmarkDraw100k(b *testing.B) { benchScene(b, 316, 316, 0.005) }

// BenchmarkDrawCounty draws a county: 400 zones, 16 schools.
func BenchmarkDrawCounty(b *testing.B) { benchScene(b, 20, 20, 0.01) }

func BenchmarkNewScene100k(b *testing.B) {
	zones := gridZones(316, 316, 5, 110.0, 28.0, 0.005)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, _ := NewScene(zones, nil)
		s.neighbours()
	}
}

var province struct {
	once    sync.Once
	zones   []model.Zone
	schools []model.School
}

// BenchmarkDrawProvince draws a realistic province overview: the 100 000
// zones and 10 000 schools of model/synth's province (towns of small
// zones, large rural ones) at 1600×1000, styled as the app's overview
// (translucent status fills, thin catchment boundaries, outlines only of
// large zones), in the app's frame order: the zone layer, then the
// overlays.
func BenchmarkDrawProvince(b *testing.B) {
	province.once.Do(func() {
		d := synth.Generate(synth.ProvinceConfig())
		province.zones, province.schools = d.Zones, d.Schools
	})
	zones, schools := province.zones, province.schools
	s, err := NewScene(zones, schools)
	if err != nil {
		b.Fatal(err)
	}
	r, err := NewDefaultRenderer()
	if err != nil {
		b.Fatal(err)
	}
	group := groupsBySchool(zones, schools)
	st := DefaultStyle()
	st.Group = group
	status := []color.NRGBA{ColorStandard, ColorOverStandard, ColorLarge, ColorVeryLarge}
	st.ZoneFill = func(i int) color.NRGBA {
		c := status[int(uint32(group[i])*2654435761>>29)%len(status)]
		c.A = 0xd8
		return c
	}
	st.School = func(j int) SchoolMark {
		return SchoolMark{Status: SchoolStatus(j % 5), Radius: 3.5, Hidden: j%5 < 3}
	}
	st.OutlineMinPixels *= 3
	st.BoundaryWidth *= 0.5
	st.Legend = &Legend{Title: "班额状况", Entries: SchoolStatusLegend()}
	v := FitBounds(s.Bounds(), 1600, 1000, 24)
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1000))
	if err := r.Draw(img, s, v, &st); err != nil { // warm up: neighbours, glyphs
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPU()
	for i := 0; i < b.N; i++ {
		r.Draw(img, s, v, &st)
	}
	b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
}
