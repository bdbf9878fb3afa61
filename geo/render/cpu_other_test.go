//go:build !unix

package render

// processCPU is not measured here; the benchmark then reports 0.
func processCPU() int64 { return 0 }
