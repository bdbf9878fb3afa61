package render

import (
	"encoding/binary"
	"image"
	"image/color"
	"math"
)

// The overview's zone layer is drawn from a zone-id raster, as desktop GIS
// caches a big layer: when the view is an overview (see overview) and the
// background is opaque, every pixel of the frame (plus a margin) holds
// the zone whose simplified polygon contains the pixel's centre, zones in
// index order (a later zone wins), and then each zone under pointZonePx
// across on the pixel of its label point. A frame is then a per-pixel
// colour lookup (zone fill over the background); catchment boundaries are
// the pixels where the catchment changes between 4-neighbours, outlines
// the pixels where the zone changes next to a zone of at least
// OutlineMinPixels, both as wide as their lines rounded to whole pixels
// (faded below one pixel, as strokes are). There is no anti-aliasing in an
// overview: zones there are a few pixels across.
//
// The id raster depends only on the scene, the scale and the frame's
// position on a pixel lattice fixed to the scene (an overview snaps the
// view to whole pixels), never on colours or catchments: recolouring
// (an edit, a theme change) reuses it, a pan shifts it and rasterises
// only the strips it exposes, and only a new scale, frame size or scene
// (new zone geometry) rebuilds it. Pixels are computed on that lattice,
// so a shifted raster is the raster a fresh renderer builds.

// A pixel no zone covers holds the number of zones of the scene (so a
// zone-indexed table with one more entry needs no test).

// idMargin is the raster's margin around the frame, pixels: lines at the
// frame's edge see the zones beyond it.
const idMargin = 3

// idRaster is the zone-id raster of one view.
type idRaster struct {
	scene *Scene
	res   float64 // metres per pixel
	rect  image.Rectangle
	ids   []uint32 // row-major over rect
	spare []uint32

	// Per-frame scratch.
	colour []uint32   // premultiplied zone fill over the background, per zone
	big    []bool     // zones that get outlines
	gRow   [2][]int32 // catchment of each pixel, two rows
	mask   []uint8    // line marks over the raster: 1 outline, 2 boundary
	wide   []uint8    // dilateMarks' scratch
	xs     []float32  // crossings of the zone being rasterised
	cnt    []int32
}

// rasterView reports whether v's zone layer is drawn from the id raster
// and returns the raster's rectangle on the scene's pixel lattice (the
// frame dst plus the margin).
func rasterView(s *Scene, t xform, v View, st *Style, dst image.Rectangle) (image.Rectangle, bool) {
	if !overview(s, t) || st.Background.A != 255 || len(s.zoneBox) == 0 {
		return image.Rectangle{}, false
	}
	gx, gy := latticeOrigin(s, v)
	return image.Rect(gx, gy, gx+dst.Dx(), gy+dst.Dy()).Inset(-idMargin), true
}

// latticeOrigin is the lattice pixel of the view's top-left corner:
// lattice pixel (i, j) has its centre at scene metres ((i+½)·res,
// −(j+½)·res).
func latticeOrigin(s *Scene, v View) (int, int) {
	ox, oy := v.origin()
	return int(math.Round((ox - s.ox) / v.Resolution)), int(math.Round((s.oy - oy) / v.Resolution))
}

// ensure brings the raster to scene s, resolution res and rectangle rect,
// shifting what it can keep.
func (c *idRaster) ensure(r *Renderer, s *Scene, res float64, rect image.Rectangle) {
	if c.scene == s && c.res == res && c.rect == rect {
		return
	}
	n := rect.Dx() * rect.Dy()
	keep := c.scene == s && c.res == res && c.rect.Size() == rect.Size()
	ov := c.rect.Intersect(rect)
	if !keep || ov.Dx()*ov.Dy()*2 < n {
		if cap(c.ids) < n {
			c.ids = make([]uint32, n)
		}
		c.ids = c.ids[:n]
		c.scene, c.res, c.rect = s, res, rect
		r.rasterise(c, rect)
		return
	}
	// A pan: move the overlap, rasterise the exposed strips.
	if cap(c.spare) < n {
		c.spare = make([]uint32, n)
	}
	nw := c.spare[:n]
	w := rect.Dx()
	for y := ov.Min.Y; y < ov.Max.Y; y++ {
		src := (y-c.rect.Min.Y)*w + ov.Min.X - c.rect.Min.X
		dst := (y-rect.Min.Y)*w + ov.Min.X - rect.Min.X
		copy(nw[dst:dst+ov.Dx()], c.ids[src:src+ov.Dx()])
	}
	c.spare, c.ids = c.ids, nw
	c.rect = rect
	// Exposed: the rows above or below the overlap (full width), then
	// the columns beside it within the overlap's rows.
	if ov.Min.Y > rect.Min.Y {
		r.rasterise(c, image.Rect(rect.Min.X, rect.Min.Y, rect.Max.X, ov.Min.Y))
	}
	if ov.Max.Y < rect.Max.Y {
		r.rasterise(c, image.Rect(rect.Min.X, ov.Max.Y, rect.Max.X, rect.Max.Y))
	}
	if ov.Min.X > rect.Min.X {
		r.rasterise(c, image.Rect(rect.Min.X, ov.Min.Y, ov.Min.X, ov.Max.Y))
	}
	if ov.Max.X < rect.Max.X {
		r.rasterise(c, image.Rect(ov.Max.X, ov.Min.Y, rect.Max.X, ov.Max.Y))
	}
}

