package app

import (
	"github.com/xuequ/xuequ/app/store"
	"reflect"
	"slices"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/forecast"
)

// Scheduled is an edit with an effective school year (the year the autumn
// term starts), the planning timeline of a scenario:
//   - OpenSchool (新建): Year is the opening year, its first intake;
//   - SchoolEdit (扩建, 学位/教室): Year is the year the classrooms or seats
//     are first in use;
//   - CloseSchool (撤并): Year is the last year the school is open; its
//     pupils are at the receivers from Year+1;
//   - AssignZones, Reassign (划片): Year is the first intake year under the
//     new catchments (pupils already enrolled stay).
//
// The projection (forecast.District) honours the years: every year before
// an edit takes effect is exactly what it would be without the edit. Year
// 0 means "from the first year", as an unscheduled edit.
type Scheduled struct {
	Command
	Year int
}

// At schedules c for year (0 = from the first year: c itself).
func At(year int, c Command) Command {
	if year <= 0 {
		return c
	}
	return &Scheduled{Command: c, Year: year}
}

// Effective is the first school year the edit is in force: Year, or
// Year+1 for a closure (Year is its last year open).
func (c *Scheduled) Effective() int {
	if c.Year <= 0 {
		return 0
	}
	if _, ok := c.Command.(*CloseSchool); ok {
		return c.Year + 1
	}
	return c.Year
}

// effectiveYear is the first year c is in force, 0 = always.
func effectiveYear(c Command) int {
	if s, ok := c.(*Scheduled); ok {
		return s.Effective()
	}
	return 0
}

// unscheduled is the edit under its schedule.
func unscheduled(c Command) Command {
	if s, ok := c.(*Scheduled); ok {
		return s.Command
	}
	return c
}

// freshCopy is a shallow copy of the edit, so that applying it to another
// district (a step of the timeline) leaves the state the original's Undo
// needs untouched.
func freshCopy(c Command) Command {
	if s, ok := c.(*Scheduled); ok {
		return &Scheduled{Command: freshCopy(s.Command), Year: s.Year}
	}
	v := reflect.ValueOf(c)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return c
	}
	cp := reflect.New(v.Elem().Type())
	cp.Elem().Set(v.Elem())
	if out, ok := cp.Interface().(Command); ok {
		return out
	}
	return c
}

