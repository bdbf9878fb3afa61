package app

import (
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/assign"
)

// message is one errorf or label call of the package: the full key, the
// English template and the names of the Args map literal.
type message struct {
	key, text string
	args      []string
	pos       string
}

// packageMessages finds every errorf(key, text, args) and label(key, text,
// args) call in the package's non-test files.
func packageMessages(t *testing.T) []message {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []message
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 3 {
				return true
			}
			fn, ok := call.Fun.(*ast.Ident)
			if !ok || fn.Name != "errorf" && fn.Name != "label" {
				return true
			}
			prefix := map[string]string{"errorf": "app.err.", "label": "app.label."}[fn.Name]
			key, err1 := stringLit(call.Args[0])
			text, err2 := stringLit(call.Args[1])
			if err1 != nil || err2 != nil {
				t.Errorf("%s: %s needs a literal key and text", fset.Position(call.Pos()), fn.Name)
				return true
			}
			m := message{key: prefix + key, text: text, pos: fset.Position(call.Pos()).String()}
			if lit, ok := call.Args[2].(*ast.CompositeLit); ok {
				for _, e := range lit.Elts {
					if k, err := stringLit(e.(*ast.KeyValueExpr).Key); err == nil {
						m.args = append(m.args, k)
					}
				}
			}
			out = append(out, m)
			return true
		})
	}
	return out
}

func stringLit(e ast.Expr) (string, error) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", strconv.ErrSyntax
	}
	return strconv.Unquote(lit.Value)
}

var (
	actionRe = regexp.MustCompile(`\{\{.*?\}\}`)
	fieldRe  = regexp.MustCompile(`(?:^|[\s({])\.([A-Za-z_]\w*)`)
)

