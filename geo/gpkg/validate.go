package gpkg

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"strings"
)

// Validate checks the file at path against the essential requirements of
// GeoPackage 1.3, following GDAL's validate_gpkg.py: identification,
// required tables and columns, mandatory SRS rows, contents and geometry
// column registrations, every geometry blob (header, SRS, type, envelope
// within the contents extent) and every rtree index (triggers, one entry per
// non-empty geometry, boxes matching). It returns all problems found, joined.
func Validate(ctx context.Context, path string) error {
	d, err := Open(path)
	if err != nil {
		return err
	}
	defer d.Close()
	v := validator{q: d.db, ctx: ctx}
	v.run()
	return errors.Join(v.errs...)
}

type validator struct {
	q    Querier
	ctx  context.Context
	errs []error
}

func (v *validator) fail(format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf(format, args...))
}

func (v *validator) run() {
	var appID, userVersion int64
	_ = v.q.QueryRowContext(v.ctx, "PRAGMA application_id").Scan(&appID)
	_ = v.q.QueryRowContext(v.ctx, "PRAGMA user_version").Scan(&userVersion)
	if appID != ApplicationID {
		v.fail("application_id is 0x%08X, want 0x%08X (GPKG)", appID, ApplicationID)
	}
	if userVersion < 10200 || userVersion >= 10500 {
		v.fail("user_version is %d, want 10200…10499 (1.3 writes 10300)", userVersion)
	}
	var integrity string
	if err := v.q.QueryRowContext(v.ctx, "PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		v.fail("integrity_check: %q %v", integrity, err)
	}
	required := map[string][]string{
		"gpkg_spatial_ref_sys": {"srs_name", "srs_id", "organization", "organization_coordsys_id", "definition", "description"},
		"gpkg_contents":        {"table_name", "data_type", "identifier", "description", "last_change", "min_x", "min_y", "max_x", "max_y", "srs_id"},
	}
	for t, cols := range required {
		if err := CheckPlainTable(v.ctx, v.q, t, cols...); err != nil {
			v.fail("%v", err)
			return
		}
	}
	v.checkSRS()
	contents, err := Contents(v.ctx, v.q)
	if err != nil {
		v.fail("read gpkg_contents: %v", err)
		return
	}
	var features bool
	for _, c := range contents {
		if err := CheckPlainTable(v.ctx, v.q, c.TableName); err != nil {
			v.fail("gpkg_contents row %q: %v", c.TableName, err)
		}
		if c.SRSID.Valid && !v.srsExists(c.SRSID.Int64) {
			v.fail("gpkg_contents row %q: srs_id %d is not in gpkg_spatial_ref_sys", c.TableName, c.SRSID.Int64)
		}
		if !strings.HasSuffix(c.LastChange, "Z") || len(c.LastChange) < 20 {
			v.fail("gpkg_contents row %q: last_change %q is not an ISO 8601 UTC time", c.TableName, c.LastChange)
		}
		switch c.DataType {
		case "features":
			features = true
		case "attributes", "tiles", "2d-gridded-coverage":
		default:
			v.fail("gpkg_contents row %q: unknown data_type %q", c.TableName, c.DataType)
		}
	}
	if !features {
		return
	}
	if err := CheckPlainTable(v.ctx, v.q, "gpkg_geometry_columns",
		"table_name", "column_name", "geometry_type_name", "srs_id", "z", "m"); err != nil {
		v.fail("%v", err)
		return
	}
	cols, err := GeometryColumns(v.ctx, v.q)
	if err != nil {
		v.fail("read gpkg_geometry_columns: %v", err)
		return
	}
	byTable := map[string]Content{}
	for _, c := range contents {
		byTable[c.TableName] = c
	}
	for _, c := range contents {
		if c.DataType != "features" {
			continue
		}
		found := false
		for _, gc := range cols {
			found = found || gc.TableName == c.TableName
		}
		if !found {
			v.fail("feature table %q has no gpkg_geometry_columns row", c.TableName)
		}
	}
	for _, gc := range cols {
		c, ok := byTable[gc.TableName]
		if !ok || c.DataType != "features" {
			v.fail("gpkg_geometry_columns row %q is not a features row of gpkg_contents", gc.TableName)
			continue
		}
		v.checkFeatureTable(gc, c)
	}
	v.checkExtensions()
}

