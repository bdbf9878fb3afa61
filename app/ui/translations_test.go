package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// checkTranslations checks the lang.X calls of the given source files
// against assets/i18n/<prefix>.zh-CN.json and <prefix>.en.json: every key
// is in both files, the Chinese file repeats the in-code fallback (Chinese
// is the default), a key has one fallback, and no file has stale keys. It
// returns the number of keys found.
func checkTranslations(t *testing.T, prefix string, files ...string) int {
	t.Helper()
	used := map[string]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "X" {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" {
				return true
			}
			key, err1 := literal(call.Args[0])
			fallback, err2 := literal(call.Args[1])
			if err1 != nil || err2 != nil {
				t.Errorf("%s: lang.X needs literal key and fallback", fset.Position(call.Pos()))
				return true
			}
			if prev, dup := used[key]; dup && prev != fallback {
				t.Errorf("%s: key %q used with two fallbacks %q and %q", fset.Position(call.Pos()), key, prev, fallback)
			}
			used[key] = fallback
			return true
		})
	}
	for _, lang := range []string{"zh-CN", "en"} {
		file := prefix + "." + lang + ".json"
		raw, err := os.ReadFile(filepath.Join("..", "..", "assets", "i18n", file))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, k := range slices.Sorted(maps.Keys(used)) {
			v, ok := m[k]
			switch {
			case !ok || v == "":
				t.Errorf("%s: missing key %q", file, k)
			case lang == "zh-CN" && v != used[k]:
				t.Errorf("%s: %q is %q, code fallback is %q", file, k, v, used[k])
			}
		}
		for k := range m {
			if _, ok := used[k]; !ok {
				t.Errorf("%s: key %q is not used", file, k)
			}
		}
	}
	return len(used)
}
