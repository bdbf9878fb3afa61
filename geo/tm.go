package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Ellipsoid is a reference ellipsoid: semi-major axis A in metres and
// flattening F.
type Ellipsoid struct{ A, F float64 }

// CGCS2000Ellipsoid is the CGCS2000 ellipsoid (a = 6378137 m,
// 1/f = 298.257222101, the same as GRS80; WGS-84's 1/f = 298.257223563
// differs by 0.1 mm in the semi-minor axis).
var CGCS2000Ellipsoid = Ellipsoid{A: 6378137, F: 1 / 298.257222101}

// WGS84Ellipsoid is the WGS-84 ellipsoid (a = 6378137 m, 1/f = 298.257223563).
var WGS84Ellipsoid = Ellipsoid{A: 6378137, F: 1 / 298.257223563}

// Krassowsky1940 is the ellipsoid of Beijing 1954 (a = 6378245 m, 1/f = 298.3).
var Krassowsky1940 = Ellipsoid{A: 6378245, F: 1 / 298.3}

// IAG1975 is the ellipsoid of Xi'an 1980 (a = 6378140 m, 1/f = 298.257).
var IAG1975 = Ellipsoid{A: 6378140, F: 1 / 298.257}

// TransverseMercator is an ellipsoidal Transverse Mercator (Gauss-Krüger)
// projection, computed with Krüger's series to sixth order in the third
// flattening n (Karney 2011, "Transverse Mercator with an accuracy of a few
// nanometers"): better than a millimetre within 4000 km of the central
// meridian, far more than a 3° or 6° zone needs.
//
// Why hand-written: the only pure-Go library on the module proxy
// (wroge/wgs84 v1) uses the shorter USGS series; the Krüger form is short
// and is checked here against the EPSG guidance-note example.
type TransverseMercator struct {
	CentralMeridian float64 // λ0, degrees
	LatitudeOrigin  float64 // φ0, degrees
	Scale           float64 // k0 on the central meridian
	FalseEasting    float64 // metres
	FalseNorthing   float64 // metres

	e, a, m0    float64 // eccentricity, rectifying radius A, k0 × meridian arc to φ0 (metres)
	alpha, beta [7]float64
	k0a         float64
}

// NewTransverseMercator returns a ready-to-use projection.
func NewTransverseMercator(ell Ellipsoid, lon0, lat0, k0, fe, fn float64) *TransverseMercator {
	tm := &TransverseMercator{CentralMeridian: lon0, LatitudeOrigin: lat0, Scale: k0, FalseEasting: fe, FalseNorthing: fn}
	f := ell.F
	n := f / (2 - f)
	n2, n3 := n*n, n*n*n
	n4, n5, n6 := n2*n2, n2*n3, n3*n3
	tm.e = math.Sqrt(f * (2 - f))
	tm.a = ell.A / (1 + n) * (1 + n2/4 + n4/64 + n6/256)
	tm.alpha = [7]float64{0,
		n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800,
		13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360,
		61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440,
		49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600,
		34729*n5/80640 - 3418889*n6/1995840,
		212378941 * n6 / 319334400,
	}
	tm.beta = [7]float64{0,
		n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
		n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
		17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
		4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
		4583*n5/161280 - 108847*n6/3991680,
		20648693 * n6 / 638668800,
	}
	tm.k0a = k0 * tm.a
	// Meridian arc from the equator to the latitude of origin.
	xi, _ := tm.forwardXiEta(lat0*math.Pi/180, 0)
	tm.m0 = tm.k0a * xi
	return tm
}

// forwardXiEta maps geodetic latitude φ and longitude difference λ (radians)
// to the normalised TM coordinates ξ (northing) and η (easting).
func (tm *TransverseMercator) forwardXiEta(phi, lam float64) (xi, eta float64) {
	sinPhi := math.Sin(phi)
	t := math.Sinh(math.Atanh(sinPhi) - tm.e*math.Atanh(tm.e*sinPhi))
	xiP := math.Atan2(t, math.Cos(lam))
	etaP := math.Atanh(math.Sin(lam) / math.Sqrt(1+t*t))
	xi, eta = xiP, etaP
	for j := 1; j <= 6; j++ {
		fj := 2 * float64(j)
		xi += tm.alpha[j] * math.Sin(fj*xiP) * math.Cosh(fj*etaP)
		eta += tm.alpha[j] * math.Cos(fj*xiP) * math.Sinh(fj*etaP)
	}
	return xi, eta
}

// FromLonLat projects lon/lat degrees to easting/northing metres.
func (tm *TransverseMercator) FromLonLat(p orb.Point) orb.Point {
	lam := (p[0] - tm.CentralMeridian) * math.Pi / 180
	phi := p[1] * math.Pi / 180
	xi, eta := tm.forwardXiEta(phi, lam)
	return orb.Point{tm.FalseEasting + tm.k0a*eta, tm.FalseNorthing + tm.k0a*xi - tm.m0}
}

// ToLonLat inverts FromLonLat: easting/northing metres to lon/lat degrees.
func (tm *TransverseMercator) ToLonLat(p orb.Point) orb.Point {
	xi := (p[1] - tm.FalseNorthing + tm.m0) / tm.k0a
	eta := (p[0] - tm.FalseEasting) / tm.k0a
	xiP, etaP := xi, eta
	for j := 1; j <= 6; j++ {
		fj := 2 * float64(j)
		xiP -= tm.beta[j] * math.Sin(fj*xi) * math.Cosh(fj*eta)
		etaP -= tm.beta[j] * math.Cos(fj*xi) * math.Sinh(fj*eta)
	}
	lam := math.Atan2(math.Sinh(etaP), math.Cos(xiP))
	// τ' = tan of the conformal latitude; solve for τ = tan φ by Newton's
	// method (Karney 2011, eq. 19–21): two or three steps reach 1e-15.
	tauP := math.Sin(xiP) / math.Sqrt(math.Sinh(etaP)*math.Sinh(etaP)+math.Cos(xiP)*math.Cos(xiP))
	tau := tauP
	e2 := tm.e * tm.e
	for i := 0; i < 8; i++ {
		s := math.Sqrt(1 + tau*tau)
		sigma := math.Sinh(tm.e * math.Atanh(tm.e*tau/s))
		tauI := tau*math.Sqrt(1+sigma*sigma) - sigma*s
		d := (tauP - tauI) / math.Sqrt(1+tauI*tauI) * (1 + (1-e2)*tau*tau) / ((1 - e2) * s)
		tau += d
		if math.Abs(d) < 1e-14 {
			break
		}
	}
	return orb.Point{tm.CentralMeridian + lam*180/math.Pi, math.Atan(tau) * 180 / math.Pi}
}
