package app

import (
	"errors"
	"path/filepath"

	"github.com/xuequ/xuequ/app/store"
)

// saveError turns the store's save errors a user can act on into *Error,
// so that the GUI shows them in its language (the CLI has its own, see
// cmd/xuequ/target.go). The store error stays reachable by errors.As.
func saveError(err error) error {
	var se *store.SidecarError
	if !errors.As(err, &se) {
		return err
	}
	e := errorf("sidecar_held", "{{.File}}: another program (QGIS, sqlite3…) has the file open or left unsaved changes in {{.Sidecar}}; close that program and save again, or save under another name",
		map[string]any{"File": se.File, "Sidecar": filepath.Base(se.Sidecar)})
	e.Err = err
	return e
}
