package store

import (
	"database/sql"
	"fmt"
	"github.com/xuequ/xuequ/model"
	"strings"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/geo/gpkg"
)

// layerSRS is the spatial reference system of a layer in a project file:
// its gpkg_spatial_ref_sys row and the CRS that converts its coordinates
// to and from lon/lat degrees.
type layerSRS struct {
	srs gpkg.SRS
	crs geo.CRS
}

// isWGS84 reports whether s is the project default, EPSG:4326 (the zero
// SRS counts as that).
func isWGS84(s gpkg.SRS) bool { return s.Definition == "" || s.ID == 4326 }

// crsOf returns the CRS of the gpkg_spatial_ref_sys row s: by its EPSG
// code (organization EPSG), else by its WKT definition. Lon/lat systems
// (EPSG:4326, 4490 CGCS2000), the CGCS2000 Gauss-Krüger zones
// (EPSG:4491–4554), Web Mercator and UTM are supported; Beijing 1954 and
// Xi'an 1980 are refused, as their coordinates would be off by up to
// 100 m without a datum shift.
func crsOf(s gpkg.SRS) (geo.CRS, error) {
	if isWGS84(s) {
		return geo.LonLat, nil
	}
	var c geo.CRS
	var err error
	if strings.EqualFold(s.Organization, "EPSG") {
		c, err = geo.CRSFromEPSG(int(s.OrgCoordSysID))
	} else {
		c, err = geo.CRSFromWKT(s.Definition)
	}
	if err != nil {
		return c, err
	}
	if c.Datum != "" {
		return c, fmt.Errorf("%s (%s) is on the %s datum, which has no public shift to CGCS2000", s.Name, c, c.Datum)
	}
	return c, nil
}

// layerSRS reads the SRS of layer's geometry column. A file without a
// gpkg_geometry_columns row for the layer is read as EPSG:4326.
func (r *reader) layerSRS(layer string) (layerSRS, error) {
	for _, t := range []struct {
		name string
		cols []string
	}{
		{"gpkg_geometry_columns", []string{"table_name", "srs_id"}},
		{"gpkg_spatial_ref_sys", []string{"srs_id", "srs_name", "organization", "organization_coordsys_id", "definition", "description"}},
	} {
		if err := gpkg.CheckPlainTable(r.ctx, r.q, t.name, t.cols...); err != nil { // a view would run the file's SQL
			return layerSRS{}, model.Inputf(r.path, "store.damaged_gpkg", "{{.Err}}: the file is damaged or not a GeoPackage; {{.Restore}}", map[string]any{"Err": err.Error(), "Restore": restoreMsg})
		}
	}
	var s gpkg.SRS
	var desc sql.NullString
	err := r.q.QueryRowContext(r.ctx, `SELECT s.srs_id, coalesce(s.srs_name, ''), coalesce(s.organization, ''),
		coalesce(s.organization_coordsys_id, 0), coalesce(s.definition, ''), s.description
		FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
		WHERE lower(g.table_name) = lower(?)`, layer).Scan(&s.ID, &s.Name, &s.Organization, &s.OrgCoordSysID, &s.Definition, &desc)
	if err == sql.ErrNoRows {
		return layerSRS{srs: gpkg.WGS84, crs: geo.LonLat}, nil
	}
	if err != nil {
		return layerSRS{}, model.Inputf(r.path, "store.read_srs", "cannot read the spatial reference system of layer {{.Layer}} ({{.Err}}): the file is damaged; {{.Restore}}", map[string]any{"Layer": layer, "Err": err.Error(), "Restore": restoreMsg})
	}
	s.Description = desc.String
	c, err := crsOf(s)
	if err != nil {
		return layerSRS{}, model.Inputf(r.path, "store.unknown_srs", "layer {{.Layer}} is in SRS {{.SRS}} ({{.Name}}), which Xuequ cannot read: {{.Err}}; reproject the layer to EPSG:4490 (CGCS2000) or EPSG:4326 in QGIS", map[string]any{"Layer": layer, "SRS": s.ID, "Name": s.Name, "Err": err.Error()})
	}
	return layerSRS{srs: s, crs: c}, nil
}

// toLonLat converts g (in place) from the layer's CRS to lon/lat degrees.
func (l layerSRS) toLonLat(g orb.Geometry) orb.Geometry {
	if l.crs.IsLonLat() {
		return g
	}
	return l.crs.GeometryToLonLat(g)
}

// fromLonLat returns a copy of g in the layer's CRS (g itself when that is
// lon/lat): the model's geometry is never changed.
func (l layerSRS) fromLonLat(g orb.Geometry) orb.Geometry {
	if l.crs.IsLonLat() || g == nil {
		return g
	}
	return l.crs.GeometryFromLonLat(orb.Clone(g))
}

// id is the srs_id geometries of the layer carry.
func (l layerSRS) id() int32 {
	if isWGS84(l.srs) {
		return 4326
	}
	return l.srs.ID
}
