package export

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/geo/gpkg"
)

// outSRS is the CRS a layer is written in.
type outSRS struct {
	srs gpkg.SRS
	crs geo.CRS
}

// layerSRS checks that code (0 = 4326) is a CRS format can be written in.
func layerSRS(code int, format Format) (outSRS, error) {
	if code == 0 || code == 4326 {
		return outSRS{srs: gpkg.WGS84, crs: geo.LonLat}, nil
	}
	if format == FormatGeoJSON || format == FormatKML {
		return outSRS{}, fmt.Errorf("GeoJSON and KML are always in lon/lat (EPSG:4326); write a .gpkg or .shp for EPSG:%d", code)
	}
	s, ok := gpkg.KnownSRS(int32(code))
	c, err := geo.CRSFromEPSG(code)
	if !ok || err != nil || code == 3857 || code <= 0 {
		return outSRS{}, fmt.Errorf("EPSG:%d is not offered for layers: use EPSG:4326, EPSG:4490 (CGCS2000) or a CGCS2000 3-degree Gauss-Krüger zone (EPSG:4513–4554)", code)
	}
	return outSRS{srs: s, crs: c}, nil
}

// project returns l with its geometries in o (l itself for lon/lat).
func project(l *Layer, o outSRS) *Layer {
	if o.crs.IsLonLat() {
		return l
	}
	out := *l
	out.Features = make([]Feature, len(l.Features))
	for i, f := range l.Features {
		if f.Geometry != nil {
			f.Geometry = o.crs.GeometryFromLonLat(orb.Clone(f.Geometry))
		}
		out.Features[i] = f
	}
	return &out
}

// prj is the .prj text of o: ESRI's WKT for lon/lat WGS 84, else the OGC
// WKT with its EPSG authority (GDAL, QGIS and ArcGIS read both).
func (o outSRS) prj() string {
	if o.srs.ID == 4326 {
		return prjWGS84
	}
	return o.srs.Definition
}

// CheckCRS reports whether layers of format f can be written in EPSG code
// (0 = 4326), with the reason in English when not.
func CheckCRS(code int, f Format) error {
	_, err := layerSRS(code, f)
	return err
}
