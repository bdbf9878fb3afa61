package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	lang "github.com/xuequ/xuequ/app/i18n"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/app/store"
	"github.com/xuequ/xuequ/model"
)

func init() {
	register(&command{
		name:    "scenario",
		summary: "list, show, make or delete the project's 方案 scenarios (edit lists as JSON, for scripts)",
		run:     runScenario,
	})
}

const scenarioUsage = "list P [--json] | show P NAME --json | new P NAME [--from NAME] [--edits EDITS.json] " +
	"[--description TEXT] | delete P NAME"

func runScenario(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("scenario", scenarioUsage, stdout)
	asJSON := fs.Bool("json", false, "print one JSON document")
	from := fs.String("from", "", "new: start from this scenario's edits instead of the base district")
	edits := fs.String("edits", "", "new: append the edits of this file (the project's edit-list JSON, - = stdin)")
	description := fs.String("description", "", "new: the scenario's description")
	langFlag := fs.String("lang", "", "language of the table: zh or en (default from LANG)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	a := fs.Args()
	if len(a) < 2 {
		return usagef("cli.usage.scenario.args", "scenario: give the action and the project file: xuequ scenario {{.Usage}}", map[string]any{"Usage": scenarioUsage})
	}
	action, path, rest := a[0], a[1], a[2:]
	wantName := func() (string, error) {
		if len(rest) != 1 || strings.TrimSpace(rest[0]) == "" {
			return "", usagef("cli.usage.scenario.name", "scenario {{.Action}}: give the scenario's name after the project file", map[string]any{"Action": action})
		}
		return rest[0], nil
	}
	setLanguage(*langFlag)
	switch action {
	case "list":
		if len(rest) > 0 {
			return usagef("cli.usage.scenario.list_arg", "scenario list: unexpected argument {{.Arg}}", map[string]any{"Arg": strconv.Quote(rest[0])})
		}
		return listScenarios(stdout, path, *asJSON)
	case "show":
		name, err := wantName()
		if err != nil {
			return err
		}
		return showScenario(stdout, path, name)
	case "new":
		name, err := wantName()
		if err != nil {
			return err
		}
		return newScenario(stderr, path, name, *description, *from, *edits)
	case "delete":
		name, err := wantName()
		if err != nil {
			return err
		}
		return editProject(path, func(s *app.Session) error { return s.DeleteScenario(name) })
	}
	return usagef("cli.usage.scenario.action", "scenario: unknown action {{.Action}}: use list, show, new or delete", map[string]any{"Action": strconv.Quote(action)})
}

type scenarioDoc struct {
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Edits       int             `json:"edits"`
	Error       string          `json:"error,omitempty"`
	EditList    json.RawMessage `json:"edit_list,omitempty"`
}

func listScenarios(w io.Writer, path string, asJSON bool) error {
	p, _, err := store.Open(path)
	if err != nil {
		return err
	}
	docs := make([]scenarioDoc, 0, len(p.Scenarios))
	for _, s := range p.Scenarios {
		docs = append(docs, describeScenario(s, false))
	}
	if asJSON {
		return writeJSON(w, map[string]any{"scenarios": docs})
	}
	tw := newTabWriter(w, false)
	fmt.Fprintln(tw, tr("scenario.cli.col.name", "Scenario")+"\t"+tr("scenario.cli.col.edits", "Edits")+"\t"+
		tr("scenario.cli.col.description", "Description"))
	for _, d := range docs {
		desc := d.Description
		if d.Error != "" {
			desc = lang.X("scenario.cli.unreadable", "cannot be read: {{.Err}}", map[string]any{"Err": d.Error})
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\n", d.Name, d.Edits, desc)
	}
	if len(docs) == 0 {
		fmt.Fprintln(tw, tr("scenario.cli.none", "(no scenarios: make one with xuequ scenario new P NAME)"))
	}
	return tw.Flush()
}

// describeScenario counts a saved scenario's edits by its own JSON; an
// edit list this version cannot read is described with the reason.
func describeScenario(s store.Scenario, withEdits bool) scenarioDoc {
	d := scenarioDoc{Name: s.Name, Description: s.Description}
	var doc struct {
		Edits []json.RawMessage `json:"edits"`
	}
	if len(s.Data) > 0 {
		if err := json.Unmarshal(s.Data, &doc); err != nil {
			d.Error = err.Error()
		}
	}
	d.Edits = len(doc.Edits)
	if withEdits {
		d.EditList = s.Data
		if len(d.EditList) == 0 {
			d.EditList = json.RawMessage(`{"version":1,"edits":[]}`)
		}
	}
	return d
}

// showScenario prints the named scenario with its edit list, in the same
// JSON that scenario new --edits reads.
func showScenario(w io.Writer, path, name string) error {
	p, _, err := store.Open(path)
	if err != nil {
		return err
	}
	for _, s := range p.Scenarios {
		if s.Name == name {
			return writeJSON(w, describeScenario(s, true))
		}
	}
	_, err = applyScenario(p, name) // names the scenarios there are
	return err
}

func newScenario(stderr io.Writer, path, name, description, from, editsFile string) error {
	var edits []app.Command
	if editsFile != "" {
		data, err := readEditsFile(editsFile)
		if err != nil {
			return err
		}
		if edits, err = app.DecodeEditList(data); err != nil {
			return editListError(editsFile, err)
		}
	}
	err := editProject(path, func(s *app.Session) error {
		return s.NewScenarioWith(name, description, from, edits)
	})
	if err != nil {
		return editListError(editsFile, err)
	}
	fmt.Fprintln(stderr, lang.X("scenario.cli.made", "Scenario {{.Name}} saved in {{.File}} with {{.N}} edits of its own.",
		map[string]any{"Name": name, "File": path, "N": len(edits)}))
	return nil
}

// readEditsFile reads the edit list from the file, or stdin for "-".
func readEditsFile(name string) ([]byte, error) {
	if name != "-" {
		return readInputFile(name, "edits")
	}
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", tr("cli.err.stdin_edits", "stdin: cannot read the edit list"), err)
	}
	return data, nil
}

// editListError puts an edit the list cannot hold in words: the file, the
// edit's number and kind, and the field.
func editListError(file string, err error) error {
	var ee *app.EditError
	if !errors.As(err, &ee) {
		return err
	}
	args := map[string]any{"N": ee.Index, "Kind": ee.Kind, "Field": ee.Field, "Err": ee.Err.Error()}
	var msg string
	switch {
	case ee.Index == 0:
		msg = lang.X("scenario.cli.bad_list", "field {{.Field}}: {{.Err}}", args)
	case ee.Field == "":
		msg = lang.X("scenario.cli.bad_apply", "edit {{.N}} ({{.Kind}}) does not apply: {{.Err}}", args)
	default:
		msg = lang.X("scenario.cli.bad_edit", "edit {{.N}} ({{.Kind}}), field {{.Field}}: {{.Err}}", args)
	}
	return &model.InputError{File: file, Msg: msg}
}

// editProject changes the project at path: its lock is held from before
// it is read until after the atomic save (the same lock the GUI takes),
// so no other Xuequ writes it in between; edit changes the session.
func editProject(path string, edit func(s *app.Session) error) error {
	lock, err := store.Lock(path)
	if err != nil {
		return cliStoreError(path, err)
	}
	defer lock.Unlock()
	sess, err := app.OpenProject(path, nil)
	if err != nil {
		return err
	}
	if err := edit(sess); err != nil {
		return err
	}
	return saveTarget(path, sess.Save)
}
