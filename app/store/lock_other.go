//go:build !unix

package store

import "os"

// processAlive reports whether a process with this id exists. On Windows
// FindProcess opens the process and fails when there is none.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

// keepGroup does nothing where files have no Unix group.
func keepGroup(string, os.FileInfo) {}

// writable reports whether the file is not read-only.
func writable(_ string, fi os.FileInfo) bool { return fi.Mode().Perm()&0o200 != 0 }
