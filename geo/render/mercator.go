package render

import "math"

// earthRadius is the WGS-84 semi-major axis used by Web Mercator, metres.
const earthRadius = 6378137.0

// maxLat is the latitude where Web Mercator becomes square, degrees.
const maxLat = 85.05112877980659

// toMercator projects lon/lat degrees to Web Mercator metres (EPSG:3857).
// Latitudes beyond ±85.0511° are clamped.
func toMercator(lon, lat float64) (x, y float64) {
	lat = math.Max(-maxLat, math.Min(maxLat, lat))
	x = earthRadius * lon * math.Pi / 180
	y = earthRadius * math.Log(math.Tan(math.Pi/4+lat*math.Pi/360))
	return x, y
}

// fromMercator is the inverse of toMercator.
func fromMercator(x, y float64) (lon, lat float64) {
	lon = x / earthRadius * 180 / math.Pi
	lat = (2*math.Atan(math.Exp(y/earthRadius)) - math.Pi/2) * 180 / math.Pi
	return lon, lat
}
