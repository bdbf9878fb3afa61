package store

import (
	"database/sql"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
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

// openAlloc opens path and returns the bytes allocated on
// the Go heap meanwhile and the error.
func openAlloc(path string) (uint64, error) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err := Open(path)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, err
}

// Oversized values are refused from their size in SQL, never read: a
// 300 MB zeroblob in attrs, merged_into or geom (999 MB behaves the same,
// but costs a GB of disk) opens in well under 64 MB. Zones of 16 million
// empty rings (blobs under the 64 MiB cap) are refused by the parts limit
// under 256 MB.
func TestOpenBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 300 MB files")
	}
	good, _ := saveSample(t)
	const huge = 300 << 20
	for _, c := range []struct{ table, col, want string }{
		{"schools", "attrs", "layer schools, fid 1: column attrs holds 314572800 bytes, over the 16 MiB limit"},
		{"schools", "merged_into", "layer schools, fid 1: column merged_into holds 314572800 bytes"},
		{"schools", "geom", "layer schools, fid 1: column geom holds 314572800 bytes, over the 64 MiB limit; simplify"},
		{"zones", "attrs", "layer zones, fid 1: column attrs holds 314572800 bytes"},
		{"zones", "geom", "layer zones, fid 1: column geom holds 314572800 bytes"},
	} {
		path := alterWith(t, good, func(db *sql.DB) error {
			_, err := db.Exec("UPDATE "+c.table+" SET "+c.col+" = zeroblob(?) WHERE fid = 1", huge)
			return err
		})
		alloc, err := openAlloc(path)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s.%s: %v, want %q", c.table, c.col, err, c.want)
		}
		if alloc > 64<<20 {
			t.Errorf("%s.%s: Open allocated %d MB", c.table, c.col, alloc>>20)
		}
		os.Remove(path)
	}

	const rings = 16_000_000
	wkb := binary.LittleEndian.AppendUint32([]byte{1}, 3)
	wkb = binary.LittleEndian.AppendUint32(wkb, rings)
	blob := gpBlob(append(wkb, make([]byte, 4*rings)...))
	path := alterWith(t, good, func(db *sql.DB) error {
		_, err := db.Exec("UPDATE zones SET geom = ?", blob)
		return err
	})
	blob = nil
	alloc, err := openAlloc(path)
	if err == nil || !strings.Contains(err.Error(), "layer zones, fid 1: gpkg: geometry too complex: more than 100000 parts") {
		t.Errorf("16M rings: %v", err)
	}
	if alloc > 256<<20 {
		t.Errorf("16M rings: Open allocated %d MB", alloc>>20)
	}
	t.Logf("16M rings: Open allocated %d MB", alloc>>20)
}

// A project whose geometries hold NaN/Inf or out-of-range lon/lat is
// refused with the layer and fid, not opened silently.
func TestOpenBadCoordinates(t *testing.T) {
	good, _ := saveSample(t)
	point := func(x, y float64) []byte {
		wkb := binary.LittleEndian.AppendUint32([]byte{1}, 1)
		wkb = binary.LittleEndian.AppendUint64(wkb, math.Float64bits(x))
		return gpBlob(binary.LittleEndian.AppendUint64(wkb, math.Float64bits(y)))
	}
	square := func(x, y float64) []byte {
		wkb := binary.LittleEndian.AppendUint32([]byte{1}, 3)
		wkb = binary.LittleEndian.AppendUint32(wkb, 1)
		wkb = binary.LittleEndian.AppendUint32(wkb, 4)
		for _, p := range [][2]float64{{117, 31}, {x, y}, {117, 32}, {117, 31}} {
			wkb = binary.LittleEndian.AppendUint64(wkb, math.Float64bits(p[0]))
			wkb = binary.LittleEndian.AppendUint64(wkb, math.Float64bits(p[1]))
		}
		return gpBlob(wkb)
	}
	for _, c := range []struct {
		table string
		blob  []byte
		want  string
	}{
		{"schools", point(117, 95), "layer schools, fid 2: gpkg: coordinate (117, 95) is outside longitude -180…180 / latitude -90…90"},
		{"schools", point(math.NaN(), math.NaN()), "layer schools, fid 2: gpkg: coordinate (NaN, NaN) is not a finite number"},
		{"zones", square(1e308, 31), "layer zones, fid 2: gpkg: coordinate (1e+308, 31) is outside"},
		{"zones", square(math.Inf(-1), 31), "layer zones, fid 2: gpkg: coordinate (-Inf, 31) is not a finite number"},
	} {
		path := alterWith(t, good, func(db *sql.DB) error {
			_, err := db.Exec("UPDATE "+c.table+" SET geom = ? WHERE fid = 2", c.blob)
			return err
		})
		wantInputError(t, path, c.want, "QGIS")
	}
}
