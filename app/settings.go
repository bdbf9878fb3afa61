package app

import (
	"maps"

	"github.com/xuequ/xuequ/app/store"
)

// Settings returns a copy of the project's free-form settings (the
// settings table of the project file: document fields such as the issuer
// printed on maps and notices). Nil when there are none.
func (s *Session) Settings() map[string]string {
	if s.extra == nil {
		return nil
	}
	return maps.Clone(s.extra.Settings)
}

// SetSettings merges kv into the project's settings (an empty value
// removes the key), marks the session unsaved and tells the listeners.
// Settings are not part of the plan: this is not an undoable edit.
func (s *Session) SetSettings(kv map[string]string) {
	if s.extra == nil {
		s.extra = &store.Project{}
	}
	if s.extra.Settings == nil {
		s.extra.Settings = map[string]string{}
	}
	changed := false
	for k, v := range kv {
		old, had := s.extra.Settings[k]
		switch {
		case v == "" && had:
			delete(s.extra.Settings, k)
			changed = true
		case v != "" && old != v:
			s.extra.Settings[k] = v
			changed = true
		}
	}
	if changed {
		s.dirty = true
		s.notify()
	}
}
