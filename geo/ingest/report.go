package ingest

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/xuequ/xuequ/geo"
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
	CodeUnresolvedRef     = "unresolved-school"
	CodeZoneSchoolMatched = "zone-school-matched"
	CodeLooseMatches      = "loose-matches"
	CodeMultiValued       = "multi-valued"
	CodeEmptyRef          = "no-catchment-school"
	CodeValueMapped       = "value-mapped"
	CodeValueMapUnused    = "value-map-unused"
	CodeEncodingBadBytes  = "encoding-bad-bytes"
	CodeDatumNotShifted   = "datum-not-shifted"
	CodeDBFMissing        = "dbf-missing"
	CodeDBFFieldSkipped   = "dbf-field-skipped"
	CodeDBFCountMismatch  = "dbf-count-mismatch"
	CodeDBFDeleted        = "dbf-deleted"
	CodeLeftOut           = "features-left-out" // KML placemarks of the other layer's geometry
	CodeTableLayout       = "table-layout"      // how a table (CSV, worksheet) was read
	CodeRowsSkipped       = "rows-skipped"      // total rows, rows without a school
	CodeSheetSkipped      = "sheet-skipped"     // a workbook sheet not read
)

// Issue is one thing the importer noticed. Feature is the 1-based position
// of the GeoJSON feature (0 = whole file) and Line the 1-based CSV line.
//
// Message is English, for the CLI and logs. A UI in another language shows
// the template under Key() (assets/i18n/ingest.*.json, text/template as
// go-i18n uses it) filled with Args instead. Args holds the values in the
// message under the names codeArgs lists for the code; it is nil only for
// issues built outside the importer, whose Message is then shown as is.
type Issue struct {
	Severity Severity
	Code     string // stable, e.g. "ring-closed", "crs-detected"
	File     string
	Feature  int
	Line     int
	ID       string         // the feature's or row's id, when known
	Field    string         // source property or column name
	Message  string         // what was done, or what to fix
	Args     map[string]any // the values interpolated into Message
}

// Key is the translation key of the issue's message: "ingest." + Code.
func (i Issue) Key() string { return "ingest." + i.Code }

// LineKey is the translation key of a whole report line as String()
// prints it, filled with LineArgs.
const LineKey = "ingest.issue"

// Key is the translation key of the severity's word
// ("ingest.severity.warning").
func (s Severity) Key() string { return "ingest.severity." + s.String() }

// LineArgs holds what String() prints, for the template under LineKey:
// Severity (English word), File, Line, Feature (1-based), Index (the
// 0-based feature index that String shows, as QGIS and GDAL do), ID,
// Field and Message. A UI replaces Severity and Message by translations.
func (i Issue) LineArgs() map[string]any {
	return map[string]any{"Severity": i.Severity.String(), "File": i.File, "Line": i.Line, "Feature": i.Feature,
		"Index": i.Feature - 1, "ID": i.ID, "Field": i.Field, "Message": i.Message}
}

// codeArgs lists, for every code the importer emits (its own and the
// repair notes of package geo), the Args each Issue of that code carries.
// Case selects a variant of a message; Detail and Reason are English
// details kept for Message only.
var codeArgs = map[string][]string{
	CodeEncodingGBK:       {},
	CodeBOM:               {},
	CodeCRSDeclared:       {"CRS", "CRSName"},
	CodeCRSDetected:       {"Declared", "CRS", "CRSName", "Reason"},
	CodeCRSOverride:       {"CRS", "CRSName"},
	CodeAxisSwapped:       {"Min", "Max"},
	CodeGCJ02:             {},
	CodeGCJ02Hint:         {"Case"}, // "name" (file name), "ovital" (made with 奥维), "declared" (document text)
	CodeNullGeometry:      {"Case"},
	CodeBadGeometry:       {"Case", "Detail"},
	CodeWrongGeometry:     {"Case", "Want", "N", "Type"},
	CodeCollection:        {"Want"},
	CodeBadFeature:        {"Case", "Detail"},
	CodeDuplicateID:       {"ID", "NewID"},
	CodeGeneratedID:       {"N", "Layer", "Example", "Features"},
	CodeBadNumber:         {"Case", "Value", "Detail"},
	CodeBadLevel:          {"Value", "N", "Features"},
	CodeLevelFromName:     {"Case", "Value", "Level", "Name", "N"},
	CodeNoPopulation:      {"Fields"},
	CodeFieldMapping:      {"Layer", "Fields"},
	CodeUnknownSchool:     {"School"},
	CodeUnknownZone:       {"Zone"},
	CodeSchoolByName:      {"School", "ID", "Fuzzy"},
	CodeOutsideChina:      {},
	CodeFeatureCount:      {"N", "Layer", "CRS"},
	CodeMissingName:       {},
	CodeMapOverrideUnused: {"Layer", "Target", "Source", "Fields"},
	CodeUnresolvedRef:     {"Value", "N", "Features", "Ambiguous", "Suggestions", "Key"},
	CodeMultiValued:       {"N", "Features"},
	CodeZoneSchoolMatched: {"Value", "ID", "Name", "Loose", "Key"},
	CodeLooseMatches:      {"N", "Key"},
	CodeEmptyRef:          {"N", "Features", "Stage"},
	CodeValueMapped:       {"Key", "N"},
	CodeValueMapUnused:    {"Key", "Value"},
	CodeEncodingBadBytes:  {"N", "Offsets"},
	CodeDatumNotShifted:   {"CRS", "CRSName", "Datum"},
	CodeDBFMissing:        {},
	CodeDBFFieldSkipped:   {"Type"},
	CodeDBFCountMismatch:  {"Shapes", "Records"},
	CodeDBFDeleted:        {"N"},
	CodeLeftOut:           {"N", "Want"},
	CodeTableLayout:       {"Sheet", "Layout", "First", "Last", "Year", "YearFrom"},
	CodeRowsSkipped:       {"Sheet", "Case", "N", "Rows"},
	CodeSheetSkipped:      {"Sheet", "Case"},

	geo.NoteNonFinite:        {"Part", "Ring", "N"},
	geo.NoteDuplicates:       {"N"}, // summarised per file
	geo.NoteRingClosed:       {"Part", "Ring"},
	geo.NoteRingDropped:      {"Part", "Ring", "N"},
	geo.NoteOrientation:      {"N"}, // summarised per file
	geo.NoteSelfIntersection: {"Part", "Ring", "N", "X", "Y", "Loops"},
	geo.NoteHoleOutside:      {"Part", "Hole"},
	geo.NotePolygonDropped:   {"Part", "Case"},
	geo.NoteHoleClipped:      {"Part", "Hole"},
	geo.NotePartsOverlap:     {"Part", "Other", "Area"},
	geo.NotePartRepaired:     {"Part", "Before", "After", "Change", "Pieces"},
}

// Codes returns every code an Issue can have, sorted: the Code* constants
// and the geo.Note* repair codes.
func Codes() []string {
	return slices.Sorted(maps.Keys(codeArgs))
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
	// Unresolved lists every distinct reference or level value that
	// matched nothing (also reported as issues), for the wizard's pickers.
	Unresolved []Unresolved
}

func (r *Report) add(i Issue) { r.Issues = append(r.Issues, i) }

// Merge appends other's issues.
func (r *Report) Merge(other *Report) {
	if other != nil {
		r.Issues = append(r.Issues, other.Issues...)
		r.Unresolved = append(r.Unresolved, other.Unresolved...)
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
