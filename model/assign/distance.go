package assign

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"

	"github.com/xuequ/xuequ/geo"
)

// Distance is the great-circle distance in metres between two lon/lat
// points (haversine, sphere of radius 6378137 m).
func Distance(a, b orb.Point) float64 { return orbgeo.DistanceHaversine(a, b) }

// candidate is one school a zone may go to.
type candidate struct {
	school int32
	dist   float64 // metres
}

// nearestFinder answers k-nearest-school queries from an R-tree over the
// school sites, so a district of n zones and m schools costs about
// n·log m rather than n·m distance computations.
type nearestFinder struct {
	pts []orb.Point
	ix  *geo.Index
}

func newNearestFinder(schools []SchoolSeats) *nearestFinder {
	f := &nearestFinder{pts: make([]orb.Point, len(schools))}
	bounds := make([]orb.Bound, len(schools))
	for i, s := range schools {
		f.pts[i] = s.Location
		bounds[i] = s.Location.Bound()
	}
	f.ix = geo.NewIndex(bounds)
	return f
}

// nearest returns the k schools nearest to p, nearest first (ties by
// school order), appended to buf[:0].
func (f *nearestFinder) nearest(p orb.Point, k int, buf []candidate) []candidate {
	buf = buf[:0]
	n := len(f.pts)
	if k > n {
		k = n
	}
	if k <= 0 {
		return buf
	}
	collect := func(r float64) []candidate {
		buf = buf[:0]
		f.ix.Search(boxAround(p, r), func(id int) bool {
			buf = append(buf, candidate{int32(id), Distance(p, f.pts[id])})
			return true
		})
		return buf
	}
	// Grow a box until it holds k schools. The k-th nearest school is then
	// at most as far as the k-th of those, so a box of that half-width
	// holds all k nearest.
	r := 2000.0
	for {
		if len(collect(r)) >= k || r > 2e7 {
			break
		}
		r *= 2
	}
	sortCandidates(buf)
	if len(buf) >= k {
		collect(buf[k-1].dist * 1.001)
		sortCandidates(buf)
	}
	if len(buf) > k {
		buf = buf[:k]
	}
	return buf
}

func sortCandidates(c []candidate) {
	sort.Slice(c, func(i, j int) bool {
		if c[i].dist != c[j].dist {
			return c[i].dist < c[j].dist
		}
		return c[i].school < c[j].school
	})
}

// boxAround is the lon/lat box that holds every point within r metres of p
// (on the sphere; longitude scaled at the box's far latitude).
func boxAround(p orb.Point, r float64) orb.Bound {
	const mPerDeg = orb.EarthRadius * math.Pi / 180
	dLat := r / mPerDeg
	lat := math.Min(89, math.Abs(p[1])+dLat)
	dLon := r / (mPerDeg * math.Cos(lat*math.Pi/180))
	if dLon > 180 {
		dLon = 180
	}
	return orb.Bound{Min: orb.Point{p[0] - dLon, p[1] - dLat}, Max: orb.Point{p[0] + dLon, p[1] + dLat}}
}
