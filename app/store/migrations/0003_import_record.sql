-- Xuequ project schema, version 3: what the import said, and the user's
-- value map; school-age counts that can be a known zero.
--
-- zones.primary_age / junior_age: NULL = the source gave no count, 0 is a
-- known zero. Version-2 files wrote 0 for "unknown"; Open reads their
-- zeros as unknown.
--
-- import_report: one row per report line of the import that made the
-- project. feature_index is 0-based as QGIS and GDAL show it (NULL for a
-- line about the whole file); args holds the message's values as JSON so
-- the GUI can show the line in the user's language.
CREATE TABLE import_report (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  severity TEXT NOT NULL,     -- info, warning, error
  code TEXT NOT NULL,
  file TEXT,
  feature_index INTEGER,
  line INTEGER,
  feature_id TEXT,
  field TEXT,
  message TEXT,
  args TEXT
);

-- value_map: replacements for source values that matched nothing, e.g.
-- field 'zones.primary_school', value '城关一小', replacement '3601001'.
-- A re-import (xuequ import --value-map P.xuequ.gpkg) applies them again.
CREATE TABLE value_map (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  replacement TEXT,
  UNIQUE (field, value)
);

INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES
  ('import_report', 'attributes', 'import_report', '导入报告 what the import found and repaired'),
  ('value_map', 'attributes', 'value_map', '值对应 replacements for unmatched source values');
