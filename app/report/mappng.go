package report

import (
	"image"
	"image/color"
	"image/draw"
	"io"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo/render"
)

// Sheet layout of the maps, millimetres on a landscape page.
const (
	pageMargin   = 12.0
	titleBlock   = 17.0 // title and subtitle above the map
	footerBlock  = 8.0  // rule and footer line below it
	panelGap     = 4.0  // between the map frame and the legend panel
	footerText   = "学区规划 Xuequ"
	frameLineMM  = 0.3
	titlePt      = 18.0
	subtitlePt   = 9.5
	footerPt     = 8.0
	pngFooterGap = 2.0
)

// pngLayout is the pixel layout of the PNG: the whole landscape sheet at
// opt.DPI, laid out as the PDF but with the compact legend inside the map
// frame instead of the side panel.
type pngLayout struct {
	w, h  int // the whole sheet
	m     int // page margin
	frame image.Rectangle
}

func newPNGLayout(opt MapOptions) pngLayout {
	short, long := opt.Paper.size()
	w, h := pixels(long, opt.DPI), pixels(short, opt.DPI)
	m := pixels(pageMargin, opt.DPI)
	top, bottom := pixels(pageMargin+titleBlock, opt.DPI), h-pixels(pageMargin+footerBlock, opt.DPI)
	return pngLayout{w: w, h: h, m: m, frame: image.Rect(m, top, w-m, bottom)}
}

// MapPNG writes the map of the session's district as a PNG of a landscape
// sheet of opt.Paper at opt.DPI (A4 at 300 dpi is 3508 × 2480 pixels):
// the title, the map with its legend, scale bar and north arrow, and a
// footer with the date — printed at 100 % it matches the PDF's layout. A year without data is a
// *model.InputError.
func MapPNG(w io.Writer, s *app.Session, opt MapOptions) error {
	opt = opt.resolve(s)
	if err := checkYear(s, opt.Year); err != nil {
		return err
	}
	l := newPNGLayout(opt)
	m := newMapModel(s, opt)
	mapImg, err := drawMap(s, m, l.frame.Dx(), l.frame.Dy(), opt.DPI, true)
	if err != nil {
		return err
	}
	img := image.NewRGBA(image.Rect(0, 0, l.w, l.h))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.Draw(img, l.frame, mapImg, image.Point{}, draw.Src)

	ink := color.RGBA{0x21, 0x21, 0x21, 0xff}
	grey := color.RGBA{0x60, 0x60, 0x60, 0xff}
	px := func(pt float64) float64 { return pt / 72 * opt.DPI }
	line := max(1, pixels(frameLineMM, opt.DPI))
	strokeRect(img, l.frame, line, ink)

	title, err := newRasterText(px(titlePt))
	if err != nil {
		return err
	}
	t := mapTitle(s, opt)
	title.draw(img, (float64(l.w)-title.measure(t))/2, float64(l.m)+px(titlePt)*0.9, t, ink)
	sub, err := newRasterText(px(subtitlePt))
	if err != nil {
		return err
	}
	st := mapSubtitle(s, opt)
	sub.draw(img, (float64(l.w)-sub.measure(st))/2, float64(l.m)+px(titlePt)*1.35+px(subtitlePt)*0.9, st, grey)

	foot, err := newRasterText(px(footerPt))
	if err != nil {
		return err
	}
	y := float64(l.frame.Max.Y) + float64(pixels(pngFooterGap, opt.DPI)) + px(footerPt)
	foot.draw(img, float64(l.m), y, footerText, grey)
	date := "制图日期：" + chineseDate(opt.Date)
	foot.draw(img, float64(l.w-l.m)-foot.measure(date), y, date, grey)
	return render.EncodePNG(w, img)
}

// strokeRect draws the inside border of r, width pixels wide.
func strokeRect(img *image.RGBA, r image.Rectangle, width int, c color.Color) {
	u := image.NewUniform(c)
	for _, b := range []image.Rectangle{
		{r.Min, image.Pt(r.Max.X, r.Min.Y+width)},
		{image.Pt(r.Min.X, r.Max.Y-width), r.Max},
		{r.Min, image.Pt(r.Min.X+width, r.Max.Y)},
		{image.Pt(r.Max.X-width, r.Min.Y), r.Max},
	} {
		draw.Draw(img, b, u, image.Point{}, draw.Src)
	}
}
