package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// Column is a user column of a feature or attribute table. Type is a
// GeoPackage data type: BOOLEAN, INTEGER, DOUBLE, TEXT, BLOB, DATE, DATETIME…
type Column struct {
	Name    string
	Type    string
	NotNull bool
}

// FeatureTable describes a feature (vector) table. Its primary key is
// "fid INTEGER PRIMARY KEY AUTOINCREMENT" and its geometry column
// GeometryColumn (default "geom").
type FeatureTable struct {
	Name        string
	Identifier  string // human-readable name; defaults to Name
	Description string
	// GeometryColumn defaults to "geom"; GeometryType is a GeoPackage type
	// name (POINT, MULTIPOLYGON, GEOMETRY …); SRSID must already be in
	// gpkg_spatial_ref_sys (see AddSRS).
	GeometryColumn string
	GeometryType   string
	SRSID          int32
	Columns        []Column
}

// AttributeTable describes a non-spatial table (data_type 'attributes').
// Its primary key is "fid INTEGER PRIMARY KEY AUTOINCREMENT".
type AttributeTable struct {
	Name        string
	Identifier  string
	Description string
	Columns     []Column
}

// AddSRS inserts s into gpkg_spatial_ref_sys unless its srs_id is already
// there.
func AddSRS(ctx context.Context, q Querier, s SRS) error {
	_, err := q.ExecContext(ctx, `INSERT OR IGNORE INTO gpkg_spatial_ref_sys
		(srs_name, srs_id, organization, organization_coordsys_id, definition, description)
		VALUES (?, ?, ?, ?, ?, ?)`, s.Name, s.ID, s.Organization, s.OrgCoordSysID, s.Definition, s.Description)
	return err
}

func columnsDDL(cols []Column) string {
	var b strings.Builder
	for _, c := range cols {
		fmt.Fprintf(&b, ", %s %s", quote(c.Name), c.Type)
		if c.NotNull {
			b.WriteString(" NOT NULL")
		}
	}
	return b.String()
}

// CreateFeatureTable creates the table, registers it in gpkg_contents and
// gpkg_geometry_columns and creates its rtree spatial index with the
// triggers that keep the index in sync on every later insert, update and
// delete.
func CreateFeatureTable(ctx context.Context, q Querier, ft FeatureTable) error {
	if ft.GeometryColumn == "" {
		ft.GeometryColumn = "geom"
	}
	if ft.Identifier == "" {
		ft.Identifier = ft.Name
	}
	ddl := fmt.Sprintf("CREATE TABLE %s (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, %s %s%s)",
		quote(ft.Name), quote(ft.GeometryColumn), ft.GeometryType, columnsDDL(ft.Columns))
	if _, err := q.ExecContext(ctx, ddl); err != nil {
		return fmt.Errorf("gpkg: create feature table %s: %w", ft.Name, err)
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
		VALUES (?, 'features', ?, ?, ?)`, ft.Name, ft.Identifier, ft.Description, ft.SRSID); err != nil {
		return fmt.Errorf("gpkg: register feature table %s: %w", ft.Name, err)
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO gpkg_geometry_columns
		(table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, ?, ?, ?, 0, 0)`,
		ft.Name, ft.GeometryColumn, ft.GeometryType, ft.SRSID); err != nil {
		return fmt.Errorf("gpkg: register geometry column %s.%s: %w", ft.Name, ft.GeometryColumn, err)
	}
	return CreateSpatialIndex(ctx, q, ft.Name, ft.GeometryColumn)
}

// CreateAttributeTable creates a table and registers it in gpkg_contents
// with data_type 'attributes'.
func CreateAttributeTable(ctx context.Context, q Querier, at AttributeTable) error {
	if at.Identifier == "" {
		at.Identifier = at.Name
	}
	ddl := fmt.Sprintf("CREATE TABLE %s (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL%s)", quote(at.Name), columnsDDL(at.Columns))
	if _, err := q.ExecContext(ctx, ddl); err != nil {
		return fmt.Errorf("gpkg: create attribute table %s: %w", at.Name, err)
	}
	if _, err := q.ExecContext(ctx, `INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
		VALUES (?, 'attributes', ?, ?)`, at.Name, at.Identifier, at.Description); err != nil {
		return fmt.Errorf("gpkg: register attribute table %s: %w", at.Name, err)
	}
	return nil
}

// RTreeName is the name of the spatial index of table.column.
func RTreeName(table, column string) string { return "rtree_" + table + "_" + column }

