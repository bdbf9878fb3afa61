package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
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
//
// The lock file is held open with an OS lock (flock, LockFileEx) for as
// long as the project is locked: two Xuequ judging and taking over the
// same stale lock at the same instant are thus serialised by the OS, and
// the OS drops the lock of a process that dies. The JSON content says who
// holds it (for the message) and still guards against Xuequ versions and
// file systems without OS locks.
type FileLock struct {
	path string
	info LockInfo
	f    *os.File // open lock file holding the OS lock (nil once unlocked)
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
	for range 20 {
		f, created, readOnly, err := openLockFile(lp)
		if err != nil {
			return nil, fmt.Errorf("store: lock %s: %w", path, err)
		}
		osLock := tryLockFile(f)
		if osLock == lockHeld {
			f.Close() // another Xuequ holds it right now
			return nil, lockedError(path, lp)
		}
		if !sameFile(f, lp) {
			closeLockFile(f) // removed (unlocked) while we opened it: try afresh
			continue
		}
		if !created && !free(f, lp, host, osLock == lockTaken) {
			closeLockFile(f)
			return nil, lockedError(path, lp)
		}
		if readOnly {
			// A stale lock of a colleague's that we may not write: it goes
			// (still under its OS lock) and ours is made afresh.
			err := removeLockFile(f, lp)
			if err != nil {
				return nil, fmt.Errorf("store: lock %s: remove stale lock: %w", path, err)
			}
			continue
		}
		if err := rewrite(f, data); err != nil {
			closeLockFile(f)
			return nil, fmt.Errorf("store: lock %s: %w", path, err)
		}
		l := &FileLock{path: lp, info: me, f: f}
		held.Store(lp, l)
		return l, nil
	}
	return nil, lockedError(path, lp)
}

// openLockFile opens the lock file lp, creating it when there is none
// (created is then true: the empty file is ours to fill). A colleague's
// lock file we may not write is opened readOnly.
func openLockFile(lp string) (f *os.File, created, readOnly bool, err error) {
	for range 20 {
		f, err = os.OpenFile(lp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil {
			return f, true, false, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, false, false, err
		}
		f, err = os.OpenFile(lp, os.O_RDWR, 0)
		if errors.Is(err, fs.ErrPermission) {
			f, err = os.Open(lp) // enough to see whether it is held
			readOnly = true
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return f, false, readOnly, err
		} // removed between our two tries: create it
	}
	return nil, false, false, err
}

// held maps the lock paths this process holds to their *FileLock, so that
// a save by this process of a project it holds goes ahead.
var held sync.Map

func lockedError(path, lp string) error {
	holder, readable := readLock(lp)
	for i := 0; !readable && i < 20; i++ {
		// The holder may be writing it this very moment (a take-over
		// rewrites the file in place): look again before calling it
		// unreadable.
		time.Sleep(5 * time.Millisecond)
		holder, readable = readLock(lp)
	}
	return &LockedError{File: path, Holder: holder, Unreadable: !readable}
}

// sameFile reports whether f is still the file at lp: a lock file
// removed by Unlock between our open and our OS lock is a dead one.
func sameFile(f *os.File, lp string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(lp)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// free reports whether the existing lock file f (at lp) may be taken
// over: stale (see stale), or empty under our OS lock (its writer was
// stopped before writing it, or has just created it and will now find it
// held). A live Xuequ holds its OS lock, or (an older version, a file
// system without OS locks) says so in the file.
func free(f *os.File, lp, host string, osLocked bool) bool {
	if fi, err := f.Stat(); osLocked && err == nil && fi.Size() == 0 {
		return true
	}
	holder, readable := readLock(lp)
	return stale(holder, readable, lp, host)
}

// The outcomes of tryLockFile.
const (
	lockTaken = iota // we hold the OS lock of the file now
	lockHeld         // another open file holds it
	lockNone         // no OS locks here (the OS, or the file system): the content alone guards
)

// rewrite replaces the content of f with data, synced.
func rewrite(f *os.File, data []byte) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	if _, err := f.WriteAt(data, 0); err != nil {
		return err
	}
	return f.Sync()
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

// Unlock removes the lock file if it is still ours and gives up the OS
// lock.
func (l *FileLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	held.CompareAndDelete(l.path, l)
	f := l.f
	l.f = nil
	cur, ok := readLock(l.path)
	if !ok || cur.PID != l.info.PID || cur.Host != l.info.Host || !cur.Since.Equal(l.info.Since) {
		closeLockFile(f)
		return nil // taken over by someone else meanwhile: not ours to remove
	}
	return removeLockFile(f, l.path)
}

// Info returns what the lock file says.
func (l *FileLock) Info() LockInfo { return l.info }

// lockForSave makes sure no other Xuequ holds the project at path while
// this process saves it: a project this process holds goes ahead; else
// its lock is taken until release. Where no lock file can be made (a
// missing or read-only folder) it only checks, and the save reports what
// is wrong with the folder.
func lockForSave(path string) (release func(), err error) {
	if _, ok := held.Load(LockPath(path)); ok {
		return func() {}, nil
	}
	l, err := Lock(path)
	var le *LockedError
	switch {
	case err == nil:
		return func() { l.Unlock() }, nil
	case errors.As(err, &le):
		return nil, err
	}
	return func() {}, checkNotLocked(path)
}

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
