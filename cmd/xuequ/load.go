package main

import (
	"errors"
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
		return nil, &usageError{tr("cli.err.one_project", "one project file expected, got {{.N}} arguments", map[string]any{"N": len(positional)})}
	case len(positional) == 1 && history != "":
		return nil, &usageError{tr("cli.err.project_and_history", "give a project file or --history, not both")}
	case len(positional) == 0 && history == "":
		return nil, &usageError{tr("cli.err.no_input", "no input: give a project file (P.xuequ.gpkg) or --history H.csv")}
	}
	if history != "" {
		if scenario != "" {
			return nil, &usageError{tr("cli.err.scenario_needs_project", "--scenario needs a project file")}
		}
		recs, err := readHistoryFile(history, topt)
		if err != nil {
			return nil, err
		}
		d := &model.District{Name: filepath.Base(history), History: recs, Standards: model.DefaultStandards()}
		return &inputs{District: d, Name: history, Steps: []forecast.Step{{District: d}}}, nil
	}
	name := positional[0]
	path, err := projectPath(name)
	if err != nil {
		return nil, err
	}
	p, _, err := store.Open(path)
	if err != nil {
		return nil, errStdin(err, stdinTemp(name, path))
	}
	in := &inputs{District: &p.District, Project: path, Name: name}
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

// readInputFile reads a table given on the command line; "-" reads
// standard input (its format is told from the content).
func readInputFile(path, what string) ([]byte, error) {
	if path == "-" {
		return readStdin()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		args := map[string]any{"Err": unwrapPathError(err).Error()}
		msg := tr("cli.err.read_history", "cannot read the history file: {{.Err}}", args)
		if what == "births" {
			msg = tr("cli.err.read_births", "cannot read the births file: {{.Err}}", args)
		}
		return nil, &model.InputError{File: path, Msg: msg}
	}
	return data, nil
}

// projectPath is the file to open for the project argument: name, or for
// "-" a temporary copy of standard input (a project is an SQLite database),
// removed when the command ends (see run).
func projectPath(name string) (string, error) {
	if name != "-" {
		return name, nil
	}
	tmp, cleanup, err := stdinFile("gpkg")
	if err != nil {
		return "", err
	}
	atExit = append(atExit, cleanup)
	return tmp, nil
}

// stdinTemp is path when name is "-" (for messages to say "-"), else "".
func stdinTemp(name, path string) string {
	if name == "-" {
		return path
	}
	return ""
}

// projectFor projects the input's timeline years ahead with the one
// engine (forecast.District, the Session's projection) so that analyze
// can judge a future year; a scenario's intake follows its catchments
// from the project's.
func projectFor(in *inputs, years int) (*forecast.DistrictResult, error) {
	if years < 1 {
		first, last := in.District.Years()
		return nil, errors.New(tr("cli.err.no_year", "no records for that year: the history covers {{.First}}–{{.Last}} and only later years can be projected", map[string]any{"First": first, "Last": last}))
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
				return nil, fmt.Errorf("%s: %w", tr("cli.err.scenario", "scenario {{.Name}}", map[string]any{"Name": strconv.Quote(name)}), err)
			}
			return d, nil
		}
	}
	if len(p.Scenarios) == 0 {
		return nil, errors.New(tr("cli.err.no_scenarios", "the project has no scenario named {{.Name}}: it has no scenarios (make them in the GUI: 方案 ▸ 新建方案)", map[string]any{"Name": strconv.Quote(name)}))
	}
	names := make([]string, len(p.Scenarios))
	for i, s := range p.Scenarios {
		names[i] = strconv.Quote(s.Name)
	}
	return nil, errors.New(tr("cli.err.no_scenario", "the project has no scenario named {{.Name}}; its scenarios are {{.Names}}", map[string]any{"Name": strconv.Quote(name), "Names": strings.Join(names, ", ")}))
}
