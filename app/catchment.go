package app

import (
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/forecast"
)

// ProjectScenario projects d, a district derived by edits from ref (the
// district its history was recorded under), with the entry intake
// following the catchments (forecast.District) and app.Project's method.
// Edits without effective years only: a timeline goes through
// forecast.District with the steps of ScenarioSteps.
func ProjectScenario(ref, d *model.District, years int) ([]model.Enrollment, error) {
	res, err := forecast.District(ref, []forecast.Step{{District: d}}, forecast.DistrictOptions{Options: forecast.Options{Years: years}})
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}
