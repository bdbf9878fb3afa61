package export

import (
	"testing"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/synth"
)

// benchCatchments dissolves a generated district of n zones (n/10
// schools) into its catchments.
func benchCatchments(b *testing.B, n int) {
	cfg := synth.SampleConfig()
	cfg.Zones, cfg.Schools = n, n/10
	d := synth.Generate(cfg)
	b.ResetTimer()
	for b.Loop() {
		l := CatchmentLayer(d, model.Analysis{}, model.Standards{})
		if len(l.Features) == 0 {
			b.Fatal("no catchments")
		}
	}
}

func BenchmarkCatchmentsSample(b *testing.B) { benchCatchments(b, 400) }
func BenchmarkCatchments10k(b *testing.B)    { benchCatchments(b, 10_000) }
