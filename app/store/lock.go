package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// LockInfo says who holds a project open: it is the content of the lock
// sidecar file (JSON).
type LockInfo struct {
	Host  string    `json:"host"`
	User  string    `json:"user"`
	PID   int       `json:"pid"`
	Since time.Time `json:"since"`
}

// LockedError is returned by Lock when another live process holds the
// project.
type LockedError struct {
	File   string
	Holder LockInfo
	// Unreadable is set when the lock file could not be read or makes no
	// sense (garbled, empty, still being written): Holder is then empty.
	Unreadable bool
}

func (e *LockedError) Error() string {
	h := e.Holder
	if e.Unreadable {
		return fmt.Sprintf("%s: is locked, but its lock file %s cannot be read (empty, damaged, or being written right now by another Xuequ); "+
			"try again in a moment. If no Xuequ has the project open, delete %s", e.File, LockPath(e.File), LockPath(e.File))
	}
	return fmt.Sprintf("%s: is open in Xuequ by %s on %s (process %d) since %s; close it there, or open a copy. "+
		"If that program is no longer running, delete %s",
		e.File, orUnknown(h.User), orUnknown(h.Host), h.PID, h.Since.Local().Format("2006-01-02 15:04"), LockPath(e.File))
}

// LockPath is the sidecar lock file of a project: its resolved path (see
// ResolvePath) + ".lock", so that a project reached through a symbolic
// link and through its real path has one lock.
func LockPath(path string) string { return ResolvePath(path) + ".lock" }

// ResolvePath is path with symbolic links followed: the file a save
// replaces. For a file that does not exist yet, the folder is resolved (and
// a dangling link followed to where it points).
func ResolvePath(path string) string {
	for range 40 {
		if r, err := filepath.EvalSymlinks(path); err == nil {
			return r
		}
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			break
		}
		target, err := os.Readlink(path)
		if err != nil {
			break
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(path)); err == nil {
		return filepath.Join(dir, filepath.Base(path))
	}
	return path
}

// FileLock marks the project at path as open by this process, so that a second
// Xuequ (on this machine or another sharing the folder) does not save over
// it. A lock left by a dead process on this host is taken over; a lock
// held by a live process, or by any process on another host, gives a
// *LockedError. Call Unlock when the project is closed.
type FileLock struct {
	path string
	info LockInfo
}

// Lock takes the lock of the project at path (see type FileLock).
func Lock(path string) (*FileLock, error) {
	host, _ := os.Hostname()
	me := LockInfo{Host: host, User: currentUser(), PID: os.Getpid(), Since: time.Now().UTC()}
	data, err := json.Marshal(me)
	if err != nil {
		return nil, err
	}
	lp := LockPath(path)
	for attempt := 0; attempt < 2; attempt++ {
		err := createLock(lp, data)
		if err == nil {
			return &FileLock{path: lp, info: me}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("store: lock %s: %w", path, err)
		}
		judged, _ := os.ReadFile(lp)
		holder, readable := readLock(lp)
		if !stale(holder, readable, lp, host) {
			return nil, &LockedError{File: path, Holder: holder, Unreadable: !readable}
		}
		// Taken over: a crashed Xuequ on this machine left it behind. Only
		// the lock judged stale goes, not one another Xuequ has just put
		// in its place.
		if now, err := os.ReadFile(lp); err == nil && !bytes.Equal(now, judged) {
			continue
		}
		if err := os.Remove(lp); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("store: lock %s: remove stale lock: %w", path, err)
		}
	}
	holder, readable := readLock(lp)
	return nil, &LockedError{File: path, Holder: holder, Unreadable: !readable}
}

// createLock creates the lock file lp holding data, failing with
// fs.ErrExist when it exists. The content is written to a private file
// first and hard-linked into place, so that no other Xuequ ever reads a
// lock half written; where the file system has no hard links the file is
// created in place.
func createLock(lp string, data []byte) error {
	tmp := fmt.Sprintf("%s.%d.%s.tmp", lp, os.Getpid(), strconv.FormatUint(rand.Uint64(), 36))
	if err := writeSynced(tmp, data); err == nil {
		err = os.Link(tmp, lp)
		os.Remove(tmp)
		if err == nil || errors.Is(err, fs.ErrExist) {
			return err
		}
	} else {
		os.Remove(tmp)
	}
	return writeSynced(lp, data)
}

// writeSynced creates name (which must not exist) with data, synced.
func writeSynced(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}

func readLock(lp string) (LockInfo, bool) {
	var li LockInfo
	b, err := os.ReadFile(lp)
	if err != nil || json.Unmarshal(b, &li) != nil || li.PID <= 0 || li.Since.IsZero() {
		return LockInfo{}, false
	}
	return li, true
}

// stale reports whether a lock may be taken over: its process is dead on
// this host, or the file is unreadable and old enough that it is not a lock
// being written right now.
func stale(li LockInfo, readable bool, lp, host string) bool {
	if !readable {
		fi, err := os.Stat(lp)
		return err == nil && time.Since(fi.ModTime()) > 10*time.Second
	}
	if li.Host != host || li.PID <= 0 {
		return false // cannot see processes on other machines
	}
	if li.PID == os.Getpid() {
		return false // this process holds it already
	}
	return !processAlive(li.PID)
}

// Unlock removes the lock file if it is still ours.
func (l *FileLock) Unlock() error {
	if l == nil {
		return nil
	}
	cur, ok := readLock(l.path)
	if !ok || cur.PID != l.info.PID || cur.Host != l.info.Host || !cur.Since.Equal(l.info.Since) {
		return nil // taken over by someone else meanwhile: not ours to remove
	}
	if err := os.Remove(l.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Info returns what the lock file says.
func (l *FileLock) Info() LockInfo { return l.info }

// checkNotLocked returns a *LockedError when another live Xuequ holds the
// project at path (this process's own lock, and stale locks, are fine), so
// that no save — from the GUI or a CLI `-o` — overwrites a project someone
// has open.
func checkNotLocked(path string) error {
	lp := LockPath(path)
	holder, readable := readLock(lp)
	if _, err := os.Stat(lp); err != nil {
		return nil
	}
	host, _ := os.Hostname()
	if readable && holder.Host == host && holder.PID == os.Getpid() {
		return nil
	}
	if stale(holder, readable, lp, host) {
		return nil
	}
	return &LockedError{File: path, Holder: holder, Unreadable: !readable}
}
