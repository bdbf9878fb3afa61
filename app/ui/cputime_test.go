package ui

import (
	"runtime"
	"testing"
	"time"
)

// cpuMeter reports CPU milliseconds per op next to ns/op: the machines
// that run the benchmarks are shared, so wall time varies with the load
// while CPU time says what the work costs.
type cpuMeter struct{ start time.Duration }

// startCPU starts measuring after a garbage collection, so that the
// set-up's garbage is not charged to the ops.
func startCPU() cpuMeter {
	runtime.GC()
	return cpuMeter{processCPU()}
}

func (m cpuMeter) report(b *testing.B) {
	if d := processCPU() - m.start; d > 0 && b.N > 0 {
		b.ReportMetric(float64(d)/float64(b.N)/1e6, "cpu-ms/op")
	}
}
