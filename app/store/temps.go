package store

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Temporary files of a save of NAME are named
//
//	.NAME.x<host>-p<pid>-<random>.saving
//
// where <host> is a hash of this machine's name (8 hex digits) and <pid>
// the writer's process id, so that a later save can tell a temp file of a
// dead process (removed) from one another live Xuequ is writing (kept).
// Names are matched with plain string operations, never with a glob
// pattern built from NAME (which may contain [, * or ?).
//
// Older Xuequ versions wrote .NAME.<random>.saving with no writer; those
// are removed once they have not been written for legacyTempAge.
const (
	tempSuffix = ".saving"
	// legacyTempAge: a save writes its temp file continuously and renames
	// it seconds after the last write, so a legacy temp file untouched
	// this long belongs to no save in progress.
	legacyTempAge = 10 * time.Minute
	// foreignTempAge: temp files from another machine sharing the folder
	// (whose processes cannot be seen from here) go after this long; no
	// save takes that long.
	foreignTempAge = time.Hour
)

// hostTag is this machine's part of temp names.
var hostTag = func() string {
	host, _ := os.Hostname()
	h := fnv.New32a()
	h.Write([]byte(host))
	return fmt.Sprintf("%08x", h.Sum32())
}()

// tempPrefix is what every temp name of a save of path starts with.
func tempPrefix(path string) string { return "." + filepath.Base(path) + "." }

// tempName is a new temp name (base name only) for a save of path by this
// process.
func tempName(path string) string {
	return tempPrefix(path) + "x" + hostTag + "-p" + strconv.Itoa(os.Getpid()) + "-" +
		strconv.FormatUint(rand.Uint64(), 36) + tempSuffix
}

// tempWriter is what a temp file's name says about its writer.
type tempWriter struct {
	legacy bool   // written by an older Xuequ: no writer recorded
	host   string // hostTag of the writer's machine
	pid    int
}

// parseTempName reports whether name (a base name) is a temp file of a save
// of path, and who writes it. Temp files of other projects whose names
// merely start with the same text (a.gpkg vs a.gpkg.x.gpkg) are not
// matched: the part between prefix and suffix has no dot.
func parseTempName(path, name string) (tempWriter, bool) {
	mid, ok := strings.CutPrefix(name, tempPrefix(path))
	if !ok {
		return tempWriter{}, false
	}
	mid, ok = strings.CutSuffix(mid, tempSuffix)
	if !ok || mid == "" || strings.Contains(mid, ".") {
		return tempWriter{}, false
	}
	if !strings.HasPrefix(mid, "x") || !strings.Contains(mid, "-") { // legacy: base 36, may start with x
		if _, err := strconv.ParseUint(mid, 36, 64); err != nil {
			return tempWriter{}, false
		}
		return tempWriter{legacy: true}, true
	}
	parts := strings.Split(mid[1:], "-")
	if len(parts) != 3 || len(parts[0]) != 8 || !strings.HasPrefix(parts[1], "p") {
		return tempWriter{}, false
	}
	if _, err := strconv.ParseUint(parts[0], 16, 32); err != nil {
		return tempWriter{}, false
	}
	pid, err := strconv.Atoi(parts[1][1:])
	if err != nil || pid <= 0 {
		return tempWriter{}, false
	}
	if _, err := strconv.ParseUint(parts[2], 36, 64); err != nil {
		return tempWriter{}, false
	}
	return tempWriter{host: parts[0], pid: pid}, true
}

// abandoned reports whether a temp file written by w, last modified at
// mod, belongs to no save in progress and may be removed.
func (w tempWriter) abandoned(mod time.Time) bool {
	switch {
	case w.legacy:
		return time.Since(mod) > legacyTempAge
	case w.host != hostTag:
		return time.Since(mod) > foreignTempAge
	case w.pid == os.Getpid():
		return false // a save of this process, maybe running on another goroutine
	default:
		// A dead writer's file goes at once. A pid reused by another
		// process keeps the file until it is an hour old.
		return !processAlive(w.pid) || time.Since(mod) > foreignTempAge
	}
}

// removeStaleTemps deletes the temp files (and their SQLite sidecars) that
// earlier saves of path left when they were killed, and returns their
// names. Temp files of saves still running, here or in another live
// process, stay.
func removeStaleTemps(path string) []string {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		w, ok := parseTempName(path, e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil || !w.abandoned(fi.ModTime()) {
			continue
		}
		name := filepath.Join(dir, e.Name())
		if err := os.Remove(name); err == nil || errors.Is(err, fs.ErrNotExist) {
			removeSidecars(name)
			removed = append(removed, name)
		}
	}
	return removed
}

// tempFiles lists the temp files of saves of path that exist now.
func tempFiles(path string) []string {
	dir := filepath.Dir(path)
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if _, ok := parseTempName(path, e.Name()); ok {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}
