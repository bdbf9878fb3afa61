package store

import (
	"encoding/json"
	"time"

	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
)

// AppVersion is the Xuequ version, written to every saved file as
// app_version. Builds set it with -ldflags "-X
// github.com/xuequ/xuequ/app/store.AppVersion=$(git describe --tags
// --always --dirty)" (make build, make dist); for a plain go build
// cmd/xuequ replaces "dev" at start-up by "dev+COMMIT", so GUI and CLI
// saves record what wrote them.
var AppVersion = "dev"

// Project is everything a project file holds.
type Project struct {
	District  model.District
	Scenarios []Scenario
	Edits     []Edit
	// Settings are free-form key/value pairs (nil when there are none).
	Settings map[string]string
	// ImportReport is what the import that made the project said (table
	// import_report), so that it can be read again later and in QGIS.
	ImportReport []ImportIssue
	// ValueMap holds the user's replacements for values of the source
	// files that matched nothing, per "layer.field" key: value as written →
	// value used (table value_map). A re-import applies it again.
	ValueMap map[string]map[string]string
	// Origin is the file the project was read from (set by Open). Save
	// carries over from it everything Xuequ does not own (see carry.go) and
	// writes the layers back in the CRS they had there.
	Origin Origin
}

// Origin says where a project came from. The zero value is a new project:
// nothing to carry over, layers in EPSG:4326.
type Origin struct {
	Path string // the project file Open read; "" for a new project
	// Schools and Zones are the layers' spatial reference systems in that
	// file (zero: EPSG:4326). Open transforms their coordinates to lon/lat
	// degrees; Save transforms them back.
	Schools, Zones gpkg.SRS
}

// ImportIssue is one line of the import report. Feature is the 1-based
// feature position (0 = whole file), Line the 1-based table line.
type ImportIssue struct {
	Severity string // info, warning, error
	Code     string
	File     string
	Feature  int
	Line     int
	ID       string
	Field    string
	Message  string // English, as the CLI prints it
	Args     string // the message's values as JSON, for translation
}

// Scenario is a named 方案. Data is JSON owned by the app package; the store
// saves it verbatim (nil when empty).
type Scenario struct {
	Name        string
	Description string
	Data        json.RawMessage
}

// Edit is one entry of the edit log. Time is stored in UTC with nanosecond
// precision and read back in UTC. Data is JSON kept verbatim.
type Edit struct {
	Seq      int64
	Scenario string
	Time     time.Time
	Kind     string
	Data     json.RawMessage
}

// Info describes a project file: its schema and who wrote it last.
type Info struct {
	Path          string
	SchemaVersion int
	AppVersion    string // Xuequ version that saved the file
	Created       time.Time
	Modified      time.Time
	EditorHost    string
	EditorUser    string
}