// CreateSpatialIndex adds the gpkg_rtree_index extension to table.column:
// the rtree virtual table, filled from the rows already there (so a bulk load
// can insert first and index once), the GPKG 1.3 Annex F.3 triggers and the
// gpkg_extensions row. It does nothing if the index exists.
func CreateSpatialIndex(ctx context.Context, q Querier, table, column string) error {
	rtree := RTreeName(table, column)
	var n int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name = ?", rtree).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	var pk string
	if err := q.QueryRowContext(ctx, "SELECT name FROM pragma_table_info(?) WHERE pk = 1", table).Scan(&pk); err != nil {
		return fmt.Errorf("gpkg: spatial index on %s: no integer primary key: %w", table, err)
	}
	r := strings.NewReplacer("<t>", quote(table), "<c>", quote(column), "<i>", quote(pk),
		"<rtree>", quote(rtree), "<trig>", rtree)
	for _, s := range rtreeSQL {
		if _, err := q.ExecContext(ctx, r.Replace(s)); err != nil {
			return fmt.Errorf("gpkg: spatial index on %s.%s: %w", table, column, err)
		}
	}
	_, err := q.ExecContext(ctx, `INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
		VALUES (?, ?, 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')`, table, column)
	return err
}

// rtreeSQL is GPKG 1.3 Annex F.3 with <t> table, <c> geometry column, <i>
// primary key.
var rtreeSQL = []string{
	`CREATE VIRTUAL TABLE <rtree> USING rtree(id, minx, maxx, miny, maxy)`,
	`INSERT OR REPLACE INTO <rtree> SELECT <i>, ST_MinX(<c>), ST_MaxX(<c>), ST_MinY(<c>), ST_MaxY(<c>)
	  FROM <t> WHERE <c> NOT NULL AND NOT ST_IsEmpty(<c>)`,
	`CREATE TRIGGER "<trig>_insert" AFTER INSERT ON <t>
	  WHEN (new.<c> NOT NULL AND NOT ST_IsEmpty(NEW.<c>))
	BEGIN
	  INSERT OR REPLACE INTO <rtree> VALUES (NEW.<i>,
	    ST_MinX(NEW.<c>), ST_MaxX(NEW.<c>), ST_MinY(NEW.<c>), ST_MaxY(NEW.<c>));
	END`,
	`CREATE TRIGGER "<trig>_update1" AFTER UPDATE OF <c> ON <t>
	  WHEN OLD.<i> = NEW.<i> AND (NEW.<c> NOTNULL AND NOT ST_IsEmpty(NEW.<c>))
	BEGIN
	  INSERT OR REPLACE INTO <rtree> VALUES (NEW.<i>,
	    ST_MinX(NEW.<c>), ST_MaxX(NEW.<c>), ST_MinY(NEW.<c>), ST_MaxY(NEW.<c>));
	END`,
	`CREATE TRIGGER "<trig>_update2" AFTER UPDATE OF <c> ON <t>
	  WHEN OLD.<i> = NEW.<i> AND (NEW.<c> ISNULL OR ST_IsEmpty(NEW.<c>))
	BEGIN
	  DELETE FROM <rtree> WHERE id = OLD.<i>;
	END`,
	`CREATE TRIGGER "<trig>_update3" AFTER UPDATE ON <t>
	  WHEN OLD.<i> != NEW.<i> AND (NEW.<c> NOTNULL AND NOT ST_IsEmpty(NEW.<c>))
	BEGIN
	  DELETE FROM <rtree> WHERE id = OLD.<i>;
	  INSERT OR REPLACE INTO <rtree> VALUES (NEW.<i>,
	    ST_MinX(NEW.<c>), ST_MaxX(NEW.<c>), ST_MinY(NEW.<c>), ST_MaxY(NEW.<c>));
	END`,
	`CREATE TRIGGER "<trig>_update4" AFTER UPDATE ON <t>
	  WHEN OLD.<i> != NEW.<i> AND (NEW.<c> ISNULL OR ST_IsEmpty(NEW.<c>))
	BEGIN
	  DELETE FROM <rtree> WHERE id IN (OLD.<i>, NEW.<i>);
	END`,
	`CREATE TRIGGER "<trig>_delete" AFTER DELETE ON <t>
	  WHEN old.<c> NOT NULL
	BEGIN
	  DELETE FROM <rtree> WHERE id = OLD.<i>;
	END`,
}

// SetExtent records the bounding box of a table in gpkg_contents (in the
// table's SRS) and stamps last_change with the current UTC time. Use it when
// the writer already knows the bounds; UpdateExtent computes them.
func SetExtent(ctx context.Context, q Querier, table string, b orb.Bound, empty bool) error {
	var minX, minY, maxX, maxY any
	if !empty {
		minX, minY, maxX, maxY = b.Min[0], b.Min[1], b.Max[0], b.Max[1]
	}
	_, err := q.ExecContext(ctx, `UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?,
		last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?`, minX, minY, maxX, maxY, table)
	return err
}

