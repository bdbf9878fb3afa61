package render

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"

	"golang.org/x/image/vector"
	"math"
)

// Painting primitives on *image.RGBA. Every routine clips to a rectangle
// that the caller has already intersected with the image bounds.

// blendSpan composites the premultiplied colour c over dst pixels
// [x0, x1) of row y with coverage a (0–255).
func blendSpan(dst *image.RGBA, x0, x1, y int, c color.RGBA, cov uint32) {
	if x0 >= x1 {
		return
	}
	i := dst.PixOffset(x0, y)
	pix := dst.Pix[i : i+4*(x1-x0)]
	if cov >= 255 && c.A == 255 {
		packed := uint32(c.R) | uint32(c.G)<<8 | uint32(c.B)<<16 | 0xff<<24
		for k := 0; k < len(pix); k += 4 {
			binary.LittleEndian.PutUint32(pix[k:], packed)
		}
		return
	}
	sr, sg, sb, sa := uint32(c.R)*cov, uint32(c.G)*cov, uint32(c.B)*cov, uint32(c.A)*cov
	ia := 255*255 - sa
	// Runs of equal pixels (the background under a fill) blend to equal
	// pixels: remember the last one.
	lastIn, lastOut := uint32(0), uint32(0)
	have := false
	for k := 0; k < len(pix); k += 4 {
		in := binary.LittleEndian.Uint32(pix[k:])
		if have && in == lastIn {
			binary.LittleEndian.PutUint32(pix[k:], lastOut)
			continue
		}
		pix[k] = uint8((sr + uint32(pix[k])*ia/255) / 255)
		pix[k+1] = uint8((sg + uint32(pix[k+1])*ia/255) / 255)
		pix[k+2] = uint8((sb + uint32(pix[k+2])*ia/255) / 255)
		pix[k+3] = uint8((sa + uint32(pix[k+3])*ia/255) / 255)
		lastIn, lastOut, have = in, binary.LittleEndian.Uint32(pix[k:]), true
	}
}

// fillRect composites c over r (already clipped).
func fillRect(dst *image.RGBA, r image.Rectangle, c color.RGBA) {
	if c.A == 255 && !r.Empty() {
		// Opaque: fill one row, copy it to the others.
		blendSpan(dst, r.Min.X, r.Max.X, r.Min.Y, c, 255)
		i := dst.PixOffset(r.Min.X, r.Min.Y)
		row := dst.Pix[i : i+4*r.Dx()]
		for y := r.Min.Y + 1; y < r.Max.Y; y++ {
			j := dst.PixOffset(r.Min.X, y)
			copy(dst.Pix[j:j+len(row)], row)
		}
		return
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		blendSpan(dst, r.Min.X, r.Max.X, y, c, 255)
	}
}

// path is a list of closed rings in pixel coordinates, reused between
// polygons so that drawing allocates nothing.
type path struct {
	xy    []float32 // x, y pairs
	rings []int32   // ring k is points rings[k]..rings[k+1]-1
	minX, minY,
	maxX, maxY float32
}

func (p *path) reset() {
	p.xy = p.xy[:0]
	p.rings = append(p.rings[:0], 0)
	inf := float32(math.Inf(1))
	p.minX, p.minY, p.maxX, p.maxY = inf, inf, -inf, -inf
}

func (p *path) add(x, y float32) {
	p.xy = append(p.xy, x, y)
	p.minX, p.maxX = min(p.minX, x), max(p.maxX, x)
	p.minY, p.maxY = min(p.minY, y), max(p.maxY, y)
}

// closeRing ends the current ring; a ring of fewer than 3 points is
// dropped.
func (p *path) closeRing() {
	start := p.rings[len(p.rings)-1]
	if int32(len(p.xy)/2)-start < 3 {
		p.xy = p.xy[:2*start]
		return
	}
	p.rings = append(p.rings, int32(len(p.xy)/2))
}

func (p *path) numRings() int { return len(p.rings) - 1 }

// pixelBounds is the integer rectangle covering the path.
func (p *path) pixelBounds() image.Rectangle {
	if p.minX > p.maxX {
		return image.Rectangle{}
	}
	return image.Rect(int(math.Floor(float64(p.minX))), int(math.Floor(float64(p.minY))),
		int(math.Ceil(float64(p.maxX))), int(math.Ceil(float64(p.maxY))))
}

