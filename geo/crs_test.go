package geo

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// EPSG Guidance Note 7-2, Transverse Mercator worked example (OSGB 1936 /
// British National Grid): φ = 50°30'N, λ = 0°30'E → E 577274.99, N 69740.50.
func TestTransverseMercatorEPSGExample(t *testing.T) {
	airy := Ellipsoid{A: 6377563.396, F: 1 / 299.3249646}
	tm := NewTransverseMercator(airy, -2, 49, 0.9996012717, 400000, -100000)
	got := tm.FromLonLat(orb.Point{0.5, 50.5})
	if math.Abs(got[0]-577274.99) > 0.01 || math.Abs(got[1]-69740.50) > 0.01 {
		t.Fatalf("got E %.3f N %.3f, want 577274.99 69740.50", got[0], got[1])
	}
	back := tm.ToLonLat(got)
	if math.Abs(back[0]-0.5) > 1e-9 || math.Abs(back[1]-50.5) > 1e-9 {
		t.Fatalf("inverse: %v", back)
	}
}

// On the central meridian the northing is the meridian arc length, which we
// integrate numerically here, independently of the Krüger series.
func TestGaussKrugerMeridianArc(t *testing.T) {
	c, err := CRSFromEPSG(4547) // CM 114°E
	if err != nil {
		t.Fatal(err)
	}
	e2 := CGCS2000Ellipsoid.F * (2 - CGCS2000Ellipsoid.F)
	arc := func(lat float64) float64 { // Simpson's rule on M(φ)
		const n = 20000
		h := lat * math.Pi / 180 / n
		f := func(phi float64) float64 {
			s := math.Sin(phi)
			return CGCS2000Ellipsoid.A * (1 - e2) / math.Pow(1-e2*s*s, 1.5)
		}
		sum := f(0) + f(n*h)
		for i := 1; i < n; i++ {
			w := 2.0
			if i%2 == 1 {
				w = 4
			}
			sum += w * f(float64(i)*h)
		}
		return sum * h / 3
	}
	for _, lat := range []float64{18, 30, 45, 53} {
		p := c.FromLonLat(orb.Point{114, lat})
		if math.Abs(p[0]-500000) > 1e-6 || math.Abs(p[1]-arc(lat)) > 0.001 {
			t.Errorf("lat %v: got %.4f %.4f, want 500000 %.4f", lat, p[0], p[1], arc(lat))
		}
	}
}

func TestCRSRoundTrip(t *testing.T) {
	codes := []int{3857, 4491, 4497, 4501, 4502, 4508, 4513, 4526, 4533, 4534, 4547, 4554}
	for _, code := range codes {
		c, err := CRSFromEPSG(code)
		if err != nil {
			t.Fatal(err)
		}
		cm := 114.0
		if c.tm != nil {
			cm = c.tm.CentralMeridian
		}
		for _, dl := range []float64{-3, -1.5, 0, 0.7, 1.5, 3} {
			for _, lat := range []float64{18.2, 25, 31.23, 40, 53.5} {
				ll := orb.Point{cm + dl, lat}
				xy := c.FromLonLat(ll)
				back := c.ToLonLat(xy)
				again := c.FromLonLat(back)
				if d := math.Hypot(again[0]-xy[0], again[1]-xy[1]); d > 0.001 {
					t.Errorf("%s at %v: round trip off by %.6f m", c, ll, d)
				}
				if math.Abs(back[0]-ll[0]) > 1e-8 || math.Abs(back[1]-ll[1]) > 1e-8 {
					t.Errorf("%s at %v: back %v", c, ll, back)
				}
			}
		}
	}
}

func TestZonePrefixFalseEasting(t *testing.T) {
	c, _ := CRSFromEPSG(4526) // 3° zone 38, CM 114°E
	p := c.FromLonLat(orb.Point{114, 30})
	if math.Abs(p[0]-38500000) > 1e-6 {
		t.Fatalf("easting %v, want 38500000", p[0])
	}
	c6, _ := CRSFromEPSG(4497) // 6° zone 19, CM 111°E
	if p := c6.FromLonLat(orb.Point{111, 30}); math.Abs(p[0]-19500000) > 1e-6 {
		t.Fatalf("6° easting %v", p[0])
	}
	cm, _ := CRSFromEPSG(4547)
	q := cm.FromLonLat(orb.Point{114, 30})
	if math.Abs(q[1]-p[1]) > 1e-9 || q[0] != 500000 {
		t.Fatalf("4547 %v vs 4526 %v", q, p)
	}
}

func TestWebMercator(t *testing.T) {
	p := WebMercator.FromLonLat(orb.Point{180, 0})
	if math.Abs(p[0]-20037508.342789) > 0.001 {
		t.Fatalf("x %v", p[0])
	}
	ll := orb.Point{116.391, 39.907}
	back := WebMercator.ToLonLat(WebMercator.FromLonLat(ll))
	if math.Abs(back[0]-ll[0]) > 1e-9 || math.Abs(back[1]-ll[1]) > 1e-9 {
		t.Fatalf("round trip %v", back)
	}
}

