//go:build unix

package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuequ/xuequ/model"
)

// TestSaveKeepsModeAndGroup: a save keeps the replaced file's permissions
// and group (colleagues on a shared folder keep access); a new file gets
// the usual mode (0666 less the umask), not 0600.
func TestSaveKeepsModeAndGroup(t *testing.T) {
	path, _ := saveSample(t)
	old := syscall.Umask(0o022)
	syscall.Umask(old)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := os.FileMode(0o666) &^ os.FileMode(old); fi.Mode().Perm() != want {
		t.Errorf("new project mode %v, want %v", fi.Mode().Perm(), want)
	}
	if err := os.Chmod(path, 0o664); err != nil {
		t.Fatal(err)
	}
	var gid int = -1
	for _, g := range groups(t) {
		if g != int(fi.Sys().(*syscall.Stat_t).Gid) {
			gid = g
			break
		}
	}
	if gid >= 0 {
		if err := os.Chown(path, -1, gid); err != nil {
			gid = -1
		}
	}
	if err := Save(path, sampleProject()); err != nil {
		t.Fatal(err)
	}
	fi, _ = os.Stat(path)
	if fi.Mode().Perm() != 0o664 {
		t.Errorf("mode after save %v, want 0664", fi.Mode().Perm())
	}
	if gid >= 0 && int(fi.Sys().(*syscall.Stat_t).Gid) != gid {
		t.Errorf("group after save %d, want %d", fi.Sys().(*syscall.Stat_t).Gid, gid)
	}
}

func groups(t *testing.T) []int {
	gs, err := os.Getgroups()
	if err != nil {
		t.Log(err)
	}
	if os.Geteuid() == 0 {
		gs = append(gs, 0, 1, 2)
	}
	return gs
}

// TestSaveThroughSymlink: a project reached through a symbolic link is
// written to the real file; the link stays a link; the lock is the real
// file's.
func TestSaveThroughSymlink(t *testing.T) {
	real, _ := saveSample(t)
	link := filepath.Join(t.TempDir(), "link.xuequ.gpkg")
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	p := sampleProject()
	p.District.Name = "经链接保存"
	if err := Save(link, p); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link is no longer a link: %v", err)
	}
	got, _, err := Open(real)
	if err != nil || got.District.Name != "经链接保存" {
		t.Fatalf("real file not written: %v", err)
	}
	if LockPath(link) != LockPath(real) {
		t.Fatalf("lock paths differ: %s vs %s", LockPath(link), LockPath(real))
	}
	// A project open (locked) through its real path is not overwritten
	// through the link.
	if err := os.WriteFile(LockPath(real), []byte(`{"host":"other-pc","user":"王","pid":7,"since":"2026-01-02T03:04:05Z"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var le *LockedError
	if err := Save(link, p); !errors.As(err, &le) {
		t.Fatalf("save through the link of a locked project: %v", err)
	}
	// A dangling link is written through too.
	os.Remove(LockPath(real))
	os.Remove(real)
	if err := Save(link, p); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("a dangling link was replaced")
	}
	if _, err := os.Stat(real); err != nil {
		t.Fatal(err)
	}
}

// TestSaveRefusesReadOnly: a read-only (0444) project is not replaced.
func TestSaveRefusesReadOnly(t *testing.T) {
	path, _ := saveSample(t)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	err := Save(path, &Project{})
	var ie *model.InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("Save over a 0444 file: %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("the read-only file changed")
	}
}

// TestLockConcurrentWriters: of two writers taking the lock of one project
// at once, exactly one gets it; the other gets a *LockedError.
func TestLockConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	for range 20 {
		var wg sync.WaitGroup
		var mu sync.Mutex
		var locks []*FileLock
		refused := 0
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				l, err := Lock(path)
				mu.Lock()
				defer mu.Unlock()
				var le *LockedError
				switch {
				case err == nil:
					locks = append(locks, l)
				case errors.As(err, &le):
					refused++
				default:
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if len(locks) != 1 || refused != 1 {
			t.Fatalf("%d locks, %d refusals", len(locks), refused)
		}
		locks[0].Unlock()
	}
}

// TestLockUnreadable: a garbled or empty lock file is described as such,
// not as "unknown user on unknown host (process 0) since 0001-01-01".
func TestLockUnreadable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	for _, content := range []string{"", "{garbage", `{"host":"x"}`} {
		os.WriteFile(LockPath(path), []byte(content), 0o644)
		_, err := Lock(path)
		var le *LockedError
		if !errors.As(err, &le) || !le.Unreadable {
			t.Fatalf("lock %q: %v", content, err)
		}
		msg := err.Error()
		for _, bad := range []string{"process 0", "0001-01-01", "unknown"} {
			if strings.Contains(msg, bad) {
				t.Errorf("message for lock %q says %q: %s", content, bad, msg)
			}
		}
		if !strings.Contains(msg, "cannot be read") || !strings.Contains(msg, LockPath(path)) {
			t.Errorf("message: %s", msg)
		}
		if err := Save(path, &Project{}); !errors.As(err, &le) {
			t.Errorf("Save next to a fresh unreadable lock: %v", err)
		}
	}
	// An old unreadable lock is left over from a crash: taken over.
	old := time.Now().Add(-time.Minute)
	os.Chtimes(LockPath(path), old, old)
	l, err := Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	l.Unlock()
}

// TestSaveAsOverExistingKeepsMode: saving a project under the name of an
// existing 0664 file (Save As … replace, in the GUI Save with the project
// read from elsewhere, and store.SaveAs) keeps that file's mode, and the
// project's other layers come along from the file it was read from.
func TestSaveAsOverExistingKeepsMode(t *testing.T) {
	src, _ := saveSample(t)
	addForeignLayer(t, src)
	p, _, err := Open(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, save := range []func(dst string) error{
		func(dst string) error { return Save(dst, p) },
		func(dst string) error { return SaveAs(src, dst) },
	} {
		dst, _ := saveSample(t)
		if err := os.Chmod(dst, 0o664); err != nil {
			t.Fatal(err)
		}
		if err := save(dst); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(dst); fi.Mode().Perm() != 0o664 {
			t.Errorf("mode after save as %v, want 0664", fi.Mode().Perm())
		}
		if n := queryInt(t, dst, `SELECT count(*) FROM "道路"`); n != 1 {
			t.Errorf("the other layer did not come along: %d rows", n)
		}
	}
}
