package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuequ/xuequ/app/store"
)

// A project another Xuequ holds opens read-only; the window's own lock is
// taken on open, moved on Save As and released when another project opens.
func TestProjectLock(t *testing.T) {
	w := newTestWindow(t)
	held := map[string]bool{}
	w.cfg.Lock = func(path string) (func(), error) {
		if strings.Contains(path, "busy") {
			return nil, &store.LockedError{File: path, Holder: store.LockInfo{User: "wang", Host: "jyj-pc", Since: time.Now()}}
		}
		held[path] = true
		return func() { delete(held, path) }, nil
	}
	dir := t.TempDir()
	mine, busy := filepath.Join(dir, "mine.xuequ.gpkg"), filepath.Join(dir, "busy.xuequ.gpkg")

	w.holdLock(mine)
	if !held[mine] || w.lockedPath != mine || w.readOnlyPath != "" {
		t.Fatalf("own project not locked: %v %q %q", held, w.lockedPath, w.readOnlyPath)
	}
	w.releaseLock()
	w.holdLock(busy)
	if w.readOnlyPath != busy || w.lockedPath != "" {
		t.Fatalf("busy project should open read-only: %q %q", w.readOnlyPath, w.lockedPath)
	}
	if _, err := w.lockFor(busy); err == nil || !strings.Contains(err.Error(), "wang") {
		t.Errorf("lock error should name who has it: %v", err)
	}
	w.setSession(testSession())
	if w.readOnlyPath != "" || len(held) != 0 {
		t.Errorf("a new session keeps old locks: %v %q", held, w.readOnlyPath)
	}
}
