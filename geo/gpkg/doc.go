// Package gpkg is a small GeoPackage 1.3 container on top of the pure-Go
// SQLite driver modernc.org/sqlite (driver name "sqlite").
//
// It writes what the OGC GeoPackage Encoding Standard 1.3 requires and GDAL,
// QGIS and ArcGIS expect: the application_id "GPKG" and user_version 10300,
// the gpkg_spatial_ref_sys, gpkg_contents, gpkg_geometry_columns and
// gpkg_extensions tables, feature tables whose geometries are GeoPackage
// binary blobs (a "GP" header with SRS id and envelope, then WKB), attribute
// tables, and the gpkg_rtree_index spatial index kept in sync by the standard
// triggers.
//
// Importing the package registers the SQL functions ST_IsEmpty, ST_MinX,
// ST_MaxX, ST_MinY, ST_MaxY and GPKG_IsAssignable on the "sqlite" driver, so
// the rtree triggers that GDAL and QGIS put in files work on every connection
// this program opens.
//
// Decode reads geometry blobs from untrusted files with bounded stack and
// memory: the limits on blob size, nesting, vertices and parts are stated
// once, in limits.go, and each violation is an error naming the limit.
//
// Coordinates are stored as given; the SRS id names their CRS (4326 =
// WGS 84 lon/lat in degrees, x = longitude, y = latitude).
package gpkg
