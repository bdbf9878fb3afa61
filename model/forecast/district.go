package forecast

import (
	"slices"
	"sort"

	"github.com/xuequ/xuequ/model"
)

// Step is the district as it stands from school year Year on: the base
// with every scenario edit whose effective year is Year or earlier
// applied. The first step of a timeline has Year 0 (from the first year).
type Step struct {
	Year     int
	District *model.District
}

// Projector projects one district state: explicit entrants (nil = none)
// win over what it would derive. Cohort is the real one; tests plug in
// simpler ones.
type Projector func(d *model.District, entrants []model.Enrollment, years int) ([]model.Enrollment, error)

// DistrictOptions tunes District.
type DistrictOptions struct {
	// Options tune the cohort model (Years = projected years; Standards
	// are ignored: each district's own standards apply).
	Options
	// Entrants are intakes the user gave (招生计划, `forecast --entrants`);
	// they win over the intakes that follow the catchments.
	Entrants []model.Enrollment
	// Births replace the districts' births when not nil (`--births`).
	Births []model.Births
	// Projector replaces the cohort model (nil = the cohort model with
	// Options); tests use it. Result.Projections is then nil.
	Projector Projector
	// Cache keeps the reference district's projection between calls (a
	// Session projects after every edit; the reference never changes).
	// Use one Cache per reference district and options; nil = none.
	Cache *Cache
}

// Cache holds the projection of a reference district for District calls
// with the same reference, options and projector.
type Cache struct {
	ref   *model.District
	years int
	run   *cohortRun
}

// DistrictResult is the projection of a district along its timeline.
type DistrictResult struct {
	// BaseYear is the last history year; projected years follow it.
	BaseYear int
	// Records are the projected enrollment records of every school, year
	// and grade: pupils rounded half-up, classes as in the last history
	// year plus spare classrooms opened (UseSpareClassrooms). Analyse year
	// y with model.Analyze(r.At(y).Schools, r.Records, y, …).
	Records []model.Enrollment
	// Projections are Records with unrounded pupils and their sources, in
	// the same order (nil with a custom Projector); Classes are the
	// records' classes.
	Projections []Projection
	// Ratios and Notes are those of the first projected year's cohort run.
	Ratios []Ratio
	Notes  []string
	// Steps is the timeline projected, first step Year 0.
	Steps []Step
}

// At returns the district as it stands in year y: the last step whose
// Year is y or earlier.
func (r *DistrictResult) At(y int) *model.District { return stepAt(r.Steps, y) }

func stepAt(steps []Step, y int) *model.District {
	i := sort.Search(len(steps), func(i int) bool { return steps[i].Year > y }) - 1
	return steps[max(i, 0)].District
}

// District is THE projection: every school's enrollment by grade for
// opt.Years years after the last history year, with
//   - the cohort model (Project) fitted on the history of ref's schools;
//   - closed schools' pupils at their receivers (MergeClosed);
//   - entry intakes that follow re-drawn catchments from ref's (see
//     catchment.go), year by year along the timeline;
//   - spare classrooms opened where classes are over standard
//     (UseSpareClassrooms);
//   - the timeline: year t is projected with the step in force in t, so
//     the years before an edit's effective year are exactly those of the
//     timeline without it.
//
// ref is the district the history was recorded under (nil = the first
// step's). steps is the timeline (one step for a district without edits
// of a later year); a district without history gives an empty result.
func District(ref *model.District, steps []Step, opt DistrictOptions) (*DistrictResult, error) {
	if len(steps) == 0 {
		return &DistrictResult{}, nil
	}
	if ref == nil {
		ref = steps[0].District
	}
	e := &engine{ref: ref, opt: opt, years: opt.Years}
	if e.years == 0 {
		e.years = DefaultYears
	}
	_, base := ref.Years()
	res := &DistrictResult{BaseYear: base, Steps: steps}
	if len(ref.History) == 0 || len(steps[0].District.History) == 0 {
		return res, nil
	}
	phases := projectionPhases(steps, base+1)
	for i, k := range phases {
		run, err := e.projectStep(steps, k)
		if err != nil {
			return nil, err
		}
		from, to := max(steps[k].Year, base+1), base+e.years
		if i+1 < len(phases) {
			to = steps[phases[i+1]].Year - 1
		}
		res.take(run, from, to)
		if i == 0 && run.res != nil {
			res.Ratios, res.Notes = run.res.Ratios, run.res.Notes
		}
	}
	return res, nil
}