// fillAA rasterizes the path anti-aliased with x/image/vector, using a
// rasterizer sized to the path's bounds within clip (its cost is
// proportional to that area).
func (r *band) fillAA(dst *image.RGBA, p *path, clip image.Rectangle, c color.RGBA) {
	rect := p.pixelBounds().Intersect(clip)
	if rect.Empty() || c.A == 0 {
		return
	}
	z := r.z
	z.Reset(rect.Dx(), rect.Dy())
	ox, oy := float32(rect.Min.X), float32(rect.Min.Y)
	for k := 0; k+1 < len(p.rings); k++ {
		pts := p.xy[2*p.rings[k] : 2*p.rings[k+1]]
		z.MoveTo(pts[0]-ox, pts[1]-oy)
		for i := 2; i < len(pts); i += 2 {
			z.LineTo(pts[i]-ox, pts[i+1]-oy)
		}
		z.ClosePath()
	}
	r.drawMask(dst, rect, c)
}

// opaque is the source for rasterizing coverage into the mask.
var opaque = image.NewUniform(color.Alpha{0xff})

// drawMask turns the rasterizer's coverage into r.mask (SIMD accumulation
// in x/image/vector) and composites c through it. x/image/vector's own
// RGBA path divides per channel per pixel; here fully covered pixels are
// plain stores and uncovered ones are skipped.
func (r *band) drawMask(dst *image.RGBA, rect image.Rectangle, c color.RGBA) {
	w, h := rect.Dx(), rect.Dy()
	n := w * h
	if cap(r.maskBuf) < n {
		r.maskBuf = make([]uint8, n)
	}
	r.mask = image.Alpha{Pix: r.maskBuf[:n], Stride: w, Rect: image.Rect(0, 0, w, h)}
	r.z.DrawOp = draw.Src
	r.z.Draw(&r.mask, r.mask.Rect, opaque, image.Point{})
	sr, sg, sb, sa := uint32(c.R), uint32(c.G), uint32(c.B), uint32(c.A)
	packed := sr | sg<<8 | sb<<16 | sa<<24
	for y := 0; y < h; y++ {
		m := r.mask.Pix[y*w : y*w+w]
		i := dst.PixOffset(rect.Min.X, rect.Min.Y+y)
		pix := dst.Pix[i : i+4*w]
		for x := 0; x < w; {
			// Whole words of empty or (for opaque colours) full coverage,
			// the common cases, eight pixels at a time.
			if x+8 <= w {
				word := binary.LittleEndian.Uint64(m[x:])
				if word == 0 {
					x += 8
					continue
				}
				if word == ^uint64(0) && sa == 255 {
					for k := 4 * x; k < 4*x+32; k += 4 {
						binary.LittleEndian.PutUint32(pix[k:], packed)
					}
					x += 8
					continue
				}
			}
			a := m[x]
			k := 4 * x
			x++
			if a == 0 {
				continue
			}
			if a == 255 && sa == 255 {
				binary.LittleEndian.PutUint32(pix[k:], packed)
				continue
			}
			// out = src·m + dst·(1 − srcA·m), in 1/255² units.
			ma := uint32(a)
			ia := 255*255 - sa*ma
			d := pix[k : k+4 : k+4]
			d[0] = uint8((sr*ma*255 + uint32(d[0])*ia + 32512) / 65025)
			d[1] = uint8((sg*ma*255 + uint32(d[1])*ia + 32512) / 65025)
			d[2] = uint8((sb*ma*255 + uint32(d[2])*ia + 32512) / 65025)
			d[3] = uint8((sa*ma*255 + uint32(d[3])*ia + 32512) / 65025)
		}
	}
}

// maxRows and maxX bound fillSampled: rows of a polygon, crossings of a
// row (more: the rasterizer fills it).
const maxRows, maxX = overviewSampledPx + 2, 16

