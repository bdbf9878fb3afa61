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

// tryLockFile takes the exclusive OS lock of f without waiting (see
// lockTaken…); a file system that cannot lock gives lockNone.
func tryLockFile(f *os.File) int {
	ol := windows.Overlapped{Offset: lockOffset}
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	switch {
	case err == nil:
		return lockTaken
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return lockHeld
	}
	return lockNone
}

// closeLockFile gives up the OS lock of f.
func closeLockFile(f *os.File) { f.Close() }

// removeLockFile empties the lock file lp (ours, under its OS lock), gives
// the lock up and removes the file if it is still empty. Windows removes
// no file that is open, so the OS lock must go first; the emptied file is
// free for the next Xuequ (see free) should it stay, and one that another
// Xuequ has filled meanwhile is left alone.
func removeLockFile(f *os.File, lp string) error {
	if err := f.Truncate(0); err != nil {
		f.Close()
		return err
	}
	f.Close()
	if fi, err := os.Stat(lp); err == nil && fi.Size() == 0 {
		os.Remove(lp) // best effort: an empty lock file holds nothing
	}
	return nil
}
