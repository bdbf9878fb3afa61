package geo

import (
	"math"
	"math/big"

	"github.com/paulmach/orb"
)

// orientation returns +1 if c lies to the left of the directed line a→b
// (counter-clockwise turn), −1 if to the right and 0 if the three points
// are collinear — exactly, for any finite float64 input. A floating-point
// estimate is trusted when it exceeds Shewchuk's error bound for orient2d
// ((3+16ε)ε·(|l|+|r|), "Adaptive Precision Floating-Point Arithmetic",
// 1997); otherwise the determinant is evaluated with big.Rat, which is
// exact but slow and so only used for near-collinear triples.
func orientation(a, b, c orb.Point) int {
	if c == a || c == b || a == b {
		return 0
	}
	l := (b[0] - a[0]) * (c[1] - a[1])
	r := (b[1] - a[1]) * (c[0] - a[0])
	det := l - r
	const errBound = 3.3306690738754716e-16 * 1.0001
	bound := errBound * (math.Abs(l) + math.Abs(r))
	if math.Abs(det) > bound && math.Abs(det) > 1e-290 {
		if det > 0 {
			return 1
		}
		return -1
	}
	return orientationExact(a, b, c)
}

func orientationExact(a, b, c orb.Point) int {
	rat := func(v float64) *big.Rat { return new(big.Rat).SetFloat64(v) }
	ax, ay, bx, by, cx, cy := rat(a[0]), rat(a[1]), rat(b[0]), rat(b[1]), rat(c[0]), rat(c[1])
	dx1 := new(big.Rat).Sub(bx, ax)
	dy2 := new(big.Rat).Sub(cy, ay)
	dy1 := new(big.Rat).Sub(by, ay)
	dx2 := new(big.Rat).Sub(cx, ax)
	l := dx1.Mul(dx1, dy2)
	r := dy1.Mul(dy1, dx2)
	return l.Cmp(r)
}

// segmentIntersection returns a point where segments ab and cd meet (one
// point for collinear overlaps), deciding whether they meet exactly with
// orientation. Used by adjacency.
func segmentIntersection(a, b, c, d orb.Point) (orb.Point, bool) {
	o1, o2 := orientation(a, b, c), orientation(a, b, d)
	if o1 == 0 && o2 == 0 {
		for _, p := range []orb.Point{c, d} {
			if inBox(a, b, p) {
				return p, true
			}
		}
		for _, p := range []orb.Point{a, b} {
			if inBox(c, d, p) {
				return p, true
			}
		}
		return orb.Point{}, false
	}
	o3, o4 := orientation(c, d, a), orientation(c, d, b)
	switch {
	case o1*o2 < 0 && o3*o4 < 0:
		return crossingPoint(a, b, c, d), true
	case o1 == 0 && inBox(a, b, c):
		return c, true
	case o2 == 0 && inBox(a, b, d):
		return d, true
	case o3 == 0 && inBox(c, d, a):
		return a, true
	case o4 == 0 && inBox(c, d, b):
		return b, true
	}
	return orb.Point{}, false
}
