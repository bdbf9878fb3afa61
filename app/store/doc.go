// Package store reads and writes Xuequ project files: GeoPackage 1.3 files
// (extension .xuequ.gpkg) made with geo/gpkg, so that GDAL and QGIS open
// them too (layers schools and zones, in lon/lat degrees, EPSG:4326, or in
// the CRS a GIS colleague reprojected them to: EPSG:4490 or a CGCS2000
// Gauss-Krüger zone, see layersrs.go). A save carries over every table,
// layer, column, QGIS style and GeoPackage row Xuequ does not own
// (carry.go, columns.go) and writes default QGIS styles and Chinese field
// titles (styles.go).
//
// Save always writes a complete new file next to the target and renames it
// into place, so the target is at every moment either the old project or
// the new one. No SQLite journal or WAL of the old file survives next to
// the new one (see sidecar.go); a link is written through to its target,
// whose mode and group the new file keeps. Open reads a file read-only and treats it as untrusted: no
// trigger or view in it runs, and damage gives a *model.InputError naming
// the file and what to do, never a panic. It creates nothing next to the
// file: a WAL-mode file, or one with a journal or WAL beside it, is read
// from a private copy.
//
// Writers hold the project's lock (Lock, keyed by the resolved path) from
// before they read the target until after the rename; Save refuses a
// project another live Xuequ holds.
package store
