package geo

import (
	"fmt"
	"math"
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
	KindGaussKruger             // Transverse Mercator (Gauss-Krüger zone, UTM), metres
	KindGCJ02                   // GCJ-02 "Mars" lon/lat as used by Amap/Tencent, degrees
	KindBD09                    // BD-09 lon/lat as used by Baidu, degrees
)

// CRS is one of the coordinate reference systems Xuequ reads. The zero
// value is lon/lat (EPSG:4326).
type CRS struct {
	EPSG int // EPSG code; 0 for GCJ-02 and BD-09, which have none
	Kind Kind
	Name string // human-readable, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E"
	// Datum is "" for WGS-84/CGCS2000, else DatumBeijing1954 or
	// DatumXian1980, whose coordinates are used without a datum shift.
	Datum string
	tm    *TransverseMercator
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
		if c.Kind == KindGaussKruger && c.Name != "" {
			return c.Name // a .prj projection that has no EPSG code
		}
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
//   - 4326 (WGS 84), 4490 (CGCS2000), 4979/4480 3-D variants: lon/lat;
//     4214 (Beijing 1954) and 4610 (Xi'an 1980) lon/lat, used unshifted
//   - 3857 and its old aliases 900913, 3785, 102100, 102113: Web Mercator
//   - Gauss-Krüger zones of CGCS2000 (4491–4554), Beijing 1954 (2401–2442,
//     21413–21423, 21453–21463) and Xi'an 1980 (2327–2390): see gkSeriesTable
//   - WGS 84 / UTM zones 1–60 north (32601–32660) and south (32701–32760)
//
// Beijing 1954 and Xi'an 1980 are projected on their own ellipsoids
// (Krassowsky 1940, IAG 1975), but no public datum shift to CGCS2000 exists,
// so their lon/lat is used as CGCS2000 lon/lat: the CRS's Datum says so and
// DatumNote tells the error to expect.
func CRSFromEPSG(code int) (CRS, error) {
	switch code {
	case 4326, 4490, 4979, 4480, 4269:
		c := LonLat
		c.EPSG = code
		if code == 4490 {
			c.Name = "CGCS2000 lon/lat"
		}
		return c, nil
	case 4214:
		return CRS{EPSG: code, Kind: KindLonLat, Name: "Beijing 1954 lon/lat", Datum: DatumBeijing1954}, nil
	case 4610:
		return CRS{EPSG: code, Kind: KindLonLat, Name: "Xian 1980 lon/lat", Datum: DatumXian1980}, nil
	case 3857, 900913, 3785, 102100, 102113:
		return WebMercator, nil
	}
	for _, s := range gkSeriesTable {
		if code >= s.first && code <= s.last {
			return s.crs(code), nil
		}
	}
	if zone := code % 100; (code/100 == 326 || code/100 == 327) && zone >= 1 && zone <= 60 {
		return utm(zone, code/100 == 327), nil
	}
	return CRS{}, fmt.Errorf("EPSG:%d is not supported; use lon/lat (EPSG:4326/4490), Web Mercator (EPSG:3857), a Gauss-Krüger zone of CGCS2000 (EPSG:4491–4554), Xi'an 1980 (EPSG:2327–2390) or Beijing 1954 (EPSG:2401–2442, 21413–21463), or WGS 84 / UTM (EPSG:326xx/327xx); or reproject the file to EPSG:4490 in QGIS", code)
}

// Datums other than WGS-84/CGCS2000 (which agree to a few decimetres, well
// below what catchment planning needs, and are treated as one).
const (
	DatumBeijing1954 = "Beijing 1954"
	DatumXian1980    = "Xian 1980"
)

// DatumNote says, in English, how far off positions may be because c's
// datum is used without a shift to CGCS2000; "" when c is WGS-84/CGCS2000.
func (c CRS) DatumNote() string {
	switch c.Datum {
	case DatumBeijing1954:
		return "Beijing 1954 coordinates are used without a datum shift to CGCS2000 (none is public): positions may be off by up to ~100 m or more"
	case DatumXian1980:
		return "Xi'an 1980 coordinates are used without a datum shift to CGCS2000 (none is public): positions may be off by tens of metres"
	}
	return ""
}

// datumEllipsoid is the ellipsoid a datum's Gauss-Krüger zones are
// projected on ("" = CGCS2000).
func datumEllipsoid(datum string) Ellipsoid {
	switch datum {
	case DatumBeijing1954:
		return Krassowsky1940
	case DatumXian1980:
		return IAG1975
	}
	return CGCS2000Ellipsoid
}

// gkSeries is a run of consecutive EPSG codes of one datum's Gauss-Krüger
// zones (k0 = 1, latitude of origin 0, FN 0): either zone-prefixed
// (FE = zone × 10⁶ + 500 000 m; 3° zone z has CM 3z°E, 6° zone z has CM
// 6z − 3 °E) or by central meridian 75°E, 75 + width, … (FE 500 000 m).
type gkSeries struct {
	first, last int
	datum       string // "" = CGCS2000
	width       int    // zone width in degrees: 3 or 6
	prefixed    bool   // zone number prefixed to the false easting
}

// gkSeriesTable lists the Chinese Gauss-Krüger EPSG codes (checked
// against the EPSG database with projinfo).
var gkSeriesTable = []gkSeries{
	{4491, 4501, "", 6, true}, {4502, 4512, "", 6, false},
	{4513, 4533, "", 3, true}, {4534, 4554, "", 3, false},
	{2401, 2421, DatumBeijing1954, 3, true}, {2422, 2442, DatumBeijing1954, 3, false},
	{21413, 21423, DatumBeijing1954, 6, true}, {21453, 21463, DatumBeijing1954, 6, false},
	{2327, 2337, DatumXian1980, 6, true}, {2338, 2348, DatumXian1980, 6, false},
	{2349, 2369, DatumXian1980, 3, true}, {2370, 2390, DatumXian1980, 3, false},
}

// params returns the central meridian (°E) and false easting (m) of code.
func (s gkSeries) params(code int) (cm, fe float64) {
	i := code - s.first
	if !s.prefixed {
		return float64(75 + s.width*i), 500000
	}
	zone := 13 + i // 6° zones 13–23
	cm = float64(zone*6 - 3)
	if s.width == 3 {
		zone = 25 + i // 3° zones 25–45
		cm = float64(zone * 3)
	}
	return cm, float64(zone)*1e6 + 500000
}

func (s gkSeries) crs(code int) CRS {
	cm, fe := s.params(code)
	datum := s.datum
	if datum == "" {
		datum = "CGCS2000"
	}
	deg := ""
	if s.width == 3 {
		deg = "3-degree "
	}
	name := fmt.Sprintf("%s / %sGauss-Kruger CM %.0fE", datum, deg, cm)
	if s.prefixed {
		name = fmt.Sprintf("%s / %sGauss-Kruger zone %.0f", datum, deg, (fe-500000)/1e6)
	}
	return CRS{EPSG: code, Kind: KindGaussKruger, Name: name, Datum: s.datum,
		tm: NewTransverseMercator(datumEllipsoid(s.datum), cm, 0, 1, fe, 0)}
}

// gkCode finds the EPSG code of a Gauss-Krüger zone of datum ("" =
// CGCS2000) by its parameters; 0 if none. A zone without prefix whose CM
// is both a 3° and a 6° meridian has two codes with the same parameters:
// threeDegree picks the 3° one.
func gkCode(datum string, cm, fe float64, threeDegree bool) int {
	found := 0
	for _, s := range gkSeriesTable {
		if s.datum != datum {
			continue
		}
		for code := s.first; code <= s.last; code++ {
			if c, e := s.params(code); math.Abs(c-cm) < 1e-9 && math.Abs(e-fe) < 1e-6 {
				if found == 0 || (s.width == 3) == threeDegree {
					found = code
				}
			}
		}
	}
	return found
}

// utm is WGS 84 / UTM zone (1–60), north or south (FN 10 000 km).
func utm(zone int, south bool) CRS {
	code, fn, hemi := 32600+zone, 0.0, "N"
	if south {
		code, fn, hemi = 32700+zone, 1e7, "S"
	}
	return CRS{EPSG: code, Kind: KindGaussKruger, Name: fmt.Sprintf("WGS 84 / UTM zone %d%s", zone, hemi),
		tm: NewTransverseMercator(WGS84Ellipsoid, float64(zone*6-183), 0, 0.9996, 500000, fn)}
}

// transverseMercator is a Transverse Mercator CRS from explicit
// parameters (a .prj), given the EPSG code of the zone it matches (0 if
// none) and its name.
func transverseMercator(code int, name, datum string, ell Ellipsoid, cm, lat0, k0, fe, fn float64) CRS {
	return CRS{EPSG: code, Kind: KindGaussKruger, Name: name, Datum: datum,
		tm: NewTransverseMercator(ell, cm, lat0, k0, fe, fn)}
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
