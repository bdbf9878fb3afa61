package report

import (
	"image"
	"image/color"
	"image/draw"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/xuequ/xuequ/assets"
)

// rasterFonts are the PNG's title fonts: the bundled CJK font, and Go
// Regular for what it lacks, as in the PDFs.
var rasterFonts = sync.OnceValues(func() ([2]*opentype.Font, error) {
	cjk, err := opentype.Parse(assets.CJKFont)
	if err != nil {
		return [2]*opentype.Font{}, err
	}
	latin, err := opentype.Parse(goregular.TTF)
	return [2]*opentype.Font{cjk, latin}, err
})

// rasterText draws one-line texts at a pixel size.
type rasterText struct {
	cjk, latin font.Face
	px         float64
}

func newRasterText(px float64) (*rasterText, error) {
	fonts, err := rasterFonts()
	if err != nil {
		return nil, err
	}
	opt := &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingNone}
	cjk, err := opentype.NewFace(fonts[0], opt)
	if err != nil {
		return nil, err
	}
	latin, err := opentype.NewFace(fonts[1], opt)
	if err != nil {
		return nil, err
	}
	return &rasterText{cjk: cjk, latin: latin, px: px}, nil
}

func (t *rasterText) face(r rune) font.Face {
	if isLatin(r) {
		return t.latin
	}
	return t.cjk
}

// measure is the advance of s in pixels.
func (t *rasterText) measure(s string) float64 {
	var w fixed.Int26_6
	for _, r := range s {
		a, _ := t.face(r).GlyphAdvance(r)
		w += a
	}
	return float64(w) / 64
}

// draw writes s with its baseline at (x, y) pixels.
func (t *rasterText) draw(dst draw.Image, x, y float64, s string, c color.Color) {
	dot := fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
	src := image.NewUniform(c)
	for _, r := range s {
		f := t.face(r)
		dr, mask, mp, adv, ok := f.Glyph(dot, r)
		if ok {
			draw.DrawMask(dst, dr, src, image.Point{}, mask, mp, draw.Over)
		}
		dot.X += adv
	}
}
