package render

import (
	"cmp"
	"image"
	"math"
	"slices"
)

// occCell is the bucket size of the label collision grid, pixels.
const occCell = 64

// labelCand is a label waiting for placement.
type labelCand struct {
	text     string
	x, y     float32 // anchor: school centre or zone label point, pixels
	offset   float32 // school symbol radius; 0 for zone labels (centred)
	priority float64
	order    int
	zone     bool
}

// resetOccupancy empties the collision grid for a frame of size clip.
func (r *Renderer) resetOccupancy(clip image.Rectangle) {
	r.occRect = clip
	r.occW = (clip.Dx() + occCell - 1) / occCell
	n := r.occW * ((clip.Dy() + occCell - 1) / occCell)
	for len(r.occCells) < n {
		r.occCells = append(r.occCells, nil)
	}
	for i := range r.occCells {
		r.occCells[i] = r.occCells[i][:0]
	}
	r.placed = r.placed[:0]
}

// cells returns the grid cells a rectangle covers (clipped to the frame).
func (r *Renderer) cells(b image.Rectangle) (x0, y0, x1, y1 int) {
	b = b.Intersect(r.occRect).Sub(r.occRect.Min)
	if b.Empty() {
		return 0, 0, -1, -1
	}
	return b.Min.X / occCell, b.Min.Y / occCell, (b.Max.X - 1) / occCell, (b.Max.Y - 1) / occCell
}

// occupy marks b as taken (a placed label, a symbol, a decoration).
func (r *Renderer) occupy(b image.Rectangle) {
	k := int32(len(r.placed))
	r.placed = append(r.placed, b)
	x0, y0, x1, y1 := r.cells(b)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			c := y*r.occW + x
			r.occCells[c] = append(r.occCells[c], k)
		}
	}
}

// free reports whether b is inside the frame and overlaps nothing taken.
func (r *Renderer) free(b image.Rectangle) bool {
	if !b.In(r.occRect) {
		return false
	}
	x0, y0, x1, y1 := r.cells(b)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			for _, k := range r.occCells[y*r.occW+x] {
				if r.placed[k].Overlaps(b) {
					return false
				}
			}
		}
	}
	return true
}

// drawLabels places school names (beside their symbol: right, left,
// above, below) and, at high zoom, zone names (centred, only if they fit in
// the zone), greedily by priority: a label whose box overlaps one already
// placed, a symbol or a map decoration is skipped.
func (r *Renderer) drawLabels(dst *image.RGBA, s *Scene, t xform, v View, clip image.Rectangle, st *Style, ratio float64) {
	r.labels = r.labels[:0]
	if st.SchoolLabels {
		for j, p := range s.schoolPt {
			name := s.schoolName[j]
			if name == "" {
				continue
			}
			m := schoolMark(st, j)
			if m.Hidden {
				continue
			}
			x, y := t.pt(p[0], p[1])
			if x < float32(clip.Min.X) || y < float32(clip.Min.Y) || x >= float32(clip.Max.X) || y >= float32(clip.Max.Y) {
				continue
			}
			r.labels = append(r.labels, labelCand{text: name, x: x, y: y, offset: float32(m.Radius * ratio),
				priority: 1e15 + float64(m.Priority)*1e6 + float64(levelRank(s, j)), order: j})
		}
	}
	zoneFace := r.face(st.ZoneLabelSize * ratio)
	if st.ZoneLabels && v.Resolution <= st.ZoneLabelMaxRes {
		r.eachVisible(func(z int) {
			name := s.zoneName[z]
			if name == "" {
				return
			}
			b := s.zoneBox[z]
			if (b.maxX-b.minX)*t.k < zoneFace.measure(name)+4 || (b.maxY-b.minY)*t.k < zoneFace.height+2 {
				return
			}
			x, y := t.pt(s.zoneLabel[z][0], s.zoneLabel[z][1])
			r.labels = append(r.labels, labelCand{text: name, x: x, y: y, zone: true,
				priority: float64(s.zoneArea[z]), order: len(s.schoolPt) + z})
		})
	}
	slices.SortFunc(r.labels, func(a, b labelCand) int {
		if c := cmp.Compare(b.priority, a.priority); c != 0 {
			return c
		}
		return cmp.Compare(a.order, b.order)
	})
	schoolFace := r.face(st.LabelSize * ratio)
	pad := int(math.Ceil(ratio))
	for _, l := range r.labels {
		f, c := schoolFace, st.LabelColor
		if l.zone {
			f, c = zoneFace, st.ZoneLabelColor
		}
		w := f.measure(l.text)
		h := f.height
		gap := l.offset + float32(3*ratio)
		// Top-left corners of the candidate positions.
		var cands [4][2]float32
		n := 1
		if l.zone {
			cands[0] = [2]float32{l.x - w/2, l.y - h/2}
		} else {
			cands = [4][2]float32{
				{l.x + gap, l.y - h/2},     // right
				{l.x - gap - w, l.y - h/2}, // left
				{l.x - w/2, l.y - gap - h}, // above
				{l.x - w/2, l.y + gap},     // below
			}
			n = 4
		}
		for _, p := range cands[:n] {
			b := image.Rect(int(math.Floor(float64(p[0])))-pad, int(math.Floor(float64(p[1])))-pad,
				int(math.Ceil(float64(p[0]+w)))+pad, int(math.Ceil(float64(p[1]+h)))+pad)
			if !r.free(b) {
				continue
			}
			r.occupy(b)
			r.drawText(dst, f, p[0], p[1]+f.ascent, l.text, c, st.HaloColor)
			break
		}
	}
}

// levelRank puts nine-year and junior schools' labels before primary and
// kindergarten ones when the caller gives no priority.
func levelRank(s *Scene, j int) int {
	switch SymbolFor(s.schoolLevel[j]) {
	case SymbolDiamond:
		return 3
	case SymbolSquare:
		return 2
	case SymbolCircle:
		return 1
	}
	return 0
}