// fillSampled fills the pixels whose centres are inside the path (even-odd
// rule), without anti-aliasing. Used for polygons a few pixels across:
// cheaper than the rasterizer, and a mosaic of small zones then has no
// seams. Each edge drops its crossings into the rows it spans.
func (r *band) fillSampled(dst *image.RGBA, p *path, clip image.Rectangle, c color.RGBA) {
	rect := p.pixelBounds().Intersect(clip)
	if rect.Empty() || c.A == 0 {
		return
	}
	if rect.Dy() > maxRows {
		r.fillAA(dst, p, clip, c)
		return
	}
	// The crossings live in the band: a stack array would be zeroed for
	// every one of 100 000 zones.
	xs, nx := &r.sampleXs, &r.sampleN
	clear(nx[:rect.Dy()])
	y0f := float32(rect.Min.Y)
	rows := rect.Dy()
	for k := 0; k+1 < len(p.rings); k++ {
		pts := p.xy[2*p.rings[k] : 2*p.rings[k+1]]
		n := len(pts)
		ax, ay := pts[n-2], pts[n-1]
		for i := 0; i < n; i += 2 {
			bx, by := pts[i], pts[i+1]
			lo, hi := min(ay, by), max(ay, by)
			// Rows whose centre yc = row + 0.5 satisfies lo <= yc < hi.
			r0 := max(int(ceil32(lo-0.5-y0f)), 0)
			r1 := min(int(ceil32(hi-0.5-y0f)), rows)
			for row := r0; row < r1; row++ {
				if nx[row] == maxX { // a pathological shape: rasterize it
					r.fillAA(dst, p, clip, c)
					return
				}
				yc := y0f + float32(row) + 0.5
				xs[row][nx[row]] = ax + (yc-ay)*(bx-ax)/(by-ay)
				nx[row]++
			}
			ax, ay = bx, by
		}
	}
	for row := 0; row < rows; row++ {
		x := xs[row][:nx[row]]
		for i := 1; i < len(x); i++ { // insertion sort: a handful
			for j := i; j > 0 && x[j] < x[j-1]; j-- {
				x[j], x[j-1] = x[j-1], x[j]
			}
		}
		for i := 0; i+1 < len(x); i += 2 {
			a := max(int(ceil32(x[i]-0.5)), rect.Min.X)
			b := min(int(ceil32(x[i+1]-0.5)), rect.Max.X)
			r.fillSpan(dst, a, b, rect.Min.Y+row, c)
		}
	}
}

// fillSpan is blendSpan at full coverage, remembering its last blend
// across calls: the spans of a province's tiny zones are a pixel or two,
// nearly all over the same background.
func (r *band) fillSpan(dst *image.RGBA, x0, x1, y int, c color.RGBA) {
	if x0 >= x1 {
		return
	}
	if c.A == 255 {
		blendSpan(dst, x0, x1, y, c, 255)
		return
	}
	i := dst.PixOffset(x0, y)
	pix := dst.Pix[i : i+4*(x1-x0)]
	m := &r.memo
	if m.c != c || !m.ok {
		m.c, m.ok, m.in = c, false, 0
	}
	for k := 0; k < len(pix); k += 4 {
		in := binary.LittleEndian.Uint32(pix[k:])
		if !m.ok || in != m.in {
			blendSpan(dst, x0+k/4, x0+k/4+1, y, c, 255)
			m.in, m.out, m.ok = in, binary.LittleEndian.Uint32(pix[k:]), true
			continue
		}
		binary.LittleEndian.PutUint32(pix[k:], m.out)
	}
}

func ceil32(v float32) float32 {
	t := float32(int32(v))
	if t < v {
		t++
	}
	return t
}

// seg is a line segment in pixel coordinates.
type seg struct{ x0, y0, x1, y1 float32 }

// strokeTile is the side of the square tiles strokes are batched in.
const strokeTile = 128

