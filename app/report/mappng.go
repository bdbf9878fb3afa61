package report

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image/png"
	"io"

	"github.com/xuequ/xuequ/app"
)

// Sheet layout of the maps, millimetres on a landscape page.
const (
	pageMargin  = 12.0
	titleBlock  = 17.0 // title and subtitle above the map
	footerBlock = 8.0  // rule and footer line below it
	panelGap    = 4.0  // between the map frame and the legend panel
	frameLineMM = 0.3
	titlePt     = 18.0
	subtitlePt  = 9.5
	footerPt    = 8.0
)

// MapPNG writes the map sheet of MapPDF rasterized at opt.DPI (A4
// landscape at 300 dpi is 3508 × 2480 pixels), with its resolution in
// the PNG (pHYs), so Word or WPS inserts it at paper size. A year without
// data is a *model.InputError.
func MapPNG(w io.Writer, s *app.Session, opt MapOptions) error {
	opt = opt.resolve(s)
	if err := checkYear(s, opt.Year); err != nil {
		return err
	}
	page, err := drawMapPage(s, opt, newDoc("L", opt.Paper, "", opt.Date))
	if err != nil {
		return err
	}
	img, err := page.sheet.toImage(opt.DPI)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, img); err != nil {
		return err
	}
	_, err = w.Write(withPHYs(buf.Bytes(), opt.DPI))
	return err
}

// MapSVG writes the map sheet of MapPDF as SVG (paths and text, page size
// in millimetres) for editing in Inkscape, Illustrator or WPS.
func MapSVG(w io.Writer, s *app.Session, opt MapOptions) error {
	opt = opt.resolve(s)
	if err := checkYear(s, opt.Year); err != nil {
		return err
	}
	page, err := drawMapPage(s, opt, newDoc("L", opt.Paper, "", opt.Date))
	if err != nil {
		return err
	}
	return page.sheet.toSVG(w, page.title)
}

// withPHYs inserts a pHYs chunk (pixels per metre, from dpi) after the
// IHDR chunk of an encoded PNG.
func withPHYs(data []byte, dpi float64) []byte {
	const ihdrEnd = 8 + 4 + 4 + 13 + 4 // signature, IHDR length, type, data, CRC
	if len(data) < ihdrEnd {
		return data
	}
	ppm := uint32(dpi/0.0254 + 0.5)
	chunk := make([]byte, 4+4+9+4)
	binary.BigEndian.PutUint32(chunk[0:], 9)
	copy(chunk[4:], "pHYs")
	binary.BigEndian.PutUint32(chunk[8:], ppm)
	binary.BigEndian.PutUint32(chunk[12:], ppm)
	chunk[16] = 1 // unit: metre
	binary.BigEndian.PutUint32(chunk[17:], crc32.ChecksumIEEE(chunk[4:17]))
	out := make([]byte, 0, len(data)+len(chunk))
	out = append(out, data[:ihdrEnd]...)
	out = append(out, chunk...)
	return append(out, data[ihdrEnd:]...)
}