// rasterise sets the ids of the pixels in area (lattice pixels, inside
// c.rect): each pixel depends only on the scene and the scale, not on
// area.
func (r *Renderer) rasterise(c *idRaster, area image.Rectangle) {
	s := c.scene
	w := c.rect.Dx()
	for y := area.Min.Y; y < area.Max.Y; y++ {
		i := (y-c.rect.Min.Y)*w + area.Min.X - c.rect.Min.X
		row := c.ids[i : i+area.Dx()]
		for x := range row {
			row[x] = uint32(len(s.zoneBox))
		}
	}
	k := float32(1 / c.res)
	res := float32(c.res)
	// The area in scene metres, a pixel wider.
	vb := box{float32(area.Min.X-1) * res, -float32(area.Max.Y+1) * res,
		float32(area.Max.X+1) * res, -float32(area.Min.Y-1) * res}
	r.findVisible(s, vb)
	s.neighbours()
	t := xform{k: k} // lattice pixels: px = x·k, py = −y·k
	b := r.main()
	r.eachVisible(func(z int) {
		b.zonePath(s, z, t, lineTolPx)
		c.sample(&b.path, area, uint32(z))
	})
	r.eachVisible(func(z int) {
		if zonePixels(s, z, t) >= pointZonePx {
			return
		}
		lp := s.zoneLabel[z]
		x, y := t.pt(lp[0], lp[1])
		p := image.Pt(int(math.Floor(float64(x))), int(math.Floor(float64(y))))
		if p.In(area) {
			c.ids[(p.Y-c.rect.Min.Y)*w+p.X-c.rect.Min.X] = uint32(z)
		}
	})
}

// sample sets to id the pixels of area whose centres are inside the path
// (even-odd rule), as fillSampled does, for a path of any size.
func (c *idRaster) sample(p *path, area image.Rectangle, id uint32) {
	if p.minX > p.maxX {
		return
	}
	r0 := max(int(ceil32(p.minY-0.5)), area.Min.Y)
	r1 := min(int(ceil32(p.maxY-0.5)), area.Max.Y)
	if r0 >= r1 || ceil32(p.maxX-0.5) <= float32(area.Min.X) || ceil32(p.minX-0.5) >= float32(area.Max.X) {
		return
	}
	rows := r1 - r0
	cnt := c.cnt[:0]
	for range rows + 1 {
		cnt = append(cnt, 0)
	}
	// Count the crossings per row, then place them.
	for pass := 0; pass < 2; pass++ {
		for k := 0; k+1 < len(p.rings); k++ {
			pts := p.xy[2*p.rings[k] : 2*p.rings[k+1]]
			n := len(pts)
			ax, ay := pts[n-2], pts[n-1]
			for i := 0; i < n; i += 2 {
				bx, by := pts[i], pts[i+1]
				lo, hi := min(ay, by), max(ay, by)
				// Rows whose centre yc = row + 0.5 satisfies lo <= yc < hi.
				e0 := max(int(ceil32(lo-0.5)), r0)
				e1 := min(int(ceil32(hi-0.5)), r1)
				for row := e0; row < e1; row++ {
					if pass == 0 {
						cnt[row-r0+1]++
						continue
					}
					yc := float32(row) + 0.5
					c.xs[cnt[row-r0]] = ax + (yc-ay)*(bx-ax)/(by-ay)
					cnt[row-r0]++
				}
				ax, ay = bx, by
			}
		}
		if pass == 0 {
			for i := 1; i <= rows; i++ {
				cnt[i] += cnt[i-1]
			}
			if m := int(cnt[rows]); cap(c.xs) < m {
				c.xs = make([]float32, m)
			} else {
				c.xs = c.xs[:m]
			}
			// Shift: cnt[i] is now the start of row i; filling advances it
			// to the start of row i+1.
		}
	}
	c.cnt = cnt
	w := c.rect.Dx()
	start := int32(0)
	for row := 0; row < rows; row++ {
		x := c.xs[start:cnt[row]]
		start = cnt[row]
		for i := 1; i < len(x); i++ { // insertion sort: usually a handful
			for j := i; j > 0 && x[j] < x[j-1]; j-- {
				x[j], x[j-1] = x[j-1], x[j]
			}
		}
		base := (r0 + row - c.rect.Min.Y) * w
		for i := 0; i+1 < len(x); i += 2 {
			a := max(int(ceil32(x[i]-0.5)), area.Min.X)
			e := min(int(ceil32(x[i+1]-0.5)), area.Max.X)
			for px := a; px < e; px++ {
				c.ids[base+px-c.rect.Min.X] = id
			}
		}
	}
}

