package ingest

// ValueMap holds the user's replacements for values that matched nothing,
// per "layer.field" key ("zones.primary_school", "schools.level"): value
// as written in the file → value to use instead (a school id or name for
// a reference field, a level name for schools.level; "" = leave empty).
// It comes from --map-value flags or the import wizard and is saved in
// the project, so a re-import repeats it.
type ValueMap map[string]map[string]string

// Unresolved is one distinct value of a reference or enumerated field
// (a zone's 对口小学/对口初中, a school's 学段) that matched nothing. The
// import report lists each once; the wizard offers a picker for each.
type Unresolved struct {
	Layer Layer
	Field string // canonical field: FieldPrimarySchool, FieldJuniorSchool, FieldLevel
	Value string // as written in the file
	// Count is how many features use the value; Features their 1-based
	// positions (the first few hundred).
	Count    int
	Features []int
	// Suggestions are the closest candidates, best first: school names
	// (by edit distance on normalised names) or level names.
	Suggestions []string
}

// Key is the ValueMap key of the field: "zones.primary_school".
func (u Unresolved) Key() string { return string(u.Layer) + "." + u.Field }
