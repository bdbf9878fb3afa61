package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/forecast"
)

// inputs is what a read-only command works on: a project file, or a bare
// history CSV given with --history.
type inputs struct {
	District *model.District
	Project  string // project path, "" when built from CSV files
	Name     string // what to call the input in messages
	// Reference is the project's own district when District is one of its
	// scenarios (--scenario), nil otherwise: the catchments the history
	// was recorded under, from which projected intakes follow the
	// scenario's catchments (see app.ProjectScenario).
	Reference *model.District
	// Steps is the timeline projected (forecast.District): the district
	// alone, or the scenario's steps when its edits have effective years.
	Steps []forecast.Step
}

// loadInputs opens the project named by the single positional argument, or
// reads the history CSV. It is a usage error to give both or neither.
func loadInputs(positional []string, history, scenario string) (*inputs, error) {
	return loadTableInputs(positional, history, ingest.TableOptions{}, scenario)
}

// loadTableInputs is loadInputs with the worksheet and year of a history
// table given as .xlsx or in the wide layout (--sheet, --year).
func loadTableInputs(positional []string, history string, topt ingest.TableOptions, scenario string) (*inputs, error) {
	switch {
	case len(positional) > 1:
		return nil, &usageError{fmt.Sprintf("one project file expected, got %d arguments", len(positional))}
	case len(positional) == 1 && history != "":
		return nil, &usageError{"give a project file or --history, not both"}
	case len(positional) == 0 && history == "":
		return nil, &usageError{"no input: give a project file (P.xuequ.gpkg) or --history H.csv"}
	}
	if history != "" {
		if scenario != "" {
			return nil, &usageError{"--scenario needs a project file"}
		}
		recs, err := readHistoryFile(history, topt)
		if err != nil {
			return nil, err
		}
		d := &model.District{Name: filepath.Base(history), History: recs, Standards: model.DefaultStandards()}
		return &inputs{District: d, Name: history, Steps: []forecast.Step{{District: d}}}, nil
	}
	path := positional[0]
	p, _, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	in := &inputs{District: &p.District, Project: path, Name: path}
	if scenario != "" {
		if in.District, err = applyScenario(p, scenario); err != nil {
			return nil, err
		}
		in.Reference = &p.District
	}
	if in.Steps, err = app.ScenarioSteps(p, scenario); err != nil {
		return nil, err
	}
	return in, nil
}

func readHistoryFile(path string, topt ingest.TableOptions) ([]model.Enrollment, error) {
	data, err := readInputFile(path, "history")
	if err != nil {
		return nil, err
	}
	recs, _, err := ingest.ReadHistoryWith(path, data, topt)
	return recs, err
}

func readBirthsFile(path string, topt ingest.TableOptions) ([]model.Births, error) {
	data, err := readInputFile(path, "births")
	if err != nil {
		return nil, err
	}
	recs, _, err := ingest.ReadBirthsWith(path, data, topt)
	return recs, err
}

func readInputFile(path, what string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the %s file: %w", path, what, unwrapPathError(err))
	}
	return data, nil
}

// projectFor projects the input's timeline years ahead with the one
// engine (forecast.District, the Session's projection) so that analyze
// can judge a future year; a scenario's intake follows its catchments
// from the project's.
func projectFor(in *inputs, years int) (*forecast.DistrictResult, error) {
	if years < 1 {
		first, last := in.District.Years()
		return nil, fmt.Errorf("no records for that year: the history covers %d–%d and only later years can be projected", first, last)
	}
	return forecast.District(in.Reference, in.Steps, forecast.DistrictOptions{Options: forecast.Options{Years: years}})
}

// unwrapPathError drops the path that os errors repeat, since our messages
// lead with it already.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// applyScenario returns the district as the named scenario changes it:
// the project's district with the scenario's edits applied in order (see
// app.ScenarioDistrict).
func applyScenario(p *store.Project, name string) (*model.District, error) {
	for _, s := range p.Scenarios {
		if s.Name == name {
			d, err := app.ScenarioDistrict(p, name)
			if err != nil {
				return nil, fmt.Errorf("scenario %q: %w", name, err)
			}
			return d, nil
		}
	}
	if len(p.Scenarios) == 0 {
		return nil, fmt.Errorf("the project has no scenario named %q: it has no scenarios (make them in the GUI: 方案 ▸ 新建方案)", name)
	}
	names := make([]string, len(p.Scenarios))
	for i, s := range p.Scenarios {
		names[i] = strconv.Quote(s.Name)
	}
	return nil, fmt.Errorf("the project has no scenario named %q; its scenarios are %s", name, strings.Join(names, ", "))
}
