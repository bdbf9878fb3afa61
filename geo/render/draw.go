package render

import (
	"errors"
	"image"
	"image/color"
	"math"
	"math/bits"
	"slices"
	"sync"
)

// Size thresholds, pixels.
const (
	pointZonePx   = 1.5 // below: the zone is one blended pixel
	sampledZonePx = 6   // below: filled by pixel-centre sampling, not anti-aliased
	fillTolPx     = 0.5 // vertices closer than this to the last kept one are skipped
	lineTolPx     = 0.7

	// A view where the median zone is smaller than overviewZonePx (a
	// province of 100 000 zones at a glance) is an overview: there the
	// zones up to overviewSampledPx are filled by pixel-centre sampling
	// too. The mosaic then has no anti-aliasing seams between zones, which
	// at that scale are only noise, and a frame costs a fraction. With an
	// opaque background an overview's zone layer is drawn from a cached
	// zone-id raster instead (see idraster.go): every zone is sampled,
	// zones under pointZonePx also take their label point's pixel, lines
	// are whole pixels and the frame snaps to a pixel lattice.
	overviewZonePx    = 4
	overviewSampledPx = 16
)

// overview reports whether view transform t shows scene s as an overview.
// It depends only on the scene and the scale, so a partial redraw decides
// as the full frame did.
func overview(s *Scene, t xform) bool { return s.medianSide*t.k < overviewZonePx }

// xform maps scene metres to image pixels: px = (x − x0)·k + dx,
// py = (y0 − y)·k + dy.
type xform struct {
	x0, y0, k, dx, dy float32
}

func (t xform) pt(x, y float32) (float32, float32) {
	return (x-t.x0)*t.k + t.dx, (t.y0-y)*t.k + t.dy
}

// Draw draws the scene as seen through v into dst: v's pixel (0, 0) is
// dst.Bounds().Min and the view should be dst's size. It returns an error
// only for unusable arguments. It is DrawZones over all of dst, then
// DrawOverlays.
func (r *Renderer) Draw(dst *image.RGBA, s *Scene, v View, st *Style) error {
	if err := r.DrawZones(dst, s, v, st, dst.Bounds()); err != nil {
		return err
	}
	return r.DrawOverlays(dst, s, v, st)
}

// DrawZones draws the zone layer of the frame — background, zone fills,
// outlines and catchment boundaries — as Draw would, but only the pixels
// inside clip. After the style of a few zones changed (a catchment edit),
// redrawing the rectangle around them gives the zone layer a full draw
// would (to rounding), at a fraction of the cost. An overview keeps its
// zone-id raster between calls: recolouring, pans and repaints of it cost
// a per-pixel colour lookup, not a rasterization.
func (r *Renderer) DrawZones(dst *image.RGBA, s *Scene, v View, st *Style, clip image.Rectangle) error {
	t, ratio, err := r.frame(dst, s, v, st)
	if err != nil {
		return err
	}
	clip = clip.Intersect(dst.Bounds())
	if clip.Empty() {
		return nil
	}
	if rect, ok := rasterView(s, t, v, st, dst.Bounds()); ok {
		// An overview: from the zone-id raster (see idraster.go).
		r.ids.ensure(r, s, v.Resolution, rect)
		r.drawRaster(dst, &r.ids, st, ratio, clip)
		r.findVisible(s, r.viewBox(t, v, clip, ratio))
		return nil
	}
	if st.Background.A > 0 {
		fillRect(dst, clip, premul(st.Background))
	}
	r.findVisible(s, r.viewBox(t, v, clip, ratio))
	r.zonePasses(dst, s, t, clip, st, ratio)
	return nil
}

// viewBox is clip in scene metres, with a margin for line widths.
func (r *Renderer) viewBox(t xform, v View, clip image.Rectangle, ratio float64) box {
	// The clip in scene metres, with a margin for line widths.
	m := float32(8 * ratio * v.Resolution)
	res := float32(v.Resolution)
	x0 := t.x0 + (float32(clip.Min.X)-t.dx)*res
	x1 := t.x0 + (float32(clip.Max.X)-t.dx)*res
	y1 := t.y0 - (float32(clip.Min.Y)-t.dy)*res
	y0 := t.y0 - (float32(clip.Max.Y)-t.dy)*res
	return box{x0 - m, y0 - m, x1 + m, y1 + m}
}

