package store

import (
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
)

// TestDescribeScan puts real database/sql Scan errors in words.
func TestDescribeScan(t *testing.T) {
	db, err := sql.Open(gpkg.DriverName, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE t (v); INSERT INTO t VALUES ('abc'), (3.5), (x'00ff'), (NULL), (7), (-3), (5000000000)`); err != nil {
		t.Fatal(err)
	}
	scan := func(v int, dest any, expr string) error {
		return db.QueryRow("SELECT "+expr+" FROM t WHERE rowid = ?", v).Scan(dest)
	}
	for _, c := range []struct {
		row  int
		dest any
		expr string
		want string
	}{
		{1, new(int), "coalesce(v, 0)", `v: the text "abc" is not a whole number`},
		{2, new(int), "v", "v: the number 3.5 is not a whole number"},
		{3, new(float64), "v", "v: binary data (2 bytes) is not a number"},
		{4, new(string), "v", "v: the value is empty (NULL) where text is required"},
		{5, new(bool), "coalesce(v, 0)", "v: the number 7 is not 0 or 1 (no or yes)"},
		{1, new(bool), "v AS boarding", `boarding: the text "abc" is not 0 or 1 (no or yes)`},
		{6, new(uint), "v", "v: the number -3 is not a whole number of 0 or more"},
		{7, new(int32), "v", "v: the number 5000000000 is too large for a whole number"},
		{3, new(sql.NullInt64), "v", "v: binary data (2 bytes) is not a whole number"},
	} {
		err := scan(c.row, c.dest, c.expr)
		col, what, ok := describeScan(err)
		if got := col + ": " + what; !ok || got != c.want {
			t.Errorf("%v\n  described as %q (%v), want %q", err, got, ok, c.want)
		}
	}
	if _, _, ok := describeScan(errors.New("disk I/O error")); ok {
		t.Error("a plain error described as a Scan error")
	}
}

// TestSaveAsUnreadableValue: a project with a value of the wrong type
// gives a message naming table, row, column and the problem, without
// "sql: Scan error" or "driver.Value".
func TestSaveAsUnreadableValue(t *testing.T) {
	src, _ := saveSample(t)
	db, err := sql.Open(gpkg.DriverName, src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE schools SET capacity = 'abc' WHERE fid = 2`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	removeSidecars(src)
	err = SaveAs(src, filepath.Join(t.TempDir(), "copy.xuequ.gpkg"))
	var ie *model.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("SaveAs: %v (%T), want an InputError", err, err)
	}
	msg := err.Error()
	for _, want := range []string{"table schools, row 2", "column capacity", `the text "abc" is not a whole number`} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	for _, bad := range []string{"Scan error", "driver.Value"} {
		if strings.Contains(msg, bad) {
			t.Errorf("message %q still says %q", msg, bad)
		}
	}
}

// TestRowError: the helper open.go's reader.rows should use.
func TestRowError(t *testing.T) {
	db, err := sql.Open(gpkg.DriverName, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	scanErr := db.QueryRow(`SELECT coalesce('12a', 0) AS "coalesce(students, 0)"`).Scan(&n)
	got := rowError("p.xuequ.gpkg", "history", 4, scanErr).Error()
	if want := `p.xuequ.gpkg: table history, row 4, column students: the text "12a" is not a whole number; fix the value in QGIS or ` + restoreHint; got != want {
		t.Errorf("rowError = %q\nwant %q", got, want)
	}
	got = rowError("p.xuequ.gpkg", "schools", 1, errors.New("bad merges")).Error()
	if !strings.Contains(got, "table schools, row 1: bad merges") {
		t.Errorf("rowError of another error = %q", got)
	}
}
