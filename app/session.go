package app

import (
	"errors"
	"slices"
	"time"

	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/forecast"
)

// ProjectionYears is how many years past the last history year a Session
// projects, so the year slider reaches the end of a five-year plan and more.
const ProjectionYears = 10

// Now is the app's clock: a project without enrollment history is
// analysed for the school year of Now (model.SchoolYear). Tests set it to
// a fixed time.
var Now = time.Now

// DefaultYear is the year a district is analysed for when opened: the last
// year of its history, or without history the current school year
// (autumn start, model.SchoolYear of Now) — never 0.
func DefaultYear(d *model.District) int {
	if _, last := d.Years(); last != 0 {
		return last
	}
	return model.SchoolYear(Now())
}

// Projector turns a district into projected enrollment records for the
// years after its history (Project, on package model/forecast, is the real
// one). entrants are explicit intakes by school, grade and projected year
// that win over what the projector would derive (nil = none): the Session
// passes them so that the entry intake follows edited catchments (see
// catchment.go). It may return nil when the district has no history.
type Projector func(d *model.District, entrants []model.Enrollment, years int) ([]model.Enrollment, error)

// Session is one open project: the base district and its scenarios (方案),
// the one on display, its file, the year under study and the undo/redo
// stacks. See the package doc for threading and scenario.go for scenarios.
type Session struct {
	district  *model.District // the district on display: cur.district
	path      string
	dirty     bool
	year      int
	projector Projector
	// extra keeps what the project file holds beyond the district and the
	// scenarios (edit log, settings) so that saving gives it back.
	extra *store.Project

	// reference is the district as loaded (project file, sample, import),
	// before any edit: the catchments its history was recorded under, from
	// which projected intakes follow the zones of edited catchments
	// (forecast.District). It never changes within a session. origin is
	// the district the session started on, from which the base's timeline
	// is replayed when base edits have effective years.
	reference *model.District
	origin    *model.District
	// refCache keeps the reference's projection between recomputes: it
	// depends only on the reference's history, births, housing and
	// catchments — not on the standards, which change classes and
	// statuses, never pupils.
	refCache forecast.Cache

	base      *variant   // the district as imported and edited
	scenarios []*variant // each: base + its edits
	cur       *variant   // base or one of scenarios: what edits go to

	// estimateYear is the one year a district without history is analysed
	// for (DefaultYear when the session started).
	estimateYear int

	analysis     model.Analysis // analysis of year, recomputed after every change
	memo         analysisMemo   // per-school results AnalysisFor reuses
	listeners    []listener
	nextListener int
	gen          int // counts edits, undos and redos (Generation)
	held         int // Hold count: edits refused while > 0
}

// NewSession starts a session on d, read from path ("" for a new or sample
// district). project may be nil (history years only). The year is
// DefaultYear: the last history year, or the current school year when d
// has no history, whose pupils are then estimated from the catchment
// zones (model.AnalyzeEstimate). d's catchments are the reference ones
// (see catchment.go).
func NewSession(d *model.District, path string, project Projector) *Session {
	return NewSessionWithReference(nil, d, path, project)
}

// NewSessionWithReference is NewSession on d, a district derived by edits
// from ref (as `xuequ export --scenario` derives a scenario outside a
// session): projected intakes follow d's catchments from ref's. A nil ref
// means d itself.
func NewSessionWithReference(ref, d *model.District, path string, project Projector) *Session {
	d.Standards = d.Standards.OrDefault()
	if ref == nil {
		ref = d
	}
	s := &Session{district: d, path: path, projector: project, reference: cloneDistrict(ref), origin: cloneDistrict(d)}
	s.base = &variant{district: d}
	s.cur = s.base
	s.year = DefaultYear(d)
	s.estimateYear = s.year
	s.recompute(true)
	return s
}

// District is the session's district. Callers must not modify it directly:
// every change goes through Do so that it can be undone.
func (s *Session) District() *model.District { return s.district }

// Path is the project file ("" when never saved).
func (s *Session) Path() string { return s.path }

