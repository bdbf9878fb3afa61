// Package export writes Xuequ's layers for other offices (planning,
// natural resources, land): the zones with their catchment schools and
// the catchments dissolved per school and stage, as GeoPackage, Shapefile
// (.shp/.shx/.dbf/.prj/.cpg), GeoJSON or KML. GeoJSON and KML are in
// lon/lat degrees (EPSG:4326); Shapefile and GeoPackage too by default, or
// in CGCS2000 (EPSG:4490) or one of its 3° Gauss-Krüger zones, as their
// .prj / srs says (Options.EPSG).
//
// Shapefile field names are at most 10 bytes: each Field has a documented
// short name (see ZoneFields, CatchmentFields) that `xuequ import`
// recognises on re-import (geo/ingest/mapping.go).
package export

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/model"
)

// Kind is a field's value type.
type Kind int

const (
	Text Kind = iota
	Int
	Real
)

// Field is one attribute of a layer: Name in GeoPackage, GeoJSON and KML,
// Short (≤ 10 bytes) in a Shapefile's .dbf, Title in Chinese for
// gpkg_data_columns (QGIS shows it as the alias).
type Field struct {
	Name, Short, Title string
	Kind               Kind
}

// Feature is a geometry (lon/lat) with one value per field: string, int,
// float64 or nil (no value).
type Feature struct {
	Geometry orb.Geometry
	Label    string // KML placemark name
	Values   []any
}

// Layer is what the writers write.
type Layer struct {
	Name        string // table / layer name (ASCII)
	Title       string // human-readable (Chinese) name
	Description string
	Fields      []Field
	Features    []Feature
}

// Options tune the output.
type Options struct {
	// Encoding of a Shapefile's .dbf text: "UTF-8" (default) or "GBK";
	// written to the .cpg.
	Encoding string
	// EPSG is the CRS of a GeoPackage or Shapefile: 0 or 4326 (lon/lat,
	// the default), 4490 (CGCS2000 lon/lat) or a CGCS2000 3° Gauss-Krüger
	// zone (4513–4554). GeoJSON and KML are always lon/lat (EPSG:4326).
	EPSG int
}

// Format is an output format picked by file extension.
type Format int

const (
	FormatUnknown Format = iota
	FormatGPKG
	FormatShapefile
	FormatGeoJSON
	FormatKML
)

// FormatOf returns the format of path by its extension.
func FormatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".gpkg":
		return FormatGPKG
	case ".shp":
		return FormatShapefile
	case ".geojson", ".json":
		return FormatGeoJSON
	case ".kml":
		return FormatKML
	}
	return FormatUnknown
}

// ParseEncoding accepts UTF-8 and GBK (GB2312, GB18030 and CP936 write as
// GBK), case-insensitively.
func ParseEncoding(s string) (string, error) {
	switch strings.ToUpper(strings.ReplaceAll(s, "-", "")) {
	case "", "UTF8":
		return "UTF-8", nil
	case "GBK", "GB2312", "CP936", "936", "GB18030":
		return "GBK", nil
	}
	return "", fmt.Errorf("unknown encoding %q: use UTF-8 or GBK", s)
}

// Write writes l to path in the format its extension names. Every file is
// written to a temporary file next to it and renamed into place.
func Write(path string, l *Layer, opt Options) error {
	enc, err := ParseEncoding(opt.Encoding)
	if err != nil {
		return &model.InputError{File: path, Field: "--encoding", Msg: err.Error()}
	}
	opt.Encoding = enc
	format := FormatOf(path)
	srs, err := layerSRS(opt.EPSG, format)
	if err != nil {
		return &model.InputError{File: path, Field: "--crs", Msg: err.Error()}
	}
	switch format {
	case FormatGPKG:
		return writeGPKG(path, project(l, srs), srs)
	case FormatShapefile:
		return writeShapefile(path, project(l, srs), srs, opt)
	case FormatGeoJSON:
		return atomicFile(path, func(f *os.File) error { return writeGeoJSON(f, l) })
	case FormatKML:
		return atomicFile(path, func(f *os.File) error { return writeKML(f, l) })
	}
	return &model.InputError{File: path, Msg: "unknown output format: name the file .gpkg, .shp, .geojson or .kml"}
}

// atomicFile writes path through a temporary file in the same folder,
// synced and renamed into place: a failed write leaves path as it was.
func atomicFile(path string, fill func(f *os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return &model.InputError{File: path, Msg: fmt.Sprintf("cannot create the file: %v; check the folder exists and is writable", err)}
	}
	tmp := f.Name()
	err = fill(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	return nil
}
