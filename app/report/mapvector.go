package report

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/geo/render"
	"github.com/xuequ/xuequ/model"
)

// Map body styling, millimetres (scaled by the sheet's font scale k where
// noted) and 0xRRGGBB colours.
const (
	vecPxPerMM     = 10   // fitting grid of render.FitBounds: 0.1 mm
	vecTolMM       = 0.08 // vertices closer than this to the last kept one are dropped
	vecOutlineMM   = 0.08 // zone outlines
	vecBoundaryMM  = 0.45 // catchment boundaries (× k)
	vecOutlineRGB  = 0x8a8a8a
	vecZoneTextRGB = 0x3a3630
	vecSchoolPt    = 6.5 // school names (× k)
	vecZoneMaxPt   = 4.5 // zone names shrink from this (× k) …
	vecZoneMinPt   = 2.6 // … down to this, else they are left out
)

// maxForcedLabels is the most schools a map names even where names
// overlap (see schoolLabels).
const maxForcedLabels = 150

// box is a rectangle on the sheet, mm.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) overlaps(o box) bool { return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1 }
func (b box) inside(o box) bool   { return b.x0 >= o.x0 && b.y0 >= o.y0 && b.x1 <= o.x1 && b.y1 <= o.y1 }

// mapBody draws the zones, catchment boundaries, schools and their labels
// into frame on sh, and returns the zone names it could label (the others
// are too small at this scale). Closed schools (撤并) are not drawn.
type mapBody struct {
	sh     *sheet
	frame  box
	k      float64
	view   render.View
	taken  []box
	labels []string // zone names drawn
}

func (b *mapBody) proj(p orb.Point) pt {
	x, y := b.view.LonLatToPixel(p)
	return pt{b.frame.x0 + x/vecPxPerMM, b.frame.y0 + y/vecPxPerMM}
}

func (b *mapBody) free(r box) bool {
	if !r.inside(b.frame) {
		return false
	}
	for _, t := range b.taken {
		if r.overlaps(t) {
			return false
		}
	}
	return true
}

// drawMapBody draws the map of d with the model's colours into frame.
func drawMapBody(sh *sheet, d *model.District, m *mapModel, frame box, k float64) (*mapBody, error) {
	scene, err := render.NewScene(d.Zones, d.Schools)
	if err != nil {
		return nil, err
	}
	w, h := (frame.x1-frame.x0)*vecPxPerMM, (frame.y1-frame.y0)*vecPxPerMM
	b := &mapBody{sh: sh, frame: frame, k: k,
		view: render.FitBounds(scene.Bounds(), int(w), int(h), int(5*vecPxPerMM))}
	rings := b.zones(d, m)
	b.boundaries(d, m)
	b.schools(d, m)
	b.decorations()
	b.schoolLabels(d, m)
	b.zoneLabels(d, scene, rings)
	return b, nil
}

// zones fills every zone with its colour and a thin outline, and returns
// each zone's projected rings.
func (b *mapBody) zones(d *model.District, m *mapModel) [][][]pt {
	out := make([][][]pt, len(d.Zones))
	b.sh.setDraw(vecOutlineRGB)
	b.sh.setLineWidth(vecOutlineMM)
	for i := range d.Zones {
		var rings [][]pt
		for _, poly := range d.Zones[i].Geometry {
			for r, ring := range poly {
				p := b.simplify(ring, true)
				if len(p) < 3 {
					continue
				}
				// Outer rings one way, holes the other, for the PNG's
				// non-zero fill.
				if (area(p) > 0) != (r == 0) {
					slices.Reverse(p)
				}
				rings = append(rings, p)
			}
		}
		out[i] = rings
		b.sh.setFill(rgbOf(overWhite(m.fills[i])))
		b.sh.path(rings, true, "FD")
	}
	return out
}

// simplify projects a ring, dropping vertices closer than vecTolMM to the
// last one kept (the last vertex is always kept).
func (b *mapBody) simplify(ring []orb.Point, closed bool) []pt {
	out := make([]pt, 0, len(ring))
	for i, q := range ring {
		p := b.proj(q)
		if i > 0 && i < len(ring)-1 && math.Hypot(p.x-out[len(out)-1].x, p.y-out[len(out)-1].y) < vecTolMM {
			continue
		}
		out = append(out, p)
	}
	if closed && len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	return out
}

func area(p []pt) float64 {
	var a float64
	for i := range p {
		j := (i + 1) % len(p)
		a += p[i].x*p[j].y - p[j].x*p[i].y
	}
	return a / 2
}

