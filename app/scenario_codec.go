package app

import (
	"encoding/json"
	"fmt"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/assign"
)

// The JSON of a scenario (store.Scenario.Data):
//
//	{"version":1,"edits":[{"kind":"open_school","data":{"id":"N001","name":"滨江小学",…}},
//	                      {"kind":"reassign","data":{"stage":"primary","method":"optimal","zones":[…],"schools":[…]}}]}
//
// Each kind of edit has a wire struct with stable snake_case names; levels
// and stages are model.Level machine names ("primary"). Reassign is stored
// with the catchments it drew, not just its method, so that opening the
// project gives back exactly the scenario that was saved.
//
// The effective school year of an edit (Scheduled, the planning timeline)
// is the data's "year"; 0 or missing means "from the first year", so
// projects saved before edits had years load unchanged:
//   - open_school: the opening year (first intake; the school has no
//     pupils before it);
//   - school_edit (扩建, 学位/教室): the year the new seats or classrooms are
//     first in use;
//   - close_school: the last year the school is open; from year+1 its
//     pupils are at the receivers;
//   - assign_zones: the first intake year under the new catchments;
//   - reassign: its "year" already names the history year whose demand
//     sizes the catchments, so its first intake year is "from_year";
//   - move_school, set_standards: "year" is read and written the same way
//     (the new site or standards apply from that year).
//
// Years before an edit's effective year are projected exactly as without
// it (forecast.District).

// scenarioDataVersion is the version of the JSON above.
const scenarioDataVersion = 1

type scenarioJSON struct {
	Version int        `json:"version"`
	Edits   []editJSON `json:"edits"`
}

type editJSON struct {
	Kind string          `json:"kind"`
	Data json.RawMessage `json:"data"`
}

// commandKinds is the kind registry: the name a kind of edit is saved
// under and how to read it back.
var commandKinds = map[string]func(data []byte) (Command, error){
	"school_edit": decodeAs(func(w *schoolEditJSON) (Command, error) { return w.command() }),
	"move_school": decodeAs(func(w *moveSchoolJSON) (Command, error) {
		return &MoveSchool{ID: w.ID, To: orb.Point{w.Lon, w.Lat}}, nil
	}),
	"assign_zones":  decodeAs(func(w *assignZonesJSON) (Command, error) { return w.command() }),
	"set_standards": decodeAs(func(w *setStandardsJSON) (Command, error) { return &SetStandards{To: w.Standards}, nil }),
	"reassign":      decodeAs(func(w *reassignJSON) (Command, error) { return w.command() }),
	"open_school":   decodeAs(func(w *openSchoolJSON) (Command, error) { return w.command() }),
	"close_school":  decodeAs(func(w *closeSchoolJSON) (Command, error) { return &CloseSchool{ID: w.ID, To: w.To}, nil }),
}

func decodeAs[W any](build func(*W) (Command, error)) func([]byte) (Command, error) {
	return func(data []byte) (Command, error) {
		w := new(W)
		if err := json.Unmarshal(data, w); err != nil {
			return nil, err
		}
		return build(w)
	}
}

// encodeCommand returns the kind and wire struct of an edit.
func encodeCommand(c Command) (string, any, error) {
	switch c := c.(type) {
	case *SchoolLevel:
		return encodeCommand(&c.SchoolEdit)
	case *SchoolEdit:
		w := schoolEditJSON{ID: c.ID, Name: c.Name, Capacity: c.Capacity, Classrooms: c.Classrooms, Address: c.Address, Phone: c.Phone}
		if c.Level != nil {
			l := c.Level.String()
			w.Level = &l
		}
		return "school_edit", w, nil
	case *MoveSchool:
		return "move_school", moveSchoolJSON{ID: c.ID, Lon: c.To[0], Lat: c.To[1]}, nil
	case *AssignZones:
		return "assign_zones", assignZonesJSON{Zones: c.Zones, School: c.School, Stage: c.Stage.String()}, nil
	case *SetStandards:
		return "set_standards", setStandardsJSON{Standards: c.To}, nil
	case *Reassign:
		if !c.resolved {
			return "", nil, fmt.Errorf("reassign: not applied yet, nothing to save")
		}
		m := c.Method
		if m == "" {
			m = assign.MethodOptimal
		}
		return "reassign", reassignJSON{Stage: c.Stage.String(), Method: string(m), Year: c.Year, Candidates: c.Candidates,
			Zones: c.zones, Schools: c.to}, nil
	case *OpenSchool:
		return "open_school", openSchoolJSON{ID: c.ID, Name: c.Name, Level: c.Level.String(), Lon: c.Location[0], Lat: c.Location[1],
			Capacity: c.Capacity, Classrooms: c.Classrooms, Township: c.Township, Public: c.Public}, nil
	case *CloseSchool:
		return "close_school", closeSchoolJSON{ID: c.ID, To: c.To}, nil
	}
	return "", nil, fmt.Errorf("edits of type %T cannot be saved in a scenario", c)
}

// encodeEdits is the JSON of an edit list.
func encodeEdits(cs []Command) (json.RawMessage, error) {
	doc := scenarioJSON{Version: scenarioDataVersion, Edits: make([]editJSON, 0, len(cs))}
	for _, c := range cs {
		kind, w, err := encodeCommand(unscheduled(c))
		if err != nil {
			return nil, err
		}
		data, err := json.Marshal(w)
		if err != nil {
			return nil, err
		}
		if sc, ok := c.(*Scheduled); ok && sc.Year > 0 {
			if data, err = withYear(data, yearKey(kind), sc.Year); err != nil {
				return nil, err
			}
		}
		doc.Edits = append(doc.Edits, editJSON{Kind: kind, Data: data})
	}
	return json.Marshal(doc)
}