// strokeSegments draws all segs as one stroke of the given width and
// colour: each segment is a quad (with square caps, which also fill the
// joints), and the quads are rasterized tile by tile so that the
// rasterizer's cost is bounded by the area actually touched. Overlapping
// quads have the same winding, so coverage saturates instead of doubling.
func (r *band) strokeSegments(dst *image.RGBA, segs []seg, width float64, clip image.Rectangle, c color.RGBA) {
	if len(segs) == 0 || c.A == 0 || width <= 0 || clip.Empty() {
		return
	}
	hw := float32(width / 2)
	// Lines thinner than a pixel are drawn one pixel wide and faded, so
	// they keep their weight without aliasing into broken dots.
	if width < 1 {
		c = color.RGBA{uint8(float64(c.R) * width), uint8(float64(c.G) * width), uint8(float64(c.B) * width), uint8(float64(c.A) * width)}
		hw = 0.5
	}
	tx := (clip.Dx() + strokeTile - 1) / strokeTile
	ty := (clip.Dy() + strokeTile - 1) / strokeTile
	nt := tx * ty
	counts := r.tileCount[:0]
	for range nt + 1 {
		counts = append(counts, 0)
	}
	tileRange := func(s seg) (x0, y0, x1, y1 int, ok bool) {
		fx0, fx1 := min(s.x0, s.x1)-hw-1, max(s.x0, s.x1)+hw+1
		fy0, fy1 := min(s.y0, s.y1)-hw-1, max(s.y0, s.y1)+hw+1
		if fx1 < float32(clip.Min.X) || fy1 < float32(clip.Min.Y) || fx0 > float32(clip.Max.X) || fy0 > float32(clip.Max.Y) {
			return 0, 0, 0, 0, false
		}
		cl := func(v float32, lo, n int) int {
			return min(max(int(math.Floor(float64(v)))-lo, 0)/strokeTile, n-1)
		}
		return cl(fx0, clip.Min.X, tx), cl(fy0, clip.Min.Y, ty), cl(fx1, clip.Min.X, tx), cl(fy1, clip.Min.Y, ty), true
	}
	for _, s := range segs {
		x0, y0, x1, y1, ok := tileRange(s)
		if !ok {
			continue
		}
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				counts[y*tx+x+1]++
			}
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	items := r.tileItems[:0]
	for range counts[nt] {
		items = append(items, 0)
	}
	fill := r.tileFill[:0]
	fill = append(fill, counts[:nt]...)
	for i, s := range segs {
		x0, y0, x1, y1, ok := tileRange(s)
		if !ok {
			continue
		}
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				t := y*tx + x
				items[fill[t]] = int32(i)
				fill[t]++
			}
		}
	}
	r.tileCount, r.tileItems, r.tileFill = counts, items, fill
	z := r.z
	for t := 0; t < nt; t++ {
		if counts[t] == counts[t+1] {
			continue
		}
		rect := image.Rect(0, 0, strokeTile, strokeTile).
			Add(image.Pt(clip.Min.X+(t%tx)*strokeTile, clip.Min.Y+(t/tx)*strokeTile)).Intersect(clip)
		z.Reset(rect.Dx(), rect.Dy())
		ox, oy := float32(rect.Min.X), float32(rect.Min.Y)
		for _, i := range items[counts[t]:counts[t+1]] {
			s := segs[i]
			dx, dy := s.x1-s.x0, s.y1-s.y0
			l := float32(math.Sqrt(float64(dx*dx + dy*dy)))
			if l == 0 {
				continue
			}
			ux, uy := dx/l*hw, dy/l*hw // along, half width
			ax, ay := s.x0-ux-ox, s.y0-uy-oy
			bx, by := s.x1+ux-ox, s.y1+uy-oy
			z.MoveTo(ax-uy, ay+ux)
			z.LineTo(bx-uy, by+ux)
			z.LineTo(bx+uy, by-ux)
			z.LineTo(ax+uy, ay-ux)
			z.ClosePath()
		}
		r.drawMask(dst, rect, c)
	}
}

// band is the scratch state of one painter. Draw splits the zone passes
// of a big frame into horizontal bands painted in parallel, each with its
// own band; the rest of the frame uses the first one.
type band struct {
	z        *vector.Rasterizer
	uniform  image.Uniform // .C points at col, so setting a colour allocates nothing
	col      color.RGBA
	mask     image.Alpha // coverage of the current shape, backed by maskBuf
	maskBuf  []uint8
	path     path
	sampleXs [maxRows][maxX]float32 // fillSampled's crossings by row
	sampleN  [maxRows]int
	memo     struct { // fillSpan's last blend
		c       color.RGBA
		in, out uint32
		ok      bool
	}
	segs      []seg
	runs      []int32 // point-index pairs of boundary runs (walkRuns)
	flags     []bool  // per half-edge of the current zone: draw it?
	zones     []int32 // visible zones reaching this band, in drawing order
	tileCount []int32
	tileItems []int32
	tileFill  []int32
}

func newBand() *band {
	b := &band{z: vector.NewRasterizer(0, 0)}
	b.uniform.C = &b.col
	return b
}

// blendSprite composites the premultiplied sprite over dst with its
// top-left corner at at, clipped to clip; transparent pixels are skipped
// and opaque ones copied.
func blendSprite(dst, sp *image.RGBA, at image.Point, clip image.Rectangle) {
	r := sp.Rect.Add(at).Intersect(clip)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		si := sp.PixOffset(r.Min.X-at.X, y-at.Y)
		di := dst.PixOffset(r.Min.X, y)
		src := sp.Pix[si : si+4*r.Dx()]
		d := dst.Pix[di : di+4*r.Dx()]
		for k := 0; k < len(src); k += 4 {
			a := uint32(src[k+3])
			switch a {
			case 0:
			case 255:
				copy(d[k:k+4], src[k:k+4])
			default:
				ia := 255 - a
				d[k] = uint8(uint32(src[k]) + uint32(d[k])*ia/255)
				d[k+1] = uint8(uint32(src[k+1]) + uint32(d[k+1])*ia/255)
				d[k+2] = uint8(uint32(src[k+2]) + uint32(d[k+2])*ia/255)
				d[k+3] = uint8(a + uint32(d[k+3])*ia/255)
			}
		}
	}
}