// over composites premultiplied src over the packed premultiplied pixel d.
func over(src color.RGBA, d uint32) uint32 {
	if src.A == 255 {
		return uint32(src.R) | uint32(src.G)<<8 | uint32(src.B)<<16 | 0xff<<24
	}
	ia := 255 - uint32(src.A)
	ch := func(s uint8, sh uint) uint32 {
		return (uint32(s) + (d>>sh&0xff)*ia/255) & 0xff << sh
	}
	return ch(src.R, 0) | ch(src.G, 8) | ch(src.B, 16) | ch(src.A, 24)
}

// lineColour is a line's colour and width in whole pixels: lines thinner
// than a pixel are one pixel, faded (as strokeSegments draws them).
func lineColour(c color.NRGBA, width float64) (color.RGBA, int) {
	pc := premul(c)
	if width < 1 {
		return color.RGBA{uint8(float64(pc.R) * width), uint8(float64(pc.G) * width), uint8(float64(pc.B) * width), uint8(float64(pc.A) * width)}, 1
	}
	return pc, max(1, int(math.Round(width)))
}

// drawRaster draws the zone layer of dst's pixels in clip from the id
// raster c (ensured for this frame).
func (r *Renderer) drawRaster(dst *image.RGBA, c *idRaster, st *Style, ratio float64, clip image.Rectangle) {
	s := c.scene
	nz := len(s.zoneBox)
	bg := over(premul(st.Background), 0)
	if cap(c.colour) < nz+1 {
		c.colour = make([]uint32, nz+1)
	}
	col := c.colour[:nz+1]
	def := premul(DefaultZoneFill)
	for z := 0; z < nz; z++ {
		f := def
		if st.ZoneFill != nil {
			f = premul(st.ZoneFill(z))
		}
		col[z] = over(f, bg)
	}
	col[nz] = bg // no zone
	w, h := c.rect.Dx(), c.rect.Dy()
	k := float32(1 / c.res)
	t := xform{k: k}
	outline := st.OutlineWidth > 0 && st.OutlineColor.A > 0
	boundary := st.Group != nil && st.BoundaryWidth > 0 && st.BoundaryColor.A > 0
	oc, on := lineColour(st.OutlineColor, st.OutlineWidth*ratio)
	bc, bn := lineColour(st.BoundaryColor, st.BoundaryWidth*ratio)
	var big []bool
	if outline {
		minPx := float32(st.OutlineMinPixels * ratio)
		if cap(c.big) < nz {
			c.big = make([]bool, nz)
		}
		big = c.big[:nz]
		anyBig := false
		for z := range big {
			big[z] = zonePixels(s, z, t) >= minPx
			anyBig = anyBig || big[z]
		}
		outline = anyBig
	}
	var group []int32
	if boundary {
		group = fullGroup(s, st.Group)
	}
	// Frame pixel (x, y) is raster pixel (x − off.X, y − off.Y).
	off := dst.Rect.Min.Sub(image.Pt(idMargin, idMargin))
	if on <= 1 && bn <= 1 {
		// One-pixel lines (an overview's): the marks are found on the fly.
		c.drawThin(dst, clip, off, col, big, group, oc, bc, outline, boundary)
		return
	}
	// Line marks, over the raster.
	if cap(c.mask) < w*h {
		c.mask = make([]uint8, w*h)
	}
	mask := c.mask[:w*h]
	clear(mask)
	if outline {
		c.markOutlines(mask, big, on)
	}
	if boundary {
		c.markBoundaries(mask, group, bn)
	}
	lines := outline || boundary
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		ri := (y-off.Y)*w + clip.Min.X - off.X
		ids := c.ids[ri : ri+clip.Dx()]
		m := mask[ri : ri+clip.Dx()]
		di := dst.PixOffset(clip.Min.X, y)
		pix := dst.Pix[di : di+4*clip.Dx()]
		for x, id := range ids {
			v := col[id]
			if lines {
				switch m[x] {
				case 1:
					v = over(oc, v)
				case 2:
					v = over(bc, v)
				case 3:
					v = over(bc, over(oc, v))
				}
			}
			binary.LittleEndian.PutUint32(pix[4*x:], v)
		}
	}
	_ = h
}

