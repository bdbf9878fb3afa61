package i18n

import (
	"encoding/json"
	"flag"
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
)

var updateErrors = flag.Bool("update-errors", false, "rewrite assets/i18n/errors.en.json from the Go source")

// errorDirs hold the code that builds keyed messages (model.Msg,
// model.Inputf and the helpers that wrap them).
var errorDirs = []string{"model", "model/forecast", "geo/ingest", "app/store", "app", "cmd/xuequ"}

// keyedCalls maps a function name to how it is called: the index of the
// key argument and the prefix its English text gets.
var keyedCalls = map[string]struct {
	arg    int
	prefix string
}{
	"Msg": {0, ""}, "Inputf": {1, ""}, "errAtf": {4, "{{.Where}}"}, "valueErr": {0, ""},
}

// sourceMessages returns key → English template of every keyed message
// with literal key and text in errorDirs.
func sourceMessages(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, dir := range errorDirs {
		files, _ := filepath.Glob(filepath.Join("..", "..", dir, "*.go"))
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
				if !ok {
					return true
				}
				var fn string
				switch f := call.Fun.(type) {
				case *ast.Ident:
					fn = f.Name
				case *ast.SelectorExpr:
					fn = f.Sel.Name
				}
				c, ok := keyedCalls[fn]
				if !ok || len(call.Args) < c.arg+2 {
					return true
				}
				k, ok1 := call.Args[c.arg].(*ast.BasicLit)
				v, ok2 := call.Args[c.arg+1].(*ast.BasicLit)
				if !ok1 || !ok2 || k.Kind != token.STRING || v.Kind != token.STRING {
					if fn != "Msg" && fn != "Inputf" || ok1 { // Msg(key, constant, …) is checked below
						if !ok1 {
							t.Errorf("%s: %s with a key that is not a literal", fset.Position(call.Pos()), fn)
						}
					}
					if ok1 && !ok2 {
						if id, ok := call.Args[c.arg+1].(*ast.Ident); ok && id.Obj != nil {
							if vs, ok := id.Obj.Decl.(*ast.ValueSpec); ok && len(vs.Values) == 1 {
								v, ok2 = vs.Values[0].(*ast.BasicLit)
							}
						}
					}
					if !ok1 || !ok2 {
						if ok1 {
							t.Errorf("%s: %s with a text that is not a literal or constant", fset.Position(call.Pos()), fn)
						}
						return true
					}
				}
				key, _ := strconv.Unquote(k.Value)
				text, _ := strconv.Unquote(v.Value)
				key, text = "errors."+key, c.prefix+text
				if old, ok := out[key]; ok && old != text {
					t.Errorf("%s: key %s has two texts: %q and %q", fset.Position(call.Pos()), key, old, text)
				}
				out[key] = text
				return true
			})
		}
	}
	return out
}

func readMessages(t *testing.T, lang string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "assets", "i18n", "errors."+lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("errors.%s.json: %v", lang, err)
	}
	return m
}

// extraArgs are values a message carries for other languages than English
// (a column's Chinese header).
var extraArgs = map[string][]string{"errors.column": {"{{.Chinese}}"}}

var fieldRe = regexp.MustCompile(`\{\{\s*\.([A-Za-z_]\w*)`)

func names(tmpl string) []string {
	var out []string
	for _, m := range fieldRe.FindAllStringSubmatch(tmpl, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestErrorMessages: every keyed error message of the Go source is in
// assets/i18n/errors.en.json with exactly the English text the code has
// (so the English catalogue renders exactly to Error()), and in
// errors.zh-CN.json with a template that parses and uses the same values;
// no stale keys.
func TestErrorMessages(t *testing.T) {
	src := sourceMessages(t)
	if len(src) < 30 {
		t.Fatalf("found only %d keyed messages", len(src))
	}
	if *updateErrors {
		data, _ := json.MarshalIndent(src, "", "  ")
		if err := os.WriteFile(filepath.Join("..", "..", "assets", "i18n", "errors.en.json"), append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	en, zh := readMessages(t, "en"), readMessages(t, "zh-CN")
	for key, text := range src {
		if en[key] != text {
			t.Errorf("errors.en.json: %s is %q, the code says %q", key, en[key], text)
		}
		z, ok := zh[key]
		if !ok || z == "" {
			t.Errorf("errors.zh-CN.json lacks %q: %q", key, text)
			continue
		}
		if _, err := template.New(key).Parse(z); err != nil {
			t.Errorf("errors.zh-CN.json: %s: %v", key, err)
		}
		got, want := names(z), names(text)
		if len(extraArgs[key]) > 0 { // may use other values instead
			allowed := names(text + strings.Join(extraArgs[key], ""))
			for _, n := range got {
				if !slices.Contains(allowed, n) {
					t.Errorf("errors.zh-CN.json: %s uses {{.%s}}, not among %v", key, n, allowed)
				}
			}
		} else if !slices.Equal(got, want) {
			t.Errorf("errors.zh-CN.json: %s uses %v, the English %v", key, got, want)
		}
	}
	for _, m := range []map[string]string{en, zh} {
		for key := range m {
			if _, ok := src[key]; !ok {
				t.Errorf("errors.*.json: stale key %s", key)
			}
		}
	}
}

// TestTrInput: an input error renders in English exactly as Msg (the
// catalogue's English equals the code's), and in Chinese with its nested
// place translated too.
func TestTrInput(t *testing.T) {
	defer SetLanguage(Chinese)
	place := model.Msg("where.column_name", "column {{.N}} ({{.Column}}): ", map[string]any{"N": 4, "Column": `"students"`})
	problem := model.Msg("value.not_number", "{{.Value}} is not a number", map[string]any{"Value": `"12x"`})
	e := model.Inputf("h.csv", "input.not_count", "{{.Where}}{{.Problem}}; {{.Name}} must be a whole number ≥ 0",
		map[string]any{"Where": place, "Problem": problem, "Name": "students"}).At(3, "students")
	const want = `column 4 ("students"): "12x" is not a number; students must be a whole number ≥ 0`
	if e.Msg != want {
		t.Fatalf("Msg = %q", e.Msg)
	}
	SetLanguage("en")
	if got := TrInput(e, nil); got != want {
		t.Errorf("English: %q, want %q", got, want)
	}
	SetLanguage("zh")
	got := TrInput(e, nil)
	if strings.Contains(got, "column") || strings.Contains(got, "number") || !strings.Contains(got, `"12x"`) {
		t.Errorf("Chinese: %q", got)
	}
	if plain := (&model.InputError{File: "x", Msg: "as is"}); TrInput(plain, nil) != "as is" {
		t.Errorf("unkeyed: %q", TrInput(plain, nil))
	}
}
