package main

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	lang "github.com/xuequ/xuequ/app/i18n"

	"github.com/xuequ/xuequ/app/report"
	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/model"
)

// lockTarget prepares writing the project file out (-o): it takes out's
// lock first (so that no other Xuequ reads or writes it until the caller
// unlocks, after the save's rename), then refuses an out that is one of
// inputs (always: the import would destroy what it reads), a read-only
// file, or any existing file unless force. On error nothing is held.
func lockTarget(out string, force bool, inputs ...string) (*store.FileLock, error) {
	if fi, err := os.Stat(filepath.Dir(out)); err != nil || !fi.IsDir() {
		return nil, targetError(out, "cli.target.no_folder", "the folder {{.Dir}} does not exist; create it first or write the project elsewhere",
			map[string]any{"Dir": filepath.Dir(out)})
	}
	l, err := store.Lock(out)
	if err != nil {
		return nil, cliStoreError(out, err)
	}
	if err := checkTarget(out, force, inputs); err != nil {
		l.Unlock()
		return nil, err
	}
	return l, nil
}

func checkTarget(out string, force bool, inputs []string) error {
	fi, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return targetError(out, "cli.target.unreadable", "cannot check the existing file: {{.Err}}", map[string]any{"Err": unwrapPathError(err).Error()})
	}
	if !fi.Mode().IsRegular() {
		return targetError(out, "cli.target.not_file", "is a folder or device, not a project file; give a file name with -o", nil)
	}
	for _, in := range withSidecars(inputs) {
		if ii, err := os.Stat(in); err == nil && os.SameFile(ii, fi) {
			return targetError(out, "cli.target.is_input", "is also an input of this command ({{.Input}}); writing the project there would destroy it — give another file with -o",
				map[string]any{"Input": in})
		}
	}
	if fi.Mode().Perm()&0o222 == 0 {
		return targetError(out, "cli.target.read_only", "the file is read-only; write the project to another file, or make this one writable first", nil)
	}
	if force {
		return nil
	}
	if !isSQLite(out) {
		return targetError(out, "cli.target.not_project_file", "exists and is not a Xuequ project; give another file with -o, or --force to replace it", nil)
	}
	if _, _, err := store.Open(out); err != nil {
		reason := err.Error()
		var ie *model.InputError
		if errors.As(err, &ie) {
			reason = lang.TrInput(ie, nil)
		}
		return targetError(out, "cli.target.not_project", "exists and is not a Xuequ project this version can open ({{.Reason}}); give another file with -o, or --force to replace it",
			map[string]any{"Reason": reason})
	}
	return targetError(out, "cli.target.exists", "exists already; give --force to replace the project, or another file with -o", nil)
}

// withSidecars is paths plus the files a Shapefile is read from beside
// its .shp (.shx, .dbf, .prj, .cpg): all of them are inputs.
func withSidecars(paths []string) []string {
	var all []string
	for _, p := range paths {
		if p == "" || p == "-" {
			continue
		}
		all = append(all, p)
		if ext := filepath.Ext(p); strings.EqualFold(ext, ".shp") {
			base := strings.TrimSuffix(p, ext)
			for _, side := range []string{".shx", ".dbf", ".prj", ".cpg", ".SHX", ".DBF", ".PRJ", ".CPG"} {
				all = append(all, base+side)
			}
		}
	}
	return all
}

// isSQLite reports whether the file at path starts like an SQLite database.
func isSQLite(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	h := make([]byte, 16)
	_, err = io.ReadFull(f, h)
	return err == nil && string(h) == "SQLite format 3\x00"
}

func targetError(out, key, fallback string, args map[string]any) error {
	return &model.InputError{File: out, Msg: lang.X(key, fallback, args)}
}

// cliStoreError puts the store's errors about the target file (held by
// another Xuequ, an unreadable lock, a sidecar another program holds) in
// the CLI language.
func cliStoreError(out string, err error) error {
	var le *store.LockedError
	var se *store.SidecarError
	switch {
	case errors.As(err, &le) && le.Unreadable:
		return targetError(out, "cli.lock.unreadable", "is locked, but its lock file {{.Lock}} cannot be read (empty, damaged, or being written right now by another Xuequ); try again in a moment. If no Xuequ has the project open, delete {{.Lock}}",
			map[string]any{"Lock": store.LockPath(out)})
	case errors.As(err, &le):
		h := le.Holder
		return targetError(out, "cli.lock.held", "is open in Xuequ by {{.User}} on {{.Host}} (process {{.PID}}) since {{.Since}}; close it there, or write to another file. If that program is no longer running, delete {{.Lock}}",
			map[string]any{"User": orUnknown(h.User), "Host": orUnknown(h.Host), "PID": h.PID, "Since": h.Since.Local().Format("2006-01-02 15:04"), "Lock": store.LockPath(out)})
	case errors.As(err, &se):
		return targetError(out, "cli.target.sidecar", "another program (QGIS, sqlite3…) has the file open or left unsaved changes in {{.Sidecar}}; close that program and try again, or write to another file",
			map[string]any{"Sidecar": filepath.Base(se.Sidecar)})
	}
	return err
}

func orUnknown(s string) string {
	if s == "" {
		return tr("cli.unknown", "unknown")
	}
	return s
}

// saveTarget runs save (which writes out) and puts its errors about the
// target in the CLI language.
func saveTarget(out string, save func(string) error) error {
	if err := save(out); err != nil {
		return cliStoreError(out, err)
	}
	return nil
}

// saveOutput is saveTarget for a -o that may be "-": the project goes to
// stdout, saved to a temporary file first (a project is an SQLite
// database).
func saveOutput(out string, stdout io.Writer, save func(string) error) error {
	if out == "-" {
		return saveToStdout(stdout, save)
	}
	return saveTarget(out, save)
}

func saveToStdout(stdout io.Writer, save func(string) error) error {
	dir, err := os.MkdirTemp("", "xuequ-out-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, "project.xuequ.gpkg")
	if err := save(tmp); err != nil {
		return err
	}
	f, err := os.Open(tmp)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(stdout, f)
	return err
}

// lockOutput is lockTarget for a -o that may be "-" (stdout: nothing to
// lock or check; a nil lock unlocks as a no-op).
func lockOutput(out string, force bool, inputs ...string) (*store.FileLock, error) {
	if out == "-" {
		return nil, nil
	}
	return lockTarget(out, force, inputs...)
}

// outputName is how messages name the output file: "-" is stdout.
func outputName(out string) string {
	if out == "-" {
		return tr("cli.stdout", "standard output")
	}
	return out
}

// writeOutput writes a document (map, list, ledger) to path atomically,
// or to stdout when path is "-"; only one output of a command line can be
// stdout.
func writeOutput(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path != "-" {
		return report.WriteFileAtomic(path, write)
	}
	if stdoutUsed {
		return &usageError{tr("cli.err.stdout_twice", "only one output can be - (standard output)")}
	}
	stdoutUsed = true
	return write(stdout)
}

var stdoutUsed bool