// drawThin is drawRaster's colour pass with one-pixel lines: a pixel is
// on a line when the zone (outline) or catchment (boundary) changes to
// its right or below. The margin gives every frame pixel both
// neighbours.
func (c *idRaster) drawThin(dst *image.RGBA, clip image.Rectangle, off image.Point, col []uint32, big []bool, group []int32,
	oc, bc color.RGBA, outline, boundary bool) {
	w := c.rect.Dx()
	nz := uint32(len(col) - 1)
	const none = math.MaxInt32 // no zone: differs from every catchment
	grp := func(id uint32) int32 {
		if id >= nz {
			return none
		}
		return group[id]
	}
	isBig := func(id uint32) bool { return id < nz && big[id] }
	n := clip.Dx()
	for y := clip.Min.Y; y < clip.Max.Y; y++ {
		ri := (y-off.Y)*w + clip.Min.X - off.X
		ids := c.ids[ri : ri+n+1]
		below := c.ids[ri+w : ri+w+n]
		di := dst.PixOffset(clip.Min.X, y)
		pix := dst.Pix[di : di+4*n]
		for x := 0; x < n; x++ {
			id, r, d := ids[x], ids[x+1], below[x]
			v := col[id]
			if r != id || d != id {
				if outline && (r != id && (isBig(id) || isBig(r)) || d != id && (isBig(id) || isBig(d))) {
					v = over(oc, v)
				}
				if boundary {
					if g := grp(id); grp(r) != g || grp(d) != g {
						v = over(bc, v)
					}
				}
			}
			binary.LittleEndian.PutUint32(pix[4*x:4*x+4], v)
		}
	}
}

// markOutlines sets bit 1 of mask where the zone changes to the right or
// below and either zone is big, widened to n pixels.
func (c *idRaster) markOutlines(mask []uint8, big []bool, n int) {
	w, h := c.rect.Dx(), c.rect.Dy()
	isBig := func(id uint32) bool { return int(id) < len(big) && big[id] }
	for y := 0; y < h; y++ {
		row := c.ids[y*w : y*w+w]
		var below []uint32
		if y+1 < h {
			below = c.ids[(y+1)*w : (y+2)*w]
		}
		for x, id := range row {
			if x+1 < w && row[x+1] != id && (isBig(id) || isBig(row[x+1])) ||
				below != nil && below[x] != id && (isBig(id) || isBig(below[x])) {
				mask[y*w+x] |= 1
			}
		}
	}
	dilateMarks(mask, &c.wide, w, h, 1, n)
}

// markBoundaries sets bit 2 of mask where the catchment changes to the
// right or below (no zone is a catchment of its own), widened to n
// pixels.
func (c *idRaster) markBoundaries(mask []uint8, group []int32, n int) {
	w, h := c.rect.Dx(), c.rect.Dy()
	for i := range c.gRow {
		if cap(c.gRow[i]) < w {
			c.gRow[i] = make([]int32, w)
		}
		c.gRow[i] = c.gRow[i][:w]
	}
	const none = math.MaxInt32 // no zone: differs from every catchment
	fill := func(g []int32, ids []uint32) {
		for x, id := range ids {
			if int(id) >= len(c.scene.zoneBox) {
				g[x] = none
			} else {
				g[x] = group[id]
			}
		}
	}
	cur, nxt := c.gRow[0], c.gRow[1]
	fill(cur, c.ids[:w])
	for y := 0; y < h; y++ {
		last := y+1 >= h
		if !last {
			fill(nxt, c.ids[(y+1)*w:(y+2)*w])
		}
		m := mask[y*w : y*w+w]
		for x, g := range cur {
			if x+1 < w && cur[x+1] != g || !last && nxt[x] != g {
				m[x] |= 2
			}
		}
		cur, nxt = nxt, cur
	}
	dilateMarks(mask, &c.wide, w, h, 2, n)
}

// dilateMarks widens the bit marks of mask to n pixels: a mark on the pixel
// before an edge covers the n pixels centred on the edge.
func dilateMarks(mask []uint8, scratch *[]uint8, w, h int, bit uint8, n int) {
	if n <= 1 {
		return
	}
	lo, hi := -(n-1)/2, n/2 // offsets from the marked pixel
	if cap(*scratch) < w*h {
		*scratch = make([]uint8, w*h)
	}
	tmp := (*scratch)[:w*h]
	clear(tmp)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if mask[y*w+x]&bit == 0 {
				continue
			}
			for d := lo; d <= hi; d++ {
				if xx := x + d; xx >= 0 && xx < w {
					tmp[y*w+xx] = 1
				}
			}
		}
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if tmp[y*w+x] == 0 {
				continue
			}
			for d := lo; d <= hi; d++ {
				if yy := y + d; yy >= 0 && yy < h {
					mask[yy*w+x] |= bit
				}
			}
		}
	}
}
