package geo

import (
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// Detection is DetectCRS's verdict on a file without a "crs" member.
type Detection struct {
	CRS CRS
	// Reason says in plain words why this CRS was chosen, for the import
	// report (e.g. "eastings 38 4xx xxx m carry zone prefix 38").
	Reason string
}

// DetectCRS guesses the CRS of coordinates from their bounding box, for
// files that do not say. Rules, in order:
//   - within ±180/±90: lon/lat;
//   - x 8e6…1.55e7, y 2e6…7.2e6 (China in Web Mercator): EPSG:3857;
//   - eastings 13.5e6…45.5e6 m with northings 0…6.5e6 m: Gauss-Krüger with
//     the zone number prefixed to the easting (zone = ⌊x / 10⁶⌋): 25–45 are
//     CGCS2000 3° zones, 16–23 CGCS2000 6° zones (13–15 overlap Web
//     Mercator, which wins);
//   - eastings 2e5…8e5 m with northings 2e6…6e6 m: Gauss-Krüger without a
//     zone prefix — the central meridian cannot be told from the numbers,
//     so an error asks for --crs EPSG:45xx instead of picking one silently;
//   - anything else is refused with a message asking for --crs.
//
// The returned error is a plain sentence telling what to pass.
func DetectCRS(b orb.Bound) (Detection, error) {
	minX, minY, maxX, maxY := b.Min[0], b.Min[1], b.Max[0], b.Max[1]
	for _, v := range []float64{minX, minY, maxX, maxY} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Detection{}, fmt.Errorf("coordinates are not finite numbers")
		}
	}
	if minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90 {
		return Detection{CRS: LonLat, Reason: "coordinates are within ±180/±90, read as lon/lat"}, nil
	}
	if minX >= 8e6 && maxX <= 1.55e7 && minY >= 2e6 && maxY <= 7.2e6 {
		// Checked before 6° zones 13–15 (eastings 13.5e6…15.5e6), which
		// overlap: prefixed 6° zones are rare at county scale, Web Mercator
		// exports from web maps are common.
		return Detection{CRS: WebMercator, Reason: fmt.Sprintf("coordinates x %s…%s, y %s…%s lie in China's Web Mercator range: assumed EPSG:3857", metres(minX), metres(maxX), metres(minY), metres(maxY))}, nil
	}
	if minX >= 13.5e6 && maxX < 45.5e6 && minY >= 0 && maxY <= 6.5e6 {
		zone := int(minX / 1e6)
		if int(maxX/1e6) != zone {
			return Detection{}, fmt.Errorf("eastings %s…%s m span two Gauss-Krüger zone prefixes (%d and %d); split the file by zone or pass --crs EPSG:45xx", metres(minX), metres(maxX), zone, int(maxX/1e6))
		}
		var c CRS
		var err error
		switch {
		case zone >= 25 && zone <= 45:
			c, err = GaussKrugerZone3(zone)
		case zone >= 13 && zone <= 23:
			c, err = GaussKrugerZone6(zone)
		default:
			err = fmt.Errorf("eastings %s…%s m carry zone prefix %d, which is no Chinese Gauss-Krüger zone; pass --crs EPSG:NNNN", metres(minX), metres(maxX), zone)
		}
		if err != nil {
			return Detection{}, err
		}
		return Detection{CRS: c, Reason: fmt.Sprintf("eastings %s…%s m carry Gauss-Krüger zone prefix %d: assumed %s (%s)", metres(minX), metres(maxX), zone, c, c.Name)}, nil
	}
	if minX >= 2e5 && maxX <= 8e5 && minY >= 2e6 && maxY <= 6e6 {
		return Detection{}, fmt.Errorf("coordinates look like Gauss-Krüger metres without a zone prefix (eastings %s…%s m, northings %s…%s m); the central meridian cannot be told from the numbers: pass --crs with the zone, e.g. EPSG:4547 for the 3° zone at 114°E (EPSG:4534–4554 = 75°E…135°E in 3° steps; 6° zones EPSG:4502–4512)", metres(minX), metres(maxX), metres(minY), metres(maxY))
	}
	const merc = 20037508.35
	if math.Abs(minX) <= merc && math.Abs(maxX) <= merc && math.Abs(minY) <= merc && math.Abs(maxY) <= merc {
		return Detection{}, fmt.Errorf("coordinates x %s…%s, y %s…%s are projected metres outside China's Web Mercator range; pass --crs EPSG:NNNN", metres(minX), metres(maxX), metres(minY), metres(maxY))
	}
	return Detection{}, fmt.Errorf("coordinates x %s…%s, y %s…%s match no known CRS; pass --crs EPSG:NNNN or reproject to EPSG:4326", metres(minX), metres(maxX), metres(minY), metres(maxY))
}

// metres formats a coordinate for a message: whole units, or short
// scientific notation for absurd values (a 1e308 would print 309 digits).
func metres(v float64) string {
	if math.Abs(v) < 1e12 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}
