package render

import (
	"fmt"
	"image"

	"github.com/xuequ/xuequ/assets"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// Renderer draws Scenes. It owns the label fonts, the glyph cache and the
// scratch buffers reused from frame to frame; it is not safe for concurrent
// use (one per widget or exporter; they may share a Scene).
type Renderer struct {
	font     *opentype.Font // the caller's font, for CJK names
	fallback *opentype.Font // Go Regular, for what font lacks
	sfntBuf  sfnt.Buffer
	faces    map[float64]*face

	bands   []*band  // bands[0] also paints symbols, labels and decorations
	serial  bool     // tests: never split into bands
	visible []uint64 // bitset of zones in view
	bcache  boundaryCache
	ids     idRaster // the overview's zone-id raster
	labels  []labelCand
	sprites map[spriteKey]*image.RGBA

	placed   []image.Rectangle // label collision boxes of this frame
	occCells [][]int32         // indices into placed, occCell pixels a cell
	occW     int
	occRect  image.Rectangle
}

// NewRenderer parses the TrueType/OpenType font used for labels (it must
// cover the CJK characters of the names, e.g. assets.CJKFont). Characters
// the font lacks (a caller's CJK-only font may have no Latin letters or
// digits) are drawn with Go Regular (BSD licence, from
// golang.org/x/image/font/gofont).
func NewRenderer(ttf []byte) (*Renderer, error) {
	f, err := opentype.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("render: parse label font: %w", err)
	}
	fb, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("render: parse fallback font: %w", err)
	}
	return &Renderer{font: f, fallback: fb, faces: map[float64]*face{}, sprites: map[spriteKey]*image.RGBA{}, bands: []*band{newBand()}}, nil
}

// NewDefaultRenderer is NewRenderer with the bundled CJK font (assets.CJKFont).
func NewDefaultRenderer() (*Renderer, error) { return NewRenderer(assets.CJKFont) }

// main is the band that paints everything but the zone passes.
func (r *Renderer) main() *band { return r.bands[0] }

// hasGlyph reports whether the caller's font has a glyph for ch.
func (r *Renderer) hasGlyph(ch rune) bool {
	i, err := r.font.GlyphIndex(&r.sfntBuf, ch)
	return err == nil && i != 0
}
