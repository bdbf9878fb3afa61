package main

import (
	"fmt"
	"io"

	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
)

// readResourcesFile reads a resources table (--resources R) and matches
// its schools to d's by id or name (a bare --history district has only
// the ids the history uses, which then match as they are).
func readResourcesFile(path, sheet string, d *model.District) ([]model.Resources, *ingest.Report, error) {
	data, err := readInputFile(path, "resources")
	if err != nil {
		return nil, nil, err
	}
	rows, rep, err := ingest.ReadResources(path, data, ingest.TableOptions{Sheet: sheet})
	if err != nil || len(d.Schools) == 0 {
		return rows, rep, err
	}
	rows, rrep := ingest.ResolveResources(rows, d.Schools)
	rep.Merge(rrep)
	return rows, rep, nil
}

// loadResources adds --resources to the input's district: the table
// replaces the project's resources when given. Rows of schools that match
// none are left out and said on stderr.
func loadResources(in *inputs, path, sheet string, stderr io.Writer) error {
	if path == "" {
		return nil
	}
	rows, rep, err := readResourcesFile(path, sheet, in.District)
	if err != nil {
		return err
	}
	for _, is := range rep.Issues {
		if is.Severity == ingest.Error || is.Severity == ingest.Warning {
			fmt.Fprintln(stderr, "xuequ: "+issueLine(is))
		}
	}
	in.District.Resources = rows
	return nil
}

// analysisFor returns the class-size analysis of year: history, estimate
// (no history) or projection (a later year of a project).
func analysisFor(in *inputs, year int) (model.Analysis, error) {
	d := in.District
	first, last := d.Years()
	switch {
	case len(d.History) == 0:
		return model.AnalyzeEstimate(d.Schools, d.Zones, year, d.Standards), nil
	case year >= first && year <= last:
		return model.Analyze(d.Schools, d.History, year, d.Standards), nil
	case year < first || in.Project == "":
		return model.Analysis{}, &model.InputError{File: in.Name, Field: "year",
			Msg: fmt.Sprintf("no records for year %d (the history covers %d–%d); give a year of the history, or a project file to project later years", year, first, last)}
	}
	records, err := projectFor(in, year-last)
	if err != nil {
		return model.Analysis{}, err
	}
	return model.Analyze(d.Schools, records, year, d.Standards), nil
}
