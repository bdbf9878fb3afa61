package geo

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// Kind tells how a CRS relates to lon/lat.
type Kind int

const (
	KindLonLat      Kind = iota // WGS-84 / CGCS2000 longitude, latitude in degrees
	KindMercator                // Web Mercator (EPSG:3857), metres
	KindGaussKruger             // CGCS2000 Gauss-Krüger zone, metres
	KindGCJ02                   // GCJ-02 "Mars" lon/lat as used by Amap/Tencent, degrees
	KindBD09                    // BD-09 lon/lat as used by Baidu, degrees
)

// CRS is one of the coordinate reference systems Xuequ reads. The zero
// value is lon/lat (EPSG:4326).
type CRS struct {
	EPSG int // EPSG code; 0 for GCJ-02 and BD-09, which have none
	Kind Kind
	Name string // human-readable, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E"
	tm   *TransverseMercator
}

// LonLat is WGS-84 longitude/latitude (EPSG:4326), the CRS of model types.
var LonLat = CRS{EPSG: 4326, Kind: KindLonLat, Name: "WGS 84 lon/lat"}

// WebMercator is EPSG:3857.
var WebMercator = CRS{EPSG: 3857, Kind: KindMercator, Name: "WGS 84 / Pseudo-Mercator"}

// GCJ02 is the Chinese GCJ-02 offset lon/lat (no EPSG code).
var GCJ02 = CRS{Kind: KindGCJ02, Name: "GCJ-02 (Amap/Tencent offset lon/lat)"}

// BD09 is Baidu's BD-09 offset lon/lat (no EPSG code).
var BD09 = CRS{Kind: KindBD09, Name: "BD-09 (Baidu offset lon/lat)"}

// String is the code as users type it: "EPSG:4547", "GCJ02", "BD09".
func (c CRS) String() string {
	switch c.Kind {
	case KindGCJ02:
		return "GCJ02"
	case KindBD09:
		return "BD09"
	}
	if c.EPSG == 0 {
		return "EPSG:4326"
	}
	return "EPSG:" + strconv.Itoa(c.EPSG)
}

// IsLonLat reports whether c is plain WGS-84/CGCS2000 lon/lat, i.e. needs no
// transformation.
func (c CRS) IsLonLat() bool { return c.Kind == KindLonLat }

// ToLonLat converts one point of c to WGS-84 lon/lat degrees.
func (c CRS) ToLonLat(p orb.Point) orb.Point {
	switch c.Kind {
	case KindMercator:
		return project.Mercator.ToWGS84(p)
	case KindGaussKruger:
		return c.tm.ToLonLat(p)
	case KindGCJ02:
		return GCJ02ToWGS84(p)
	case KindBD09:
		return GCJ02ToWGS84(BD09ToGCJ02(p))
	}
	return p
}

// FromLonLat converts WGS-84 lon/lat degrees to c.
func (c CRS) FromLonLat(p orb.Point) orb.Point {
	switch c.Kind {
	case KindMercator:
		return project.WGS84.ToMercator(p)
	case KindGaussKruger:
		return c.tm.FromLonLat(p)
	case KindGCJ02:
		return WGS84ToGCJ02(p)
	case KindBD09:
		return GCJ02ToBD09(WGS84ToGCJ02(p))
	}
	return p
}

// GeometryToLonLat converts g in place from c to lon/lat and returns it.
func (c CRS) GeometryToLonLat(g orb.Geometry) orb.Geometry {
	if c.IsLonLat() || g == nil {
		return g
	}
	return project.Geometry(g, c.ToLonLat)
}

// GeometryFromLonLat converts g in place from lon/lat to c and returns it.
func (c CRS) GeometryFromLonLat(g orb.Geometry) orb.Geometry {
	if c.IsLonLat() || g == nil {
		return g
	}
	return project.Geometry(g, c.FromLonLat)
}

