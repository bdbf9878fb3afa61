package store

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	if processAlive(pid) {
		t.Skip("the id of the exited child was reused at once")
	}
	return pid
}

// TestStaleTempsRemoved: the next save of a project removes the temp files
// of killed saves at once, also for names with glob metacharacters, and
// keeps those another live process may be writing.
func TestStaleTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "县[2024]*?.xuequ.gpkg")
	other := filepath.Join(dir, "县[2024]*?.xuequ.gpkg.x.gpkg") // another project, same prefix
	n := 0
	temp := func(path, host string, pid int, age time.Duration) string {
		n++
		name := filepath.Join(filepath.Dir(path), tempPrefix(path)+"x"+host+"-p"+strconv.Itoa(pid)+"-abc"+strconv.Itoa(n)+tempSuffix)
		if host == "" {
			name = filepath.Join(filepath.Dir(path), tempPrefix(path)+"k3j9"+strconv.Itoa(n)+tempSuffix)
		}
		if err := os.WriteFile(name, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
		mod := time.Now().Add(-age)
		if err := os.Chtimes(name, mod, mod); err != nil {
			t.Fatal(err)
		}
		return name
	}
	dead := deadPID(t)
	gone := []string{
		temp(target, hostTag, dead, 0),                   // killed save on this machine
		temp(target, "", 0, 11*time.Minute),              // older Xuequ, untouched for long
		temp(target, "0badf00d", 4242, 2*time.Hour),      // other machine, very old
		temp(target, hostTag, os.Getppid(), 2*time.Hour), // pid reused long after
	}
	if err := os.WriteFile(gone[0]+"-journal", []byte("j"), 0o600); err != nil {
		t.Fatal(err)
	}
	kept := []string{
		temp(target, hostTag, os.Getppid(), 0),                           // a live process is writing it
		temp(target, hostTag, os.Getpid(), time.Minute),                  // this process
		temp(target, "", 0, time.Minute),                                 // older Xuequ, maybe still saving
		temp(target, "0badf00d", 4242, time.Minute),                      // other machine, maybe still saving
		temp(other, hostTag, dead, 0),                                    // not this project's
		filepath.Join(dir, "."+filepath.Base(target)+".my-notes.saving"), // not a temp name
	}
	if err := os.WriteFile(kept[len(kept)-1], nil, 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(kept[len(kept)-1], old, old); err != nil {
		t.Fatal(err)
	}

	if err := Save(target, sampleProject()); err != nil {
		t.Fatal(err)
	}
	for _, f := range append(gone, gone[0]+"-journal") {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s stays after the next save", filepath.Base(f))
		}
	}
	for _, f := range kept {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(f), err)
		}
	}
	// The save's own temp file is gone (renamed).
	var temps []string
	for _, f := range tempFiles(target) {
		if !slices.Contains(kept, f) {
			temps = append(temps, filepath.Base(f))
		}
	}
	if len(temps) > 0 {
		t.Errorf("unexpected temp files: %q", temps)
	}
}

func TestParseTempName(t *testing.T) {
	p := "/x/a[1].gpkg"
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{".a[1].gpkg.x0123abcd-p77-zz.saving", true},
		{".a[1].gpkg.k3j9.saving", true},
		{".a[1].gpkg.xk3j9.saving", true}, // legacy, starting with x
		{".a[1].gpkg.my-notes.saving", false},
		{tempName(p), true},
		{".a[1].gpkg.x0123abcd-p77-zz.saving-journal", false},
		{".a[1].gpkg.b.gpkg.k3j9.saving", false},
		{".a[1].gpkg.x0123abcd-p0-zz.saving", false},
		{".a[1].gpkg.xnothex!-p7-zz.saving", false},
		{".a[1].gpkg..saving", false},
		{".a1.gpkg.k3j9.saving", false},
	} {
		if _, ok := parseTempName(p, c.name); ok != c.ok {
			t.Errorf("parseTempName(%q) = %v, want %v", c.name, ok, c.ok)
		}
	}
	w, _ := parseTempName(p, tempName(p))
	if w.host != hostTag || w.pid != os.Getpid() || w.abandoned(time.Now()) {
		t.Errorf("own temp name parses as %+v", w)
	}
}
