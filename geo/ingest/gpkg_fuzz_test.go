package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadGeoPackage: any file given as a .gpkg gives zones and schools or
// an *model.InputError — never a panic, never a hang. (SQLite itself is
// fuzzed upstream; this exercises the layer choice, columns, srs and
// geometry blobs of the reader. Slow per input: it opens a database.)
func FuzzReadGeoPackage(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "gpkg", "district.gpkg"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add(seed[:len(seed)/2])
	f.Add([]byte("SQLite format 3\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.gpkg")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		zones, _, err := ReadZones(path, nil, Options{})
		checkInputErr(t, err)
		for _, z := range zones {
			if len(z.Geometry) == 0 {
				t.Fatalf("zone %s without geometry", z.ID)
			}
		}
		_, _, err = ReadSchools(path, nil, Options{})
		checkInputErr(t, err)
	})
}
