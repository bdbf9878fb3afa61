package store

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuequ/xuequ/geo/gpkg"
)

// SQLite keeps a database's uncommitted or not yet checkpointed state in
// sidecar files next to it: a rollback journal (-journal), or a write-ahead
// log (-wal) with its index (-shm). SQLite finds them by name, not by the
// file they belong to: a sidecar left next to a file that replaced its
// database is replayed into the new file and corrupts it. So a save settles
// the old file's sidecars before the rename and removes any left after it,
// and Open reads a file that has sidecars (or is in WAL mode) from a private
// copy, so that it never creates one next to the project.

var sidecarSuffixes = []string{"-wal", "-shm", "-journal"}

// journalMagic starts a rollback journal that holds pages (a hot journal
// when no process has the database open).
var journalMagic = []byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}

// liveSidecar reports the sidecar of path that SQLite would replay into
// it: a non-empty -wal, or a -journal that starts with the journal magic.
// It returns "" when there is none.
func liveSidecar(path string) string {
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return path + "-wal"
	}
	if f, err := os.Open(path + "-journal"); err == nil {
		defer f.Close()
		var h [8]byte
		if n, _ := io.ReadFull(f, h[:]); n == len(h) && bytes.Equal(h[:], journalMagic) {
			return path + "-journal"
		}
	}
	return ""
}

// walMode reports whether the file's header says WAL mode (file format
// bytes 18 and 19 are 2): SQLite then creates -wal and -shm to read it.
func walMode(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var h [20]byte
	if n, _ := io.ReadFull(f, h[:]); n < len(h) {
		return false
	}
	return h[18] == 2 || h[19] == 2
}

// settle opens the SQLite file at path read-write so that SQLite rolls back
// its hot journal or checkpoints its WAL into it, switches it to a rollback
// journal (which removes the WAL) and closes it. Nothing from the file runs:
// only the pager touches it. When another program has the file open, its
// WAL stays; the caller checks with liveSidecar.
func settle(path string) error {
	name, err := gpkg.FileURI(path, url.Values{"mode": {"rw"}, "_pragma": {"trusted_schema(0)"}})
	if err != nil {
		return err
	}
	db, err := sql.Open(gpkg.DriverName, name)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var n int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		return err
	}
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode = DELETE").Scan(&mode); err != nil {
		return err
	}
	return db.Close()
}

// removeSidecars deletes the sidecars next to path (after a rename put a
// file there that they do not belong to).
func removeSidecars(path string) {
	for _, s := range sidecarSuffixes {
		os.Remove(path + s)
	}
}

// SidecarError is returned by Save when the file to be replaced has a
// journal or write-ahead log that could not be settled, most often because
// another program (QGIS, sqlite3) has it open.
type SidecarError struct {
	File    string // the project file
	Sidecar string // the sidecar that stays
}

func (e *SidecarError) Error() string {
	return fmt.Sprintf("%s: another program (QGIS, sqlite3…) has the file open or left unsaved changes in %s; "+
		"close that program and save again, or save under another name", e.File, filepath.Base(e.Sidecar))
}

// settleTarget makes sure no sidecar of the file at path outlives its
// replacement: it settles them into the old file (which stays a consistent
// database throughout, so a crash before the rename loses nothing) and
// refuses when one stays.
func settleTarget(path string) error {
	if liveSidecar(path) == "" {
		return nil
	}
	serr := settle(path)
	s := liveSidecar(path)
	switch {
	case s == "":
		return nil
	case serr != nil && !busy(serr):
		// The old file is not a database SQLite can settle (damaged, or
		// not SQLite at all) and no one holds it: its sidecars are
		// meaningless and go once it is replaced.
		return nil
	}
	return &SidecarError{File: path, Sidecar: s} // held by another connection
}

// busy reports whether err is SQLite's "another connection holds the
// database" (SQLITE_BUSY, SQLITE_LOCKED).
func busy(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "locked") || strings.Contains(msg, "BUSY") || strings.Contains(msg, "busy")
}

// openRead opens the project file at path read-only (see gpkg.Open)
// without creating anything next to it: a file in WAL mode, or with a
// journal or WAL beside it, is read from a private copy (with its
// sidecars) in the temporary folder, settled there. This also opens WAL
// projects in read-only folders. Call close when done.
func openRead(path string) (d *gpkg.DB, closeFn func(), err error) {
	if !walMode(path) && liveSidecar(path) == "" {
		if _, err := os.Stat(path + "-wal"); errors.Is(err, fs.ErrNotExist) {
			d, err := gpkg.Open(path)
			if err != nil {
				return nil, nil, err
			}
			return d, func() { d.Close() }, nil
		}
	}
	dir, err := os.MkdirTemp("", "xuequ-open-*")
	if err != nil {
		return nil, nil, err
	}
	cp := filepath.Join(dir, "project.gpkg")
	if err := copyConsistent(path, cp); err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	if err := settle(cp); err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	d, err = gpkg.Open(cp)
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return d, func() { d.Close(); os.RemoveAll(dir) }, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