// decodeEdits reads an edit list; an unknown kind or version (a newer
// Xuequ) is an error naming it, so the scenario is kept as it was.
func decodeEdits(data []byte) ([]Command, error) {
	if len(data) == 0 {
		return nil, nil
	}
	var doc scenarioJSON
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, errorf("scenario_data", "the scenario's data is not valid JSON ({{.Err}})", map[string]any{"Err": err.Error()})
	}
	if doc.Version > scenarioDataVersion {
		return nil, errorf("scenario_version", "the scenario was saved by a newer Xuequ (data version {{.Version}}); update Xuequ to apply it",
			map[string]any{"Version": doc.Version})
	}
	out := make([]Command, 0, len(doc.Edits))
	for i, e := range doc.Edits {
		decode, ok := commandKinds[e.Kind]
		if !ok {
			return nil, errorf("scenario_kind", `edit {{.N}} is of an unknown kind {{printf "%q" .Kind}} (saved by a newer Xuequ?); update Xuequ to apply it`,
				map[string]any{"N": i + 1, "Kind": e.Kind})
		}
		c, err := decode(e.Data)
		var year int
		if err == nil {
			year, err = readYear(e.Data, yearKey(e.Kind))
		}
		if err != nil {
			return nil, errorf("scenario_edit", `edit {{.N}} ({{.Kind}}) cannot be read: {{.Err}}`,
				map[string]any{"N": i + 1, "Kind": e.Kind, "Err": err.Error()})
		}
		out = append(out, At(year, c))
	}
	return out, nil
}

func parseStage(s string) (model.Level, error) {
	l, ok := model.ParseLevel(s)
	if !ok {
		return 0, fmt.Errorf("unknown level %q", s)
	}
	return l, nil
}

type schoolEditJSON struct {
	ID         string  `json:"id"`
	Name       *string `json:"name,omitempty"`
	Level      *string `json:"level,omitempty"`
	Capacity   *int    `json:"capacity,omitempty"`
	Classrooms *int    `json:"classrooms,omitempty"`
	Address    *string `json:"address,omitempty"`
	Phone      *string `json:"phone,omitempty"`
}

func (w *schoolEditJSON) command() (Command, error) {
	c := &SchoolEdit{ID: w.ID, Name: w.Name, Capacity: w.Capacity, Classrooms: w.Classrooms, Address: w.Address, Phone: w.Phone}
	if w.Level != nil {
		l, err := parseStage(*w.Level)
		if err != nil {
			return nil, err
		}
		c.Level = &l
	}
	return c, nil
}

type moveSchoolJSON struct {
	ID  string  `json:"id"`
	Lon float64 `json:"lon"`
	Lat float64 `json:"lat"`
}

type assignZonesJSON struct {
	Zones  []string `json:"zones"`
	School string   `json:"school"`
	Stage  string   `json:"stage"`
}

func (w *assignZonesJSON) command() (Command, error) {
	stage, err := parseStage(w.Stage)
	return &AssignZones{Zones: w.Zones, School: w.School, Stage: stage}, err
}

type setStandardsJSON struct {
	Standards model.Standards `json:"standards"`
}

type reassignJSON struct {
	Stage      string   `json:"stage"`
	Method     string   `json:"method"`
	Year       int      `json:"year,omitempty"`
	Candidates int      `json:"candidates,omitempty"`
	Zones      []string `json:"zones"`
	Schools    []string `json:"schools"`
}

func (w *reassignJSON) command() (Command, error) {
	stage, err := parseStage(w.Stage)
	if err != nil {
		return nil, err
	}
	if len(w.Zones) != len(w.Schools) {
		return nil, fmt.Errorf("%d zones but %d schools", len(w.Zones), len(w.Schools))
	}
	return &Reassign{Stage: stage, Method: assign.Method(w.Method), Year: w.Year, Candidates: w.Candidates,
		zones: w.Zones, to: w.Schools, resolved: true}, nil
}

type openSchoolJSON struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Level      string  `json:"level"`
	Lon        float64 `json:"lon"`
	Lat        float64 `json:"lat"`
	Capacity   int     `json:"capacity,omitempty"`
	Classrooms int     `json:"classrooms,omitempty"`
	Township   string  `json:"township,omitempty"`
	Public     bool    `json:"public"`
}

func (w *openSchoolJSON) command() (Command, error) {
	l, err := parseStage(w.Level)
	return &OpenSchool{ID: w.ID, Name: w.Name, Level: l, Location: orb.Point{w.Lon, w.Lat}, Capacity: w.Capacity,
		Classrooms: w.Classrooms, Township: w.Township, Public: w.Public}, err
}

type closeSchoolJSON struct {
	ID string `json:"id"`
	To string `json:"to,omitempty"`
}

// yearKey is the data key of an edit's effective year: "year", except for
// reassign, whose "year" was the demand year before edits had years.
func yearKey(kind string) string {
	if kind == "reassign" {
		return "from_year"
	}
	return "year"
}

// withYear adds key: year to the JSON object data.
func withYear(data []byte, key string, year int) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	m[key], _ = json.Marshal(year)
	return json.Marshal(m)
}

// readYear reads the effective year under key (0 when missing); a year
// that is not a school year is an error.
func readYear(data []byte, key string) (int, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil || m[key] == nil {
		return 0, nil
	}
	var y int
	if err := json.Unmarshal(m[key], &y); err != nil || y < 0 || y > 9999 {
		return 0, fmt.Errorf("%s %s: give a school year such as 2028 (0 = from the first year)", key, m[key])
	}
	return y, nil
}