// stepYears are the distinct effective years after 0 of the edits and
// of more, sorted.
func stepYears(edits []Command, more []int) []int {
	years := append([]int(nil), more...)
	for _, c := range edits {
		if y := effectiveYear(c); y > 0 {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	return slices.Compact(years)
}

// buildSteps is the timeline of the edits on top of origin (the district
// in force in each year): a step for year 0 and for each effective year,
// each a copy of origin(year) with the edits in force that year applied in
// order. An edit that does not apply yet in a step (it needs a school a
// later edit opens) is left to the step where it does.
func buildSteps(origin func(year int) *model.District, years []int, edits []Command) []forecast.Step {
	steps := make([]forecast.Step, 0, len(years)+1)
	for _, y := range append([]int{0}, years...) {
		if y == 0 && len(steps) > 0 {
			continue
		}
		d := cloneDistrict(origin(y))
		for _, c := range edits {
			if effectiveYear(c) <= y {
				_ = freshCopy(c).Do(d)
			}
		}
		steps = append(steps, forecast.Step{Year: y, District: d})
	}
	return steps
}

// stepAt is the district of the last step in force in year y.
func stepAt(steps []forecast.Step, y int) *model.District {
	r := forecast.DistrictResult{Steps: steps}
	return r.At(y)
}

// scheduled reports whether any edit has an effective year.
func scheduled(edits []Command) bool {
	return slices.ContainsFunc(edits, func(c Command) bool { return effectiveYear(c) > 0 })
}

// ScenarioSteps is the timeline of the named scenario of a project file
// ("" = the project's district alone): the steps forecast.District
// projects, as a Session builds them. `xuequ forecast` and `xuequ analyze`
// use it, so that they give the Session's numbers.
func ScenarioSteps(p *store.Project, name string) ([]forecast.Step, error) {
	if name == "" {
		return []forecast.Step{{District: &p.District}}, nil
	}
	final, err := ScenarioDistrict(p, name)
	if err != nil {
		return nil, err
	}
	for _, v := range loadScenarios(p.Scenarios) {
		if v.name == name && scheduled(v.edits) {
			origin := func(int) *model.District { return &p.District }
			return buildSteps(origin, stepYears(v.edits, nil), v.edits), nil
		}
	}
	return []forecast.Step{{District: final}}, nil
}

// TimelineItem is one scheduled edit of a scenario's 项目 timeline.
type TimelineItem struct {
	// Edit is the edit's position in the scenario's edit list (for
	// Reschedule).
	Edit int
	// Year is the edit's effective year (0 = from the first year): the
	// opening year, the completion year, the first year after a closure,
	// the first intake year.
	Year  int
	Label Label
	// Seats is the change of known seats (学位) the edit makes: a new
	// school's seats, classrooms × standard of an expansion, minus a
	// closed school's.
	Seats int
}

// Timeline lists the edits of the scenario on display (the base's when
// none is), by effective year then in the order they were made.
func (s *Session) Timeline() []TimelineItem {
	v := s.cur
	d := cloneDistrict(s.origin)
	if v != s.base {
		d = cloneDistrict(s.base.district)
	}
	out := make([]TimelineItem, 0, len(v.edits))
	for i, c := range v.edits {
		before := knownSeats(d)
		cp := freshCopy(c)
		if err := cp.Do(d); err != nil {
			continue
		}
		out = append(out, TimelineItem{Edit: i, Year: effectiveYear(c), Label: c.Label(), Seats: knownSeats(d) - before})
	}
	slices.SortStableFunc(out, func(a, b TimelineItem) int { return a.Year - b.Year })
	return out
}

// knownSeats is Σ of the open schools' seats known from their capacity or
// classrooms (model.SchoolSeats without classes).
func knownSeats(d *model.District) int {
	std := d.Standards.OrDefault()
	n := 0
	for i := range d.Schools {
		if sc := &d.Schools[i]; !sc.Closed && sc.Level.InK9() {
			seats, _ := model.SchoolSeats(sc, 0, false, std)
			n += seats
		}
	}
	return n
}

// EditYear is the year an edit of the scenario on display is scheduled
// for, as the dialogs ask it (a closure's last year open; 0 = from the
// first year).
func (s *Session) EditYear(i int) int {
	if i < 0 || i >= len(s.cur.edits) {
		return 0
	}
	if sc, ok := s.cur.edits[i].(*Scheduled); ok {
		return sc.Year
	}
	return 0
}

// Reschedule gives edit i of the scenario on display a new year (as
// Scheduled.Year; 0 = from the first year): the 项目时间表 moves an
// opening, an expansion, a closure or a 划片 — painted strokes and
// re-drawn catchments included — to another year. The edit itself is
// unchanged, so the district on display is too; the projection follows.
func (s *Session) Reschedule(i, year int) error {
	v := s.cur
	if i < 0 || i >= len(v.edits) {
		return errorf("no_edit", "there is no edit {{.N}} in this scenario", map[string]any{"N": i + 1})
	}
	if year < 0 || year > 9999 {
		return errorf("edit_year", "{{.Year}} is not a school year", map[string]any{"Year": year})
	}
	if err := s.checkScheduled(At(year, v.edits[i])); err != nil {
		return err
	}
	v.edits[i] = At(year, unscheduled(v.edits[i]))
	s.changed()
	return nil
}

// checkScheduled refuses a planned year on the base district: the project
// file keeps the base as one district, not as a list of edits, so the year
// would be lost on saving. Plans with years belong in a scenario.
func (s *Session) checkScheduled(c Command) error {
	if s.cur == s.base && effectiveYear(c) > 0 {
		return errorf("scheduled_base", "an edit with a year (a plan) goes into a scenario: make one first (方案 ▸ 新建方案), or leave the year empty to change the base data", nil)
	}
	return nil
}
