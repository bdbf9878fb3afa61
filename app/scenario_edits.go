package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// EditError is an edit of an edit list (the scenario JSON of
// scenario_codec.go) that cannot be read or applied. Index is the edit's
// position, from 1 (0 = the document itself); Kind its kind; Field the key
// of its data at fault when known; Err the reason.
type EditError struct {
	Index int
	Kind  string
	Field string
	Err   error
}

func (e *EditError) Error() string {
	var b strings.Builder
	if e.Index > 0 {
		fmt.Fprintf(&b, "edit %d", e.Index)
		if e.Kind != "" {
			fmt.Fprintf(&b, " (%s)", e.Kind)
		}
	} else {
		b.WriteString("edit list")
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ", field %q", e.Field)
	}
	return b.String() + ": " + e.Err.Error()
}

func (e *EditError) Unwrap() error { return e.Err }

// DecodeEditList reads an edit list written by hand or a script, in the
// project's own JSON ({"version":1,"edits":[{"kind":…,"data":{…}}]}), more
// strictly than a saved scenario: a field the kind does not have (a typo
// such as "lng") is refused too. Errors are *EditError.
func DecodeEditList(data []byte) ([]Command, error) {
	var doc struct {
		Version *int       `json:"version"`
		Edits   []editJSON `json:"edits"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, &EditError{Err: fmt.Errorf("not an edit list: %w", err)}
	}
	switch {
	case doc.Version == nil:
		return nil, &EditError{Field: "version", Err: fmt.Errorf("missing; write \"version\": %d", scenarioDataVersion)}
	case *doc.Version != scenarioDataVersion:
		return nil, &EditError{Field: "version", Err: fmt.Errorf("%d is not a version this Xuequ reads (%d)", *doc.Version, scenarioDataVersion)}
	}
	out := make([]Command, 0, len(doc.Edits))
	for i, e := range doc.Edits {
		c, err := decodeEdit(e)
		if err != nil {
			err.Index = i + 1
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func decodeEdit(e editJSON) (Command, *EditError) {
	decode, ok := commandKinds[e.Kind]
	if !ok {
		return nil, &EditError{Kind: e.Kind, Field: "kind", Err: fmt.Errorf("unknown kind %q; kinds are %s", e.Kind, kindList())}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(e.Data, &fields); err != nil {
		return nil, &EditError{Kind: e.Kind, Field: "data", Err: errors.New("data must be a JSON object")}
	}
	c, err := decode(e.Data)
	if err != nil {
		return nil, &EditError{Kind: e.Kind, Field: faultyField(err, fields), Err: err}
	}
	if f := unknownField(c, fields, yearKey(e.Kind)); f != "" {
		return nil, &EditError{Kind: e.Kind, Field: f, Err: fmt.Errorf("%s edits have no field %q", e.Kind, f)}
	}
	// The effective school year (the planning timeline, scenario_codec.go).
	year, err := readYear(e.Data, yearKey(e.Kind))
	if err != nil {
		return nil, &EditError{Kind: e.Kind, Field: yearKey(e.Kind), Err: err}
	}
	return At(year, c), nil
}

func kindList() string {
	kinds := make([]string, 0, len(commandKinds))
	for k := range commandKinds {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	return strings.Join(kinds, ", ")
}

// faultyField names the data field a decoding error is about: the JSON
// type error's field, else the field whose value the message quotes.
func faultyField(err error, fields map[string]json.RawMessage) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return te.Field
	}
	msg := err.Error()
	for k, v := range fields {
		var s string
		if json.Unmarshal(v, &s) == nil && s != "" && strings.Contains(msg, fmt.Sprintf("%q", s)) {
			return k
		}
	}
	return ""
}

// unknownField is a key of the edit's data that the decoded edit does not
// write back (so it was ignored), unless its value is empty or it is the
// edit's timeline year (yearField); "" if none.
func unknownField(c Command, fields map[string]json.RawMessage, yearField string) string {
	_, w, err := encodeCommand(c)
	if err != nil {
		return ""
	}
	data, _ := json.Marshal(w)
	var known map[string]json.RawMessage
	_ = json.Unmarshal(data, &known)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := known[k]; !ok && k != yearField && !emptyJSON(fields[k]) {
			return k
		}
	}
	return ""
}

func emptyJSON(v json.RawMessage) bool {
	switch strings.TrimSpace(string(v)) {
	case "null", "0", `""`, "false", "[]", "{}":
		return true
	}
	return false
}

// NewScenarioWith starts the scenario name as a copy of the scenario from
// ("" = the base district as it is) followed by edits, and shows it. An
// edit that does not apply is an *EditError (Index counts the given edits
// from 1) and the session keeps no trace of the new scenario.
func (s *Session) NewScenarioWith(name, description, from string, edits []Command) error {
	var copied []Command
	if from != "" {
		v := s.scenario(from)
		if v == nil {
			return errNoScenario(from)
		}
		if v.raw != nil {
			return v.err
		}
		data, err := encodeEdits(v.edits)
		if err == nil {
			copied, err = decodeEdits(data)
		}
		if err != nil {
			return err
		}
	}
	back, wasDirty := s.cur.name, s.dirty
	if err := s.NewScenario(name, description); err != nil {
		return err
	}
	all := append(copied, edits...)
	for i, c := range all {
		if err := s.Do(c); err != nil {
			kind, _, _ := encodeCommand(c)
			_ = s.DeleteScenario(name)
			_ = s.SwitchScenario(back)
			s.dirty = wasDirty
			if i < len(copied) {
				return fmt.Errorf("scenario %s: its edit %d no longer applies: %w", from, i+1, err)
			}
			return &EditError{Index: i + 1 - len(copied), Kind: kind, Err: err}
		}
	}
	return nil
}
