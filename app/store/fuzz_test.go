package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
)

// FuzzOpen feeds byte-mutated project files to Open: it must return a
// project or a *model.InputError, never panic or hang. The seed corpus in
// testdata/fuzz/FuzzOpen holds a small valid file (page size 512, so
// mutations hit structure rather than free space) and broken variants;
// regenerate it with XUEQU_WRITE_FUZZ_SEEDS=1 go test -run TestWriteFuzzSeeds.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.xuequ.gpkg")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Remove(path + "-journal")
		os.Remove(path + "-wal")
		_, _, err := Open(path)
		var ie *model.InputError
		if err != nil && !errors.As(err, &ie) {
			t.Fatalf("Open returned %T %v, want *model.InputError", err, err)
		}
	})
}

// tinyProject is the smallest project that still has a row in every table.
func tinyProject() *Project {
	return &Project{
		District: model.District{
			Name:    "小县",
			Schools: []model.School{{ID: "S1", Name: "一小", Level: model.LevelPrimary, Location: orb.Point{117, 31}, Attrs: map[string]string{"a": "b"}}},
			Zones: []model.Zone{{ID: "Z1", Name: "甲", Population: 10, PrimarySchool: "S1",
				Geometry: orb.MultiPolygon{{{{117, 31}, {117.01, 31}, {117.01, 31.01}, {117, 31}}, {{117.001, 31.001}, {117.002, 31.002}, {117.002, 31.001}, {117.001, 31.001}}}}}},
			History:   []model.Enrollment{{School: "S1", Year: 2024, Grade: 1, Students: 50, Classes: 1}},
			Births:    []model.Births{{Zone: "Z1", Year: 2018, Births: 5}},
			Housing:   []model.Housing{{Zone: "Z1", Year: 2025, Dwellings: 3}},
			Standards: model.DefaultStandards(),
		},
		Scenarios: []Scenario{{Name: "现状", Data: []byte(`{}`)}},
		Edits:     []Edit{{Seq: 1, Kind: "k"}},
		Settings:  map[string]string{"k": "v"},
	}
}

func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("XUEQU_WRITE_FUZZ_SEEDS") == "" {
		t.Skip("set XUEQU_WRITE_FUZZ_SEEDS=1 to regenerate testdata/fuzz/FuzzOpen")
	}
	path := filepath.Join(t.TempDir(), "tiny.xuequ.gpkg")
	if err := Save(path, tinyProject()); err != nil {
		t.Fatal(err)
	}
	shrink := func(stmts ...string) []byte {
		d, err := gpkg.OpenWritable(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stmts {
			if _, err := d.SQL().Exec(s); err != nil {
				t.Fatal(err)
			}
		}
		d.Close()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	valid := shrink("PRAGMA page_size = 512", "VACUUM")
	if _, _, err := Open(path); err != nil {
		t.Fatal(err)
	}
	seeds := map[string][]byte{
		"valid":     valid,
		"truncated": valid[:len(valid)/3],
		"header":    valid[:100],
		"zeroed-page": func() []byte {
			b := append([]byte{}, valid...)
			copy(b[512*3:512*4], make([]byte, 512))
			return b
		}(),
		"newer-schema": shrink("UPDATE xuequ_meta SET value = '99' WHERE key = 'schema_version'"),
		"bad-geometry": shrink("UPDATE xuequ_meta SET value = '1' WHERE key = 'schema_version'",
			"UPDATE zones SET geom = x'47500003E6100000000000000000F03F' WHERE fid = 1"),
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzOpen")
	os.MkdirAll(dir, 0o755)
	for name, b := range seeds {
		content := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", name, len(b))
	}
}