// DrawOverlays draws what lies over the zone layer: the selection, school
// symbols, labels, legend, scale bar and north arrow, over all of dst.
func (r *Renderer) DrawOverlays(dst *image.RGBA, s *Scene, v View, st *Style) error {
	t, ratio, err := r.frame(dst, s, v, st)
	if err != nil {
		return err
	}
	clip := dst.Bounds()
	r.drawSelection(dst, s, t, clip, st, ratio)

	deco := r.layoutDecorations(dst, v, st, ratio)
	r.resetOccupancy(clip)
	for _, b := range [...]image.Rectangle{deco.legend, deco.scale, deco.north} {
		if !b.Empty() {
			r.occupy(b)
		}
	}
	r.drawSchools(dst, s, t, clip, st, ratio)
	r.drawLabels(dst, s, t, v, clip, st, ratio)
	r.drawDecorations(dst, v, st, ratio, deco)
	return nil
}

// frame checks the arguments and returns the scene-to-pixel transform of
// v over dst and the pixel ratio.
func (r *Renderer) frame(dst *image.RGBA, s *Scene, v View, st *Style) (xform, float64, error) {
	if dst == nil || s == nil || st == nil {
		return xform{}, 0, errors.New("render: Draw needs an image, a scene and a style")
	}
	if !(v.Resolution > 0) || math.IsInf(v.Resolution, 0) {
		return xform{}, 0, errors.New("render: view resolution must be a positive number of metres per pixel")
	}
	full := dst.Bounds()
	ratio := st.PixelRatio
	if ratio <= 0 {
		ratio = 1
	}
	ox, oy := v.origin()
	t := xform{x0: float32(ox - s.ox), y0: float32(oy - s.oy), k: float32(1 / v.Resolution),
		dx: float32(full.Min.X), dy: float32(full.Min.Y)}
	if _, ok := rasterView(s, t, v, st, full); ok {
		// The zone-id raster's pixel lattice: overlays sit on the zones.
		gx, gy := latticeOrigin(s, v)
		t.x0, t.y0 = float32(float64(gx)*v.Resolution), float32(-float64(gy)*v.Resolution)
	}
	return t, ratio, nil
}

// findVisible fills the visible bitset with the zones whose bounds meet vb.
func (r *Renderer) findVisible(s *Scene, vb box) {
	n := (len(s.zoneBox) + 63) / 64
	if cap(r.visible) < n {
		r.visible = make([]uint64, n)
	}
	r.visible = r.visible[:n]
	clear(r.visible)
	if s.index.nx*s.index.ny > 0 {
		x0, y0, x1, y1 := s.index.cellRange(vb)
		if (x1-x0+1)*(y1-y0+1)*2 > s.index.nx*s.index.ny {
			// Most of the map is in view: a straight scan is cheaper.
			for i, b := range s.zoneBox {
				if b.intersects(vb) {
					r.visible[i>>6] |= 1 << (i & 63)
				}
			}
			return
		}
	}
	s.index.query(vb, s.zoneBox, func(i int32) { r.visible[i>>6] |= 1 << (i & 63) })
}

// eachVisible calls fn for the visible zones in index order (the drawing
// order, so overlaps are deterministic).
func (r *Renderer) eachVisible(fn func(z int)) {
	for w, word := range r.visible {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &= word - 1
			fn(w<<6 | b)
		}
	}
}

// A frame with at least parallelMinZones visible zones or
// parallelMinPixels pixels is cut into up to maxBands horizontal bands of
// at least bandRows rows, painted in parallel.
const (
	parallelMinZones  = 2000
	parallelMinPixels = 256 * 1024
	maxBands          = 4
	bandRows          = 2 * strokeTile
)

