package geo

import (
	"fmt"
	"math"
	"strings"
)

// CRSFromWKT reads a coordinate system written as WKT — a Shapefile .prj
// (ESRI WKT1), a GeoPackage srs definition (OGC WKT1, WKT2) — into one of
// the CRSs Xuequ transforms. The parameters decide, not the names:
//   - geographic on WGS 84 / CGCS2000 / GRS80 (one datum to within
//     decimetres): lon/lat; on Krassowsky 1940 (Beijing 1954) or IAG 1975
//     (Xi'an 1980): lon/lat used unshifted (CRS.Datum says so);
//   - Web Mercator (Mercator_Auxiliary_Sphere, Popular Visualisation
//     Pseudo Mercator, or Mercator on the 6 378 137 m sphere): EPSG:3857;
//   - Transverse Mercator / Gauss-Kruger on one of those ellipsoids, with
//     central meridian, latitude of origin, scale factor, false easting
//     and northing (metres) read from the parameters, inverted on its own
//     ellipsoid; the EPSG code of the matching Chinese Gauss-Krüger zone
//     or WGS 84 UTM zone is attached when there is one.
//
// Anything else (Lambert, Albers, an unknown datum, non-metre units) is an
// error that names the CRS and its projection and says what to do.
func CRSFromWKT(wkt string) (CRS, error) {
	root, err := parseWKT(wkt)
	if err != nil {
		return CRS{}, err
	}
	return crsFromWKTNode(root, 0)
}

const reprojectHint = "; reproject the file to CGCS2000 lon/lat (EPSG:4490) or WGS 84 (EPSG:4326) in QGIS (Export → Save Features As → CRS) or ArcGIS (Project tool), or pass --crs"

func crsFromWKTNode(n *wktNode, depth int) (CRS, error) {
	switch n.key {
	case "PROJCS", "PROJCRS", "PROJECTEDCRS":
		return projectedFromWKT(n)
	case "GEOGCS", "GEOGCRS", "GEOGRAPHICCRS", "GEODCRS", "GEODETICCRS", "BASEGEOGCRS":
		return geographicFromWKT(n)
	case "COMPD_CS", "COMPOUNDCRS", "BOUNDCRS", "SOURCECRS":
		// The horizontal part of a compound CRS; the source of a bound CRS
		// (its TOWGS84 transformation is ignored: see CRS.Datum).
		for _, a := range n.args {
			if a.node != nil && depth < maxWKTDepth {
				if c, err := crsFromWKTNode(a.node, depth+1); err == nil || a.node.key != "VERT_CS" && a.node.key != "VERTCRS" {
					return c, err
				}
			}
		}
	}
	return CRS{}, fmt.Errorf("the WKT is a %s, not a horizontal coordinate system Xuequ reads%s", n.key, reprojectHint)
}

// wktDatum is what the ellipsoid's numbers say about the datum.
type wktDatum struct {
	datum  string // "" for WGS 84, CGCS2000 and GRS80; DatumBeijing1954, DatumXian1980
	ell    Ellipsoid
	sphere bool   // the 6 378 137 m sphere of Web Mercator
	known  bool   // one of the above
	desc   string // datum and ellipsoid as written, for messages
}

// datumOf reads the first ellipsoid under n. The numbers decide: ESRI,
// GDAL and EPSG spell the same datum differently.
func datumOf(n *wktNode) wktDatum {
	sph := n.find("SPHEROID", "ELLIPSOID")
	d := n.find("DATUM", "GEODETICDATUM", "TRF", "ENSEMBLE")
	if sph == nil {
		return wktDatum{desc: fmt.Sprintf("datum %q without an ellipsoid", d.name())}
	}
	a, invf := sph.num(1), sph.num(2)
	out := wktDatum{known: true, desc: fmt.Sprintf("datum %q, ellipsoid %q a = %g m, 1/f = %g", d.name(), sph.name(), a, invf)}
	near := func(x, y, tol float64) bool { return math.Abs(x-y) <= tol }
	switch {
	case near(a, 6378137, 0.5) && invf == 0:
		out.ell, out.sphere = Ellipsoid{A: a}, true
	case near(a, 6378137, 0.5) && near(invf, 298.257222101, 1e-6):
		out.ell = CGCS2000Ellipsoid
	case near(a, 6378137, 0.5) && near(invf, 298.257223563, 1e-6):
		out.ell = WGS84Ellipsoid
	case near(a, 6378245, 0.5) && near(invf, 298.3, 1e-6):
		out.datum, out.ell = DatumBeijing1954, Krassowsky1940
	case near(a, 6378140, 0.5) && near(invf, 298.257, 1e-6):
		out.datum, out.ell = DatumXian1980, IAG1975
	default:
		out.known = false
	}
	return out
}

