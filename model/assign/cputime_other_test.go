//go:build !unix

package assign

import "time"

// cpuTime is not measured here (0): benchmarks report wall time only.
func cpuTime() time.Duration { return 0 }
