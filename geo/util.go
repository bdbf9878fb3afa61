package geo

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

func sortFloats(xs []float64) { sort.Float64s(xs) }

// metresPerDegree returns the length of one degree of longitude and of
// latitude at latitude lat (degrees), on the sphere of radius 6378137 m —
// the local scale used for tolerances in metres.
func metresPerDegree(lat float64) (lon, latM float64) {
	const m = 6378137 * math.Pi / 180
	return m * math.Cos(lat*math.Pi/180), m
}

func sortAdjacency(a []Adjacency) {
	sort.Slice(a, func(i, j int) bool {
		if a[i].A != a[j].A {
			return a[i].A < a[j].A
		}
		return a[i].B < a[j].B
	})
}

// ringArea is the unsigned shoelace area of a closed ring, in squared
// coordinate units.
func ringArea(r orb.Ring) float64 {
	s := 0.0
	for i := 0; i+1 < len(r); i++ {
		s += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return math.Abs(s) / 2
}