// angleUnitOK: the CRS's angles are degrees (or say nothing).
func angleUnitOK(n *wktNode) bool {
	u := n.child("UNIT", "ANGLEUNIT")
	if u == nil {
		if cs := n.find("ANGLEUNIT"); cs != nil {
			u = cs
		}
	}
	f := u.num(1)
	return u == nil || math.IsNaN(f) || math.Abs(f-math.Pi/180) < 1e-9
}

func geographicFromWKT(n *wktNode) (CRS, error) {
	d := datumOf(n)
	if !d.known || d.sphere {
		return CRS{}, fmt.Errorf("the geographic coordinate system %q is on an unsupported datum (%s)%s", n.name(), d.desc, reprojectHint)
	}
	if pm := n.child("PRIMEM", "PRIMEMERIDIAN"); pm != nil && pm.num(1) != 0 && !math.IsNaN(pm.num(1)) {
		return CRS{}, fmt.Errorf("the geographic coordinate system %q counts longitude from %q, not Greenwich%s", n.name(), pm.name(), reprojectHint)
	}
	if !angleUnitOK(n) {
		return CRS{}, fmt.Errorf("the geographic coordinate system %q is not in degrees%s", n.name(), reprojectHint)
	}
	switch d.datum {
	case DatumBeijing1954:
		return CRSFromEPSG(4214)
	case DatumXian1980:
		return CRSFromEPSG(4610)
	}
	if strings.Contains(normWKTName(n.name()+" "+n.find("DATUM", "GEODETICDATUM").name()), "2000") ||
		strings.Contains(normWKTName(n.name()), "china") {
		return CRSFromEPSG(4490)
	}
	return LonLat, nil
}

// wktParams reads the projection parameters by folded name: WKT1 PARAMETER
// children of PROJCS, WKT2 children of CONVERSION.
func wktParams(n *wktNode) map[string]float64 {
	out := map[string]float64{}
	holder := n
	if conv := n.child("CONVERSION", "DERIVINGCONVERSION"); conv != nil {
		holder = conv
	}
	for _, p := range holder.children("PARAMETER") {
		out[normWKTName(p.name())] = p.num(1)
	}
	return out
}

func param(ps map[string]float64, def float64, names ...string) (float64, bool) {
	for _, nm := range names {
		if v, ok := ps[nm]; ok {
			return v, !math.IsNaN(v)
		}
	}
	return def, true
}

// linearUnitOK: the projected CRS's coordinates are metres.
func linearUnitOK(n *wktNode) (string, bool) {
	units := n.children("UNIT", "LENGTHUNIT")
	if cs := n.child("CS"); cs != nil || len(units) == 0 {
		for _, ax := range n.children("AXIS") {
			units = append(units, ax.children("LENGTHUNIT")...)
		}
	}
	for _, u := range units {
		if f := u.num(1); !math.IsNaN(f) && math.Abs(f-1) > 1e-9 {
			return u.name(), false
		}
	}
	return "", true
}