// boundaries strokes the catchment boundaries: every zone edge whose zone
// on the other side belongs to another catchment (or to none, or that has
// no zone on the other side: the district's outline).
func (b *mapBody) boundaries(d *model.District, m *mapModel) {
	type vkey [2]int64
	type ekey [2]vkey
	vk := func(p orb.Point) vkey { return vkey{int64(math.Round(p[0] * 1e7)), int64(math.Round(p[1] * 1e7))} }
	ek := func(a, c orb.Point) ekey {
		x, y := vk(a), vk(c)
		if cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) > 0 {
			x, y = y, x
		}
		return ekey{x, y}
	}
	type side struct{ zone, group int32 }
	edges := map[ekey][]side{}
	eachEdge := func(fn func(i int, a, c orb.Point)) {
		for i := range d.Zones {
			for _, poly := range d.Zones[i].Geometry {
				for _, ring := range poly {
					for j := 1; j < len(ring); j++ {
						fn(i, ring[j-1], ring[j])
					}
				}
			}
		}
	}
	eachEdge(func(i int, a, c orb.Point) {
		k := ek(a, c)
		edges[k] = append(edges[k], side{int32(i), m.group[i]})
	})
	var lines [][]pt
	var cur []orb.Point
	flush := func() {
		if len(cur) > 1 {
			lines = append(lines, b.simplify(cur, false))
		}
		cur = cur[:0]
	}
	last := -1
	eachEdge(func(i int, a, c orb.Point) {
		if i != last {
			flush()
			last = i
		}
		ss := edges[ek(a, c)]
		boundary, owner := len(ss) == 1, true
		for _, o := range ss {
			if o.zone != int32(i) && o.group != m.group[i] {
				boundary = true
			}
			if o.zone < int32(i) {
				owner = false // drawn once, from the first zone that has it
			}
		}
		if !boundary || !owner {
			flush()
			return
		}
		if len(cur) == 0 || cur[len(cur)-1] != a {
			flush()
			cur = append(cur, a)
		}
		cur = append(cur, c)
	})
	flush()
	b.sh.setDraw(rgbOf(boundaryColor))
	b.sh.setLineWidth(vecBoundaryMM * b.k)
	b.sh.path(lines, false, "D")
}

// schools draws the symbol of every school the map shows.
func (b *mapBody) schools(d *model.District, m *mapModel) {
	for j := range d.Schools {
		mk := m.marks[j]
		if mk.Hidden || d.Schools[j].Closed {
			continue
		}
		p := b.proj(d.Schools[j].Location)
		r := b.symbolRadius(mk)
		fill := rgbOf(symbolGrey)
		if m.theme == ThemeStatus {
			fill = rgbOf(mk.Status.Color())
		}
		sheetSymbol(b.sh, render.SymbolFor(d.Schools[j].Level), p.x, p.y, r, fill)
		b.taken = append(b.taken, box{p.x - r, p.y - r, p.x + r, p.y + r})
	}
}

// symbolRadius is a school symbol's radius, mm: render's pixel radius at
// about 0.2 mm a pixel.
func (b *mapBody) symbolRadius(mk render.SchoolMark) float64 {
	r := mk.Radius
	if r <= 0 {
		r = 4.5
	}
	return r * 0.22 * b.k
}

// schoolLabels names every school shown, the ones with the most zones
// first, right of the symbol, else left, above or below. On a county map
// (up to maxForcedLabels schools) a name that fits nowhere free is still
// printed to the right, so every school is named; on larger maps it is
// left out rather than printed over others.
func (b *mapBody) schoolLabels(d *model.District, m *mapModel) {
	var order []int
	for j := range d.Schools {
		if !m.marks[j].Hidden && !d.Schools[j].Closed {
			order = append(order, j)
		}
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(m.marks[y].Priority, m.marks[x].Priority) })
	sh := b.sh
	sh.setSize(vecSchoolPt * b.k)
	lh := sh.size * mmPerPt * 1.15
	for _, j := range order {
		name := d.Schools[j].Name
		p := b.proj(d.Schools[j].Location)
		r := b.symbolRadius(m.marks[j]) + 0.5
		w := sh.width(name)
		cands := []box{
			{p.x + r, p.y - lh/2, p.x + r + w, p.y + lh/2},
			{p.x - r - w, p.y - lh/2, p.x - r, p.y + lh/2},
			{p.x - w/2, p.y - r - lh, p.x + w/2, p.y - r},
			{p.x - w/2, p.y + r, p.x + w/2, p.y + r + lh},
		}
		at, ok := cands[0], false
		for _, c := range cands {
			if b.free(c) {
				at, ok = c, true
				break
			}
		}
		if !ok && len(order) > maxForcedLabels {
			continue
		}
		b.taken = append(b.taken, at)
		sh.setFill(0xffffff)
		sh.alpha = 0.72
		sh.rect(at.x0-0.4, at.y0, at.x1-at.x0+0.8, at.y1-at.y0, "F")
		sh.alpha = 0
		sh.setText(inkRGB)
		sh.textAt(at.x0, at.y0+lh*0.8, name)
	}
}

