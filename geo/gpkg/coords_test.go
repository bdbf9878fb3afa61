package gpkg

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestCheckLonLat(t *testing.T) {
	for _, g := range []orb.Geometry{
		orb.Point{117.2, 31.8}, orb.Point{-180, -90}, orb.Point{180, 90},
		orb.MultiPolygon{{square, hole}}, orb.Collection{orb.LineString{{0, 0}, {1, 1}}},
	} {
		if err := CheckLonLat(g); err != nil {
			t.Errorf("%v: %v", g, err)
		}
	}
	for _, c := range []struct {
		g    orb.Geometry
		want string
	}{
		{orb.Point{117, 95}, "(117, 95) is outside longitude"},
		{orb.Point{1e308, 31}, "(1e+308, 31) is outside"},
		{orb.Point{math.NaN(), math.NaN()}, "(NaN, NaN) is not a finite number"},
		{orb.MultiPolygon{{square}, {{{1, 1}, {math.Inf(1), 2}, {1, 1}}}}, "(+Inf, 2) is not a finite"},
		{orb.Collection{orb.Collection{orb.MultiPoint{{0, 0}, {-181, 0}}}}, "(-181, 0)"},
	} {
		if err := CheckLonLat(c.g); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.g, err, c.want)
		}
	}
}
