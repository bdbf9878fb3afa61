//go:build windows

package store

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockOffset is where the locked byte lies: far past the JSON, so that
// other Xuequ can still read who holds the lock (Windows locks refuse
// reads of a locked range).
const lockOffset = 1 << 30

// tryLockFile takes the exclusive OS lock of f without waiting; false when
// another open file holds it. A file system that cannot lock gives true:
// the lock file's content alone guards there.
func tryLockFile(f *os.File) bool {
	ol := windows.Overlapped{Offset: lockOffset}
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	return !errors.Is(err, windows.ERROR_LOCK_VIOLATION) && !errors.Is(err, windows.ERROR_IO_PENDING)
}

// closeLockFile gives up the OS lock of f.
func closeLockFile(f *os.File) { f.Close() }

// removeLockFile closes f and removes the lock file lp. Windows removes no
// file that is open, so the OS lock goes first; a Xuequ that takes the
// lock in between has written its own content, which is then kept.
func removeLockFile(f *os.File, lp string) error {
	mine, _ := os.ReadFile(lp)
	f.Close()
	if now, err := os.ReadFile(lp); err != nil || string(now) != string(mine) {
		return nil
	}
	err := os.Remove(lp)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
