package app

import (
	"encoding/json"

	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/geo/ingest"
)

// SetImportRecord keeps what an import said and the value map it used in
// the project, so that a save writes them (tables import_report and
// value_map) and a later re-import can apply the same value map.
func (s *Session) SetImportRecord(rep *ingest.Report, values ingest.ValueMap) {
	if s.extra == nil {
		s.extra = &store.Project{}
	}
	s.extra.ImportReport = ImportIssues(rep)
	s.extra.ValueMap = values
}

// ImportReport returns the import report saved in the project (nil when
// the project has none) and its value map.
func (s *Session) ImportReport() ([]store.ImportIssue, ingest.ValueMap) {
	if s.extra == nil {
		return nil, nil
	}
	return s.extra.ImportReport, s.extra.ValueMap
}

// ImportIssues converts a report to the rows the project file stores.
func ImportIssues(rep *ingest.Report) []store.ImportIssue {
	if rep == nil {
		return nil
	}
	out := make([]store.ImportIssue, 0, len(rep.Issues))
	for _, is := range rep.Issues {
		args := ""
		if is.Args != nil {
			if b, err := json.Marshal(is.Args); err == nil {
				args = string(b)
			}
		}
		out = append(out, store.ImportIssue{Severity: is.Severity.String(), Code: is.Code, File: is.File,
			Feature: is.Feature, Line: is.Line, ID: is.ID, Field: is.Field, Message: is.Message, Args: args})
	}
	return out
}
