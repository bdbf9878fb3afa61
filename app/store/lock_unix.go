//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"
)

// processAlive reports whether a process with this id exists (signal 0
// checks without sending anything; EPERM means it exists as another user).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// keepGroup gives the file name the group of old (best effort: a user may
// only choose a group they are in), so that colleagues sharing a folder
// keep their access after a save.
func keepGroup(name string, old os.FileInfo) {
	if st, ok := old.Sys().(*syscall.Stat_t); ok {
		_ = os.Chown(name, -1, int(st.Gid))
	}
}

// writable reports whether this process may write the file at path: its
// mode lets someone write it and access(2) lets us.
func writable(path string, fi os.FileInfo) bool {
	return fi.Mode().Perm()&0o222 != 0 && syscall.Access(path, 2 /* W_OK */) == nil
}
