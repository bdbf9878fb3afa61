package app

import (
	"database/sql"
	"errors"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/geo/gpkg"
)

// TestSaveHeldWAL: a save refused because another program (QGIS) holds
// the project's WAL comes back as an *Error the GUI translates, reads
// exactly like the store's message in English, and still is a
// *store.SidecarError.
func TestSaveHeldWAL(t *testing.T) {
	d, _, err := LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "肥西.xuequ.gpkg")
	s := NewSession(d, path, Project)
	if err := s.WriteProject(path); err != nil {
		t.Fatal(err)
	}
	name, err := gpkg.FileURI(path, url.Values{"mode": {"rw"}})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open(gpkg.DriverName, name)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{"PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0",
		"UPDATE xuequ_meta SET value = 'QGIS' WHERE key = 'district_name'"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	tx, err := db.Begin() // QGIS reading: the WAL cannot be checkpointed away
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM zones").Scan(&n); err != nil {
		t.Fatal(err)
	}

	err = s.WriteProject(path)
	var e *Error
	var se *store.SidecarError
	if !errors.As(err, &e) || e.Key != "app.err.sidecar_held" || !errors.As(err, &se) {
		t.Fatalf("save with a held WAL: %T %v", err, err)
	}
	if err.Error() != se.Error() {
		t.Errorf("English message %q, want the store's %q", err.Error(), se.Error())
	}
}