// SetPath records where the project was saved and marks it clean.
func (s *Session) SetPath(p string) {
	s.path, s.dirty = p, false
	if s.extra != nil && p != "" {
		s.extra.Origin.Path = p // the next save carries over from the file just written
	}
	s.notify()
}

// Dirty reports unsaved changes.
func (s *Session) Dirty() bool { return s.dirty }

// Generation counts the edits, undos and redos so far: a caller that
// saved a Freeze copy compares it to know whether edits came in since.
func (s *Session) Generation() int { return s.gen }

// MarkDirty marks the session as having unsaved changes (edits made
// while a frozen copy was being saved).
func (s *Session) MarkDirty() {
	if !s.dirty {
		s.dirty = true
		s.notify()
	}
}

// Year is the year the analysis is for.
func (s *Session) Year() int { return s.year }

// YearRange is the first history year and the last projected year; for a
// district without history the one school year its pupils are estimated
// for (never 0).
func (s *Session) YearRange() (first, last int) {
	if !s.HasHistory() {
		return s.estimateYear, s.estimateYear
	}
	first, last = s.district.Years()
	if s.projector != nil && last != 0 {
		last += ProjectionYears
	}
	return first, last
}

// Projected reports whether year is past the last history year (false
// without history: that year's pupils are estimates, see Estimated).
func (s *Session) Projected(year int) bool {
	_, last := s.district.Years()
	return s.HasHistory() && year > last
}

// HasHistory reports whether the district has an enrollment history.
// Without one every pupil figure is an estimate from the catchment zones
// (Analysis.Estimated).
func (s *Session) HasHistory() bool { return len(s.district.History) > 0 }

// SetYear changes the year under study and recomputes the analysis.
func (s *Session) SetYear(y int) {
	if y == s.year || s.held > 0 {
		return
	}
	s.year = y
	s.recompute(false)
	s.notify()
}

// Analysis is the class-size and seat analysis of the current year.
func (s *Session) Analysis() model.Analysis { return s.analysis }

// AnalysisFor analyses any year (history or projected) without changing the
// session's year.
func (s *Session) AnalysisFor(year int) model.Analysis {
	d := s.cur.at(year)
	if len(d.History) == 0 {
		return analyze(d, nil, year)
	}
	return s.memo.analyze(d.Schools, s.records(year), year, d.Standards)
}

// analyze is model.Analyze of records in year for district d, or, when d
// has no enrollment history, the estimate from its catchment zones
// (model.AnalyzeEstimate, marked Estimated).
func analyze(d *model.District, records []model.Enrollment, year int) model.Analysis {
	if len(d.History) == 0 {
		return model.AnalyzeEstimate(d.Schools, d.Zones, year, d.Standards)
	}
	return model.Analyze(d.Schools, records, year, d.Standards)
}

// ProjectionError is the error of the last projection, if any.
func (s *Session) ProjectionError() error { return s.cur.projErr }

// SchoolResult returns the current year's result for one school.
func (s *Session) SchoolResult(id string) (model.SchoolResult, bool) {
	for _, r := range s.analysis.Schools {
		if r.School == id {
			return r, true
		}
	}
	return model.SchoolResult{}, false
}

// OnChange registers f to be called after every change of district, year or
// file state, for the session's lifetime (see Listen to stop).
func (s *Session) OnChange(f func()) { s.Listen(f) }

// Listen is OnChange returning the function that removes f again (a
// window that closes, a panel that is rebuilt). Removing twice is a no-op.
func (s *Session) Listen(f func()) (remove func()) {
	s.nextListener++
	id := s.nextListener
	s.listeners = append(s.listeners, listener{id, f})
	return func() {
		s.listeners = slices.DeleteFunc(s.listeners, func(l listener) bool { return l.id == id })
	}
}

// Listeners is the number of registered listeners (tests).
func (s *Session) Listeners() int { return len(s.listeners) }

type listener struct {
	id int
	f  func()
}

