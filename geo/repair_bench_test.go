package geo

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// BenchmarkRepair repairs one self-intersecting star ring (see starRing)
// of 2,000 to 30,000 vertices.
func BenchmarkRepair(b *testing.B) {
	for _, n := range []int{2000, 10000, 30000} {
		in := orb.MultiPolygon{{starRing(n, 1)}}
		b.Run(fmt.Sprintf("star-%d", n), func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				RepairMultiPolygon(in)
			}
			reportCPU(b, start)
		})
	}
}

// BenchmarkRepairValidZones repairs 10,000 ordinary valid zones of 50
// vertices (clockwise, as shapefiles store them): the fast path.
func BenchmarkRepairValidZones(b *testing.B) {
	zones := make([]orb.MultiPolygon, 10000)
	for i := range zones {
		c := orb.Point{110 + float64(i%100)*0.05, 30 + float64(i/100)*0.05}
		r := circle(c, 0.02, 50)
		for j := range r {
			r[j][0] += 0.002 * math.Sin(float64(j*7+i))
		}
		zones[i] = orb.MultiPolygon{{reversed(r)}}
	}
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		for _, z := range zones {
			RepairMultiPolygon(z)
		}
	}
	reportCPU(b, start)
}

// BenchmarkRepairOverlappingParts repairs one zone of 1,000 parts of 50
// vertices, each overlapping its neighbours (as parts of national and
// provincial boundary files often do): they merge into a few polygons.
func BenchmarkRepairOverlappingParts(b *testing.B) {
	var in orb.MultiPolygon
	for i := range 1000 {
		c := orb.Point{110 + float64(i%40)*0.035, 30 + float64(i/40)*0.035}
		in = append(in, orb.Polygon{circle(c, 0.02, 50)})
	}
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		RepairMultiPolygon(in)
	}
	reportCPU(b, start)
}
