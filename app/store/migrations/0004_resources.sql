-- Xuequ project schema, version 4: school resources (办学条件) for staffing
-- (编制) and 优质均衡, kindergarten attributes and zone 3–5 age counts.
--
-- resources: one row per school and school year; NULL = the source did not
-- give the value (teachers are counts, floor areas m², equipment 元).
-- schools.inclusive: a 普惠性 kindergarten (公办 ones count as 普惠 anyway).
-- zones.preschool_age: children aged 3–5, NULL = unknown (0 is a known zero).
CREATE TABLE resources (
  fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  school TEXT NOT NULL,
  year INTEGER NOT NULL,
  teachers DOUBLE,
  teachers_qualified DOUBLE,
  teachers_backbone DOUBLE,
  teachers_pe_art DOUBLE,
  building_m2 DOUBLE,
  sports_m2 DOUBLE,
  equipment_yuan DOUBLE,
  multimedia_rooms DOUBLE
);

ALTER TABLE schools ADD COLUMN inclusive BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE zones ADD COLUMN preschool_age INTEGER;

INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES
  ('resources', 'attributes', 'resources', '办学条件 school resources by year (teachers, floor areas, equipment)');
