package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// ipt is a point of the repair lattice, in whole lattice steps.
type ipt struct{ x, y int64 }

// latticeSpan is the number of lattice steps across a repaired geometry's
// larger side. With coordinates in [0, 2^28], differences stay below
// 2^30 even doubled, so every orientation test below is an exact int64
// computation (products < 2^60).
const latticeSpan = 1 << 28

// lattice maps float coordinates to the integer grid that the repair works
// on: x = ox + step·X. step is a power of two and ox, oy multiples of it,
// so lattice points convert back to float64 exactly and the validity of
// the integer geometry is the validity of the float output. The step is
// the geometry's extent / 2^28 (about 2.5 cm for a 60° wide country,
// 0.1 mm for a county), never finer than the float64 resolution of the
// coordinates.
type lattice struct{ ox, oy, step float64 }

func newLattice(parts [][]orb.Ring) lattice {
	minx, miny := math.Inf(1), math.Inf(1)
	maxx, maxy := math.Inf(-1), math.Inf(-1)
	for _, p := range parts {
		for _, r := range p {
			for _, q := range r {
				minx, maxx = math.Min(minx, q[0]), math.Max(maxx, q[0])
				miny, maxy = math.Min(miny, q[1]), math.Max(maxy, q[1])
			}
		}
	}
	if minx > maxx {
		return lattice{step: 1}
	}
	// Halves avoid overflow for coordinates near ±MaxFloat64.
	half := math.Max(maxx/2-minx/2, maxy/2-miny/2)
	step := math.SmallestNonzeroFloat64
	if half > 0 {
		_, e := math.Frexp(half) // half < 2^e, so the extent < 2^(e+1)
		step = math.Ldexp(1, e+1-28)
	}
	big := math.Max(math.Max(math.Abs(minx), math.Abs(maxx)), math.Max(math.Abs(miny), math.Abs(maxy)))
	if big > 0 {
		_, e := math.Frexp(big) // big < 2^e: float64 resolution there is 2^(e-53)
		step = math.Max(step, math.Ldexp(1, e-51))
	}
	return lattice{ox: math.Floor(minx/step) * step, oy: math.Floor(miny/step) * step, step: step}
}

func (l lattice) snap(p orb.Point) ipt {
	return ipt{int64(math.Round((p[0] - l.ox) / l.step)), int64(math.Round((p[1] - l.oy) / l.step))}
}

func (l lattice) point(q ipt) orb.Point {
	return orb.Point{l.ox + float64(q.x)*l.step, l.oy + float64(q.y)*l.step}
}

// cross is (b−a)×(c−a): positive if c is left of a→b.
func cross(a, b, c ipt) int64 {
	return (b.x-a.x)*(c.y-a.y) - (b.y-a.y)*(c.x-a.x)
}

func sign(v int64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

func ipLess(p, q ipt) bool { return p.x < q.x || (p.x == q.x && p.y < q.y) }

func ipBound(a, b ipt) orb.Bound {
	return orb.Bound{
		Min: orb.Point{float64(min(a.x, b.x)), float64(min(a.y, b.y))},
		Max: orb.Point{float64(max(a.x, b.x)), float64(max(a.y, b.y))},
	}
}

// areaAcc sums int64 terms exactly (value = hi·2^32 + lo, 0 ≤ lo < 2^32),
// for the signed area of long lattice rings.
type areaAcc struct{ hi, lo int64 }

func (a *areaAcc) add(t int64) {
	a.lo += t
	a.hi += a.lo >> 32
	a.lo &= 1<<32 - 1
}

func (a *areaAcc) sign() int {
	if a.hi != 0 {
		return sign(a.hi)
	}
	return sign(a.lo)
}

// ringSign is the sign of the area of the closed lattice loop pts (first
// point not repeated): +1 counter-clockwise, −1 clockwise.
func ringSign(pts []ipt) int {
	var acc areaAcc
	o := pts[0]
	for i := 1; i+1 < len(pts); i++ {
		acc.add(cross(o, pts[i], pts[i+1]))
	}
	return acc.sign()
}