// CRSFromEPSG returns a supported CRS by EPSG code:
//   - 4326 (WGS 84), 4490 (CGCS2000), 4979/4480 3-D variants: lon/lat
//   - 3857 and its old aliases 900913, 3785, 102100, 102113: Web Mercator
//   - 4491–4501: CGCS2000 6° Gauss-Krüger zones 13–23, zone number prefixed
//     to the false easting (zone × 10⁶ + 500 000 m)
//   - 4502–4512: the same zones, central meridian 75°E…135°E, FE 500 000 m
//   - 4513–4533: CGCS2000 3° Gauss-Krüger zones 25–45, zone prefix
//   - 4534–4554: 3° zones with central meridian 75°E…135°E, FE 500 000 m
//
// Beijing 1954 and Xi'an 1980 zones need a datum shift of up to ~100 m that
// Xuequ does not model; they are refused with a message.
func CRSFromEPSG(code int) (CRS, error) {
	switch code {
	case 4326, 4490, 4979, 4480, 4269:
		c := LonLat
		c.EPSG = code
		if code == 4490 {
			c.Name = "CGCS2000 lon/lat"
		}
		return c, nil
	case 3857, 900913, 3785, 102100, 102113:
		return WebMercator, nil
	}
	switch {
	case code >= 4491 && code <= 4501:
		zone := 13 + code - 4491
		return gaussKruger(code, float64(zone*6-3), float64(zone)*1e6+500000,
			fmt.Sprintf("CGCS2000 / Gauss-Kruger zone %d", zone)), nil
	case code >= 4502 && code <= 4512:
		cm := 75 + 6*(code-4502)
		return gaussKruger(code, float64(cm), 500000,
			fmt.Sprintf("CGCS2000 / Gauss-Kruger CM %dE", cm)), nil
	case code >= 4513 && code <= 4533:
		zone := 25 + code - 4513
		return gaussKruger(code, float64(zone*3), float64(zone)*1e6+500000,
			fmt.Sprintf("CGCS2000 / 3-degree Gauss-Kruger zone %d", zone)), nil
	case code >= 4534 && code <= 4554:
		cm := 75 + 3*(code-4534)
		return gaussKruger(code, float64(cm), 500000,
			fmt.Sprintf("CGCS2000 / 3-degree Gauss-Kruger CM %dE", cm)), nil
	case code >= 2327 && code <= 2442, code == 4214, code == 4610:
		return CRS{}, fmt.Errorf("EPSG:%d is a Beijing 1954 or Xi'an 1980 system, whose datum differs from CGCS2000 by up to ~100 m; reproject the file to EPSG:4490 or EPSG:4326 (e.g. in QGIS) first", code)
	}
	return CRS{}, fmt.Errorf("EPSG:%d is not supported; use lon/lat (EPSG:4326/4490), Web Mercator (EPSG:3857) or a CGCS2000 Gauss-Krüger zone (EPSG:4491–4554), or reproject the file in QGIS", code)
}

func gaussKruger(code int, cm, fe float64, name string) CRS {
	return CRS{EPSG: code, Kind: KindGaussKruger, Name: name,
		tm: NewTransverseMercator(CGCS2000Ellipsoid, cm, 0, 1, fe, 0)}
}

// GaussKrugerZone3 returns the CGCS2000 3° zone CRS whose false easting
// carries the zone number (EPSG:4513–4533), for zone 25–45.
func GaussKrugerZone3(zone int) (CRS, error) {
	if zone < 25 || zone > 45 {
		return CRS{}, fmt.Errorf("3-degree Gauss-Krüger zone %d is outside China (25–45)", zone)
	}
	return CRSFromEPSG(4513 + zone - 25)
}

// GaussKrugerZone6 returns the CGCS2000 6° zone CRS with zone prefix
// (EPSG:4491–4501), for zone 13–23.
func GaussKrugerZone6(zone int) (CRS, error) {
	if zone < 13 || zone > 23 {
		return CRS{}, fmt.Errorf("6-degree Gauss-Krüger zone %d is outside China (13–23)", zone)
	}
	return CRSFromEPSG(4491 + zone - 13)
}

var epsgNumber = regexp.MustCompile(`(?i)(?:EPSG|ESRI)(?:::?|/)(?:[0-9.]*[:/])*([0-9]+)$`)

// ParseCRS understands the spellings found in GeoJSON "crs" members and on
// the command line: "EPSG:3857", "epsg:4547", "urn:ogc:def:crs:EPSG::3857",
// "urn:ogc:def:crs:EPSG:6.18:3:3857", "http://www.opengis.net/def/crs/EPSG/0/3857",
// "urn:ogc:def:crs:OGC:1.3:CRS84", "CRS84", "OGC:CRS84", "WGS84", "CGCS2000",
// "ESRI:102100", a bare number, and "GCJ02"/"GCJ-02"/"BD09".
func ParseCRS(s string) (CRS, error) {
	t := strings.TrimSpace(s)
	u := strings.ToUpper(strings.NewReplacer(" ", "", "_", "", "-", "").Replace(t))
	switch {
	case u == "":
		return CRS{}, fmt.Errorf("empty CRS name")
	case strings.HasSuffix(u, "CRS84") || strings.HasSuffix(u, "CRS:84") || u == "WGS84" || u == "LONLAT" || u == "LATLON":
		return LonLat, nil
	case u == "CGCS2000" || u == "CGCS2000LONLAT":
		return CRSFromEPSG(4490)
	case u == "GCJ02" || u == "GCJ" || u == "MARS":
		return GCJ02, nil
	case u == "BD09" || u == "BAIDU":
		return BD09, nil
	case u == "WEBMERCATOR" || u == "PSEUDOMERCATOR" || u == "GOOGLE":
		return WebMercator, nil
	}
	if n, err := strconv.Atoi(u); err == nil {
		return CRSFromEPSG(n)
	}
	if m := epsgNumber.FindStringSubmatch(strings.TrimRight(t, "/ ")); m != nil {
		n, _ := strconv.Atoi(m[1])
		return CRSFromEPSG(n)
	}
	return CRS{}, fmt.Errorf("unrecognised CRS %q; write it as EPSG:NNNN (e.g. EPSG:4326, EPSG:3857, EPSG:4547)", s)
}
