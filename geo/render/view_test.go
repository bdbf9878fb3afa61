package render

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestViewRoundTrip(t *testing.T) {
	v := View{Center: orb.Point{114.3, 30.6}, Resolution: 3.7, W: 1600, H: 1000}
	for _, p := range []orb.Point{{114.3, 30.6}, {114.25, 30.55}, {114.41, 30.7}, {-70.1, -33.4}} {
		px, py := v.LonLatToPixel(p)
		q := v.PixelToLonLat(px, py)
		if !near(p[0], q[0], 1e-9) || !near(p[1], q[1], 1e-9) {
			t.Errorf("round trip %v → (%v, %v) → %v", p, px, py, q)
		}
	}
	if x, y := v.LonLatToPixel(v.Center); !near(x, 800, 1e-6) || !near(y, 500, 1e-6) {
		t.Errorf("centre at (%v, %v), want (800, 500)", x, y)
	}
	// North is up, east is right.
	_, yn := v.LonLatToPixel(orb.Point{114.3, 30.61})
	xe, _ := v.LonLatToPixel(orb.Point{114.31, 30.6})
	if yn >= 500 || xe <= 800 {
		t.Errorf("north at y=%v, east at x=%v: axes flipped", yn, xe)
	}
}

func TestViewZoomKeepsAnchor(t *testing.T) {
	v := View{Center: orb.Point{114.3, 30.6}, Resolution: 10, W: 800, H: 600}
	anchor := v.PixelToLonLat(123, 456)
	z := v.Zoom(2, 123, 456)
	if !near(z.Resolution, 5, 1e-12) {
		t.Errorf("resolution %v, want 5", z.Resolution)
	}
	px, py := z.LonLatToPixel(anchor)
	if !near(px, 123, 1e-6) || !near(py, 456, 1e-6) {
		t.Errorf("anchor moved to (%v, %v)", px, py)
	}
	if got := v.Zoom(1e-9, 0, 0).Resolution; got != MaxResolution {
		t.Errorf("zoom out clamps to %v, got %v", MaxResolution, got)
	}
	if got := v.Zoom(0, 0, 0); got != v {
		t.Errorf("zoom by 0 changed the view: %+v", got)
	}
}

func TestViewPan(t *testing.T) {
	v := View{Center: orb.Point{114.3, 30.6}, Resolution: 10, W: 800, H: 600}
	p := v.PixelToLonLat(100, 100)
	w := v.Pan(30, -20)
	px, py := w.LonLatToPixel(p)
	if !near(px, 130, 1e-6) || !near(py, 80, 1e-6) {
		t.Errorf("after Pan(30, -20) the point is at (%v, %v), want (130, 80)", px, py)
	}
}

func TestFitBounds(t *testing.T) {
	b := orb.Bound{Min: orb.Point{114.2, 30.5}, Max: orb.Point{114.4, 30.6}}
	v := FitBounds(b, 1000, 800, 20)
	x0, y0 := v.LonLatToPixel(b.Min)
	x1, y1 := v.LonLatToPixel(b.Max)
	if x0 < 20-1e-6 || x1 > 980+1e-6 || y1 < 20-1e-6 || y0 > 780+1e-6 {
		t.Errorf("bound drawn at x %v…%v, y %v…%v: outside the margin", x0, x1, y1, y0)
	}
	if !near(x0, 20, 1e-6) && !near(y1, 20, 1e-6) {
		t.Errorf("bound does not touch the margin on either axis: x0=%v y1=%v", x0, y1)
	}
	if g := v.GroundResolution(); !near(g, v.Resolution*math.Cos(v.Center[1]*math.Pi/180), 1e-12) {
		t.Errorf("ground resolution %v", g)
	}
	d := FitBounds(orb.Bound{Min: orb.Point{114, 30}, Max: orb.Point{114, 30}}, 100, 100, 10)
	if d.Resolution != 1 || !near(d.Center[0], 114, 1e-9) {
		t.Errorf("degenerate bound gives %+v, want 1 m/px at the point", d)
	}
}

func TestNiceScale(t *testing.T) {
	for _, c := range []struct{ max, want float64 }{
		{120, 100}, {199, 100}, {200, 200}, {499, 200}, {500, 500}, {999, 500},
		{1000, 1000}, {3700, 2000}, {0.7, 0.5}, {0, 0}, {-5, 0},
	} {
		if got := NiceScale(c.max); !near(got, c.want, 1e-9) {
			t.Errorf("NiceScale(%v) = %v, want %v", c.max, got, c.want)
		}
	}
	for _, c := range []struct {
		m    float64
		want string
	}{{500, "500 米"}, {2000, "2 公里"}, {2500, "2.5 公里"}} {
		if got := FormatDistance(c.m, "米", "公里"); got != c.want {
			t.Errorf("FormatDistance(%v) = %q, want %q", c.m, got, c.want)
		}
	}
}

// The scale bar is corrected for Mercator: at 60° a Mercator metre is half
// a ground metre, so the same view resolution shows half the distance.
func TestScaleBarMercatorCorrection(t *testing.T) {
	eq := View{Center: orb.Point{0, 0}, Resolution: 10, W: 100, H: 100}
	north := View{Center: orb.Point{0, 60}, Resolution: 10, W: 100, H: 100}
	if !near(north.GroundResolution(), eq.GroundResolution()/2, 1e-9) {
		t.Errorf("ground resolution at 60°: %v, want %v", north.GroundResolution(), eq.GroundResolution()/2)
	}
}
