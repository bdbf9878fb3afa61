package synth

import "github.com/paulmach/orb"

// ring returns the outline of a block in metres, counter-clockwise, closed.
// It walks every lattice vertex and edge midpoint on the block's boundary,
// so a neighbour of any size sees exactly the same points along the shared
// stretch. A block of w×h cells has 4(w+h) vertices: 8 for one cell, 32 for
// a 4×4 super cell.
func (l *lattice) ring(b block) orb.Ring {
	r := make(orb.Ring, 0, 4*(b.w+b.h)+1)
	x0, y0, x1, y1 := b.x, b.y, b.x+b.w, b.y+b.h
	for i := x0; i < x1; i++ { // south edge, west to east
		r = append(r, l.vertex(i, y0), l.hmid(i, y0))
	}
	for j := y0; j < y1; j++ { // east edge, south to north
		r = append(r, l.vertex(x1, j), l.vmid(x1, j))
	}
	for i := x1; i > x0; i-- { // north edge, east to west
		r = append(r, l.vertex(i, y1), l.hmid(i-1, y1))
	}
	for j := y1; j > y0; j-- { // west edge, north to south
		r = append(r, l.vertex(x0, j), l.vmid(x0, j-1))
	}
	return append(r, r[0])
}

// cellCenter is a point well inside fine cell (i, j), in metres: the mean of
// its four corners. The jitter bounds keep it inside the cell outline.
func (l *lattice) cellCenter(i, j int) orb.Point {
	a, b, c, d := l.vertex(i, j), l.vertex(i+1, j), l.vertex(i+1, j+1), l.vertex(i, j+1)
	return orb.Point{(a[0] + b[0] + c[0] + d[0]) / 4, (a[1] + b[1] + c[1] + d[1]) / 4}
}

// ringArea returns the signed area (positive counter-clockwise) and the
// centroid of a closed ring.
func ringArea(r orb.Ring) (float64, orb.Point) {
	var a, cx, cy float64
	for i := 0; i+1 < len(r); i++ {
		p, q := r[i], r[i+1]
		c := p[0]*q[1] - q[0]*p[1]
		a += c
		cx += (p[0] + q[0]) * c
		cy += (p[1] + q[1]) * c
	}
	a /= 2
	if a == 0 {
		return 0, r[0]
	}
	return a, orb.Point{cx / (6 * a), cy / (6 * a)}
}
