// Package store reads and writes Xuequ project files: GeoPackage 1.3 files
// (extension .xuequ.gpkg) made with geo/gpkg, so that GDAL and QGIS open
// them too (layers schools and zones, EPSG:4326 lon/lat degrees).
//
// Save always writes a complete new file next to the target and renames it
// into place, so the target is at every moment either the old project or
// the new one. Open reads a file read-only and treats it as untrusted: no
// trigger or view in it runs, and damage gives a *model.InputError naming
// the file and what to do, never a panic.
package store
