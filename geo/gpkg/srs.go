package gpkg

import "fmt"

// SRS is one row of gpkg_spatial_ref_sys. Definition is OGC WKT (version 1,
// as GDAL writes it) or "undefined".
type SRS struct {
	Name          string
	ID            int32
	Organization  string
	OrgCoordSysID int32
	Definition    string
	Description   string
}

const wktCGCS2000 = `GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]]`

const wktWGS84 = `GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]`

// The rows every GeoPackage must have (GPKG 1.3 Req 11), plus common CRSs.
var (
	// WGS84 is EPSG:4326, lon/lat degrees (GeoPackage stores x = longitude).
	WGS84 = SRS{Name: "WGS 84 geodetic", ID: 4326, Organization: "EPSG", OrgCoordSysID: 4326,
		Definition: wktWGS84, Description: "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"}
	// UndefinedCartesian (-1) and UndefinedGeographic (0) are mandatory.
	UndefinedCartesian = SRS{Name: "Undefined cartesian SRS", ID: -1, Organization: "NONE", OrgCoordSysID: -1,
		Definition: "undefined", Description: "undefined cartesian coordinate reference system"}
	UndefinedGeographic = SRS{Name: "Undefined geographic SRS", ID: 0, Organization: "NONE", OrgCoordSysID: 0,
		Definition: "undefined", Description: "undefined geographic coordinate reference system"}
	// CGCS2000 is EPSG:4490, the Chinese national geodetic system (lon/lat
	// degrees; within about a metre of WGS 84).
	CGCS2000 = SRS{Name: "China Geodetic Coordinate System 2000", ID: 4490, Organization: "EPSG", OrgCoordSysID: 4490,
		Definition: wktCGCS2000, Description: "CGCS2000 longitude/latitude in decimal degrees"}
	// WebMercator is EPSG:3857 (metres).
	WebMercator = SRS{Name: "WGS 84 / Pseudo-Mercator", ID: 3857, Organization: "EPSG", OrgCoordSysID: 3857,
		Definition:  `PROJCS["WGS 84 / Pseudo-Mercator",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]],PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0],PARAMETER["scale_factor",1],PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],EXTENSION["PROJ4","+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs"],AUTHORITY["EPSG","3857"]]`,
		Description: "Web Mercator in metres"}
)

// KnownSRS returns the definition of an SRS this package knows: 4326, 4490,
// 3857, -1, 0 and the CGCS2000 3-degree Gauss-Krüger zones EPSG:4513–4533
// (with zone prefix in the easting) and EPSG:4534–4554 (without).
func KnownSRS(id int32) (SRS, bool) {
	switch id {
	case 4326:
		return WGS84, true
	case -1:
		return UndefinedCartesian, true
	case 0:
		return UndefinedGeographic, true
	case 4490:
		return CGCS2000, true
	case 3857:
		return WebMercator, true
	}
	switch {
	case id >= 4513 && id <= 4533:
		zone := int(id-4513) + 25
		return gaussKruger(id, fmt.Sprintf("zone %d", zone), 3*zone, float64(zone)*1e6+500000), true
	case id >= 4534 && id <= 4554:
		cm := 75 + 3*int(id-4534)
		return gaussKruger(id, fmt.Sprintf("CM %dE", cm), cm, 500000), true
	}
	return SRS{}, false
}

func gaussKruger(id int32, suffix string, centralMeridian int, falseEasting float64) SRS {
	name := "CGCS2000 / 3-degree Gauss-Kruger " + suffix
	return SRS{
		Name: name, ID: id, Organization: "EPSG", OrgCoordSysID: id,
		Definition: fmt.Sprintf(`PROJCS[%q,%s,PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",%d],PARAMETER["scale_factor",1],PARAMETER["false_easting",%.0f],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Northing",NORTH],AXIS["Easting",EAST],AUTHORITY["EPSG","%d"]]`,
			name, wktCGCS2000, centralMeridian, falseEasting, id),
		Description: "CGCS2000 Gauss-Krüger projection in metres (northing, easting)",
	}
}
