package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// glyph is a cached glyph mask and its halo (the mask dilated by
// haloRadius), both positioned relative to the pen on the baseline.
type glyph struct {
	mask, halo *image.Alpha // nil for blank glyphs (space)
	adv        float32
}

// haloRadius is the halo width around label glyphs, pixels at ratio 1.
const haloRadius = 1.6

// face is one font size with its glyph cache.
type face struct {
	r              *Renderer
	f, fb          font.Face // the caller's font and the fallback
	size           float64
	ascent, height float32
	halo           float64
	glyphs         map[rune]*glyph
}

func (r *Renderer) face(size float64) *face {
	key := math.Round(size*4) / 4
	if f := r.faces[key]; f != nil {
		return f
	}
	opts := &opentype.FaceOptions{Size: key, DPI: 72, Hinting: font.HintingNone}
	ff, err := opentype.NewFace(r.font, opts)
	if err != nil { // only for a nonsensical size; the font parsed already
		panic(fmt.Sprintf("render: font face of size %v: %v", key, err))
	}
	fb, err := opentype.NewFace(r.fallback, opts)
	if err != nil {
		panic(fmt.Sprintf("render: fallback face of size %v: %v", key, err))
	}
	m := ff.Metrics()
	f := &face{r: r, f: ff, fb: fb, size: key, ascent: float32(m.Ascent) / 64, height: float32(m.Ascent+m.Descent) / 64,
		halo: haloRadius * key / 13, glyphs: map[rune]*glyph{}}
	r.faces[key] = f
	return f
}

func (f *face) glyph(ch rune) *glyph {
	if g := f.glyphs[ch]; g != nil {
		return g
	}
	src := f.f
	if !f.r.hasGlyph(ch) {
		src = f.fb
	}
	dr, mask, mp, adv, ok := src.Glyph(fixed.Point26_6{}, ch)
	if !ok {
		dr, mask, mp, adv, _ = f.f.Glyph(fixed.Point26_6{}, '□')
	}
	g := &glyph{adv: float32(adv) / 64}
	if mask != nil && !dr.Empty() {
		// Copy: the face reuses its mask buffer.
		m := image.NewAlpha(dr)
		draw.Draw(m, dr, mask, mp, draw.Src)
		g.mask = m
		g.halo = dilate(m, f.halo)
	}
	f.glyphs[ch] = g
	return g
}

// dilate returns the mask grown by radius r pixels (a disc), with soft
// edges, for the label halo.
func dilate(m *image.Alpha, r float64) *image.Alpha {
	ri := int(math.Ceil(r))
	b := m.Rect.Inset(-ri)
	out := image.NewAlpha(b)
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		for x := m.Rect.Min.X; x < m.Rect.Max.X; x++ {
			a := float64(m.Pix[m.PixOffset(x, y)])
			if a == 0 {
				continue
			}
			for dy := -ri; dy <= ri; dy++ {
				for dx := -ri; dx <= ri; dx++ {
					d := math.Hypot(float64(dx), float64(dy))
					w := math.Min(1, math.Max(0, r+0.5-d))
					v := uint8(a * w)
					o := out.PixOffset(x+dx, y+dy)
					if v > out.Pix[o] {
						out.Pix[o] = v
					}
				}
			}
		}
	}
	return out
}

// measure returns the advance width of s in pixels.
func (f *face) measure(s string) float32 {
	var w float32
	for _, ch := range s {
		w += f.glyph(ch).adv
	}
	return w
}

// drawText draws s with its left end of the baseline at (x, y), first the
// halo (if halo.A > 0), then the glyphs.
func (r *Renderer) drawText(dst *image.RGBA, f *face, x, y float32, s string, c, halo color.NRGBA) {
	if halo.A > 0 {
		r.drawGlyphs(dst, f, x, y, s, premul(halo), true)
	}
	r.drawGlyphs(dst, f, x, y, s, premul(c), false)
}

func (r *Renderer) drawGlyphs(dst *image.RGBA, f *face, x, y float32, s string, c color.RGBA, halo bool) {
	r.main().col = c
	pen := x
	by := int(math.Round(float64(y)))
	for _, ch := range s {
		g := f.glyph(ch)
		m := g.mask
		if halo {
			m = g.halo
		}
		if m != nil {
			off := image.Pt(int(math.Round(float64(pen))), by)
			rect := m.Rect.Add(off)
			draw.DrawMask(dst, rect, &r.main().uniform, image.Point{}, m, m.Rect.Min, draw.Over)
		}
		pen += g.adv
	}
}
