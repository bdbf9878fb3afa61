package geo

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// WKT texts as PROJ 9 writes them (projinfo -o WKT1_ESRI / WKT1_GDAL /
// WKT2_2019), i.e. as ArcGIS .prj files, GDAL .prj and GeoPackage srs hold them.
const (
	wktESRICGCS2000Zone38  = `PROJCS["CGCS2000_3_Degree_GK_Zone_38",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",38500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
	wktESRIXian80CM114     = `PROJCS["Xian_1980_3_Degree_GK_CM_114E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
	wktGDALBeijing54Zone43 = `PROJCS["Beijing 1954 / 3-degree Gauss-Kruger zone 43",
    GEOGCS["Beijing 1954",
        DATUM["Beijing_1954",
            SPHEROID["Krassowsky 1940",6378245,298.3,
                AUTHORITY["EPSG","7024"]],
            AUTHORITY["EPSG","6214"]],
        PRIMEM["Greenwich",0,
            AUTHORITY["EPSG","8901"]],
        UNIT["degree",0.0174532925199433,
            AUTHORITY["EPSG","9122"]],
        AUTHORITY["EPSG","4214"]],
    PROJECTION["Transverse_Mercator"],
    PARAMETER["latitude_of_origin",0],
    PARAMETER["central_meridian",129],
    PARAMETER["scale_factor",1],
    PARAMETER["false_easting",43500000],
    PARAMETER["false_northing",0],
    UNIT["metre",1,
        AUTHORITY["EPSG","9001"]],
    AUTHORITY["EPSG","2419"]]`
	wkt2Xian80CM117    = `PROJCRS["Xian 1980 / 3-degree Gauss-Kruger CM 117E",BASEGEOGCRS["Xian 1980",DATUM["Xian 1980",ELLIPSOID["IAG 1975",6378140,298.257,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4610]],CONVERSION["Gauss-Kruger CM 117E",METHOD["Transverse Mercator",ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8801]],PARAMETER["Longitude of natural origin",117,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8802]],PARAMETER["Scale factor at natural origin",1,SCALEUNIT["unity",1],ID["EPSG",8805]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1],ID["EPSG",8806]],PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],CS[Cartesian,2],AXIS["northing (X)",north,ORDER[1],LENGTHUNIT["metre",1]],AXIS["easting (Y)",east,ORDER[2],LENGTHUNIT["metre",1]],USAGE[SCOPE["Cadastre."],AREA["China - onshore between 115°30'E and 118°30'E."],BBOX[22.6,115.5,49.88,118.5]],ID["EPSG",2384]]`
	wktESRIWebMercator = `PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]`
	wktGDALWebMercator = `PROJCS["WGS 84 / Pseudo-Mercator",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]],PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0],PARAMETER["scale_factor",1],PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],EXTENSION["PROJ4","+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs"],AUTHORITY["EPSG","3857"]]`
	wkt2WebMercator    = `PROJCRS["WGS 84 / Pseudo-Mercator",BASEGEOGCRS["WGS 84",ENSEMBLE["World Geodetic System 1984 ensemble",MEMBER["World Geodetic System 1984 (Transit)"],MEMBER["World Geodetic System 1984 (G2139)"],ELLIPSOID["WGS 84",6378137,298.257223563,LENGTHUNIT["metre",1]],ENSEMBLEACCURACY[2.0]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4326]],CONVERSION["Popular Visualisation Pseudo-Mercator",METHOD["Popular Visualisation Pseudo Mercator",ID["EPSG",1024]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8801]],PARAMETER["Longitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8802]],PARAMETER["False easting",0,LENGTHUNIT["metre",1],ID["EPSG",8806]],PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],CS[Cartesian,2],AXIS["easting (X)",east,ORDER[1],LENGTHUNIT["metre",1]],AXIS["northing (Y)",north,ORDER[2],LENGTHUNIT["metre",1]],ID["EPSG",3857]]`
	wktESRIUTM50N      = `PROJCS["WGS_1984_UTM_Zone_50N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
	wktESRICGCS2000    = `GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`
	wktESRIWGS84       = `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`
	wkt2CGCS2000       = `GEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],CS[ellipsoidal,2],AXIS["geodetic latitude (Lat)",north,ORDER[1],ANGLEUNIT["degree",0.0174532925199433]],AXIS["geodetic longitude (Lon)",east,ORDER[2],ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4490]]`
	wktESRIBeijing54   = `GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`
	wktESRILambert     = `PROJCS["RGF_1993_Lambert_93",GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",700000.0],PARAMETER["False_Northing",6600000.0],PARAMETER["Central_Meridian",3.0],PARAMETER["Standard_Parallel_1",49.0],PARAMETER["Standard_Parallel_2",44.0],PARAMETER["Latitude_Of_Origin",46.5],UNIT["Meter",1.0]]`
)

