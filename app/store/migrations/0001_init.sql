-- Xuequ project schema, version 1.
-- Runs inside one transaction on a fresh GeoPackage made by geo/gpkg.Create
-- (which already holds gpkg_spatial_ref_sys with EPSG:4326, gpkg_contents,
-- gpkg_geometry_columns and gpkg_extensions). Every table is registered in
-- gpkg_contents so that GDAL/QGIS list it; the spatial indexes are built by
-- the store after the rows are in (bulk load, then index).

CREATE TABLE xuequ_meta (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  key TEXT NOT NULL UNIQUE,
  value TEXT
);

-- Schools: one point per school site, lon/lat degrees (EPSG:4326).
CREATE TABLE schools (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom POINT,
  id TEXT NOT NULL,
  name TEXT,
  level TEXT,            -- model.Level.String(): primary, junior, nine_year …
  capacity INTEGER,      -- 学位; 0 = derive from classrooms
  classrooms INTEGER,
  boarding BOOLEAN,
  township TEXT,
  public BOOLEAN,
  attrs TEXT             -- JSON object of the source's other properties
);

-- Residential zones: multipolygons, lon/lat degrees (EPSG:4326).
CREATE TABLE zones (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  geom MULTIPOLYGON,
  id TEXT NOT NULL,
  name TEXT,
  population INTEGER,
  households INTEGER,
  dwellings INTEGER,
  primary_age INTEGER,
  junior_age INTEGER,
  primary_school TEXT,   -- school id (学区 assignment)
  junior_school TEXT,
  township TEXT,
  attrs TEXT
);

CREATE TABLE history (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  school TEXT NOT NULL,
  year INTEGER NOT NULL,
  grade INTEGER NOT NULL,
  students INTEGER NOT NULL,
  classes INTEGER NOT NULL   -- 0 = not given
);

CREATE TABLE births (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  zone TEXT NOT NULL,
  year INTEGER NOT NULL,
  births INTEGER NOT NULL
);

CREATE TABLE housing (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  zone TEXT NOT NULL,
  year INTEGER NOT NULL,
  dwellings INTEGER NOT NULL
);

-- One row per model.Standards field (snake_case key); no rows = defaults.
CREATE TABLE standards (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  key TEXT NOT NULL UNIQUE,
  value DOUBLE NOT NULL
);

-- Scenario data is JSON owned by the app package; the store keeps it as is.
CREATE TABLE scenarios (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  data TEXT
);

CREATE TABLE edits (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  seq INTEGER NOT NULL,
  scenario TEXT,
  time TEXT,             -- RFC 3339 UTC with nanoseconds
  kind TEXT NOT NULL,
  data TEXT
);

CREATE TABLE settings (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  key TEXT NOT NULL UNIQUE,
  value TEXT
);

INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES
  ('schools', 'features', 'schools', '学校 school sites', 4326),
  ('zones', 'features', 'zones', '居住小区 residential zones', 4326);
INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES
  ('schools', 'geom', 'POINT', 4326, 0, 0),
  ('zones', 'geom', 'MULTIPOLYGON', 4326, 0, 0);
INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES
  ('xuequ_meta', 'attributes', 'xuequ_meta', 'Xuequ project metadata'),
  ('history', 'attributes', 'history', '在校生 enrollment by school, year and grade'),
  ('births', 'attributes', 'births', '出生人口 births by zone and year'),
  ('housing', 'attributes', 'housing', '新增住宅 dwellings first occupied by zone and year'),
  ('standards', 'attributes', 'standards', '标准 planning standards'),
  ('scenarios', 'attributes', 'scenarios', '方案 scenarios'),
  ('edits', 'attributes', 'edits', 'edit log'),
  ('settings', 'attributes', 'settings', 'project settings');
