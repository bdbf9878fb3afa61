package store

import (
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
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

// The bulk reads of history, births and housing give what the row-by-row
// reads gave: NULL reads as "" or 0, a BLOB id as text, and values of other
// types (text numbers, reals) fall back to database/sql's conversions and
// messages.
func TestOpenBulkRows(t *testing.T) {
	good, _ := saveSample(t)
	cases := []struct {
		stmt string
		want []model.Births
		err  string
	}{
		{"INSERT INTO births (zone, year, births) VALUES (NULL, NULL, 7), (x'5A3033', 2020, NULL), ('Z01', 2021, 1)",
			[]model.Births{{Zone: "Z01", Year: 2018, Births: 130}, {Zone: "Z02", Year: 2018, Births: 88}, {Zone: "", Year: 0, Births: 7}, {Zone: "Z03", Year: 2020, Births: 0}, {Zone: "Z01", Year: 2021, Births: 1}}, ""},
		{"INSERT INTO births (zone, year, births) VALUES ('Z01', '2022', 3.0)",
			[]model.Births{{Zone: "Z01", Year: 2018, Births: 130}, {Zone: "Z02", Year: 2018, Births: 88}, {Zone: "Z01", Year: 2022, Births: 3}}, ""},
		{"INSERT INTO births (zone, year, births) VALUES ('Z01', 'abc', 3)", nil, "table births, row 3"},
	}
	for _, c := range cases {
		// Without NOT NULL and type affinity, as a hostile file may have it.
		p, _, err := Open(alter(t, good, "ALTER TABLE births RENAME TO b0",
			"CREATE TABLE births (fid INTEGER PRIMARY KEY, zone, year, births)", "INSERT INTO births SELECT * FROM b0", c.stmt))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: %v, want %q", c.stmt, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.stmt, err)
		}
		if !reflect.DeepEqual(p.District.Births, c.want) {
			t.Errorf("%s: got %v, want %v", c.stmt, p.District.Births, c.want)
		}
	}
	p, _, err := Open(alter(t, good, "INSERT INTO history (school, year, grade, students, classes) VALUES ('', 2020, 1, 40, 0)",
		"INSERT INTO housing (zone, year, dwellings) VALUES (x'5A3032', 2026, 0)"))
	if err != nil {
		t.Fatal(err)
	}
	if h := p.District.History; h[len(h)-1] != (model.Enrollment{Year: 2020, Grade: 1, Students: 40}) {
		t.Errorf("history %v", h[len(h)-1])
	}
	if h := p.District.Housing; len(h) != 2 || h[1] != (model.Housing{Zone: "Z02", Year: 2026}) {
		t.Errorf("housing %v", h)
	}
}

// parseFlatObject agrees with encoding/json wherever it answers.
func TestParseFlatObject(t *testing.T) {
	for _, s := range []string{
		`{}`, ` { } `, `{"a":"b"}`, `{"来源":"测绘", "x" : "" ,"a":"1"}`, "{\n\t\"a\": \"b\"\r\n}", `{"a":"b","a":"c"}`,
		`{"a":"b\"c"}`, `{"a":"\u00e9"}`, `{"a":1}`, `{"a":"b",}`, `{"a":"b"} x`, `{"a" "b"}`, `[1]`, "{\"a\":\"\xff\"}",
		`{"a":"b"`, `{`, `{"a":null}`, "{\"a\":\"b\x01\"}", `{"a":"b"}}`, ``,
	} {
		m, ok := parseFlatObject(s)
		if !ok {
			continue
		}
		var want map[string]string
		if err := json.Unmarshal([]byte(s), &want); err != nil || !reflect.DeepEqual(m, want) {
			t.Errorf("%q: got %v, encoding/json %v %v", s, m, want, err)
		}
	}
	for _, s := range []string{`{"a":"b"}`, `{}`, `{"来源":"测绘","x":""}`} {
		if _, ok := parseFlatObject(s); !ok {
			t.Errorf("%q: not parsed", s)
		}
	}
}

// A huge value in a column without its own check (here scenarios.data) is
// refused by SQLite's length limit (gpkg.MaxValueBytes), not read.
func TestOpenValueLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 300 MB file")
	}
	good, _ := saveSample(t)
	path := alterWith(t, good, func(db *sql.DB) error {
		_, err := db.Exec("INSERT INTO scenarios (name, description, data) VALUES ('big', '', zeroblob(?))", 300<<20)
		return err
	})
	alloc, err := openAlloc(path)
	if err == nil || !strings.Contains(err.Error(), "scenarios") || !strings.Contains(err.Error(), "too big") {
		t.Errorf("Open: %v, want table scenarios, too big", err)
	}
	if alloc > 64<<20 {
		t.Errorf("Open allocated %d MB", alloc>>20)
	}
}
