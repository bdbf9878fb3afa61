-- Xuequ project schema, version 2: closed schools (撤并).
-- A closed school keeps its row and its history; `closed` marks it and
-- `merged_into` says which schools take its pupils: a JSON array of
-- {"school": id, "stage": "primary"|"junior", "share": 0–1}.
-- Version-1 files lack both columns; Open reads them as "not closed".

ALTER TABLE schools ADD COLUMN closed BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE schools ADD COLUMN merged_into TEXT;
