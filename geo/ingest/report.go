package ingest

import (
	"fmt"
	"strings"
)

// Severity of an Issue.
type Severity int

const (
	Info    Severity = iota // something was done that the user may want to know
	Warning                 // data was changed, skipped or guessed: check it
	Error                   // the import cannot be trusted until this is fixed
)

func (s Severity) String() string {
	switch s {
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "info"
}

// Issue codes: stable identifiers the UI can translate.
const (
	CodeEncodingGBK       = "encoding-gbk"
	CodeBOM               = "bom-stripped"
	CodeCRSDeclared       = "crs-declared"
	CodeCRSDetected       = "crs-detected"
	CodeCRSOverride       = "crs-override"
	CodeAxisSwapped       = "axis-swapped"
	CodeGCJ02             = "gcj02-converted"
	CodeGCJ02Hint         = "gcj02-suspected"
	CodeNullGeometry      = "null-geometry"
	CodeBadGeometry       = "bad-geometry"
	CodeWrongGeometry     = "wrong-geometry-type"
	CodeCollection        = "geometry-collection"
	CodeBadFeature        = "bad-feature"
	CodeDuplicateID       = "duplicate-id"
	CodeGeneratedID       = "generated-id"
	CodeBadNumber         = "bad-number"
	CodeBadLevel          = "bad-level"
	CodeLevelFromName     = "level-from-name"
	CodeNoPopulation      = "no-population"
	CodeFieldMapping      = "field-mapping"
	CodeUnknownSchool     = "unknown-school"
	CodeUnknownZone       = "unknown-zone"
	CodeSchoolByName      = "school-by-name"
	CodeOutsideChina      = "outside-china"
	CodeFeatureCount      = "features-read"
	CodeMissingName       = "missing-name"
	CodeMapOverrideUnused = "map-override-unused"
)

// Issue is one thing the importer noticed. Feature is the 1-based position
// of the GeoJSON feature (0 = whole file) and Line the 1-based CSV line.
type Issue struct {
	Severity Severity
	Code     string // stable, e.g. "ring-closed", "crs-detected"
	File     string
	Feature  int
	Line     int
	ID       string // the feature's or row's id, when known
	Field    string // source property or column name
	Message  string // what was done, or what to fix
}

func (i Issue) String() string {
	var b strings.Builder
	b.WriteString(i.Severity.String())
	b.WriteString(": ")
	if i.File != "" {
		b.WriteString(i.File)
	}
	if i.Line > 0 {
		fmt.Fprintf(&b, ":%d", i.Line)
	}
	if i.Feature > 0 {
		fmt.Fprintf(&b, ": feature index %d", i.Feature-1)
	}
	if i.ID != "" {
		fmt.Fprintf(&b, " (id %s)", i.ID)
	}
	if i.Field != "" {
		fmt.Fprintf(&b, ": field %q", i.Field)
	}
	b.WriteString(": ")
	b.WriteString(i.Message)
	return b.String()
}

// Report collects the Issues of one import.
type Report struct {
	Issues []Issue
}

func (r *Report) add(i Issue) { r.Issues = append(r.Issues, i) }

// Merge appends other's issues.
func (r *Report) Merge(other *Report) {
	if other != nil {
		r.Issues = append(r.Issues, other.Issues...)
	}
}

// Count returns how many issues have severity s.
func (r *Report) Count(s Severity) int {
	n := 0
	for _, i := range r.Issues {
		if i.Severity == s {
			n++
		}
	}
	return n
}

// Has reports whether an issue with the code is present.
func (r *Report) Has(code string) bool {
	for _, i := range r.Issues {
		if i.Code == code {
			return true
		}
	}
	return false
}

// ByCode returns the issues with the code.
func (r *Report) ByCode(code string) []Issue {
	var out []Issue
	for _, i := range r.Issues {
		if i.Code == code {
			out = append(out, i)
		}
	}
	return out
}

// String lists the issues one per line, followed by a count summary.
func (r *Report) String() string {
	var b strings.Builder
	for _, i := range r.Issues {
		b.WriteString(i.String())
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "%d error(s), %d warning(s), %d note(s)\n", r.Count(Error), r.Count(Warning), r.Count(Info))
	return b.String()
}
