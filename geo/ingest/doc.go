// Package ingest reads the files county bureaus actually have — GeoJSON
// exported from ArcGIS/QGIS/web maps and CSV tables from Excel — into
// model types, repairing what can be repaired and saying so in a Report.
//
// Everything read ends up in lon/lat degrees (WGS-84/CGCS2000): projected
// files are detected (geo.DetectCRS) or declared ("crs" member, --crs) and
// reprojected; GCJ-02 offsets are removed on request. Text may be UTF-8
// (with or without BOM) or GBK/GB18030. A bad feature is skipped and
// reported; only a file that cannot be read at all is a fatal
// *model.InputError.
package ingest
