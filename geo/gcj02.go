package geo

import (
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// GCJ-02 is the offset ("Mars coordinates") that Chinese map services
// (Amap/Gaode, Tencent, Google China) apply to WGS-84. The forward formula
// is the widely published reverse-engineered one (Krasovsky semi-major axis,
// a polynomial-plus-sine offset of 100–700 m); it is only applied inside
// China's rough bounding box, as the services do.

const (
	gcjA  = 6378245.0
	gcjEE = 0.00669342162296594323
)

// InChina reports whether a lon/lat point is inside the rough box in which
// map services apply the GCJ-02 offset.
func InChina(p orb.Point) bool {
	return p[0] >= 72.004 && p[0] <= 137.8347 && p[1] >= 0.8293 && p[1] <= 55.8271
}

// WGS84ToGCJ02 applies the GCJ-02 offset to a WGS-84 lon/lat point.
// Points outside China are returned unchanged.
func WGS84ToGCJ02(p orb.Point) orb.Point {
	if !InChina(p) {
		return p
	}
	dLon, dLat := gcjDelta(p[0], p[1])
	return orb.Point{p[0] + dLon, p[1] + dLat}
}

// GCJ02ToWGS84 removes the GCJ-02 offset by fixed-point iteration on the
// forward formula (the offset varies slowly, so each step gains ~4 digits):
// the result is within 1e-9° (≈0.1 mm) of the exact inverse.
func GCJ02ToWGS84(p orb.Point) orb.Point {
	if !InChina(p) {
		return p
	}
	w := p
	for i := 0; i < 10; i++ {
		g := WGS84ToGCJ02(w)
		dx, dy := g[0]-p[0], g[1]-p[1]
		w[0] -= dx
		w[1] -= dy
		if math.Abs(dx) < 1e-10 && math.Abs(dy) < 1e-10 {
			break
		}
	}
	return w
}

func gcjDelta(lon, lat float64) (dLon, dLat float64) {
	x, y := lon-105, lat-35
	dLat = -100 + 2*x + 3*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x))
	dLon = 300 + x + 2*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x))
	d := (20*math.Sin(6*x*math.Pi) + 20*math.Sin(2*x*math.Pi)) * 2 / 3
	dLat += d + (20*math.Sin(y*math.Pi)+40*math.Sin(y/3*math.Pi))*2/3 +
		(160*math.Sin(y/12*math.Pi)+320*math.Sin(y*math.Pi/30))*2/3
	dLon += d + (20*math.Sin(x*math.Pi)+40*math.Sin(x/3*math.Pi))*2/3 +
		(150*math.Sin(x/12*math.Pi)+300*math.Sin(x/30*math.Pi))*2/3
	radLat := lat / 180 * math.Pi
	magic := math.Sin(radLat)
	magic = 1 - gcjEE*magic*magic
	sqrtMagic := math.Sqrt(magic)
	dLat = dLat * 180 / ((gcjA * (1 - gcjEE)) / (magic * sqrtMagic) * math.Pi)
	dLon = dLon * 180 / (gcjA / sqrtMagic * math.Cos(radLat) * math.Pi)
	return dLon, dLat
}

const bdXPi = math.Pi * 3000 / 180

// BD09ToGCJ02 converts Baidu BD-09 lon/lat to GCJ-02.
func BD09ToGCJ02(p orb.Point) orb.Point {
	x, y := p[0]-0.0065, p[1]-0.006
	z := math.Sqrt(x*x+y*y) - 0.00002*math.Sin(y*bdXPi)
	theta := math.Atan2(y, x) - 0.000003*math.Cos(x*bdXPi)
	return orb.Point{z * math.Cos(theta), z * math.Sin(theta)}
}

// GCJ02ToBD09 converts GCJ-02 lon/lat to Baidu BD-09.
func GCJ02ToBD09(p orb.Point) orb.Point {
	x, y := p[0], p[1]
	z := math.Sqrt(x*x+y*y) + 0.00002*math.Sin(y*bdXPi)
	theta := math.Atan2(y, x) + 0.000003*math.Cos(x*bdXPi)
	return orb.Point{z*math.Cos(theta) + 0.0065, z*math.Sin(theta) + 0.006}
}

// GCJ02Hint reports whether a file name or metadata text suggests GCJ-02 or
// BD-09 coordinates (exported from Amap/Gaode, Tencent or Baidu). The offset
// cannot be seen in the numbers alone, so this only prompts a question to
// the user ("were these coordinates taken from an online Chinese map?").
func GCJ02Hint(text string) bool {
	s := strings.ToLower(text)
	for _, k := range []string{"gcj", "amap", "gaode", "autonavi", "高德", "火星", "tencent", "腾讯", "qqmap", "baidu", "百度", "bd09"} {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}
