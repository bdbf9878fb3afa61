package store

import (
	"bytes"
	"errors"
	"github.com/xuequ/xuequ/model"
	"io"
	"io/fs"
	"os"
	"time"
)

// A project is read from a private copy when it is in WAL mode or has
// sidecars (see openRead). Another program (QGIS) may write it while we
// copy: a plain copy can then pair a database file and a WAL from
// different moments, or catch half of a write, and read as "malformed".
// copyConsistent copies, then checks that nothing that matters changed
// meanwhile, and copies again if it did.

// copyAttempts is how often a copy is tried before giving up; the waits
// between tries double from copyWait.
const (
	copyAttempts = 6
	copyWait     = 10 * time.Millisecond
)

// fileState is what a write to a database or its sidecars changes.
type fileState struct {
	exists bool
	size   int64
	mtime  time.Time
	head   []byte
}

// copyState is the state of path and its sidecars that a copy depends
// on. In WAL mode the database file's own modification time is left out:
// a checkpoint writes into it pages the WAL holds as well, which the
// copied WAL restores, and every other change (a commit, a restarted or
// truncated WAL) shows in the WAL's size or header (its salts).
type copyState [3]fileState

func stateOf(path string) copyState {
	wal := fileStateOf(path+"-wal", 32)
	db := fileStateOf(path, 100) // the header: change counter, page count
	if wal.exists || walMode(path) {
		db.mtime = time.Time{}
		db.head = db.head[:min(len(db.head), 18)] // not the counters a checkpoint updates
	}
	return copyState{db, wal, fileStateOf(path+"-journal", 32)}
}

func fileStateOf(name string, n int) fileState {
	f, err := os.Open(name)
	if err != nil {
		return fileState{}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fileState{}
	}
	head := make([]byte, n)
	k, _ := io.ReadFull(f, head)
	return fileState{exists: true, size: fi.Size(), mtime: fi.ModTime(), head: head[:k]}
}

func (a fileState) equal(b fileState) bool {
	return a.exists == b.exists && a.size == b.size && a.mtime.Equal(b.mtime) && bytes.Equal(a.head, b.head)
}

func (a copyState) equal(b copyState) bool {
	return a[0].equal(b[0]) && a[1].equal(b[1]) && a[2].equal(b[2])
}

// copyConsistent copies the database at path with its -wal and -journal
// to cp (+ the same suffixes), such that the copy is the database as it
// was at one moment. When another program keeps writing it, the copy is
// retried and finally refused with a *model.InputError.
func copyConsistent(path, cp string) error {
	wait := copyWait
	for range copyAttempts {
		before := stateOf(path)
		if err := copyWithSidecars(path, cp); err != nil {
			return err
		}
		if stateOf(path).equal(before) {
			return nil
		}
		removeCopy(cp)
		time.Sleep(wait)
		wait *= 2
	}
	return model.Inputf(path, "store.busy", "another program (QGIS, sqlite3…) is writing the file right now; try again when it has finished saving, or close it", nil)
}

func copyWithSidecars(path, cp string) error {
	for _, s := range []string{"", "-wal", "-journal"} {
		if err := copyFile(path+s, cp+s); err != nil && (s == "" || !errors.Is(err, fs.ErrNotExist)) {
			removeCopy(cp)
			return err
		}
	}
	return nil
}

func removeCopy(cp string) {
	os.Remove(cp)
	removeSidecars(cp)
}
