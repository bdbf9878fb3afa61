package geo

import (
	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"
)

// Area returns the area of a lon/lat multipolygon in square metres, on the
// sphere of radius 6378137 m (orb/geo; within ~0.3 % of the ellipsoidal
// area at China's latitudes). Holes are subtracted.
func Area(mp orb.MultiPolygon) float64 {
	return orbgeo.Area(mp)
}

// Centroid returns the area-weighted centroid of a lon/lat multipolygon, in
// lon/lat degrees (computed in the plane of lon/lat, which for zones of a
// few kilometres differs from the geodesic centroid by centimetres). The
// centroid of a concave zone can lie outside it; use LabelPoint to place a
// label or a zone's "centre of population".
func Centroid(mp orb.MultiPolygon) orb.Point {
	c, _ := planar.CentroidArea(mp)
	return c
}

// LabelPoint returns a point inside mp: its centroid if that is inside,
// otherwise the midpoint of the widest horizontal run through the largest
// part at the centroid's latitude.
func LabelPoint(mp orb.MultiPolygon) orb.Point {
	mp = nonEmpty(mp)
	c := Centroid(mp)
	if len(mp) == 0 || Contains(mp, c) {
		return c
	}
	best, bestArea := 0, -1.0
	for i, p := range mp {
		if a := planar.Area(p); a > bestArea {
			best, bestArea = i, a
		}
	}
	p := mp[best]
	b := p.Bound()
	y := (b.Min[1] + b.Max[1]) / 2
	// Crossings of the horizontal line y with every ring edge.
	var xs []float64
	for _, r := range p {
		for i := 0; i+1 < len(r); i++ {
			a, e := r[i], r[i+1]
			if (a[1] > y) != (e[1] > y) {
				xs = append(xs, a[0]+(y-a[1])*(e[0]-a[0])/(e[1]-a[1]))
			}
		}
	}
	sortFloats(xs)
	bestX, bestW := c[0], -1.0
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > bestW {
			bestX, bestW = (xs[i]+xs[i+1])/2, w
		}
	}
	return orb.Point{bestX, y}
}

// Contains reports whether lon/lat point p is inside mp (points on the
// boundary count as inside).
func Contains(mp orb.MultiPolygon, p orb.Point) bool {
	for _, poly := range mp {
		if len(poly) > 0 && planar.PolygonContains(poly, p) {
			return true
		}
	}
	return false
}

// nonEmpty drops polygons without rings (orb's planar functions index
// the outer ring unconditionally).
func nonEmpty(mp orb.MultiPolygon) orb.MultiPolygon {
	for _, p := range mp {
		if len(p) == 0 {
			out := make(orb.MultiPolygon, 0, len(mp))
			for _, q := range mp {
				if len(q) > 0 {
					out = append(out, q)
				}
			}
			return out
		}
	}
	return mp
}