// templateNames are the top-level names a template uses (".Stage" of
// ".Stage.Chinese").
func templateNames(tmpl string) []string {
	var out []string
	for _, a := range actionRe.FindAllString(tmpl, -1) {
		for _, m := range fieldRe.FindAllStringSubmatch(a, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

func loadAppTemplates(t *testing.T, lang string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "assets", "i18n", "app."+lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("app.%s.json: %v", lang, err)
	}
	return m
}

// TestMessagesTranslated: every error and label of the package is in both
// app.*.json files, the English file repeats the code's text (so the
// English UI reads what Error() says), templates use only the Args given,
// and no key is stale.
func TestMessagesTranslated(t *testing.T) {
	msgs := packageMessages(t)
	if len(msgs) < 10 {
		t.Fatalf("found only %d messages", len(msgs))
	}
	used := map[string]bool{}
	for _, lang := range []string{"en", "zh-CN"} {
		file := loadAppTemplates(t, lang)
		for _, m := range msgs {
			used[m.key] = true
			text, ok := file[m.key]
			switch {
			case !ok:
				t.Errorf("%s: app.%s.json has no %q", m.pos, lang, m.key)
				continue
			case lang == "en" && text != m.text:
				t.Errorf("%s: app.en.json %q is %q, code says %q", m.pos, m.key, text, m.text)
			}
			for _, tmpl := range []string{text, m.text} {
				if _, err := template.New("").Parse(tmpl); err != nil {
					t.Errorf("%s: %q: %v", m.pos, tmpl, err)
				}
				for _, name := range templateNames(tmpl) {
					if !slices.Contains(m.args, name) {
						t.Errorf("%s: %q uses {{.%s}}, not among the Args %v", m.pos, m.key, name, m.args)
					}
				}
			}
		}
		for k := range file {
			if !used[k] {
				t.Errorf("app.%s.json: key %q is not used", lang, k)
			}
		}
	}
}

// TestEditErrorsAndLabels: failed edits return *Error with English text as
// before; labels name the school by its name once Do has run.
func TestEditErrorsAndLabels(t *testing.T) {
	d := &model.District{
		Schools: []model.School{{ID: "S1", Name: "城关第一小学", Level: model.LevelPrimary}, {ID: "S2", Name: "城关幼儿园", Level: model.LevelKindergarten}},
		Zones:   []model.Zone{{ID: "Z1"}, {ID: "Z2"}},
	}
	zh := loadAppTemplates(t, "zh-CN")
	neg := -1
	bad := model.DefaultStandards()
	bad.VeryLargeClassMin = bad.LargeClassMin - 1
	for _, c := range []struct {
		cmd       Command
		key, want string
	}{
		{&SchoolEdit{ID: "S9"}, "app.err.no_school", `no school with id "S9"`},
		{&SchoolEdit{ID: "S1", Capacity: &neg}, "app.err.negative_counts", "school S1: capacity and classrooms must not be negative"},
		{&MoveSchool{ID: "S9"}, "app.err.no_school", `no school with id "S9"`},
		{&AssignZones{Zones: []string{"Z1"}, School: "S1", Stage: model.LevelSenior}, "app.err.stage", "catchments are drawn for primary or junior, not senior"},
		{&AssignZones{Zones: []string{"Z1"}, School: "S2", Stage: model.LevelPrimary}, "app.err.wrong_stage", "school 城关幼儿园 (kindergarten) does not teach primary grades"},
		{&AssignZones{Zones: []string{"Z9"}, School: "S1", Stage: model.LevelPrimary}, "app.err.no_zone", `no zone with id "Z9"`},
		{&SetStandards{To: bad}, "app.err.std.very_large_class", "the very-large-class threshold (55) must not be below the large-class threshold (56)"},
		{&Reassign{Stage: model.LevelPrimary, Method: assign.MethodCurrent}, "app.err.reassign_current", `reassign: method "current" keeps the catchments as they are; choose nearest or optimal`},
	} {
		err := c.cmd.Do(d)
		var e *Error
		if !errors.As(err, &e) || e.Key != c.key || err.Error() != c.want {
			t.Errorf("%T: error %v (%T), want %s %q", c.cmd, err, err, c.key, c.want)
			continue
		}
		checkChinese(t, zh[e.Key], e.Args)
	}
	if got := ValidateStandards(model.DefaultStandards()); got != nil {
		t.Errorf("default standards: %v", got)
	}

	edit := &SchoolEdit{ID: "S1"}
	if got := edit.Label().String(); got != "edit school S1" {
		t.Errorf("label before Do %q", got)
	}
	if err := edit.Do(d); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		label Label
		want  string
	}{
		{edit.Label(), "edit school 城关第一小学"},
		{doLabel(t, d, &AssignZones{Zones: []string{"Z1", "Z2"}, School: "S1", Stage: model.LevelPrimary}), "assign 2 zone(s) to 城关第一小学"},
		{doLabel(t, d, &AssignZones{Zones: []string{"Z1"}, Stage: model.LevelPrimary}), "remove 1 zone(s) from their catchment"},
		{doLabel(t, d, &MoveSchool{ID: "S1"}), "move school 城关第一小学"},
		{(&SetStandards{}).Label(), "edit standards"},
		{(&Reassign{Stage: model.LevelJunior, Method: assign.MethodNearest}).Label(), "reassign junior catchments (nearest)"},
	} {
		if got := c.label.String(); got != c.want {
			t.Errorf("label %q, want %q", got, c.want)
		}
		if c.label.IsZero() {
			t.Errorf("%q is zero", c.want)
		}
		checkChinese(t, zh[c.label.Key], c.label.Args)
	}
	if !(Label{}).IsZero() || (Label{}).String() != "" {
		t.Error("zero label")
	}
}

func doLabel(t *testing.T, d *model.District, c Command) Label {
	t.Helper()
	if err := c.Do(d); err != nil {
		t.Fatal(err)
	}
	return c.Label()
}

// checkChinese renders a Chinese template as go-i18n would and fails on a
// missing value or leftover English machine name.
func checkChinese(t *testing.T, text string, args map[string]any) {
	t.Helper()
	tmpl, err := template.New("").Parse(text)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, args); err != nil || b.Len() == 0 || strings.Contains(b.String(), "<no value>") {
		t.Errorf("%q with %v gives %q, %v", text, args, b.String(), err)
	}
	t.Log(b.String())
}
