//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package store

import (
	"errors"
	"os"
)

// tryLockFile: no OS lock here; the lock file's content alone guards.
func tryLockFile(*os.File) int { return lockNone }

func closeLockFile(f *os.File) { f.Close() }

func removeLockFile(f *os.File, lp string) error {
	err := os.Remove(lp)
	f.Close()
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
