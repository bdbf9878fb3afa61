//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package store

import (
	"errors"
	"os"
	"syscall"
)

// tryLockFile takes the exclusive OS lock of f without waiting (see
// lockTaken…); a file system without flock (some network shares) gives
// lockNone.
func tryLockFile(f *os.File) int {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	switch {
	case err == nil:
		return lockTaken
	case errors.Is(err, syscall.EWOULDBLOCK), errors.Is(err, syscall.EAGAIN):
		return lockHeld
	}
	return lockNone
}

// closeLockFile gives up the OS lock of f.
func closeLockFile(f *os.File) { f.Close() }

// removeLockFile removes the lock file lp while still holding its OS lock
// (so that no other Xuequ takes the file we are removing), then gives the
// lock up.
func removeLockFile(f *os.File, lp string) error {
	err := os.Remove(lp)
	f.Close()
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
