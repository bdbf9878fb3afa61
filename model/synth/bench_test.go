package synth

import "testing"

// BenchmarkGenerateProvince generates 10 000 schools and 100 000 zones with
// six years of history (about 250 county seats).
func BenchmarkGenerateProvince(b *testing.B) {
	cfg := ProvinceConfig()
	for b.Loop() {
		d := Generate(cfg)
		if len(d.Zones) != cfg.Zones || len(d.Schools) != cfg.Schools {
			b.Fatalf("got %d zones, %d schools", len(d.Zones), len(d.Schools))
		}
	}
}

// BenchmarkGenerateSample generates the 40-school, 400-zone sample.
func BenchmarkGenerateSample(b *testing.B) {
	for b.Loop() {
		Sample()
	}
}
