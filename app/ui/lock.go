package ui

import (
	"errors"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/xuequ/xuequ/app/store"
)

// Project files travel by USB stick and shared folders; two officers must
// not save over each other. The window holds the lock (a sidecar file, see
// store.Lock) of the project it has open.

// holdLock takes the lock of the project just opened from path. When
// another Xuequ holds it, the project stays open read-only: the user is
// told who has it and since when, and Save asks for a new name.
func (w *mainWindow) holdLock(path string) {
	unlock, err := w.lockFor(path)
	if err != nil {
		w.readOnlyPath = path
		dialog.ShowInformation(lang.X("lock.title", "Project in use"), lockMessage(err), w.win)
		return
	}
	w.unlock, w.lockedPath = unlock, path
}

// lockFor takes the lock of path unless this window holds it already (nil
// unlock, nil error then).
func (w *mainWindow) lockFor(path string) (unlock func(), err error) {
	if w.cfg.Lock == nil || path == "" || path == w.lockedPath {
		return nil, nil
	}
	unlock, err = w.cfg.Lock(path)
	if err != nil {
		return nil, errors.New(lockMessage(err))
	}
	return unlock, nil
}

// releaseLock gives up the lock of the open project, if any.
func (w *mainWindow) releaseLock() {
	if w.unlock != nil {
		w.unlock()
	}
	w.unlock, w.lockedPath, w.readOnlyPath = nil, "", ""
}

// lockMessage says who holds a project, in the UI language.
func lockMessage(err error) string {
	var le *store.LockedError
	if !errors.As(err, &le) {
		return trError(err)
	}
	h := le.Holder
	return lang.X("lock.held", "{{.File}} is open in Xuequ by {{.User}} on {{.Host}} since {{.Since}}. "+
		"It is opened here read-only: save your changes under another name. If that program is no longer running, delete {{.Lock}}.",
		map[string]any{"File": le.File, "User": h.User, "Host": h.Host, "Since": h.Since.Local().Format("2006-01-02 15:04"),
			"Lock": store.LockPath(le.File)})
}
