//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package store

import (
	"errors"
	"os"
	"syscall"
)

// tryLockFile takes the exclusive OS lock of f without waiting; false when
// another open file holds it. A file system without flock (some network
// shares) gives true: the lock file's content alone guards there.
func tryLockFile(f *os.File) bool {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	return !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EAGAIN)
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