func TestCRSFromWKT(t *testing.T) {
	cases := []struct {
		name, wkt string
		epsg      int
		datum     string
	}{
		{"ESRI CGCS2000 GK zone 38", wktESRICGCS2000Zone38, 4526, ""},
		{"ESRI Xian 1980 GK CM 114E", wktESRIXian80CM114, 2383, DatumXian1980},
		{"GDAL Beijing 1954 GK zone 43", wktGDALBeijing54Zone43, 2419, DatumBeijing1954},
		{"WKT2 Xian 1980 CM 117E", wkt2Xian80CM117, 2384, DatumXian1980},
		{"ESRI Web Mercator", wktESRIWebMercator, 3857, ""},
		{"GDAL Web Mercator", wktGDALWebMercator, 3857, ""},
		{"WKT2 Web Mercator", wkt2WebMercator, 3857, ""},
		{"ESRI UTM 50N", wktESRIUTM50N, 32650, ""},
		{"ESRI CGCS2000", wktESRICGCS2000, 4490, ""},
		{"WKT2 CGCS2000", wkt2CGCS2000, 4490, ""},
		{"ESRI WGS 84", wktESRIWGS84, 4326, ""},
		{"ESRI Beijing 1954", wktESRIBeijing54, 4214, DatumBeijing1954},
		{"CGCS2000 GK CM 117E (6-degree name)", strings.NewReplacer("3_Degree_GK_Zone_38", "GK_CM_117E", "38500000.0", "500000.0", "114.0", "117.0").Replace(wktESRICGCS2000Zone38), 4509, ""},
		{"CGCS2000 GK CM 117E (3-degree name)", strings.NewReplacer("Zone_38", "CM_117E", "38500000.0", "500000.0", "114.0", "117.0").Replace(wktESRICGCS2000Zone38), 4548, ""},
		{"compound", `COMPD_CS["x",` + wktESRICGCS2000Zone38 + `,VERT_CS["h",VERT_DATUM["d",2005]]]`, 4526, ""},
	}
	for _, c := range cases {
		crs, err := CRSFromWKT(c.wkt)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if crs.EPSG != c.epsg || crs.Datum != c.datum || crs.Name == "" {
			t.Errorf("%s: got EPSG:%d datum %q name %q, want EPSG:%d datum %q", c.name, crs.EPSG, crs.Datum, crs.Name, c.epsg, c.datum)
		}
		if (c.datum != "") != (crs.DatumNote() != "") {
			t.Errorf("%s: DatumNote %q", c.name, crs.DatumNote())
		}
	}
}

// A Transverse Mercator with no EPSG twin keeps its own parameters.
func TestCRSFromWKTCustomTM(t *testing.T) {
	wkt := strings.NewReplacer("CGCS2000_3_Degree_GK_Zone_38", "Local_Grid", "38500000.0", "40000.0", "PARAMETER[\"False_Northing\",0.0]", "PARAMETER[\"False_Northing\",-3000000.0]", "114.0", "113.75").Replace(wktESRICGCS2000Zone38)
	c, err := CRSFromWKT(wkt)
	if err != nil {
		t.Fatal(err)
	}
	if c.EPSG != 0 || !strings.Contains(c.String(), "Local_Grid") {
		t.Fatalf("got %d %q", c.EPSG, c.String())
	}
	p := c.FromLonLat(orb.Point{113.75, 30})
	ref, _ := CRSFromEPSG(4547)
	q := ref.FromLonLat(orb.Point{114, 30})
	if math.Abs(p[0]-40000) > 1e-6 || math.Abs(p[1]-(q[1]-3e6)) > 1e-6 {
		t.Fatalf("got %v, want 40000 %v", p, q[1]-3e6)
	}
}