// projectionPhases are the indices of the steps in force in some projected
// year: the step of the first projected year, then every later one.
func projectionPhases(steps []Step, first int) []int {
	phases := []int{0}
	for k := 1; k < len(steps); k++ {
		if steps[k].Year <= first {
			phases[0] = k
		} else {
			phases = append(phases, k)
		}
	}
	return phases
}

// take copies the records (and projections) of years from…to of run.
func (r *DistrictResult) take(run cohortRun, from, to int) {
	n := 0
	for _, e := range run.recs {
		if e.Year >= from && e.Year <= to {
			n++
		}
	}
	// Grown once: appending tens of thousands of records one by one
	// copied them again and again after every edit.
	r.Records = slices.Grow(r.Records, n)
	if run.res != nil {
		r.Projections = slices.Grow(r.Projections, n)
	}
	for i, e := range run.recs {
		if e.Year < from || e.Year > to {
			continue
		}
		r.Records = append(r.Records, e)
		if run.res != nil {
			p := run.res.Projections[i]
			p.Classes = e.Classes
			r.Projections = append(r.Projections, p)
		}
	}
}

// engine holds what the steps of one District call share: the reference
// projection is made once.
type engine struct {
	ref    *model.District
	opt    DistrictOptions
	years  int
	refRun *cohortRun
}

// cohortRun is one projection of one district state: records, and the
// cohort result they come from (nil with a custom Projector). With the
// cohort model recs[i] is res.Projections[i] rounded.
type cohortRun struct {
	recs []model.Enrollment
	res  *Result
}

// projectStep projects the district of step k, its entry intakes following
// the catchments of the step in force in each year (never later than k).
func (e *engine) projectStep(steps []Step, k int) (cohortRun, error) {
	d := steps[k].District
	at := func(y int) *model.District {
		if y >= steps[k].Year {
			return d
		}
		return stepAt(steps[:k+1], y)
	}
	if e.unchanged(steps[:k+1]) {
		return e.cohort(d, nil)
	}
	ref, err := e.reference()
	if err != nil || len(ref.recs) == 0 {
		return e.cohort(d, nil)
	}
	f := newFollow(e.ref, ref.recs, d)
	f.setZones(at)
	if !f.wanted() {
		return e.cohort(d, nil)
	}
	f.wholeEntrants()
	f.forceDrifting(f.keepIntakes(ref.recs))
	return e.projectUntilStable(f, d)
}

// unchanged reports whether every step has the reference's catchments.
func (e *engine) unchanged(steps []Step) bool {
	for _, s := range steps {
		if !SameCatchments(e.ref, s.District) {
			return false
		}
	}
	return true
}

// reference projects the reference district once (once per Cache).
func (e *engine) reference() (cohortRun, error) {
	if c := e.opt.Cache; e.refRun == nil && c != nil && c.ref == e.ref && c.years == e.years && c.run != nil {
		e.refRun = c.run
	}
	if e.refRun == nil {
		run, err := e.cohort(e.ref, nil)
		if err != nil {
			return run, err
		}
		e.refRun = &run
		if c := e.opt.Cache; c != nil {
			c.ref, c.years, c.run = e.ref, e.years, &run
		}
	}
	return *e.refRun, nil
}

// projectUntilStable projects d with f's entrants; schools whose intake
// drifted from what they must keep get it as entrants and d is projected
// again (three projections at most).
func (e *engine) projectUntilStable(f *follow, d *model.District) (cohortRun, error) {
	for pass := 0; ; pass++ {
		run, err := e.cohort(d, f.entrants)
		if err != nil || pass == 2 {
			return run, err
		}
		drift := f.drifted(run.recs)
		if len(drift) == 0 {
			return run, nil
		}
		for _, sg := range drift {
			f.giveKept(sg)
		}
	}
}