func (v *validator) srsExists(id int64) bool {
	var n int
	_ = v.q.QueryRowContext(v.ctx, "SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id = ?", id).Scan(&n)
	return n == 1
}

func (v *validator) checkSRS() {
	for _, want := range []SRS{UndefinedCartesian, UndefinedGeographic, WGS84} {
		var org string
		var orgID int64
		err := v.q.QueryRowContext(v.ctx, "SELECT lower(organization), organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?", want.ID).Scan(&org, &orgID)
		if err != nil {
			v.fail("gpkg_spatial_ref_sys: mandatory srs_id %d missing: %v", want.ID, err)
			continue
		}
		if org != strings.ToLower(want.Organization) || orgID != int64(want.OrgCoordSysID) {
			v.fail("gpkg_spatial_ref_sys: srs_id %d is %s:%d, want %s:%d", want.ID, org, orgID, want.Organization, want.OrgCoordSysID)
		}
	}
}

var geometryTypes = map[string]bool{"GEOMETRY": true, "POINT": true, "LINESTRING": true, "POLYGON": true,
	"MULTIPOINT": true, "MULTILINESTRING": true, "MULTIPOLYGON": true, "GEOMETRYCOLLECTION": true,
	"GEOMCOLLECTION": true, "CIRCULARSTRING": true, "COMPOUNDCURVE": true, "CURVEPOLYGON": true,
	"MULTICURVE": true, "MULTISURFACE": true, "CURVE": true, "SURFACE": true}

func (v *validator) checkFeatureTable(gc GeometryColumn, c Content) {
	name := gc.TableName
	if !geometryTypes[strings.ToUpper(gc.GeometryType)] {
		v.fail("%s: geometry_type_name %q is not a GeoPackage geometry type", name, gc.GeometryType)
	}
	if gc.Z < 0 || gc.Z > 2 || gc.M < 0 || gc.M > 2 {
		v.fail("%s: z=%d m=%d must be 0, 1 or 2", name, gc.Z, gc.M)
	}
	if !v.srsExists(int64(gc.SRSID)) {
		v.fail("%s: srs_id %d is not in gpkg_spatial_ref_sys", name, gc.SRSID)
	}
	if c.SRSID.Valid && c.SRSID.Int64 != int64(gc.SRSID) {
		v.fail("%s: gpkg_contents srs_id %d differs from gpkg_geometry_columns srs_id %d", name, c.SRSID.Int64, gc.SRSID)
	}
	var pk string
	if err := v.q.QueryRowContext(v.ctx, "SELECT name FROM pragma_table_info(?) WHERE pk = 1 AND upper(type) = 'INTEGER'", name).Scan(&pk); err != nil {
		v.fail("%s: no INTEGER PRIMARY KEY column", name)
		return
	}
	if err := CheckPlainTable(v.ctx, v.q, name, gc.ColumnName); err != nil {
		v.fail("%s: %v", name, err)
		return
	}
	rows, err := v.q.QueryContext(v.ctx, fmt.Sprintf("SELECT %s, %s FROM %s", quote(pk), quote(gc.ColumnName), quote(name)))
	if err != nil {
		v.fail("%s: %v", name, err)
		return
	}
	boxes := map[int64]Header{}
	for rows.Next() {
		var id int64
		var blob []byte
		if err := rows.Scan(&id, &blob); err != nil {
			v.fail("%s: %v", name, err)
			break
		}
		if blob == nil {
			continue
		}
		g, h, err := Decode(blob)
		if err != nil {
			v.fail("%s fid %d: %v", name, id, err)
			continue
		}
		if h.SRSID != gc.SRSID {
			v.fail("%s fid %d: blob srs_id %d, column srs_id %d", name, id, h.SRSID, gc.SRSID)
		}
		if ok, _ := gpkgIsAssignable(nil, []driver.Value{gc.GeometryType, GeometryTypeName(g)}); ok != int64(1) {
			v.fail("%s fid %d: %s in a %s column", name, id, GeometryTypeName(g), gc.GeometryType)
		}
		if h.HasEnvelope && !h.Empty {
			want := g.Bound()
			if h.Envelope != want {
				v.fail("%s fid %d: header envelope %v differs from geometry bounds %v", name, id, h.Envelope, want)
			}
			if c.HasExtent && !c.Extent.Contains(h.Envelope.Min) || c.HasExtent && !c.Extent.Contains(h.Envelope.Max) {
				v.fail("%s fid %d: envelope %v outside gpkg_contents extent %v", name, id, h.Envelope, c.Extent)
			}
			boxes[id] = h
		}
	}
	rows.Close()
	v.checkRTree(name, gc.ColumnName, boxes)
}

