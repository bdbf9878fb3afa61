package render

import (
	"math"

	"github.com/paulmach/orb"
)

// Resolution limits: 1 cm to 100 km of Web Mercator per pixel.
const (
	MinResolution = 0.01
	MaxResolution = 100000.0
)

// View is a Web Mercator (EPSG:3857) viewport.
//
// Pixel coordinates have (0, 0) at the top-left corner of the image, x to the
// right and y down, in pixels; the centre of the top-left pixel is (0.5,
// 0.5). Center maps to (W/2, H/2).
type View struct {
	// Center is the lon/lat, in degrees, at the middle of the image.
	Center orb.Point
	// Resolution is Web Mercator metres per pixel. Mercator metres are not
	// ground metres: the ground distance of a pixel is
	// Resolution·cos(latitude) (see GroundResolution).
	Resolution float64
	// W and H are the image size in pixels.
	W, H int
}

// FitBounds returns the view of size w×h pixels that shows b (lon/lat
// degrees) whole and centred, leaving at least margin pixels on every side.
// An empty or degenerate bound gives a view at 1 m/px around its centre.
func FitBounds(b orb.Bound, w, h, margin int) View {
	x0, y0 := toMercator(b.Min[0], b.Min[1])
	x1, y1 := toMercator(b.Max[0], b.Max[1])
	cx, cy := (x0+x1)/2, (y0+y1)/2
	iw, ih := float64(w-2*margin), float64(h-2*margin)
	if iw < 1 {
		iw = math.Max(1, float64(w))
	}
	if ih < 1 {
		ih = math.Max(1, float64(h))
	}
	res := math.Max((x1-x0)/iw, (y1-y0)/ih)
	if !(res > 0) || math.IsInf(res, 0) {
		res = 1
	}
	lon, lat := fromMercator(cx, cy)
	return View{Center: orb.Point{lon, lat}, Resolution: clampRes(res), W: w, H: h}
}

func clampRes(r float64) float64 {
	return math.Max(MinResolution, math.Min(MaxResolution, r))
}

// origin returns the Web Mercator metres of the image's top-left corner.
func (v View) origin() (ox, oy float64) {
	cx, cy := toMercator(v.Center[0], v.Center[1])
	return cx - float64(v.W)/2*v.Resolution, cy + float64(v.H)/2*v.Resolution
}

// MercatorToPixel converts Web Mercator metres to pixel coordinates.
func (v View) MercatorToPixel(x, y float64) (px, py float64) {
	ox, oy := v.origin()
	return (x - ox) / v.Resolution, (oy - y) / v.Resolution
}

// PixelToMercator converts pixel coordinates to Web Mercator metres.
func (v View) PixelToMercator(px, py float64) (x, y float64) {
	ox, oy := v.origin()
	return ox + px*v.Resolution, oy - py*v.Resolution
}

// LonLatToPixel converts lon/lat degrees to pixel coordinates.
func (v View) LonLatToPixel(p orb.Point) (px, py float64) {
	x, y := toMercator(p[0], p[1])
	return v.MercatorToPixel(x, y)
}

// PixelToLonLat converts pixel coordinates to lon/lat degrees.
func (v View) PixelToLonLat(px, py float64) orb.Point {
	x, y := v.PixelToMercator(px, py)
	lon, lat := fromMercator(x, y)
	return orb.Point{lon, lat}
}

// Zoom returns the view zoomed in by factor (> 1 zooms in, < 1 zooms out)
// keeping the map point under the anchor pixel (ax, ay) where it is. The
// resolution is clamped to [MinResolution, MaxResolution].
func (v View) Zoom(factor, ax, ay float64) View {
	if !(factor > 0) || math.IsInf(factor, 0) {
		return v
	}
	mx, my := v.PixelToMercator(ax, ay)
	res := clampRes(v.Resolution / factor)
	// The anchor keeps its map point: centre = anchor + (mid − anchor)·res.
	cx := mx + (float64(v.W)/2-ax)*res
	cy := my - (float64(v.H)/2-ay)*res
	lon, lat := fromMercator(cx, cy)
	v.Center, v.Resolution = orb.Point{lon, lat}, res
	return v
}

// Pan returns the view with the map content moved by (dx, dy) pixels, as
// when the user drags the map: dragging right (dx > 0) shows what was to
// the left.
func (v View) Pan(dx, dy float64) View {
	cx, cy := toMercator(v.Center[0], v.Center[1])
	cx -= dx * v.Resolution
	cy += dy * v.Resolution
	lon, lat := fromMercator(cx, cy)
	v.Center = orb.Point{lon, lat}
	return v
}

// GroundResolution is the ground distance of one pixel at the view's
// centre latitude, metres: Resolution·cos(latitude).
func (v View) GroundResolution() float64 {
	return v.Resolution * math.Cos(v.Center[1]*math.Pi/180)
}

// Bound returns the lon/lat bound of the visible image.
func (v View) Bound() orb.Bound {
	a := v.PixelToLonLat(0, float64(v.H))
	b := v.PixelToLonLat(float64(v.W), 0)
	return orb.Bound{Min: a, Max: b}
}
