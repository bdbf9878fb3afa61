package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes a document to path through write: first to a
// temporary file in the same directory, synced, then renamed over path, so
// that path holds either its old content or the complete new document,
// never half of one. A directory that does not exist or cannot be written
// gives an error naming path and what to do.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if fi, statErr := os.Stat(dir); statErr != nil {
		return fmt.Errorf("%s: cannot write the output: the folder %s does not exist; create it or choose another path", path, dir)
	} else if !fi.IsDir() {
		return fmt.Errorf("%s: cannot write the output: %s is not a folder", path, dir)
	}
	if fi, statErr := os.Stat(path); statErr == nil && fi.IsDir() {
		return fmt.Errorf("%s: cannot write the output: it is a folder; give a file name", path)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: cannot write the output: %w", path, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("%s: cannot write the output: %w", path, unwrapPath(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s: cannot write the output: %w", path, unwrapPath(err))
	}
	// CreateTemp makes the file 0600; a report is an ordinary document.
	_ = os.Chmod(tmp.Name(), 0o644)
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: cannot write the output: %w", path, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the (temporary) path that os errors repeat.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
