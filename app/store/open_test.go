package store

import (
	"database/sql"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuequ/xuequ/geo/gpkg"
)

// alterWith copies src and runs change on a writable connection to the
// copy (for statements with large blob arguments).
func alterWith(t *testing.T, src string, change func(db *sql.DB) error) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "altered.xuequ.gpkg")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := gpkg.OpenWritable(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := change(d.SQL()); err != nil {
		t.Fatal(err)
	}
	return dst
}

// gpBlob returns a GeoPackage geometry header (SRS 4326, no envelope)
// followed by wkb.
func gpBlob(wkb []byte) []byte {
	return append([]byte{'G', 'P', 0, 1, 0xE6, 0x10, 0, 0}, wkb...)
}

// A zone of 2 million nested GeometryCollections (18 MB) is refused with
// a message, not a fatal stack overflow.
func TestOpenNestedCollections(t *testing.T) {
	good, _ := saveSample(t)
	const depth = 2_000_000
	wkb := make([]byte, 0, 9*depth)
	for i := 0; i < depth; i++ {
		wkb = append(wkb, 1)
		wkb = binary.LittleEndian.AppendUint32(wkb, 7)
		wkb = binary.LittleEndian.AppendUint32(wkb, uint32(min(1, depth-1-i)))
	}
	path := alterWith(t, good, func(db *sql.DB) error {
		_, err := db.Exec("UPDATE zones SET geom = ? WHERE fid = 2", gpBlob(wkb))
		return err
	})
	wantInputError(t, path, "layer zones, fid 2", "nested more than 32 levels", "QGIS")
}