func TestCRSFromWKTRefused(t *testing.T) {
	cases := map[string][]string{
		wktESRILambert: {"RGF_1993_Lambert_93", "Lambert_Conformal_Conic", "EPSG:4490", "--crs"},
		strings.Replace(wktESRICGCS2000Zone38, `SPHEROID["CGCS2000",6378137.0,298.257222101]`, `SPHEROID["Clarke_1866",6378206.4,294.9786982]`, 1): {"CGCS2000_3_Degree_GK_Zone_38", "Clarke_1866", "--crs"},
		strings.Replace(wktESRICGCS2000Zone38, `UNIT["Meter",1.0]`, `UNIT["Foot_US",0.3048006096012192]`, 1):                                       {"Foot_US", "metres"},
		`PROJCS["x",GEOGCS[`:            {"not closed"},
		`hello`:                         {"WKT"},
		`LOCAL_CS["x",UNIT["m",1]]`:     {"LOCAL_CS"},
		strings.Repeat("A[", 100) + "1": {"nested too deeply"},
	}
	for wkt, wants := range cases {
		_, err := CRSFromWKT(wkt)
		if err == nil {
			t.Errorf("%.60s: want an error", wkt)
			continue
		}
		for _, w := range wants {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%.60s: error %q does not say %q", wkt, err, w)
			}
		}
	}
}

// Reference values from PROJ 9 (proj +proj=tmerc … with each code's
// parameters from projinfo): lon 113.85, lat 31.02 on the code's own datum.
func TestCRSFromEPSGZonesAgainstPROJ(t *testing.T) {
	cases := []struct {
		code  int
		e, n  float64
		datum string
	}{
		{2383, 485677.3369, 3433202.9778, DatumXian1980},
		{2365, 40624567.0812, 3469408.7405, DatumXian1980},
		{2418, 41335753.3214, 3497469.0944, DatumBeijing1954},
		{21419, 19772187.9103, 3436743.1136, DatumBeijing1954},
		{32650, 199273.1439, 3436081.2366, ""},
		{32750, 199273.1439, 13436081.2366, ""},
		{4526, 38485677.3436, 3433201.3778, ""},
	}
	for _, c := range cases {
		crs, err := CRSFromEPSG(c.code)
		if err != nil {
			t.Errorf("EPSG:%d: %v", c.code, err)
			continue
		}
		p := crs.FromLonLat(orb.Point{113.85, 31.02})
		if math.Abs(p[0]-c.e) > 1e-3 || math.Abs(p[1]-c.n) > 1e-3 || crs.Datum != c.datum {
			t.Errorf("EPSG:%d (%s): got %.4f %.4f datum %q, want %.4f %.4f %q", c.code, crs.Name, p[0], p[1], crs.Datum, c.e, c.n, c.datum)
		}
		back := crs.ToLonLat(p)
		if math.Abs(back[0]-113.85) > 1e-9 || math.Abs(back[1]-31.02) > 1e-9 {
			t.Errorf("EPSG:%d: inverse %v", c.code, back)
		}
	}
	for _, code := range []int{2326, 2391, 21412, 21424, 21452, 21464, 32600, 32661, 3395} {
		if _, err := CRSFromEPSG(code); err == nil {
			t.Errorf("EPSG:%d: want an error", code)
		}
	}
}

// Every code of every series parses back to itself from its parameters.
func TestGKCodeRoundTrip(t *testing.T) {
	for _, s := range gkSeriesTable {
		for code := s.first; code <= s.last; code++ {
			cm, fe := s.params(code)
			if got := gkCode(s.datum, cm, fe, s.width == 3); got != code {
				t.Errorf("EPSG:%d (cm %v fe %v): gkCode gives %d", code, cm, fe, got)
			}
		}
	}
}

// FuzzCRSFromWKT: any text gives a CRS or an error, never a panic; a CRS
// it gives converts points without panicking.
func FuzzCRSFromWKT(f *testing.F) {
	for _, s := range []string{wktESRICGCS2000Zone38, wktESRIXian80CM114, wktGDALBeijing54Zone43, wkt2Xian80CM117,
		wktESRIWebMercator, wktGDALWebMercator, wkt2WebMercator, wktESRIUTM50N, wktESRICGCS2000, wkt2CGCS2000,
		wktESRIBeijing54, wktESRILambert, `COMPD_CS["x",` + wktESRIUTM50N + `]`, `BOUNDCRS[SOURCECRS[` + wkt2CGCS2000 + `]]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, wkt string) {
		c, err := CRSFromWKT(wkt)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		c.ToLonLat(c.FromLonLat(orb.Point{114, 30}))
		_ = c.String()
	})
}
