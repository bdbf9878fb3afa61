package app

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/forecast"
)

// Scenarios (方案). A scenario is a name, a description and an ordered list
// of edits (Commands) relative to the base district: "open a school at the
// new estate and redraw the primary catchments", "expand 城关一小". Its
// district is derived: a copy of the base with the edits applied in order,
// re-derived whenever the base changes. The edit list is also the
// scenario's undo stack, so undoing in a scenario removes its last edit.
//
// While a scenario is on display (SwitchScenario), District, Analysis and
// every edit through Do are the scenario's; the base and the other
// scenarios stay as they are. Save writes the base district as the
// project's district and each scenario's edits as JSON (see
// scenario_codec.go) in the project's scenarios table; OpenProject brings
// them back.

// ScenarioInfo describes one scenario for a list or menu.
type ScenarioInfo struct {
	Name        string
	Description string
	Edits       int // number of edits relative to the base
	// Err says why some or all of the scenario's edits could not be
	// applied: saved by a newer Xuequ (unknown kind of edit, kept as is), or
	// no longer applicable to the base (e.g. a zone the base deleted; those
	// edits are dropped). Nil when all is well.
	Err error
}

// variant is the base district or one scenario, with its caches.
type variant struct {
	name, description string
	// district is the variant's district: for the base the district
	// itself, for a scenario the derived copy (nil = derive again).
	district *model.District
	// edits are applied in order (the undo stack); redo the undone ones.
	edits, redo []Command

	// steps is the variant's timeline (forecast.Step: the district in
	// force from each effective year of its edits; nil = build again).
	steps     []forecast.Step
	projected *forecast.DistrictResult // projection of steps, valid when projOK
	projErr   error
	projOK    bool

	// raw is scenario data this version cannot decode, saved back as it
	// was; err says why (or which edits were dropped on deriving).
	raw json.RawMessage
	err error
}

// stale drops the derived district and its projection (the base changed).
func (v *variant) stale() {
	v.district, v.steps, v.projected, v.projErr, v.projOK = nil, nil, nil, nil, false
}

// records returns the enrollment records for year: history, or the
// projection past the last history year.
func (v *variant) records(year int) []model.Enrollment {
	if _, last := v.district.Years(); year > last {
		if v.projected == nil {
			return nil
		}
		return v.projected.Records
	}
	return v.district.History
}

// at is the district in force in year: its schools' seats and classrooms
// and its catchments (the variant's district when nothing is scheduled).
func (v *variant) at(year int) *model.District {
	if len(v.steps) == 0 {
		return v.district
	}
	return stepAt(v.steps, year)
}

// ensure derives v's district and projects it when its caches are stale.
func (s *Session) ensure(v *variant) {
	if v.district == nil {
		s.derive(v)
	}
	if v.steps == nil {
		v.steps = s.timeline(v)
	}
	if !v.projOK {
		v.projected, v.projErr = nil, nil
		if s.projector != nil {
			v.projected, v.projErr = s.project(v)
		}
		v.projOK = true
	}
}

// timeline builds v's steps: its district alone when no edit of it (or of
// the base, for a scenario) has an effective year; else the base's
// timeline (or the session's origin, for the base) with v's edits
// replayed year by year (see buildSteps).
func (s *Session) timeline(v *variant) []forecast.Step {
	if v == s.base {
		if !scheduled(v.edits) {
			return []forecast.Step{{District: v.district}}
		}
		return buildSteps(func(int) *model.District { return s.origin }, stepYears(v.edits, nil), v.edits)
	}
	s.ensure(s.base)
	base := s.base.steps
	if len(base) == 1 && !scheduled(v.edits) {
		return []forecast.Step{{District: v.district}}
	}
	more := make([]int, 0, len(base))
	for _, st := range base[1:] {
		more = append(more, st.Year)
	}
	return buildSteps(func(y int) *model.District { return stepAt(base, y) }, stepYears(v.edits, more), v.edits)
}

// derive rebuilds a scenario's district from the base. Edits that no
// longer apply (the base changed under them) are dropped and named in v.err.
func (s *Session) derive(v *variant) {
	d := cloneDistrict(s.base.district)
	kept := v.edits[:0]
	var errs []error
	for _, c := range v.edits {
		if err := c.Do(d); err != nil {
			errs = append(errs, errorf("scenario_edit_dropped", "the edit “{{.Edit}}” no longer applies to the base and was dropped: {{.Err}}",
				map[string]any{"Edit": c.Label().String(), "Err": err.Error()}))
			continue
		}
		kept = append(kept, c)
	}
	clear(v.edits[len(kept):])
	v.edits = kept
	if len(errs) > 0 {
		v.err = errors.Join(errs...)
	}
	v.district = d
}

// cloneDistrict copies what edits change (the school and zone lists)
// and shares the rest: no Command changes history, births, housing,
// geometry or attributes in place.
func cloneDistrict(d *model.District) *model.District {
	cp := *d
	cp.Schools = append([]model.School(nil), d.Schools...)
	cp.Zones = append([]model.Zone(nil), d.Zones...)
	return &cp
}

