package app

import (
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
	for _, name := range []string{"schools.geojson", "zones.geojson", "history.csv", "births.csv", "housing.csv"} {
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
	return d, rep, nil
}

// OpenProject reads a project file into a new Session.
func OpenProject(path string, project Projector) (*Session, error) {
	p, _, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	s := NewSession(&p.District, path, project)
	s.extra = p
	return s, nil
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
	p := &store.Project{District: *s.district}
	if s.extra != nil {
		p.Scenarios, p.Edits, p.Settings = s.extra.Scenarios, s.extra.Edits, s.extra.Settings
	}
	return store.Save(path, p)
}