// zonePasses paints zone fills, outlines and catchment boundaries. A big
// frame is cut into horizontal bands painted in parallel. The cut depends
// only on the frame's size, not on the number of CPUs, so the same frame
// always gives the same pixels; bands are multiples of the stroke tile so
// line tiles are the same as in an uncut frame.
func (r *Renderer) zonePasses(dst *image.RGBA, s *Scene, t xform, clip image.Rectangle, st *Style, ratio float64) {
	n := 0
	for _, w := range r.visible {
		n += bits.OnesCount64(w)
	}
	s.neighbours() // topology and simplification, built on first use
	nb := 1
	if (n >= parallelMinZones || clip.Dx()*clip.Dy() >= parallelMinPixels) && !r.serial {
		nb = max(1, min(maxBands, clip.Dy()/bandRows))
	}
	// An overview's boundaries come from the cache (built here, before
	// the bands share it).
	var cache *boundaryCache
	if overview(s, t) && st.Group != nil && st.BoundaryWidth > 0 && st.BoundaryColor.A > 0 {
		cache = r.boundaries(s, st.Group, boundaryTol(float32(st.BoundaryWidth*ratio))/t.k)
	}
	for len(r.bands) < nb {
		r.bands = append(r.bands, newBand())
	}
	rows := (clip.Dy()/nb + strokeTile - 1) / strokeTile * strokeTile
	var wg sync.WaitGroup
	for i := nb - 1; i >= 0; i-- {
		bc := clip
		bc.Min.Y = clip.Min.Y + i*rows
		if i < nb-1 {
			bc.Max.Y = bc.Min.Y + rows
		}
		bc = bc.Intersect(clip)
		if i == 0 {
			r.zonePass(r.bands[0], dst, s, t, bc, st, ratio, cache)
			break
		}
		wg.Add(1)
		go func(b *band) {
			defer wg.Done()
			r.zonePass(b, dst, s, t, bc, st, ratio, cache)
		}(r.bands[i])
	}
	wg.Wait()
}

// inBand reports whether zone z's bound, widened by m pixels, meets the
// rows of clip.
func inBand(s *Scene, z int, t xform, clip image.Rectangle, m float32) bool {
	b := s.zoneBox[z]
	top := (t.y0-b.maxY)*t.k + t.dy
	bot := (t.y0-b.minY)*t.k + t.dy
	return bot >= float32(clip.Min.Y)-m && top <= float32(clip.Max.Y)+m
}

func (r *Renderer) zonePass(b *band, dst *image.RGBA, s *Scene, t xform, clip image.Rectangle, st *Style, ratio float64, bc *boundaryCache) {
	// The visible zones that reach this band (with a margin for lines).
	m := float32(max(st.OutlineWidth, st.BoundaryWidth, 1)*ratio + 2)
	b.zones = b.zones[:0]
	r.eachVisible(func(z int) {
		if inBand(s, z, t, clip, m) {
			b.zones = append(b.zones, int32(z))
		}
	})
	b.drawFills(dst, s, t, clip, st)
	if st.OutlineWidth > 0 && st.OutlineColor.A > 0 {
		w := st.OutlineWidth * ratio
		b.collectOutlines(s, t, st.OutlineMinPixels*ratio)
		b.strokeSegments(dst, b.segs, w, clip, premul(st.OutlineColor))
	}
	if st.Group != nil && st.BoundaryWidth > 0 && st.BoundaryColor.A > 0 {
		w := st.BoundaryWidth * ratio
		b.collectBoundaries(s, t, st.Group, float32(w), bc)
		b.strokeSegments(dst, b.segs, w, clip, premul(st.BoundaryColor))
	}
}

