package app

import (
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/forecast"
)

// Project is the Projector of the app: forecast.Cohort, the cohort model
// with the defaults of DESIGN.md §5, closed schools merged into their
// receivers and spare classrooms opened. The whole projection policy —
// catchment-following intakes and the scenario timeline included — is
// forecast.District; a Session hands this projector to it.
func Project(d *model.District, entrants []model.Enrollment, years int) ([]model.Enrollment, error) {
	return forecast.Cohort(d, entrants, years)
}

// ForProjection is the district the projection works on: d with its
// closed schools left out and their history shared out among the schools
// that took their pupils (forecast.MergeClosed).
func ForProjection(d *model.District) *model.District { return forecast.MergeClosed(d) }
