package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/xuequ/xuequ/app/store"
)

func importInputs(t *testing.T) (schools, zones string) {
	t.Helper()
	schools = writeFile(t, "schools.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"编码":"S1","名称":"城关第一小学","学段":"小学"},"geometry":{"type":"Point","coordinates":[114.005,30.005]}}]}`)
	zones = writeFile(t, "zones.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"编码":"Z1","名称":"阳光小区","人口":800,"对口小学":"S1"},"geometry":{"type":"Polygon","coordinates":[[[114,30],[114.01,30],[114.01,30.01],[114,30.01],[114,30]]]}}]}`)
	return
}

func importTo(t *testing.T, out string, extra ...string) (int, string) {
	t.Helper()
	schools, zones := importInputs(t)
	code, _, errOut := runCLI(t, append([]string{"import", "--schools", schools, "--zones", zones, "-q", "-o", out}, extra...)...)
	return code, errOut
}

func unchanged(t *testing.T, path string, before []byte) {
	t.Helper()
	after, err := os.ReadFile(path)
	if err != nil || string(after) != string(before) {
		t.Fatalf("%s was changed (%v)", path, err)
	}
}

// TestImportRefusesBadTargets: -o onto an input, onto a file that is not a
// Xuequ project, onto an existing project, or onto a read-only project is
// refused with exit 1 and a message; --force overrides the middle two only.
func TestImportRefusesBadTargets(t *testing.T) {
	t.Setenv("LC_ALL", "en_US.UTF-8")
	schools, zones := importInputs(t)
	hist := writeFile(t, "h.csv", "school,year,grade,students\nS1,2024,1,40\n")
	for _, c := range []struct {
		name, out string
		want      string
	}{
		{"zones", zones, "is also an input"},
		{"history", hist, "is also an input"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before, _ := os.ReadFile(c.out)
			for _, force := range []string{"-q", "--force"} { // never over an input, even with --force
				code, _, errOut := runCLI(t, "import", "--schools", schools, "--zones", zones, "--history", hist, force, "-o", c.out)
				if code != 1 || !strings.Contains(errOut, c.out+": "+c.want) {
					t.Fatalf("%s: exit %d: %s", force, code, errOut)
				}
				unchanged(t, c.out, before)
			}
		})
	}
	t.Run("not a project", func(t *testing.T) {
		notes := writeFile(t, "notes.xuequ.gpkg", "meeting notes")
		code, errOut := importTo(t, notes)
		if code != 1 || !strings.Contains(errOut, notes+": exists and is not a Xuequ project; give another file") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		unchanged(t, notes, []byte("meeting notes"))
		if code, errOut := importTo(t, notes, "--force"); code != 0 {
			t.Fatalf("--force: exit %d: %s", code, errOut)
		}
		if _, _, err := store.Open(notes); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("existing project", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
		if code, errOut := importTo(t, p); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		before, _ := os.ReadFile(p)
		code, errOut := importTo(t, p, "--name", "新")
		if code != 1 || !strings.Contains(errOut, p+": exists already; give --force") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		unchanged(t, p, before)
		if code, errOut := importTo(t, p, "--name", "新", "--force"); code != 0 {
			t.Fatalf("--force: exit %d: %s", code, errOut)
		}
		if pr, _, err := store.Open(p); err != nil || pr.District.Name != "新" {
			t.Fatalf("after --force: %v", err)
		}
	})
	t.Run("value map project", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
		if code, errOut := importTo(t, p); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		before, _ := os.ReadFile(p)
		if code, errOut := importTo(t, p, "--value-map", p, "--force"); code != 1 || !strings.Contains(errOut, "is also an input") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		unchanged(t, p, before)
	})
	t.Run("newer version", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
		if code, errOut := importTo(t, p); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		db, err := sql.Open("sqlite", p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("UPDATE xuequ_meta SET value = '99' WHERE key = 'schema_version'"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		before, _ := os.ReadFile(p)
		code, errOut := importTo(t, p)
		if code != 1 || !strings.Contains(errOut, "newer Xuequ") || !strings.Contains(errOut, "--force") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		unchanged(t, p, before)
	})
	t.Run("read-only", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
		if code, errOut := importTo(t, p); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		os.Chmod(p, 0o444)
		before, _ := os.ReadFile(p)
		for _, force := range [][]string{nil, {"--force"}} {
			code, errOut := importTo(t, p, force...)
			if code != 1 || !strings.Contains(errOut, "read-only") {
				t.Fatalf("exit %d: %s", code, errOut)
			}
		}
		unchanged(t, p, before)
		if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o444 {
			t.Fatalf("mode %v", fi.Mode().Perm())
		}
	})
	t.Run("zh", func(t *testing.T) {
		t.Setenv("LC_ALL", "zh_CN.UTF-8")
		code, _, errOut := runCLI(t, "import", "--schools", schools, "--zones", zones, "-o", zones)
		if code != 1 || !strings.Contains(errOut, "同时是本命令的输入文件") {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	})
}

// TestImportKeepsModeAndSymlink: re-importing over a 0664 project keeps
// 0664; over a symbolic link writes the real file and keeps the link.
func TestImportKeepsModeAndSymlink(t *testing.T) {
	p := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	if code, errOut := importTo(t, p); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	os.Chmod(p, 0o664)
	if code, errOut := importTo(t, p, "--force"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o664 && runtime.GOOS != "windows" {
		t.Fatalf("mode %v after re-import, want 0664", fi.Mode().Perm())
	}
	link := filepath.Join(t.TempDir(), "link.xuequ.gpkg")
	if err := os.Symlink(p, link); err != nil {
		t.Skip(err)
	}
	before, _ := os.ReadFile(p)
	if code, errOut := importTo(t, link, "--name", "经链接", "--force"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link is no longer a link")
	}
	after, _ := os.ReadFile(p)
	if string(after) == string(before) {
		t.Fatal("the real file was not written")
	}
	if pr, _, err := store.Open(p); err != nil || pr.District.Name != "经链接" {
		t.Fatalf("real file: %v", err)
	}
}

// TestImportRespectsLock: a project another Xuequ holds (here: this
// process, standing in for it) is not written; an unreadable lock gets a
// readable message; two concurrent imports to one file never both succeed
// while overlapping.
func TestImportRespectsLock(t *testing.T) {
	t.Setenv("LC_ALL", "en_US.UTF-8")
	p := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	l, err := store.Lock(p)
	if err != nil {
		t.Fatal(err)
	}
	code, errOut := importTo(t, p)
	if code != 1 || !strings.Contains(errOut, "is open in Xuequ by") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(p); err == nil {
		t.Fatal("the locked project was written")
	}
	l.Unlock()

	os.WriteFile(store.LockPath(p), []byte("\x00\x00garbled"), 0o644)
	code, errOut = importTo(t, p)
	if code != 1 || !strings.Contains(errOut, "cannot be read") || strings.Contains(errOut, "process 0") || strings.Contains(errOut, "0001-01-01") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	os.Remove(store.LockPath(p))

	// Writers racing for one file: each either writes it or is refused
	// because the other holds the lock; never another failure, and the
	// file ends up a sound project with no lock left behind.
	schools, zones := importInputs(t)
	for range 5 {
		var wg sync.WaitGroup
		codes := make([]int, 2)
		outs := make([]string, 2)
		start := make(chan struct{})
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				codes[i], _, outs[i] = runCLI(t, "import", "--schools", schools, "--zones", zones, "-q", "--force", "-o", p)
			}()
		}
		close(start)
		wg.Wait()
		for i := range 2 {
			if codes[i] != 0 && !strings.Contains(outs[i], "is open in Xuequ by") {
				t.Fatalf("writer %d: exit %d: %s", i, codes[i], outs[i])
			}
		}
		if _, _, err := store.Open(p); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(store.LockPath(p)); err == nil {
			t.Fatal("lock left behind")
		}
	}
}