// zonePath puts zone z's rings, in pixels, into b.path, simplified to tol
// pixels (see Scene.importance).
func (b *band) zonePath(s *Scene, z int, t xform, tol float32) {
	p := &b.path
	p.reset()
	tau := tol / t.k
	imp := s.imp
	for ring := s.zoneRing[z]; ring < s.zoneRing[z+1]; ring++ {
		p0, p1 := s.ringStart[ring], s.ringStart[ring+1]
		for i := p0; i < p1; i++ {
			if imp[i] < tau {
				continue
			}
			x, y := t.pt(s.pts[2*i], s.pts[2*i+1])
			p.add(x, y)
		}
		p.closeRing()
	}
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// zonePixels is the larger side of zone z's bound, in pixels.
func zonePixels(s *Scene, z int, t xform) float32 {
	b := s.zoneBox[z]
	return max(b.maxX-b.minX, b.maxY-b.minY) * t.k
}

func (b *band) drawFills(dst *image.RGBA, s *Scene, t xform, clip image.Rectangle, st *Style) {
	def := premul(DefaultZoneFill)
	sampled := float32(sampledZonePx)
	if overview(s, t) {
		sampled = overviewSampledPx
	}
	for _, z32 := range b.zones {
		z := int(z32)
		c := def
		if st.ZoneFill != nil {
			c = premul(st.ZoneFill(z))
		}
		if c.A == 0 {
			continue
		}
		size := zonePixels(s, z, t)
		switch {
		case size < pointZonePx:
			// One pixel, weighted by the zone's area in pixels.
			lp := s.zoneLabel[z]
			x, y := t.pt(lp[0], lp[1])
			xi, yi := int(math.Floor(float64(x))), int(math.Floor(float64(y)))
			if !image.Pt(xi, yi).In(clip) {
				continue
			}
			cov := uint32(min(255, s.zoneArea[z]*t.k*t.k*255))
			blendSpan(dst, xi, xi+1, yi, c, max(cov, 64))
		case size < sampled:
			b.zonePath(s, z, t, lineTolPx)
			b.fillSampled(dst, &b.path, clip, c)
		default:
			b.zonePath(s, z, t, fillTolPx)
			b.fillAA(dst, &b.path, clip, c)
		}
	}
}

// walkRuns appends to b.runs the runs of half-edges of zone z whose flag
// is set (b.flags[i-base] for the half-edge starting at point i),
// simplified to tau metres (see Scene.importance), as pairs of point
// indices: segment k goes from point runs[2k] to point runs[2k+1].
func (b *band) walkRuns(s *Scene, z int, tau float32, base int32) {
	want := func(i int32) bool { return b.flags[i-base] }
	for ring := s.zoneRing[z]; ring < s.zoneRing[z+1]; ring++ {
		p0, p1 := s.ringStart[ring], s.ringStart[ring+1]
		n := p1 - p0
		// Start at the beginning of a run, so a run that wraps past the
		// ring's first point is not split.
		start := int32(0)
		for k := int32(0); k < n; k++ {
			prev := p0 + (k+n-1)%n
			if want(p0+k) && !want(prev) {
				start = k
				break
			}
		}
		inRun := false
		var last int32
		for k := int32(0); k < n; k++ {
			i := p0 + (start+k)%n
			if !want(i) {
				inRun = false
				continue
			}
			if !inRun {
				last, inRun = i, true
			}
			j := p0 + (start+k+1)%n
			if k+1 < n && want(j) && s.imp[j] < tau {
				continue // simplified away; run ends and junctions are kept
			}
			b.runs = append(b.runs, last, j)
			last = j
		}
	}
}

// appendSegs appends the segments of point-index pairs runs, in pixels.
func (b *band) appendSegs(s *Scene, t xform, runs []int32) {
	for k := 0; k+1 < len(runs); k += 2 {
		i, j := runs[k], runs[k+1]
		x0, y0 := t.pt(s.pts[2*i], s.pts[2*i+1])
		x1, y1 := t.pt(s.pts[2*j], s.pts[2*j+1])
		b.segs = append(b.segs, seg{x0, y0, x1, y1})
	}
}

// zonePoints returns the range of zone z's points in Scene.pts.
func zonePoints(s *Scene, z int) (p0, p1 int32) {
	return s.ringStart[s.zoneRing[z]], s.ringStart[s.zoneRing[z+1]]
}

// collectOutlines gathers each visible edge once: a shared edge is drawn
// by the lower-numbered outlined zone.
func (b *band) collectOutlines(s *Scene, t xform, minPx float64) {
	nbr := s.neighbours()
	b.segs = b.segs[:0]
	mp := float32(minPx)
	for _, z32 := range b.zones {
		z := int(z32)
		if zonePixels(s, z, t) < mp {
			continue
		}
		p0, p1 := zonePoints(s, z)
		flags := b.flags[:0]
		for i := p0; i < p1; i++ {
			o := nbr[i]
			flags = append(flags, o < 0 || z32 < o || zonePixels(s, int(o), t) < mp)
		}
		b.flags = flags
		b.runs = b.runs[:0]
		b.walkRuns(s, z, lineTolPx/t.k, p0)
		b.appendSegs(s, t, b.runs)
	}
}

// collectBoundaries gathers the catchment boundaries: edges between zones
// of different groups, and edges no other zone shares. Wiggles smaller
// than half the line width are simplified away. With a boundary cache
// for this scale (see boundaryCache) it only looks the runs up.
func (b *band) collectBoundaries(s *Scene, t xform, group []int32, width float32, bc *boundaryCache) {
	b.segs = b.segs[:0]
	if bc != nil {
		for _, z := range b.zones {
			b.appendSegs(s, t, bc.runs[bc.start[z]:bc.start[z+1]])
		}
		return
	}
	group = fullGroup(s, group)
	tau := boundaryTol(width) / t.k
	for _, z32 := range b.zones {
		b.runs = b.runs[:0]
		b.boundaryRuns(s, int(z32), group, tau)
		b.appendSegs(s, t, b.runs)
	}
}

// boundaryTol is the simplification of catchment boundaries, pixels.
func boundaryTol(width float32) float32 { return max(lineTolPx, width/2) }

// fullGroup is group with an entry for every zone: zones without a group
// form one.
func fullGroup(s *Scene, group []int32) []int32 {
	if len(group) >= len(s.zoneBox) {
		return group
	}
	g := make([]int32, len(s.zoneBox))
	n := copy(g, group)
	for i := n; i < len(g); i++ {
		g[i] = math.MinInt32
	}
	return g
}

// boundaryRuns appends to b.runs zone z's catchment boundary edges,
// simplified to tau metres.
func (b *band) boundaryRuns(s *Scene, z int, group []int32, tau float32) {
	nbr := s.neighbours()
	z32, gz := int32(z), group[z]
	// Most zones lie inside their catchment: check the few distinct
	// neighbours before looking at every edge.
	any := false
	for _, o := range s.adj[s.adjStart[z]:s.adjStart[z+1]] {
		if o < 0 || (z32 < o && group[o] != gz) {
			any = true
			break
		}
	}
	if !any {
		return
	}
	p0, p1 := zonePoints(s, z)
	flags := b.flags[:0]
	for _, o := range nbr[p0:p1] {
		flags = append(flags, o < 0 || (z32 < o && group[o] != gz))
	}
	b.flags = flags
	b.walkRuns(s, z, tau, p0)
}

// boundaryCache keeps every zone's catchment boundary runs (point
// indices) for one scene, catchment grouping and simplification. An
// overview shows most of the scene: its frames at one scale (redraws,
// pans) then only look the runs up instead of walking 1.5 million edges.
type boundaryCache struct {
	scene *Scene
	tau   float32
	group []int32
	start []int32 // zone z's runs are runs[start[z]:start[z+1]]
	runs  []int32
}

// boundaries returns the boundary cache for s, group and tau metres,
// rebuilding it when any of them changed.
func (r *Renderer) boundaries(s *Scene, group []int32, tau float32) *boundaryCache {
	c := &r.bcache
	if c.scene == s && c.tau == tau && slices.Equal(c.group, group) {
		return c
	}
	c.scene, c.tau, c.group = s, tau, append(c.group[:0], group...)
	full := fullGroup(s, group)
	b := r.main()
	b.runs = b.runs[:0]
	c.start = append(c.start[:0], 0)
	for z := range s.zoneBox {
		b.boundaryRuns(s, z, full, tau)
		c.start = append(c.start, int32(len(b.runs)))
	}
	c.runs = append(c.runs[:0], b.runs...)
	return c
}

func (r *Renderer) drawSelection(dst *image.RGBA, s *Scene, t xform, clip image.Rectangle, st *Style, ratio float64) {
	if len(st.Selected) == 0 || st.SelectColor.A == 0 {
		return
	}
	tint := st.SelectColor
	tint.A = uint8(uint32(tint.A) * 0x50 / 255)
	b := r.main()
	b.segs = b.segs[:0]
	for _, z := range st.Selected {
		if z < 0 || z >= len(s.zoneBox) || r.visible[z>>6]&(1<<(z&63)) == 0 {
			continue
		}
		b.zonePath(s, z, t, fillTolPx)
		b.fillAA(dst, &b.path, clip, premul(tint))
		p0, p1 := zonePoints(s, z)
		b.flags = b.flags[:0]
		for range p1 - p0 {
			b.flags = append(b.flags, true)
		}
		b.runs = b.runs[:0]
		b.walkRuns(s, z, lineTolPx/t.k, p0)
		b.appendSegs(s, t, b.runs)
	}
	b.strokeSegments(dst, b.segs, 2.5*ratio, clip, premul(st.SelectColor))
}

// schoolMark returns school j's mark with defaults applied.
func schoolMark(st *Style, j int) SchoolMark {
	var m SchoolMark
	if st.School != nil {
		m = st.School(j)
	}
	if m.Radius <= 0 {
		m.Radius = st.SchoolSize
		if m.Radius <= 0 {
			m.Radius = 5
		}
	}
	return m
}

func (r *Renderer) drawSchools(dst *image.RGBA, s *Scene, t xform, clip image.Rectangle, st *Style, ratio float64) {
	b := r.main()
	for j, p := range s.schoolPt {
		m := schoolMark(st, j)
		if m.Hidden {
			continue
		}
		x, y := t.pt(p[0], p[1])
		rad := float32(m.Radius * ratio)
		if x < float32(clip.Min.X)-rad-2 || y < float32(clip.Min.Y)-rad-2 ||
			x > float32(clip.Max.X)+rad+2 || y > float32(clip.Max.Y)+rad+2 {
			continue
		}
		if j == st.SelectedSchool {
			b.symbolPath(SymbolCircle, x, y, rad+float32(4*ratio))
			b.fillAA(dst, &b.path, clip, premul(color.NRGBA{0xff, 0xff, 0xff, 0xd0}))
			b.symbolPath(SymbolCircle, x, y, rad+float32(3*ratio))
			b.fillAA(dst, &b.path, clip, premul(st.SelectColor))
		}
		sp := r.sprite(SymbolFor(s.schoolLevel[j]), rad, float32(ratio), m.Status.Color())
		// The sprite's centre is its middle pixel's centre.
		h := sp.Rect.Dx() / 2
		at := image.Pt(int(math.Floor(float64(x)))-h, int(math.Floor(float64(y)))-h)
		blendSprite(dst, sp, at, clip)
		r.occupy(image.Rect(int(math.Floor(float64(x-rad))), int(math.Floor(float64(y-rad))), int(math.Ceil(float64(x+rad))), int(math.Ceil(float64(y+rad)))))
	}
}

// spriteKey identifies a pre-rendered school symbol.
type spriteKey struct {
	sym        Symbol
	rad, ratio float32
	fill       color.NRGBA
}

// sprite returns the school symbol — a dark outline and the status fill —
// rendered once into a small image and reused: thousands of schools cost
// a copy each, not a rasterization.
func (r *Renderer) sprite(sym Symbol, rad, ratio float32, fill color.NRGBA) *image.RGBA {
	rad = float32(math.Round(float64(rad)*4) / 4)
	k := spriteKey{sym, rad, ratio, fill}
	if sp := r.sprites[k]; sp != nil {
		return sp
	}
	if len(r.sprites) > 1024 { // radii by pupils can vary without bound
		clear(r.sprites)
	}
	h := int(math.Ceil(float64(rad*1.25+ratio))) + 2
	sp := image.NewRGBA(image.Rect(0, 0, 2*h+1, 2*h+1))
	c := float32(h) + 0.5
	b := r.main()
	b.symbolPath(sym, c, c, rad+ratio)
	b.fillAA(sp, &b.path, sp.Rect, premul(color.NRGBA{0x26, 0x32, 0x38, 0xff}))
	b.symbolPath(sym, c, c, rad)
	b.fillAA(sp, &b.path, sp.Rect, premul(fill))
	r.sprites[k] = sp
	return sp
}

// unitCircle is a 24-gon, enough for symbols up to ~15 px.
var unitCircle = func() (c [48]float32) {
	for i := range 24 {
		a := float64(i) * 2 * math.Pi / 24
		c[2*i], c[2*i+1] = float32(math.Cos(a)), float32(-math.Sin(a))
	}
	return c
}()

// symbolPath puts a symbol of radius rad centred on (x, y) into r.path.
// Shapes are scaled to look about equally heavy.
func (b *band) symbolPath(sym Symbol, x, y, rad float32) {
	p := &b.path
	p.reset()
	switch sym {
	case SymbolSquare:
		h := rad * 0.88
		p.add(x-h, y-h)
		p.add(x-h, y+h)
		p.add(x+h, y+h)
		p.add(x+h, y-h)
	case SymbolDiamond:
		h := rad * 1.2
		p.add(x, y-h)
		p.add(x-h, y)
		p.add(x, y+h)
		p.add(x+h, y)
	case SymbolTriangle:
		h := rad * 1.15
		p.add(x, y-h)
		p.add(x-h*0.866, y+h*0.5)
		p.add(x+h*0.866, y+h*0.5)
	default:
		for i := 0; i < len(unitCircle); i += 2 {
			p.add(x+unitCircle[i]*rad, y+unitCircle[i+1]*rad)
		}
	}
	p.closeRing()
}
