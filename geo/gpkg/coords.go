package gpkg

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// CheckLonLat reports the first point of g that is not a finite WGS 84
// longitude/latitude (x in [-180, 180], y in [-90, 90]), as in an EPSG:4326
// layer. Numbers print in %g, so that 1e308 stays short.
func CheckLonLat(g orb.Geometry) error {
	var bad orb.Point
	check := func(ps []orb.Point) bool {
		for _, p := range ps {
			if !(p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) { // false for NaN
				bad = p
				return false
			}
		}
		return true
	}
	// Decode bounds nesting to MaxNestingDepth, so this recursion is shallow.
	var walk func(g orb.Geometry) bool
	walk = func(g orb.Geometry) bool {
		switch g := g.(type) {
		case orb.Point:
			return check([]orb.Point{g})
		case orb.MultiPoint:
			return check(g)
		case orb.LineString:
			return check(g)
		case orb.Ring:
			return check(g)
		case orb.MultiLineString:
			for _, l := range g {
				if !check(l) {
					return false
				}
			}
		case orb.Polygon:
			for _, r := range g {
				if !check(r) {
					return false
				}
			}
		case orb.MultiPolygon:
			for _, p := range g {
				if !walk(p) {
					return false
				}
			}
		case orb.Collection:
			for _, c := range g {
				if !walk(c) {
					return false
				}
			}
		case orb.Bound:
			return check([]orb.Point{g.Min, g.Max})
		}
		return true
	}
	if walk(g) {
		return nil
	}
	what := "outside longitude -180…180 / latitude -90…90"
	if math.IsNaN(bad[0]) || math.IsNaN(bad[1]) || math.IsInf(bad[0], 0) || math.IsInf(bad[1], 0) {
		what = "not a finite number"
	}
	return fmt.Errorf("gpkg: coordinate (%.6g, %.6g) is %s for EPSG:4326", bad[0], bad[1], what)
}
