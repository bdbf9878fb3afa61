package report

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// sampleSession is the embedded sample district with the app's projector,
// loaded once (the projection takes a moment).
var sampleSession = sync.OnceValues(func() (*app.Session, error) {
	d, _, err := app.LoadSample()
	if err != nil {
		return nil, err
	}
	return app.NewSession(d, "", app.Project), nil
})

func session(t testing.TB) *app.Session {
	t.Helper()
	s, err := sampleSession()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fixedDate keeps outputs reproducible.
var fixedDate = time.Date(2025, 11, 23, 0, 0, 0, 0, time.UTC)

// dump writes data to $XUEQU_REPORT_OUT/name when that is set, for
// looking at the outputs by eye.
func dump(t *testing.T, name string, data []byte) {
	dir := os.Getenv("XUEQU_REPORT_OUT")
	if dir == "" {
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func asInputError(err error, target **model.InputError) bool { return errors.As(err, target) }

// newTestSession is a session on d with the app's projector.
func newTestSession(d *model.District) *app.Session { return app.NewSession(d, "", app.Project) }
