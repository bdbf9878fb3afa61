package report

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"
)

// toImage rasterizes the sheet at dpi onto white: fills with
// golang.org/x/image/vector (non-zero rule; callers orient hole rings
// against their outer ring), strokes as quads, text with the bundled font.
func (s *sheet) toImage(dpi float64) (*image.RGBA, error) {
	k := dpi / 25.4 // pixels per mm
	img := image.NewRGBA(image.Rect(0, 0, int(math.Round(s.w*k)), int(math.Round(s.h*k))))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	faces := map[float64]*rasterText{}
	var ras vector.Rasterizer
	for i := range s.items {
		it := &s.items[i]
		if it.isText() {
			f := faces[it.pt]
			if f == nil {
				var err error
				if f, err = newRasterText(it.pt / 72 * dpi); err != nil {
					return nil, err
				}
				faces[it.pt] = f
			}
			c := rgba(it.fillRGB, 1)
			f.draw(img, it.x*k, it.y*k, it.str, c)
			if it.bold {
				f.draw(img, it.x*k+max(0.6, f.px*0.035), it.y*k, it.str, c)
			}
			continue
		}
		if it.fill {
			fillRings(img, &ras, it.rings, k, rgba(it.fillRGB, it.alpha))
		}
		if it.stroke {
			strokeRings(img, &ras, it.rings, it.closed, k, max(it.lineW*k, 0.8), rgba(it.inkRGB, 1))
		}
	}
	return img, nil
}

// rgba is a 0xRRGGBB colour at opacity alpha (0 or 1: opaque), premultiplied.
func rgba(c uint32, alpha float64) color.RGBA {
	a := 1.0
	if alpha > 0 && alpha < 1 {
		a = alpha
	}
	m := func(v uint32) uint8 { return uint8(math.Round(float64(v&0xff) * a)) }
	return color.RGBA{m(c >> 16), m(c >> 8), m(c), uint8(math.Round(255 * a))}
}

// fillRings fills the rings (mm, scaled by k) with a rasterizer the size of
// their bounding box.
func fillRings(dst *image.RGBA, ras *vector.Rasterizer, rings [][]pt, k float64, c color.RGBA) {
	b := ringBounds(rings, k).Intersect(dst.Bounds())
	if b.Empty() {
		return
	}
	ras.Reset(b.Dx(), b.Dy())
	ras.DrawOp = draw.Over
	ox, oy := float64(b.Min.X), float64(b.Min.Y)
	for _, r := range rings {
		if len(r) < 3 {
			continue
		}
		ras.MoveTo(float32(r[0].x*k-ox), float32(r[0].y*k-oy))
		for _, p := range r[1:] {
			ras.LineTo(float32(p.x*k-ox), float32(p.y*k-oy))
		}
		ras.ClosePath()
	}
	ras.Draw(dst, b, image.NewUniform(c), image.Point{})
}

// strokeRings draws polylines of width w pixels as one quad per segment,
// in chunks so that each rasterizer stays small.
func strokeRings(dst *image.RGBA, ras *vector.Rasterizer, rings [][]pt, closed bool, k, w float64, c color.RGBA) {
	hw := w / 2
	var quads [][]pt
	flush := func() {
		if len(quads) > 0 {
			fillRings(dst, ras, quads, 1, c)
			quads = quads[:0]
		}
	}
	for _, r := range rings {
		n := len(r)
		segs := n - 1
		if closed {
			segs = n
		}
		for i := 0; i < segs; i++ {
			a, b := r[i], r[(i+1)%n]
			ax, ay, bx, by := a.x*k, a.y*k, b.x*k, b.y*k
			dx, dy := bx-ax, by-ay
			l := math.Hypot(dx, dy)
			if l == 0 {
				continue
			}
			// Extend by half the width at both ends: square caps that
			// also close the joins of thin lines.
			ux, uy := dx/l*hw, dy/l*hw
			nx, ny := -uy, ux
			ax, ay, bx, by = ax-ux, ay-uy, bx+ux, by+uy
			quads = append(quads, []pt{{ax + nx, ay + ny}, {bx + nx, by + ny}, {bx - nx, by - ny}, {ax - nx, ay - ny}})
			if len(quads) >= 48 {
				flush()
			}
		}
		flush()
	}
	flush()
}

func ringBounds(rings [][]pt, k float64) image.Rectangle {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, r := range rings {
		for _, p := range r {
			x0, y0 = min(x0, p.x*k), min(y0, p.y*k)
			x1, y1 = max(x1, p.x*k), max(y1, p.y*k)
		}
	}
	if x0 > x1 {
		return image.Rectangle{}
	}
	return image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1))+1, int(math.Ceil(y1))+1)
}