// Do applies an edit, records it for undo and recomputes. While a
// scenario is on display the edit goes into that scenario, else into the
// base district (and every scenario is re-derived from the new base).
func (s *Session) Do(c Command) error {
	if err := s.busy(); err != nil {
		return err
	}
	if err := s.checkScheduled(c); err != nil {
		return err
	}
	if err := c.Do(s.district); err != nil {
		return err
	}
	s.cur.edits = append(s.cur.edits, c)
	s.cur.redo = nil
	s.changed()
	return nil
}

// Hold makes edits, undo, redo, year and scenario switches fail with an
// *Error (key app.err.busy) until release is called, so that a writer on
// another goroutine (an export reading the session) sees it unchanged.
// Holds nest; release is idempotent.
func (s *Session) Hold() (release func()) {
	s.held++
	done := false
	return func() {
		if !done {
			done = true
			s.held--
		}
	}
}

// Held reports whether a Hold is in force.
func (s *Session) Held() bool { return s.held > 0 }

func (s *Session) busy() error {
	if s.held > 0 {
		return errorf("busy", "the project is being written (export); try again when it is done", nil)
	}
	return nil
}

// ErrNothingToUndo is returned by Undo and Redo when the stack is empty.
var ErrNothingToUndo = errors.New("nothing to undo or redo")

// Undo reverts the last edit.
func (s *Session) Undo() error {
	if err := s.busy(); err != nil {
		return err
	}
	v := s.cur
	if len(v.edits) == 0 {
		return ErrNothingToUndo
	}
	c := v.edits[len(v.edits)-1]
	v.edits = v.edits[:len(v.edits)-1]
	c.Undo(s.district)
	v.redo = append(v.redo, c)
	s.changed()
	return nil
}

// Redo re-applies the last undone edit.
func (s *Session) Redo() error {
	if err := s.busy(); err != nil {
		return err
	}
	v := s.cur
	if len(v.redo) == 0 {
		return ErrNothingToUndo
	}
	c := v.redo[len(v.redo)-1]
	if err := c.Do(s.district); err != nil {
		return err
	}
	v.redo = v.redo[:len(v.redo)-1]
	v.edits = append(v.edits, c)
	s.changed()
	return nil
}

// UndoLabel and RedoLabel name the edit Undo or Redo would act on (the
// zero Label when none; see Label.IsZero).
func (s *Session) UndoLabel() Label { return topLabel(s.cur.edits) }

// RedoLabel names the edit Redo would re-apply.
func (s *Session) RedoLabel() Label { return topLabel(s.cur.redo) }

func topLabel(st []Command) Label {
	if len(st) == 0 {
		return Label{}
	}
	return st[len(st)-1].Label()
}

func (s *Session) changed() {
	s.dirty = true
	s.gen++
	if s.cur == s.base {
		for _, v := range s.scenarios {
			v.stale()
		}
	}
	s.recompute(true)
	s.notify()
}

func (s *Session) notify() {
	// A listener may remove itself (or others) while being notified.
	for _, l := range slices.Clone(s.listeners) {
		l.f()
	}
}

// recompute refreshes the analysis; reproject also refreshes the projection
// (edits can change it: standards, catchments, capacities).
func (s *Session) recompute(reproject bool) {
	if reproject {
		s.cur.steps, s.cur.projected, s.cur.projErr, s.cur.projOK = nil, nil, nil, false
	}
	s.ensure(s.cur)
	s.analysis = s.AnalysisFor(s.year)
}

// project projects v's timeline with the entry intake following its
// catchments from the reference ones (forecast.District).
func (s *Session) project(v *variant) (*forecast.DistrictResult, error) {
	return forecast.District(s.reference, v.steps, forecast.DistrictOptions{
		Options: forecast.Options{Years: ProjectionYears}, Projector: forecast.Projector(s.projector), Cache: &s.refCache})
}

// records returns the enrollment records for year: history, or projection
// past the last history year.
func (s *Session) records(year int) []model.Enrollment {
	return s.cur.records(year)
}
