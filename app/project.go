package app

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/assets"
	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
)

// SampleName is the district name of the embedded sample.
const SampleName = "示例县城（合成数据）"

// LoadSample reads the embedded sample district through the importer, the
// same way a user's files are read, so the sample also exercises the import
// path. The report lists what the importer noticed (nothing serious).
func LoadSample() (*model.District, *ingest.Report, error) {
	files := map[string][]byte{}
	for _, name := range []string{"schools.geojson", "zones.geojson", "history.csv", "births.csv", "housing.csv", "resources.csv",
		"kindergartens.geojson", "kindergarten_history.csv"} {
		data, err := fs.ReadFile(assets.Sample, "sample/"+name)
		if err != nil {
			return nil, nil, fmt.Errorf("the embedded sample lacks %s (rebuild with `make sample`): %w", name, err)
		}
		files[name] = data
	}
	d := &model.District{Name: SampleName, Standards: model.DefaultStandards()}
	rep := &ingest.Report{}
	step := func(r *ingest.Report, err error) error {
		if r != nil {
			rep.Merge(r)
		}
		if err != nil {
			return fmt.Errorf("the embedded sample is broken (rebuild with `make sample`): %w", err)
		}
		return nil
	}
	var r *ingest.Report
	var err error
	d.Schools, r, err = ingest.ReadSchools("sample/schools.geojson", files["schools.geojson"], ingest.Options{})
	if err = step(r, err); err != nil {
		return nil, nil, err
	}
	d.Zones, r, err = ingest.ReadZones("sample/zones.geojson", files["zones.geojson"], ingest.Options{})
	if err = step(r, err); err != nil {
		return nil, nil, err
	}
	d.History, r, err = ingest.ReadHistory("sample/history.csv", files["history.csv"])
	if err = step(r, err); err != nil {
		return nil, nil, err
	}
	d.Births, r, err = ingest.ReadBirths("sample/births.csv", files["births.csv"])
	if err = step(r, err); err != nil {
		return nil, nil, err
	}
	d.Housing, r, err = ingest.ReadHousing("sample/housing.csv", files["housing.csv"])
	if err = step(r, err); err != nil {
		return nil, nil, err
	}
	d.Resources, r, err = ingest.ReadResources("sample/resources.csv", files["resources.csv"], ingest.TableOptions{})
	if err = step(r, err); err != nil {
		return nil, nil, err
	}
	// 幼儿园 come as the bureau's 学前 roster and statistics, apart.
	kgs, r, err := ingest.ReadSchools("sample/kindergartens.geojson", files["kindergartens.geojson"], ingest.Options{})
	if err = step(r, err); err != nil {
		return nil, nil, err
	}
	kh, r, err := ingest.ReadHistory("sample/kindergarten_history.csv", files["kindergarten_history.csv"])
	if err = step(r, err); err != nil {
		return nil, nil, err
	}
	d.Schools, d.History = append(d.Schools, kgs...), append(d.History, kh...)
	return d, rep, nil
}

// OpenProject reads a project file into a new Session.
func OpenProject(path string, project Projector) (*Session, error) {
	return OpenProjectContext(context.Background(), path, project)
}

// OpenProjectContext is OpenProject stopping with ctx's error when ctx is
// done (the GUI's Cancel).
func OpenProjectContext(ctx context.Context, path string, project Projector) (*Session, error) {
	p, _, err := store.OpenContext(ctx, path)
	if err != nil {
		return nil, err
	}
	s := NewSession(&p.District, path, project)
	s.extra = p
	s.scenarios = loadScenarios(p.Scenarios)
	return s, nil
}

// loadScenarios decodes the project's scenarios; one this version cannot
// read is kept as it is (saved back unchanged) with the reason in Err.
func loadScenarios(ps []store.Scenario) []*variant {
	out := make([]*variant, 0, len(ps))
	for _, p := range ps {
		v := &variant{name: p.Name, description: p.Description}
		cs, err := decodeEdits(p.Data)
		if err != nil {
			v.raw, v.err = p.Data, err
		}
		v.edits = cs
		out = append(out, v)
	}
	return out
}

// ScenarioDistrict returns the district of the named scenario of a
// project: the project's district with the scenario's edits applied ("" =
// the district itself). The project is not changed.
func ScenarioDistrict(p *store.Project, name string) (*model.District, error) {
	if name == "" {
		return &p.District, nil
	}
	for _, v := range loadScenarios(p.Scenarios) {
		if v.name != name {
			continue
		}
		if v.raw != nil {
			return nil, v.err
		}
		d := cloneDistrict(&p.District)
		for _, c := range v.edits {
			if err := c.Do(d); err != nil {
				return nil, errorf("scenario_edit_failed", "scenario {{.Name}}: the edit “{{.Edit}}” does not apply: {{.Err}}",
					map[string]any{"Name": name, "Edit": c.Label().String(), "Err": err.Error()})
			}
		}
		return d, nil
	}
	return nil, errNoScenario(name)
}

// Save writes the session to path atomically (the old file stays intact
// until the new one is complete) and makes path the session's file.
func (s *Session) Save(path string) error {
	if err := s.WriteProject(path); err != nil {
		return err
	}
	s.SetPath(path)
	return nil
}

// WriteProject writes the session's project to path atomically, like Save,
// but leaves the session alone (path, dirty flag, listeners): the GUI runs
// it off its goroutine while a modal progress dialog blocks edits, then
// calls SetPath on its own goroutine so OnChange listeners stay there.
func (s *Session) WriteProject(path string) error {
	return s.WriteProjectContext(context.Background(), path)
}

// WriteProjectContext is WriteProject giving up with ctx's error when ctx
// is done; the file at path is then left as it was.
func (s *Session) WriteProjectContext(ctx context.Context, path string) error {
	p, err := s.storeProject()
	if err != nil {
		return err
	}
	return store.SaveContext(ctx, path, p)
}

// Freeze returns a copy of the session for writing the project on another
// goroutine while edits go on here: it shares nothing an edit changes
// (the district's schools and zones are copied, the scenarios encoded
// now). Only WriteProject, WriteProjectContext and Path are meant for it.
func (s *Session) Freeze() (*Session, error) {
	f := &Session{path: s.path, extra: s.extra, projector: s.projector}
	f.base = &variant{district: cloneDistrict(s.base.district)}
	f.cur = f.base
	f.district = f.base.district
	for _, v := range s.scenarios {
		data := v.raw
		if data == nil {
			var err error
			if data, err = encodeEdits(v.edits); err != nil {
				return nil, fmt.Errorf("scenario %s: %w", v.name, err)
			}
		}
		f.scenarios = append(f.scenarios, &variant{name: v.name, description: v.description, raw: data})
	}
	return f, nil
}

// storeProject is the session's project as package store writes it.
func (s *Session) storeProject() (*store.Project, error) {
	p := &store.Project{District: *s.base.district}
	if s.extra != nil {
		p.Edits, p.Settings = s.extra.Edits, s.extra.Settings
		p.ImportReport, p.ValueMap = s.extra.ImportReport, s.extra.ValueMap
		p.Origin = s.extra.Origin // other layers of the file are carried over, layers keep their CRS
	}
	for _, v := range s.scenarios {
		data := v.raw
		if data == nil {
			var err error
			if data, err = encodeEdits(v.edits); err != nil {
				return nil, fmt.Errorf("scenario %s: %w", v.name, err)
			}
		}
		p.Scenarios = append(p.Scenarios, store.Scenario{Name: v.name, Description: v.description, Data: data})
	}
	return p, nil
}
