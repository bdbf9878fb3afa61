package store

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// TestClosedSchoolRoundTrip: a closed school and its receiving schools
// survive save and open (schema version 2).
func TestClosedSchoolRoundTrip(t *testing.T) {
	p := sampleProject()
	s := &p.District.Schools[0]
	s.Closed = true
	s.MergedInto = []model.Merge{{School: "S02", Stage: model.LevelPrimary, Share: 0.75}, {School: "S09", Stage: model.LevelPrimary, Share: 0.25}}
	path := filepath.Join(t.TempDir(), "closed.xuequ.gpkg")
	if err := Save(path, p); err != nil {
		t.Fatal(err)
	}
	got, info, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.SchemaVersion != SchemaVersion {
		t.Errorf("schema version %d", info.SchemaVersion)
	}
	if !reflect.DeepEqual(got.District.Schools, p.District.Schools) {
		t.Fatalf("schools differ:\n got %+v\nwant %+v", got.District.Schools, p.District.Schools)
	}
}

// TestOpenSchemaVersion1: a file written before migration 0002 (no closed
// or merged_into column, schema_version 1) opens, with no school closed,
// and saving it writes the current schema.
func TestOpenSchemaVersion1(t *testing.T) {
	path, want := saveSample(t)
	old := alter(t, path,
		"ALTER TABLE schools DROP COLUMN closed",
		"ALTER TABLE schools DROP COLUMN merged_into",
		"UPDATE xuequ_meta SET value = '1' WHERE key = 'schema_version'")
	got, info, err := Open(old)
	if err != nil {
		t.Fatal(err)
	}
	if info.SchemaVersion != 1 {
		t.Errorf("schema version %d, want 1", info.SchemaVersion)
	}
	if !sameProject(got, want) {
		t.Fatalf("version-1 file reads differently:\n got %+v\nwant %+v", got, want)
	}
	if err := Save(old, got); err != nil {
		t.Fatal(err)
	}
	if _, info, err = Open(old); err != nil || info.SchemaVersion != SchemaVersion {
		t.Fatalf("after save: %v, version %v", err, info)
	}
	// A version-2 file must have the columns.
	wantInputError(t, alter(t, path, "ALTER TABLE schools DROP COLUMN closed"), `no column "closed"`)
}
