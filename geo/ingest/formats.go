package ingest

import (
	"fmt"
	"github.com/paulmach/orb"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/model"
)

// rawLayer is what a format reader hands over: the usable features, their
// geometry still in the file's own coordinates and already fitted to the
// layer (fitGeometry), and the CRS the file declares.
type rawLayer struct {
	features []feature
	total    int // features in the file, usable or not
	// crsName is the declared CRS as written (a GeoJSON "crs" name, a .prj
	// PROJCS name, "EPSG:4547"); "" when the file declares none.
	crsName string
	// crs is the declared CRS when the reader resolved it itself (.prj WKT,
	// GeoPackage srs); nil means: parse crsName, or detect from the
	// coordinates when crsName is "" too.
	crs      *geo.CRS
	encoding string // text encoding of the attributes (EncUTF8, EncGB18030 …)
}

// finishCollection turns a reader's features into a collection in lon/lat:
// property names in first-seen order, the CRS decided and applied.
func finishCollection(name string, raw *rawLayer, opt Options, rep *Report) (*collection, error) {
	c := &collection{file: name, features: raw.features, encoding: raw.encoding}
	seen := map[string]bool{}
	for _, f := range c.features {
		for _, p := range f.props {
			if !seen[p.key] {
				seen[p.key] = true
				c.names = append(c.names, p.key)
			}
		}
	}
	if len(c.features) == 0 {
		return nil, model.Inputf(name, "input.no_geometry", "none of the {{.N}} features has a usable geometry (see the report above)", map[string]any{"N": raw.total})
	}
	if err := c.toLonLat(raw, opt, rep); err != nil {
		return nil, err
	}
	c.dropOutOfRange(rep)
	if len(c.features) == 0 {
		return nil, model.Inputf(name, "input.no_lonlat", "no feature has coordinates within longitude −180…180 and latitude −90…90 once read; check the coordinate system (pass --crs)", nil)
	}
	return c, nil
}

// dropOutOfRange skips, with a report line each, the features with a
// vertex that is not finite or not a longitude/latitude once brought to
// lon/lat (lat 95 read as EPSG:4326, a 1e308 in Web Mercator): the
// coordinate system given or detected does not fit them.
func (c *collection) dropOutOfRange(rep *Report) {
	kept := c.features[:0]
	for _, f := range c.features {
		bad, at := false, orb.Point{}
		check := func(p orb.Point) {
			if !bad && !(finitePt(p) && p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90) {
				bad, at = true, p
			}
		}
		if p, ok := f.geom.(orb.Point); ok {
			check(p)
		} else {
			forEachPoint(f.geom, func(p *orb.Point) { check(*p) })
		}
		if !bad {
			kept = append(kept, f)
			continue
		}
		detail := fmt.Sprintf("(%.6g, %.6g)", at[0], at[1])
		rep.add(Issue{Severity: Warning, Code: CodeBadGeometry, File: c.file, Feature: f.index, ID: f.fid,
			Args:    map[string]any{"Case": "out-of-range", "Detail": detail},
			Message: "skipped: coordinate " + detail + " lies outside longitude −180…180 / latitude −90…90 once read; check the coordinate system (--crs)"})
	}
	c.features = kept
}

// Format is a kind of geographic file Xuequ reads, chosen by extension.
type Format string

const (
	FormatGeoJSON    Format = "geojson"
	FormatShapefile  Format = "shapefile" // .shp with .shx/.dbf/.prj/.cpg beside it, or a .zip of them
	FormatKML        Format = "kml"       // .kml, or .kmz (zipped KML)
	FormatGeoPackage Format = "gpkg"
)

// FormatOf tells the format of a path by its extension ("" = not a
// geographic format Xuequ reads).
func FormatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".geojson", ".json":
		return FormatGeoJSON
	case ".shp", ".zip", ".dbf":
		return FormatShapefile
	case ".kml", ".kmz":
		return FormatKML
	case ".gpkg":
		return FormatGeoPackage
	}
	return ""
}

// readLayerFile reads a geographic file of any supported format into a
// collection in lon/lat. GeoJSON may also come as bytes already read
// (data != nil); the other formats are read from path.
func readLayerFile(path string, data []byte, opt Options, want geomWant, rep *Report) (*collection, error) {
	var raw *rawLayer
	var err error
	switch FormatOf(path) {
	case FormatShapefile:
		raw, err = readShapefile(path, opt, want, rep)
	case FormatKML:
		raw, err = readKML(path, opt, want, rep)
	case FormatGeoPackage:
		raw, err = readGeoPackageLayer(path, opt, want, rep)
	default:
		if data == nil {
			if raw, err = streamGeoJSON(path, want, rep); err == nil {
				break
			}
			if data, err = os.ReadFile(path); err != nil {
				return nil, model.Inputf(path, "input.cannot_read", "cannot read the file: {{.Err}}", map[string]any{"Err": unwrapPathErr(err).Error()})
			}
		}
		raw, err = readGeoJSON(path, data, want, rep)
	}
	if err != nil {
		return nil, err
	}
	return finishCollection(path, raw, opt, rep)
}

// ListLayers names the layers of a geographic file: the feature tables of
// a GeoPackage, the Shapefiles in a .zip, the folders of a KML. A
// single-layer file lists its one layer; GeoJSON lists none. The import
// wizard offers them as --schools-layer/--zones-layer choices.
func ListLayers(path string) ([]string, error) {
	switch FormatOf(path) {
	case FormatShapefile:
		return shapefileLayers(path)
	case FormatKML:
		return kmlLayers(path)
	case FormatGeoPackage:
		return gpkgLayers(path)
	}
	return nil, nil
}
