package gpkg

import (
	"context"
	"fmt"
)

// DataColumn is one row of gpkg_data_columns (GPKG 1.3 §2.3.2, the
// gpkg_schema extension): human-readable names of a table's column. GDAL
// (3.7+) reads Name as the field's alternative name, which QGIS shows as
// the field alias; Description becomes the field comment.
type DataColumn struct {
	Table, Column string
	Name, Title   string
	Description   string
}

// schemaExtensionDDL creates the gpkg_schema extension tables as GDAL does.
const schemaExtensionDDL = `
CREATE TABLE IF NOT EXISTS gpkg_data_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  name TEXT,
  title TEXT,
  description TEXT,
  mime_type TEXT,
  constraint_name TEXT,
  CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
  CONSTRAINT gdc_tn UNIQUE (table_name, name)
);
CREATE TABLE IF NOT EXISTS gpkg_data_column_constraints (
  constraint_name TEXT NOT NULL,
  constraint_type TEXT NOT NULL,
  value TEXT,
  min NUMERIC,
  min_is_inclusive BOOLEAN,
  max NUMERIC,
  max_is_inclusive BOOLEAN,
  description TEXT,
  CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value)
);
INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) VALUES
  ('gpkg_data_columns', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', 'read-write'),
  ('gpkg_data_column_constraints', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec121/#extension_schema', 'read-write');`

// SetDataColumns creates the gpkg_schema extension tables if needed
// (registered in gpkg_extensions) and writes cols, replacing earlier rows
// for the same table and column.
func SetDataColumns(ctx context.Context, q Querier, cols []DataColumn) error {
	if _, err := q.ExecContext(ctx, schemaExtensionDDL); err != nil {
		return fmt.Errorf("gpkg: create gpkg_data_columns: %w", err)
	}
	for _, c := range cols {
		if _, err := q.ExecContext(ctx, `INSERT OR REPLACE INTO gpkg_data_columns (table_name, column_name, name, title, description)
			VALUES (?, ?, ?, ?, ?)`, c.Table, c.Column, nullIfEmpty(c.Name), nullIfEmpty(c.Title), nullIfEmpty(c.Description)); err != nil {
			return fmt.Errorf("gpkg: gpkg_data_columns %s.%s: %w", c.Table, c.Column, err)
		}
	}
	return nil
}

// LayerStyle is one row of QGIS's layer_styles table: a QML (and
// optionally SLD) style of a layer. QGIS loads the row with UseAsDefault
// when it opens the layer, and lists the others under Style ▸ Load Style
// ▸ From Database.
type LayerStyle struct {
	Table, GeometryColumn string
	Name                  string // styleName, at most 30 characters by QGIS's schema
	QML, SLD              string
	UseAsDefault          bool
	Description           string
	Owner                 string // who wrote the style (QGIS writes the user name)
}

// layerStylesDDL is the table as QGIS and GDAL create it, registered as an
// attributes table (GDAL lists it, QGIS hides it).
const layerStylesDDL = `
CREATE TABLE IF NOT EXISTS layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  f_table_catalog TEXT(256),
  f_table_schema TEXT(256),
  f_table_name TEXT(256),
  f_geometry_column TEXT(256),
  styleName TEXT(30),
  styleQML TEXT,
  styleSLD TEXT,
  useAsDefault BOOLEAN,
  description TEXT,
  owner TEXT(30),
  ui TEXT(30),
  update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description)
  VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles');`

// AddLayerStyles creates QGIS's layer_styles table if needed and appends
// styles.
func AddLayerStyles(ctx context.Context, q Querier, styles []LayerStyle) error {
	if _, err := q.ExecContext(ctx, layerStylesDDL); err != nil {
		return fmt.Errorf("gpkg: create layer_styles: %w", err)
	}
	for _, s := range styles {
		if _, err := q.ExecContext(ctx, `INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name,
			f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner)
			VALUES ('', '', ?, ?, ?, ?, ?, ?, ?, ?)`, s.Table, s.GeometryColumn, s.Name, s.QML, s.SLD,
			s.UseAsDefault, s.Description, s.Owner); err != nil {
			return fmt.Errorf("gpkg: layer_styles %s %q: %w", s.Table, s.Name, err)
		}
	}
	return nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
