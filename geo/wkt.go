package geo

import "fmt"

// CRSFromWKT reads a coordinate system written as WKT — a Shapefile .prj
// (ESRI WKT1), a GeoPackage srs definition (OGC WKT1/WKT2) — into one of
// the CRSs Xuequ transforms. (Placeholder until the WKT reader lands.)
func CRSFromWKT(wkt string) (CRS, error) {
	return CRS{}, fmt.Errorf("WKT coordinate systems are not read yet")
}
