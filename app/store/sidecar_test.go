package store

import (
	"database/sql"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuequ/xuequ/geo/gpkg"
)

// rawDB opens path with plain SQLite, read-write, as QGIS or sqlite3 would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	name, err := gpkg.FileURI(path, url.Values{"mode": {"rw"}})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open(gpkg.DriverName, name)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

func sqlExec(t *testing.T, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// snapshot copies path and its sidecars to dst as they are now: what a
// crash (or a copy from another PC) leaves.
func snapshot(t *testing.T, path, dst string) {
	t.Helper()
	for _, s := range append([]string{""}, sidecarSuffixes...) {
		if err := copyFile(path+s, dst+s); err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
}

// checkIntact opens path with plain SQLite (which replays any sidecar next
// to it) and checks that it is a sound database holding the project named
// want, with no sidecar left beside it.
func checkIntact(t *testing.T, path, want string) {
	t.Helper()
	for _, s := range sidecarSuffixes {
		if _, err := os.Stat(path + s); err == nil {
			t.Errorf("%s left next to the new file", s)
		}
	}
	db := rawDB(t, path)
	defer db.Close()
	var ok, name string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	if err := db.QueryRow("SELECT value FROM xuequ_meta WHERE key = 'district_name'").Scan(&name); err != nil || name != want {
		t.Fatalf("district name %q (%v), want %q", name, err, want)
	}
	db.Close()
	p, _, err := Open(path)
	if err != nil || p.District.Name != want {
		t.Fatalf("Open after save: %v", err)
	}
}

// TestSaveOverSidecars: saving over a project that has a WAL (from a crash
// of QGIS/sqlite3, or a foreign one copied beside it) or a hot journal
// ends with an intact new project, never the old sidecar replayed into it.
func TestSaveOverSidecars(t *testing.T) {
	dir := t.TempDir()
	work := filepath.Join(dir, "work.xuequ.gpkg")
	old := sampleProject()
	old.District.Name = "旧项目"
	if err := Save(work, old); err != nil {
		t.Fatal(err)
	}
	// A WAL project with committed frames not yet checkpointed, frozen
	// while its writer is alive (the state a crash leaves).
	walProject := filepath.Join(dir, "wal.xuequ.gpkg")
	db := rawDB(t, work)
	sqlExec(t, db, "PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0",
		"UPDATE xuequ_meta SET value = '旧项目（已编辑）' WHERE key = 'district_name'",
		"DELETE FROM history", "UPDATE zones SET name = name || '旧'")
	snapshot(t, work, walProject)
	// A hot journal: a transaction in progress, with its pages spilled.
	sqlExec(t, db, "PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA journal_mode = DELETE", "PRAGMA cache_size = 2",
		"BEGIN", "UPDATE zones SET name = name || '半'", "DELETE FROM schools", "INSERT INTO settings (key, value) VALUES ('x', hex(randomblob(20000)))")
	journalProject := filepath.Join(dir, "journal.xuequ.gpkg")
	snapshot(t, work, journalProject)
	sqlExec(t, db, "ROLLBACK")
	db.Close()
	if _, err := os.Stat(walProject + "-wal"); err != nil {
		t.Fatal("no WAL in the snapshot:", err)
	}
	if liveSidecar(journalProject) == "" {
		t.Fatal("no hot journal in the snapshot")
	}
	// A rollback-mode project with another database's WAL beside it.
	foreign := filepath.Join(dir, "foreign.xuequ.gpkg")
	if err := Save(foreign, old); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(walProject+"-wal", foreign+"-wal"); err != nil {
		t.Fatal(err)
	}

	// A file that is not a database at all (replaced with --force) with
	// a WAL beside it.
	notDB := filepath.Join(dir, "notes.xuequ.gpkg")
	if err := os.WriteFile(notDB, []byte("meeting notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(walProject+"-wal", notDB+"-wal"); err != nil {
		t.Fatal(err)
	}

	for _, path := range []string{walProject, journalProject, foreign, notDB} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			p := sampleProject()
			p.District.Name = "新项目"
			p.District.Zones = p.District.Zones[:1]
			if err := Save(path, p); err != nil {
				t.Fatal(err)
			}
			checkIntact(t, path, "新项目")
		})
	}
}

// TestSaveRefusesLiveWAL: a WAL another connection holds open (QGIS with
// the project open) is not pulled from under it: the save is refused and
// the old file stays.
func TestSaveRefusesLiveWAL(t *testing.T) {
	path, _ := saveSample(t)
	db := rawDB(t, path)
	defer db.Close()
	sqlExec(t, db, "PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0",
		"UPDATE xuequ_meta SET value = 'QGIS' WHERE key = 'district_name'")
	tx, err := db.Begin() // a reader that keeps the WAL from being checkpointed away
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM zones").Scan(&n); err != nil {
		t.Fatal(err)
	}
	err = Save(path, &Project{})
	var se *SidecarError
	if !errors.As(err, &se) {
		t.Fatalf("Save next to a live WAL: %v", err)
	}
	tx.Rollback()
	db.Close()
	p, _, err := Open(path)
	if err != nil || p.District.Name != "QGIS" {
		t.Fatalf("the old file changed: %v", err)
	}
}

// TestOpenCreatesNoSidecars: Open never creates -wal/-shm next to a
// project, and opens a WAL-mode project (with its WAL) in a read-only
// folder.
func TestOpenCreatesNoSidecars(t *testing.T) {
	src, _ := saveSample(t)
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "p.xuequ.gpkg")
	db := rawDB(t, src)
	sqlExec(t, db, "PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0",
		"UPDATE xuequ_meta SET value = '只读' WHERE key = 'district_name'")
	snapshot(t, src, path)
	db.Close()
	os.Remove(path + "-shm")
	// A WAL-mode file without a WAL too.
	plain := filepath.Join(dir, "plain.xuequ.gpkg")
	if err := copyFile(src, plain); err != nil {
		t.Fatal(err)
	}
	if !walMode(plain) {
		t.Fatal("plain is not in WAL mode")
	}
	if os.Geteuid() != 0 { // root ignores permissions
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o755)
	}
	for _, c := range []struct{ path, name string }{{path, "只读"}, {plain, "只读"}} {
		p, _, err := Open(c.path)
		if err != nil {
			t.Fatalf("Open %s: %v", filepath.Base(c.path), err)
		}
		if p.District.Name != c.name {
			t.Errorf("%s: name %q, want %q (the WAL's content)", filepath.Base(c.path), p.District.Name, c.name)
		}
	}
	if _, err := os.Stat(plain + "-wal"); err == nil {
		t.Error("Open created plain-wal")
	}
	for _, s := range []string{"-shm", "-journal"} {
		for _, f := range []string{path, plain} {
			if _, err := os.Stat(f + s); err == nil {
				t.Errorf("Open created %s%s", filepath.Base(f), s)
			}
		}
	}
	// A rollback-mode project is opened in place, creating nothing either.
	rb, _ := saveSample(t)
	if _, _, err := Open(rb); err != nil {
		t.Fatal(err)
	}
	for _, s := range sidecarSuffixes {
		if _, err := os.Stat(rb + s); err == nil {
			t.Errorf("Open created %s", s)
		}
	}
}
