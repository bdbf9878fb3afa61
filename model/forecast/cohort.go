package forecast

import "github.com/xuequ/xuequ/model"

// Cohort projects one district state for years years with the default
// options of DESIGN.md §5 (mean of the last 5 years' ratios, births lagged
// 6 years, new-housing yield): closed schools merged into their receivers,
// pupils rounded half-up, classes as in the last history year plus spare
// classrooms. entrants win over derived intakes. It is the default
// Projector; nil without history.
func Cohort(d *model.District, entrants []model.Enrollment, years int) ([]model.Enrollment, error) {
	e := &engine{opt: DistrictOptions{Options: Options{Years: years}}, years: years}
	run, err := e.cohort(d, entrants)
	return run.recs, err
}

// cohort projects d with the engine's options: entrants from the
// catchments, under the user's own entrants.
func (e *engine) cohort(d *model.District, entrants []model.Enrollment) (cohortRun, error) {
	if e.opt.Projector != nil {
		recs, err := e.opt.Projector(d, entrants, e.years)
		return cohortRun{recs: recs}, err
	}
	if len(d.History) == 0 || e.years < 1 {
		return cohortRun{}, nil
	}
	m := MergeClosed(d)
	in := Input{Schools: m.Schools, Zones: m.Zones, History: m.History, Births: m.Births, Housing: m.Housing,
		Entrants: withUserEntrants(e.opt.Entrants, entrants)}
	if e.opt.Births != nil {
		in.Births = e.opt.Births
	}
	o := e.opt.Options
	o.Years, o.Standards = e.years, d.Standards.OrDefault()
	res, err := Project(in, o)
	if err != nil {
		return cohortRun{}, err
	}
	recs := ToEnrollment(res, nil)
	UseSpareClassrooms(m.Schools, o.Standards, recs)
	kindergartenClasses(m.Schools, o.Standards, recs)
	return cohortRun{recs: recs, res: res}, nil
}

// withUserEntrants is the user's entrants plus those of derived that the
// user did not give (same school, year and grade).
func withUserEntrants(user, derived []model.Enrollment) []model.Enrollment {
	if len(user) == 0 {
		return derived
	}
	type key struct {
		school string
		year   int
		grade  model.Grade
	}
	given := make(map[key]bool, len(user))
	for _, e := range user {
		given[key{e.School, e.Year, e.Grade}] = true
	}
	out := append([]model.Enrollment(nil), user...)
	for _, e := range derived {
		if !given[key{e.School, e.Year, e.Grade}] {
			out = append(out, e)
		}
	}
	return out
}
