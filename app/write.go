package app

import "github.com/xuequ/xuequ/app/store"

// WriteProject writes the session's project to path atomically, like Save,
// but leaves the session alone (path, dirty flag, listeners): the GUI runs
// it off its goroutine while a modal progress dialog blocks edits, then
// calls SetPath on its own goroutine so OnChange listeners stay there.
// (Added by the GUI helper; Save could be written as WriteProject+SetPath.)
func (s *Session) WriteProject(path string) error {
	p := &store.Project{District: *s.district}
	if s.extra != nil {
		p.Scenarios, p.Edits, p.Settings = s.extra.Scenarios, s.extra.Edits, s.extra.Settings
	}
	return store.Save(path, p)
}