func TestParseCRS(t *testing.T) {
	cases := map[string]string{
		"EPSG:4326":                        "EPSG:4326",
		"epsg:3857":                        "EPSG:3857",
		"urn:ogc:def:crs:EPSG::3857":       "EPSG:3857",
		"urn:ogc:def:crs:EPSG:6.18:3:3857": "EPSG:3857",
		"urn:ogc:def:crs:EPSG::4490":       "EPSG:4490",
		"urn:ogc:def:crs:OGC:1.3:CRS84":    "EPSG:4326",
		"CRS84":                            "EPSG:4326",
		"OGC:CRS84":                        "EPSG:4326",
		"http://www.opengis.net/def/crs/EPSG/0/4547":   "EPSG:4547",
		"http://www.opengis.net/def/crs/OGC/1.3/CRS84": "EPSG:4326",
		"EPSG:900913": "EPSG:3857",
		"ESRI:102100": "EPSG:3857",
		" 4513 ":      "EPSG:4513",
		"WGS 84":      "EPSG:4326",
		"CGCS2000":    "EPSG:4490",
		"gcj-02":      "GCJ02",
		"BD09":        "BD09",
	}
	for in, want := range cases {
		c, err := ParseCRS(in)
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if c.String() != want {
			t.Errorf("%q: got %s, want %s", in, c, want)
		}
	}
	for _, bad := range []string{"", "EPSG:2154", "nonsense", "EPSG:3395"} {
		if _, err := ParseCRS(bad); err == nil {
			t.Errorf("%q: want error", bad)
		}
	}
}

func TestDetectCRS(t *testing.T) {
	b := func(x0, y0, x1, y1 float64) orb.Bound {
		return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}
	}
	ok := []struct {
		b    orb.Bound
		want string
	}{
		{b(113.9, 22.5, 114.1, 22.7), "EPSG:4326"},
		{b(-122.4, 47.5, -122.2, 47.7), "EPSG:4326"},
		{b(12670000, 2570000, 12700000, 2600000), "EPSG:3857"},
		{b(13520000, 3640000, 13540000, 3660000), "EPSG:3857"}, // Shanghai, not 6° zone 13
		{b(38400000, 3300000, 38600000, 3400000), "EPSG:4526"},
		{b(25450000, 4400000, 25550000, 4500000), "EPSG:4513"},
		{b(19450000, 3300000, 19550000, 3400000), "EPSG:4497"},
	}
	for _, c := range ok {
		d, err := DetectCRS(c.b)
		if err != nil || d.CRS.String() != c.want || d.Reason == "" {
			t.Errorf("%v: got %v %q %v, want %s", c.b, d.CRS, d.Reason, err, c.want)
		}
	}
	for _, bad := range []orb.Bound{
		b(400000, 3300000, 600000, 3400000),       // GK without prefix: needs --crs
		b(38400000, 3300000, 39100000, 3400000),   // spans two zones
		b(-9000000, -2000000, -8000000, -1000000), // mercator outside China
		b(1e9, 1e9, 2e9, 2e9),
	} {
		if _, err := DetectCRS(bad); err == nil {
			t.Errorf("%v: want error", bad)
		}
	}
	if _, err := DetectCRS(b(400000, 3300000, 600000, 3400000)); err == nil || !contains(err.Error(), "--crs") {
		t.Errorf("GK without prefix must ask for --crs, got %v", err)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// Reference pairs from the widely used eviltransform test suite.
func TestGCJ02(t *testing.T) {
	cases := []struct{ wgs, gcj orb.Point }{
		{orb.Point{121.5272106, 31.1774276}, orb.Point{121.531541859215, 31.17530398364597}}, // Shanghai
		{orb.Point{113.912316, 22.543847}, orb.Point{113.9171764808363, 22.540796131694766}}, // Shenzhen
		{orb.Point{116.377817, 39.911954}, orb.Point{116.38404722455657, 39.91334545536069}}, // Beijing
	}
	for _, c := range cases {
		g := WGS84ToGCJ02(c.wgs)
		if math.Abs(g[0]-c.gcj[0]) > 1e-9 || math.Abs(g[1]-c.gcj[1]) > 1e-9 {
			t.Errorf("WGS84ToGCJ02(%v) = %v, want %v", c.wgs, g, c.gcj)
		}
		w := GCJ02ToWGS84(c.gcj)
		if math.Abs(w[0]-c.wgs[0]) > 1e-8 || math.Abs(w[1]-c.wgs[1]) > 1e-8 {
			t.Errorf("GCJ02ToWGS84(%v) = %v, want %v", c.gcj, w, c.wgs)
		}
	}
	seattle := orb.Point{-122.3, 47.6}
	if WGS84ToGCJ02(seattle) != seattle || GCJ02ToWGS84(seattle) != seattle {
		t.Error("points outside China must not move")
	}
	// BD-09: the published decoding formula is an approximate inverse of
	// the encoding; they agree to ~0.1 m.
	wgs := orb.Point{120.0088, 29.1962}
	w := BD09.ToLonLat(BD09.FromLonLat(wgs))
	if math.Abs(w[0]-wgs[0]) > 2e-6 || math.Abs(w[1]-wgs[1]) > 2e-6 {
		t.Errorf("BD09 round trip = %v", w)
	}
	if !GCJ02Hint("schools_高德.geojson") || !GCJ02Hint("AMap export") || GCJ02Hint("schools.geojson") {
		t.Error("GCJ02Hint")
	}
}
