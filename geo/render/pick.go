package render

import (
	"bufio"
	"image"
	"image/png"
	"io"
	"slices"
)

// sceneXY converts a pixel of v to scene metres.
func (s *Scene) sceneXY(v View, px, py float64) (float32, float32) {
	x, y := v.PixelToMercator(px, py)
	return float32(x - s.ox), float32(y - s.oy)
}

// insideZone reports whether scene point (x, y) is inside zone z (even-odd
// over all its rings).
func (s *Scene) insideZone(z int, x, y float32) bool {
	in := false
	for ring := s.zoneRing[z]; ring < s.zoneRing[z+1]; ring++ {
		pts := s.pts[2*s.ringStart[ring] : 2*s.ringStart[ring+1]]
		if pointInRing(pts, x, y) {
			in = !in
		}
	}
	return in
}

func pointInRing(pts []float32, x, y float32) bool {
	in := false
	n := len(pts)
	x0, y0 := pts[n-2], pts[n-1]
	for i := 0; i < n; i += 2 {
		x1, y1 := pts[i], pts[i+1]
		if (y1 > y) != (y0 > y) && x < x0+(y-y0)*(x1-x0)/(y1-y0) {
			in = !in
		}
		x0, y0 = x1, y1
	}
	return in
}

// ZoneAt returns the zone under pixel (px, py) of view v: the one drawn on
// top (highest index) when zones overlap.
func (s *Scene) ZoneAt(v View, px, py float64) (int, bool) {
	x, y := s.sceneXY(v, px, py)
	best := -1
	s.index.query(box{x, y, x, y}, s.zoneBox, func(i int32) {
		if int(i) > best && s.insideZone(int(i), x, y) {
			best = int(i)
		}
	})
	return best, best >= 0
}

// SchoolAt returns the school whose symbol centre is nearest to pixel
// (px, py), if within radiusPx pixels.
func (s *Scene) SchoolAt(v View, px, py, radiusPx float64) (int, bool) {
	x, y := s.sceneXY(v, px, py)
	lim := radiusPx * v.Resolution
	best, bestD := -1, lim*lim
	for j, p := range s.schoolPt {
		dx, dy := float64(p[0]-x), float64(p[1]-y)
		if d := dx*dx + dy*dy; d <= bestD {
			best, bestD = j, d
		}
	}
	return best, best >= 0
}

// ZonesInRect returns, in index order, the zones whose label point (see
// ZoneLabelPoint) lies inside the pixel rectangle r of view v — the rule
// that keeps a drag-selection from catching every neighbour it grazes.
func (s *Scene) ZonesInRect(v View, r image.Rectangle) []int {
	r = r.Canon()
	x0, y0 := s.sceneXY(v, float64(r.Min.X), float64(r.Max.Y))
	x1, y1 := s.sceneXY(v, float64(r.Max.X), float64(r.Min.Y))
	var out []int
	s.index.query(box{x0, y0, x1, y1}, s.zoneBox, func(i int32) {
		p := s.zoneLabel[i]
		if p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1 {
			out = append(out, int(i))
		}
	})
	slices.Sort(out)
	return out
}

// ZonesInLasso returns, in index order, the zones whose label point lies
// inside the lasso polygon given as pixel vertices of view v (closed
// implicitly; fewer than 3 vertices select nothing).
func (s *Scene) ZonesInLasso(v View, lasso []image.Point) []int {
	if len(lasso) < 3 {
		return nil
	}
	poly := make([]float32, 0, 2*len(lasso))
	q := emptyBox()
	for _, p := range lasso {
		x, y := s.sceneXY(v, float64(p.X), float64(p.Y))
		poly = append(poly, x, y)
		q.extend(x, y)
	}
	var out []int
	s.index.query(q, s.zoneBox, func(i int32) {
		p := s.zoneLabel[i]
		if pointInRing(poly, p[0], p[1]) {
			out = append(out, int(i))
		}
	})
	slices.Sort(out)
	return out
}

// EncodePNG writes img as a PNG (best speed: a map frame compresses well
// anyway).
func EncodePNG(w io.Writer, img image.Image) error {
	bw := bufio.NewWriter(w)
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(bw, img); err != nil {
		return err
	}
	return bw.Flush()
}
