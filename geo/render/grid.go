package render

import "math"

// box is an axis-aligned bound in scene metres (Web Mercator relative to
// the scene origin).
type box struct{ minX, minY, maxX, maxY float32 }

func emptyBox() box {
	inf := float32(math.Inf(1))
	return box{inf, inf, -inf, -inf}
}

func (b box) empty() bool { return b.minX > b.maxX || b.minY > b.maxY }

func (b box) intersects(o box) bool {
	return b.minX <= o.maxX && o.minX <= b.maxX && b.minY <= o.maxY && o.minY <= b.maxY
}

func (b *box) extend(x, y float32) {
	b.minX, b.maxX = min(b.minX, x), max(b.maxX, x)
	b.minY, b.maxY = min(b.minY, y), max(b.maxY, y)
}

func (b *box) union(o box) {
	if o.empty() {
		return
	}
	b.extend(o.minX, o.minY)
	b.extend(o.maxX, o.maxY)
}

// grid is a uniform grid over item bounds, stored compactly: the items of
// cell c are items[start[c]:start[c+1]]. An item is listed in every cell its
// bound overlaps. It is read-only once built.
type grid struct {
	minX, minY float32
	inv        float32 // 1 / cell size
	nx, ny     int
	start      []int32
	items      []int32
}

func buildGrid(boxes []box, all box) grid {
	g := grid{nx: 1, ny: 1}
	n := len(boxes)
	if all.empty() || n == 0 {
		g.start = make([]int32, 2)
		return g
	}
	w, h := float64(all.maxX-all.minX), float64(all.maxY-all.minY)
	// About two items a cell, at most 1024×1024 cells.
	cells := math.Max(1, math.Min(float64(n)/2, 1<<20))
	size := math.Sqrt(w * h / cells)
	if !(size > 0) {
		size = math.Max(math.Max(w, h), 1)
	}
	g.nx = max(1, min(1024, int(math.Ceil(w/size))))
	g.ny = max(1, min(1024, int(math.Ceil(h/size))))
	size = math.Max(w/float64(g.nx), h/float64(g.ny)) * 1.0001
	if !(size > 0) {
		size = 1
	}
	g.minX, g.minY, g.inv = all.minX, all.minY, float32(1/size)

	counts := make([]int32, g.nx*g.ny+1)
	for _, b := range boxes {
		if b.empty() {
			continue
		}
		x0, y0, x1, y1 := g.cellRange(b)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				counts[y*g.nx+x+1]++
			}
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	g.start = counts
	g.items = make([]int32, counts[len(counts)-1])
	fill := make([]int32, g.nx*g.ny)
	copy(fill, counts)
	for i, b := range boxes {
		if b.empty() {
			continue
		}
		x0, y0, x1, y1 := g.cellRange(b)
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				c := y*g.nx + x
				g.items[fill[c]] = int32(i)
				fill[c]++
			}
		}
	}
	return g
}

// cellRange returns the cells a bound overlaps, clamped to the grid.
func (g *grid) cellRange(b box) (x0, y0, x1, y1 int) {
	cl := func(v float32, n int) int {
		i := int(v)
		if v < 0 {
			i = 0
		}
		return min(max(i, 0), n-1)
	}
	return cl((b.minX-g.minX)*g.inv, g.nx), cl((b.minY-g.minY)*g.inv, g.ny),
		cl((b.maxX-g.minX)*g.inv, g.nx), cl((b.maxY-g.minY)*g.inv, g.ny)
}

// query calls fn once for every item whose bound intersects q. An item
// listed in several cells is reported only from the first cell that both it
// and q cover, so no "seen" set is needed and the grid stays read-only
// (and safe for concurrent queries).
func (g *grid) query(q box, boxes []box, fn func(i int32)) {
	if q.empty() || len(g.items) == 0 {
		return
	}
	qx0, qy0, qx1, qy1 := g.cellRange(q)
	for cy := qy0; cy <= qy1; cy++ {
		for cx := qx0; cx <= qx1; cx++ {
			c := cy*g.nx + cx
			for _, it := range g.items[g.start[c]:g.start[c+1]] {
				b := boxes[it]
				if !b.intersects(q) {
					continue
				}
				ix0, iy0, _, _ := g.cellRange(b)
				if max(ix0, qx0) == cx && max(iy0, qy0) == cy {
					fn(it)
				}
			}
		}
	}
}
