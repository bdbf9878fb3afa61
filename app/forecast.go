package app

import (
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/forecast"
)

// Project is the Projector of the app: cohort survival with the defaults of
// DESIGN.md §5 (mean of the last 5 years' ratios, births lagged 6 years,
// new-housing yield), pupils rounded half-up, classes as in the last history
// year — so model.Analyze judges a projected year as if no classroom were
// added.
func Project(d *model.District, years int) ([]model.Enrollment, error) {
	if len(d.History) == 0 || years < 1 {
		return nil, nil
	}
	res, err := forecast.Project(forecast.Input{Schools: d.Schools, Zones: d.Zones, History: d.History,
		Births: d.Births, Housing: d.Housing}, forecast.Options{Years: years, Standards: d.Standards})
	if err != nil {
		return nil, err
	}
	return forecast.ToEnrollment(res, nil), nil
}