// zoneLabels names each zone at its label point, in the largest size up
// to vecZoneMaxPt that fits its extent, when that is at least vecZoneMinPt
// and the place is free.
func (b *mapBody) zoneLabels(d *model.District, scene *render.Scene, rings [][][]pt) {
	sh := b.sh
	sh.setText(vecZoneTextRGB)
	for i := range d.Zones {
		name := d.Zones[i].Name
		if name == "" || len(rings[i]) == 0 {
			continue
		}
		ext := ringsBox(rings[i])
		sh.setSize(1)
		w1 := sh.width(name)
		size := min(vecZoneMaxPt*b.k, 0.8*(ext.x1-ext.x0)/w1, 0.5*(ext.y1-ext.y0)/(mmPerPt*1.2))
		if size < vecZoneMinPt {
			continue
		}
		at, size, ok := b.placeZoneLabel(b.proj(scene.ZoneLabelPoint(i)), ext, w1, size)
		if !ok {
			continue
		}
		b.taken = append(b.taken, at)
		sh.setSize(size)
		sh.textAt(at.x0, at.y0+(at.y1-at.y0)*0.8, name)
		b.labels = append(b.labels, name)
	}
}

// placeZoneLabel finds a free place for a zone name w1 mm wide at 1 pt:
// at the label point p, else a line above or below it (inside the zone's
// extent ext), at size pt, else at four fifths of it (not below
// vecZoneMinPt).
func (b *mapBody) placeZoneLabel(p pt, ext box, w1, size float64) (box, float64, bool) {
	for _, sz := range []float64{size, max(vecZoneMinPt, size*0.8)} {
		w, lh := w1*sz, sz*mmPerPt*1.15
		for _, dy := range []float64{0, -lh, lh} {
			c := box{p.x - w/2, p.y + dy - lh/2, p.x + w/2, p.y + dy + lh/2}
			if c.y0 >= ext.y0 && c.y1 <= ext.y1 && b.free(c) {
				return c, sz, true
			}
		}
	}
	return box{}, 0, false
}

func ringsBox(rings [][]pt) box {
	bb := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, r := range rings {
		for _, p := range r {
			bb.x0, bb.y0 = min(bb.x0, p.x), min(bb.y0, p.y)
			bb.x1, bb.y1 = max(bb.x1, p.x), max(bb.y1, p.y)
		}
	}
	return bb
}

// decorations draws the scale bar (bottom left) and the north arrow (top
// right) inside the frame and keeps labels off them.
func (b *mapBody) decorations() {
	sh, k, f := b.sh, b.k, b.frame
	// Scale bar: a nice distance of at most 30 mm.
	mPerMM := b.view.GroundResolution() * vecPxPerMM
	metres := render.NiceScale(30 * k * mPerMM)
	if metres > 0 {
		l := metres / mPerMM
		x, y := f.x0+5*k, f.y1-6*k
		sh.setFill(0xffffff)
		sh.setDraw(inkRGB)
		sh.setLineWidth(0.25)
		sh.rect(x, y-1.2*k, l/2, 1.2*k, "FD")
		sh.setFill(inkRGB)
		sh.rect(x+l/2, y-1.2*k, l/2, 1.2*k, "FD")
		sh.setSize(6.5 * k)
		sh.setText(inkRGB)
		sh.textTop(x, y+0.5, "0")
		label := render.FormatDistance(metres, "米", "千米")
		sh.textTop(x+l-sh.width(label)/2, y+0.5, label)
		b.taken = append(b.taken, box{x - 2, y - 2*k, x + l + sh.width(label), y + sh.lineHeight() + 1})
	}
	// North arrow: a half-filled arrowhead over 北.
	cx, top := f.x1-8*k, f.y0+4*k
	hh, hw := 9*k, 3*k
	sh.setDraw(inkRGB)
	sh.setLineWidth(0.25)
	sh.setFill(inkRGB)
	sh.polygon([]pt{{cx, top}, {cx, top + hh*0.72}, {cx - hw, top + hh}}, "FD")
	sh.setFill(0xffffff)
	sh.polygon([]pt{{cx, top}, {cx + hw, top + hh}, {cx, top + hh*0.72}}, "FD")
	sh.setSize(8 * k)
	sh.setText(inkRGB)
	sh.textCentered(cx, top+hh+0.5, "北")
	b.taken = append(b.taken, box{cx - hw - 1, top - 1, cx + hw + 1, top + hh + sh.lineHeight() + 1})
}

// sheetSymbol draws a school symbol of radius r mm centred at (cx, cy).
func sheetSymbol(sh *sheet, s render.Symbol, cx, cy, r float64, fill uint32) {
	sh.setFill(fill)
	sh.setDraw(symbolRGB)
	sh.setLineWidth(0.25)
	switch s {
	case render.SymbolSquare:
		sh.rect(cx-r*0.9, cy-r*0.9, 1.8*r, 1.8*r, "FD")
	case render.SymbolDiamond:
		q := r * 1.2
		sh.polygon([]pt{{cx, cy - q}, {cx + q, cy}, {cx, cy + q}, {cx - q, cy}}, "FD")
	case render.SymbolTriangle:
		sh.polygon([]pt{{cx, cy - r}, {cx + r, cy + r*0.8}, {cx - r, cy + r*0.8}}, "FD")
	default:
		sh.circle(cx, cy, r, "FD")
	}
}