func projectedFromWKT(n *wktNode) (CRS, error) {
	name := n.name()
	method := n.child("PROJECTION")
	if conv := n.child("CONVERSION", "DERIVINGCONVERSION"); conv != nil {
		method = conv.child("METHOD", "PROJECTION")
	}
	m := normWKTName(method.name())
	what := fmt.Sprintf("the projected coordinate system %q (projection %q)", name, method.name())
	if method == nil {
		return CRS{}, fmt.Errorf("%s names no projection%s", what, reprojectHint)
	}
	base := n.child("GEOGCS", "BASEGEOGCRS", "BASEGEODCRS", "GEOGCRS")
	if base == nil {
		base = n
	}
	d := datumOf(base)
	if !d.known {
		return CRS{}, fmt.Errorf("%s is on an unsupported datum (%s)%s", what, d.desc, reprojectHint)
	}
	if u, ok := linearUnitOK(n); !ok {
		return CRS{}, fmt.Errorf("%s measures in %q, not metres%s", what, u, reprojectHint)
	}
	if !angleUnitOK(base) {
		return CRS{}, fmt.Errorf("%s gives its angles in a unit other than degrees%s", what, reprojectHint)
	}
	ps := wktParams(n)
	cm, ok1 := param(ps, 0, "centralmeridian", "longitudeofnaturalorigin", "longitudeoforigin", "longitudeofcenter")
	lat0, ok2 := param(ps, 0, "latitudeoforigin", "latitudeofnaturalorigin")
	k0, ok3 := param(ps, 1, "scalefactor", "scalefactoratnaturalorigin")
	fe, ok4 := param(ps, 0, "falseeasting")
	fn, ok5 := param(ps, 0, "falsenorthing")
	if !(ok1 && ok2 && ok3 && ok4 && ok5) || math.Abs(cm) > 180 || math.Abs(lat0) > 90 || !(k0 > 0.5 && k0 < 1.5) || math.IsInf(fe, 0) || math.IsInf(fn, 0) {
		return CRS{}, fmt.Errorf("%s has unreadable or impossible parameters%s", what, reprojectHint)
	}
	switch m {
	case "mercatorauxiliarysphere", "popularvisualisationpseudomercator", "pseudomercator", "popularvisualisationmercator":
		if d.datum == "" && cm == 0 && fe == 0 && fn == 0 {
			return WebMercator, nil
		}
	case "mercator1sp", "mercator", "mercatorvarianta":
		// GDAL writes EPSG:3857 as Mercator_1SP on the WGS 84 ellipsoid with
		// a PROJ4 extension that puts it on the sphere.
		ext := n.child("EXTENSION")
		onSphere := d.sphere || ext != nil && len(ext.args) > 1 && strings.Contains(ext.args[1].text, "+b=6378137")
		if onSphere && cm == 0 && fe == 0 && fn == 0 && k0 == 1 {
			return WebMercator, nil
		}
	case "transversemercator", "gausskruger", "gaussschreibertransversemercator":
		if d.sphere {
			break
		}
		return transverseMercatorFromWKT(name, d.datum, d.ell, cm, lat0, k0, fe, fn), nil
	}
	return CRS{}, fmt.Errorf("%s is not one Xuequ converts (lon/lat, Web Mercator, Gauss-Krüger/Transverse Mercator on CGCS2000, WGS 84, Xi'an 1980 or Beijing 1954)%s", what, reprojectHint)
}

// transverseMercatorFromWKT attaches the EPSG code of the Chinese
// Gauss-Krüger zone or WGS 84 UTM zone that has the same parameters.
func transverseMercatorFromWKT(name, datum string, ell Ellipsoid, cm, lat0, k0, fe, fn float64) CRS {
	if lat0 == 0 && k0 == 1 && fn == 0 {
		n := strings.ToLower(name)
		threeDegree := strings.Contains(normWKTName(n), "3degree") || strings.Contains(n, "3度") ||
			math.Mod(cm+3, 6) != 0
		if code := gkCode(datum, cm, fe, threeDegree); code != 0 {
			c, _ := CRSFromEPSG(code)
			return c
		}
	}
	zone := (cm + 183) / 6
	if datum == "" && lat0 == 0 && k0 == 0.9996 && fe == 500000 && (fn == 0 || fn == 1e7) &&
		zone == math.Trunc(zone) && zone >= 1 && zone <= 60 && !strings.Contains(normWKTName(name), "2000") {
		return utm(int(zone), fn == 1e7)
	}
	return transverseMercator(0, fmt.Sprintf("%s (Transverse Mercator, CM %gE, k %g, FE %g m, FN %g m)", name, cm, k0, fe, fn),
		datum, ell, cm, lat0, k0, fe, fn)
}