// UpdateExtent recomputes a feature table's extent in gpkg_contents from
// its geometries (exact, from the blob envelopes) and stamps last_change.
func UpdateExtent(ctx context.Context, q Querier, table, column string) error {
	var minX, minY, maxX, maxY sql.NullFloat64
	c := quote(column)
	err := q.QueryRowContext(ctx, fmt.Sprintf(`SELECT min(ST_MinX(%[1]s)), min(ST_MinY(%[1]s)), max(ST_MaxX(%[1]s)), max(ST_MaxY(%[1]s)) FROM %[2]s`,
		c, quote(table))).Scan(&minX, &minY, &maxX, &maxY)
	if err != nil {
		return err
	}
	b := orb.Bound{Min: orb.Point{minX.Float64, minY.Float64}, Max: orb.Point{maxX.Float64, maxY.Float64}}
	return SetExtent(ctx, q, table, b, !minX.Valid)
}

// Content is one row of gpkg_contents.
type Content struct {
	TableName   string
	DataType    string // features, attributes, tiles …
	Identifier  string
	Description string
	LastChange  string
	// Extent is min_x … max_y; HasExtent is false when they are NULL.
	Extent    orb.Bound
	HasExtent bool
	SRSID     sql.NullInt64
}

// Contents lists gpkg_contents.
func Contents(ctx context.Context, q Querier) ([]Content, error) {
	rows, err := q.QueryContext(ctx, `SELECT table_name, data_type, coalesce(identifier, ''), coalesce(description, ''),
		coalesce(last_change, ''), min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents ORDER BY table_name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Content
	for rows.Next() {
		var c Content
		var minX, minY, maxX, maxY sql.NullFloat64
		if err := rows.Scan(&c.TableName, &c.DataType, &c.Identifier, &c.Description, &c.LastChange,
			&minX, &minY, &maxX, &maxY, &c.SRSID); err != nil {
			return nil, err
		}
		if minX.Valid && minY.Valid && maxX.Valid && maxY.Valid {
			c.HasExtent = true
			c.Extent = orb.Bound{Min: orb.Point{minX.Float64, minY.Float64}, Max: orb.Point{maxX.Float64, maxY.Float64}}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// GeometryColumn is one row of gpkg_geometry_columns.
type GeometryColumn struct {
	TableName    string
	ColumnName   string
	GeometryType string
	SRSID        int32
	Z, M         int
}

// GeometryColumns lists gpkg_geometry_columns.
func GeometryColumns(ctx context.Context, q Querier) ([]GeometryColumn, error) {
	rows, err := q.QueryContext(ctx, `SELECT table_name, column_name, geometry_type_name, srs_id, z, m
		FROM gpkg_geometry_columns ORDER BY table_name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []GeometryColumn
	for rows.Next() {
		var g GeometryColumn
		if err := rows.Scan(&g.TableName, &g.ColumnName, &g.GeometryType, &g.SRSID, &g.Z, &g.M); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// CheckPlainTable verifies that name is an ordinary table (not a view or a
// virtual table) with at least the given columns, none of them generated.
// Reading such a table runs no code from the file, which is what makes it
// safe to read a table of an untrusted file.
func CheckPlainTable(ctx context.Context, q Querier, name string, columns ...string) error {
	var typ, ddl string
	err := q.QueryRowContext(ctx, "SELECT type, coalesce(sql, '') FROM sqlite_master WHERE name = ? COLLATE NOCASE", name).Scan(&typ, &ddl)
	if err == sql.ErrNoRows {
		return fmt.Errorf("table %q is missing", name)
	}
	if err != nil {
		return err
	}
	if typ != "table" {
		return fmt.Errorf("%q is a %s, not a table", name, typ)
	}
	if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(ddl)), "CREATE VIRTUAL") {
		return fmt.Errorf("%q is a virtual table", name)
	}
	rows, err := q.QueryContext(ctx, "SELECT name, hidden FROM pragma_table_xinfo(?)", name)
	if err != nil {
		return err
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var col string
		var hidden int
		if err := rows.Scan(&col, &hidden); err != nil {
			return err
		}
		if hidden != 0 {
			return fmt.Errorf("table %q has a generated column %q", name, col)
		}
		have[strings.ToLower(col)] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range columns {
		if !have[strings.ToLower(c)] {
			return fmt.Errorf("table %q has no column %q", name, c)
		}
	}
	return nil
}