// checkRTree compares the rtree of table.column (if the extension is
// declared) with the geometry envelopes. rtree stores 32-bit floats rounded
// outwards, so a box must contain the envelope and be within float32
// precision of it.
func (v *validator) checkRTree(table, column string, boxes map[int64]Header) {
	var n int
	_ = v.q.QueryRowContext(v.ctx, `SELECT count(*) FROM gpkg_extensions WHERE table_name = ? AND column_name = ?
		AND extension_name = 'gpkg_rtree_index'`, table, column).Scan(&n)
	if n == 0 {
		return
	}
	rtree := RTreeName(table, column)
	for _, suffix := range []string{"insert", "update1", "update2", "update3", "update4", "delete"} {
		var c int
		_ = v.q.QueryRowContext(v.ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?", rtree+"_"+suffix).Scan(&c)
		if c != 1 {
			v.fail("%s: rtree trigger %s_%s missing", table, rtree, suffix)
		}
	}
	rows, err := v.q.QueryContext(v.ctx, fmt.Sprintf("SELECT id, minx, maxx, miny, maxy FROM %s", quote(rtree)))
	if err != nil {
		v.fail("%s: rtree %s: %v", table, rtree, err)
		return
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var id int64
		var minX, maxX, minY, maxY float64
		if err := rows.Scan(&id, &minX, &maxX, &minY, &maxY); err != nil {
			v.fail("%s: rtree: %v", table, err)
			return
		}
		h, ok := boxes[id]
		if !ok {
			v.fail("%s: rtree has id %d without a non-empty geometry", table, id)
			continue
		}
		seen++
		e := h.Envelope
		if !near32(minX, e.Min[0], true) || !near32(maxX, e.Max[0], false) ||
			!near32(minY, e.Min[1], true) || !near32(maxY, e.Max[1], false) {
			v.fail("%s: rtree box of id %d [%g %g %g %g] does not match envelope %v", table, id, minX, maxX, minY, maxY, e)
		}
	}
	if seen != len(boxes) {
		v.fail("%s: rtree has %d entries, table has %d non-empty geometries", table, seen, len(boxes))
	}
}

// near32 reports whether the rtree value r is the envelope value e rounded
// outwards to float32 (down for minimums, up for maximums).
func near32(r, e float64, isMin bool) bool {
	tol := math.Abs(e)*1e-6 + 1e-30
	if isMin {
		return r <= e && e-r <= tol
	}
	return r >= e && r-e <= tol
}

func (v *validator) checkExtensions() {
	rows, err := v.q.QueryContext(v.ctx, "SELECT coalesce(table_name, ''), coalesce(column_name, ''), extension_name, scope FROM gpkg_extensions")
	if err != nil {
		return // the table is optional
	}
	type ext struct{ table, column, name, scope string }
	var exts []ext
	for rows.Next() {
		var e ext
		if err := rows.Scan(&e.table, &e.column, &e.name, &e.scope); err != nil {
			v.fail("gpkg_extensions: %v", err)
			break
		}
		exts = append(exts, e)
	}
	rows.Close() // one connection: finish this query before the next
	for _, e := range exts {
		if e.scope != "read-write" && e.scope != "write-only" {
			v.fail("gpkg_extensions %s: scope %q", e.name, e.scope)
		}
		if e.table != "" && e.column != "" {
			if err := CheckPlainTable(v.ctx, v.q, e.table, e.column); err != nil {
				v.fail("gpkg_extensions %s: %v", e.name, err)
			}
		}
	}
}