// Scenarios lists the project's scenarios in the order they were made.
func (s *Session) Scenarios() []ScenarioInfo {
	out := make([]ScenarioInfo, len(s.scenarios))
	for i, v := range s.scenarios {
		out[i] = ScenarioInfo{Name: v.name, Description: v.description, Edits: len(v.edits), Err: v.err}
	}
	return out
}

// CurrentScenario is the name of the scenario on display, "" for the base.
func (s *Session) CurrentScenario() string { return s.cur.name }

func (s *Session) scenario(name string) *variant {
	for _, v := range s.scenarios {
		if v.name == name {
			return v
		}
	}
	return nil
}

// checkScenarioName refuses an empty name or one in use.
func (s *Session) checkScenarioName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", errorf("scenario_name", "a scenario needs a name", nil)
	}
	if s.scenario(name) != nil {
		return "", errorf("scenario_exists", "there is a scenario named {{.Name}} already", map[string]any{"Name": name})
	}
	return name, nil
}

func errNoScenario(name string) error {
	return errorf("no_scenario", "there is no scenario named {{.Name}}", map[string]any{"Name": name})
}

// NewScenario starts a scenario from the current state of the base
// district and shows it: the edits that follow go into it.
func (s *Session) NewScenario(name, description string) error {
	name, err := s.checkScenarioName(name)
	if err != nil {
		return err
	}
	v := &variant{name: name, description: strings.TrimSpace(description)}
	s.scenarios = append(s.scenarios, v)
	s.dirty = true
	return s.SwitchScenario(name)
}

// SwitchScenario shows the named scenario ("" = the base district): its
// district, analysis and undo stack. The year under study stays.
func (s *Session) SwitchScenario(name string) error {
	if err := s.busy(); err != nil {
		return err
	}
	v := s.base
	if name != "" {
		if v = s.scenario(name); v == nil {
			return errNoScenario(name)
		}
		if v.raw != nil {
			return v.err
		}
	}
	s.cur = v
	s.ensure(v)
	s.district = v.district
	s.recompute(false)
	s.notify()
	return nil
}

// DeleteScenario removes a scenario (the base shows if it was on display).
func (s *Session) DeleteScenario(name string) error {
	v := s.scenario(name)
	if v == nil {
		return errNoScenario(name)
	}
	if s.cur == v {
		if err := s.SwitchScenario(""); err != nil {
			return err
		}
	}
	for i, x := range s.scenarios {
		if x == v {
			s.scenarios = append(s.scenarios[:i], s.scenarios[i+1:]...)
			break
		}
	}
	s.dirty = true
	s.notify()
	return nil
}

// RenameScenario gives a scenario a new name and, unless description is
// nil, a new description.
func (s *Session) RenameScenario(old, name string, description *string) error {
	v := s.scenario(old)
	if v == nil {
		return errNoScenario(old)
	}
	if strings.TrimSpace(name) != old {
		var err error
		if name, err = s.checkScenarioName(name); err != nil {
			return err
		}
		v.name = name
	}
	if description != nil {
		v.description = strings.TrimSpace(*description)
	}
	s.dirty = true
	s.notify()
	return nil
}

// ScenarioSummary is one column of a scenario comparison (方案对比).
type ScenarioSummary struct {
	Name      string // "" = the base district
	Year      int
	Projected bool // Year is past the history
	Summary   model.Summary
	// SeatShortage (学位缺口) and Oversized (大校额 schools) repeat the
	// Summary's figures that decide between scenarios.
	SeatShortage, Oversized int
	// Err is a projection error, or why the scenario cannot be shown.
	Err error
}

// Compare summarises the base and scenarios for one year (history or
// projected): the base first, then the named scenarios in the order given
// (all scenarios when no name is given). Derived districts and
// projections are cached until an edit changes them, so calling Compare
// after every change costs one analysis per scenario plus the projections
// the change made stale.
func (s *Session) Compare(year int, names ...string) []ScenarioSummary {
	vs := []*variant{s.base}
	if len(names) == 0 {
		vs = append(vs, s.scenarios...)
	}
	out := make([]ScenarioSummary, 0, len(vs)+len(names))
	for _, name := range names {
		if v := s.scenario(name); v != nil && name != "" {
			vs = append(vs, v)
		} else if name != "" {
			out = append(out, ScenarioSummary{Name: name, Year: year, Err: errNoScenario(name)})
		}
	}
	for i, v := range vs {
		sum := ScenarioSummary{Name: v.name, Year: year}
		if v.raw != nil {
			sum.Err = v.err
		} else {
			s.ensure(v)
			_, last := v.district.Years()
			sum.Projected = len(v.district.History) > 0 && year > last
			if sum.Projected {
				sum.Err = v.projErr
			}
			a := analyze(v.at(year), v.records(year), year)
			sum.Summary = a.Summary
			sum.SeatShortage, sum.Oversized = a.Summary.SeatShortage, a.Summary.OversizedSchool
		}
		// Unknown names (already in out) follow the known ones.
		out = append(out[:i], append([]ScenarioSummary{sum}, out[i:]...)...)
	}
	return out
}
