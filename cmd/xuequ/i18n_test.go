package main

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/app/i18n"
)

// TestMessagesTranslated: every tr/lang.X key with a literal key in
// cmd/xuequ, every command's summary (cli.cmd.NAME) and every option's
// text (cli.opt.COMMAND.FLAG) is in assets/i18n in Chinese and English.
// The error lists what to add.
func TestMessagesTranslated(t *testing.T) {
	keys := map[string]string{} // key → English fallback
	for k, v := range sourceKeys(t) {
		keys[k] = v
	}
	for name, c := range commands {
		keys["cli.cmd."+name] = c.summary
		flagSets = nil
		runCLI(t, name, "-h")
		for _, fs := range flagSets {
			fs.VisitAll(func(f *flag.Flag) { keys["cli.opt."+fs.Name()+"."+f.Name] = f.Usage })
		}
	}
	if len(keys) < 100 {
		t.Fatalf("found only %d keys", len(keys))
	}
	for _, lang := range []string{i18n.Chinese, i18n.English} {
		var missing []string
		for k, v := range keys {
			if !i18n.Has(lang, k) {
				missing = append(missing, strconv.Quote(k)+": "+strconv.Quote(v))
			}
		}
		if lang == i18n.English {
			// The English catalogue says what the code says: usagef's and
			// tr's fallbacks are the English text.
			for k, v := range keys {
				if got, ok := i18n.Template(i18n.English, k); ok && got != v && strings.HasPrefix(k, "cli.usage.") {
					t.Errorf("%s: the English catalogue says %q, the code %q", k, got, v)
				}
			}
		}
		slices.Sort(missing)
		if len(missing) > 0 {
			t.Errorf("assets/i18n/cli.%s.json lacks %d keys (English text shown):\n%s", lang, len(missing), strings.Join(missing, ",\n"))
		}
	}
}

// sourceKeys returns the literal keys of tr(…) and lang.X(…) calls in the
// package's files.
func sourceKeys(t *testing.T) map[string]string {
	files, _ := filepath.Glob("*.go")
	keys := map[string]string{}
	fset := token.NewFileSet()
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
			if !ok || len(call.Args) < 2 || !isTranslateCall(call.Fun) {
				return true
			}
			key, ok1 := call.Args[0].(*ast.BasicLit)
			fb, ok2 := call.Args[1].(*ast.BasicLit)
			if ok1 && ok2 && key.Kind == token.STRING && fb.Kind == token.STRING {
				k, _ := strconv.Unquote(key.Value)
				v, _ := strconv.Unquote(fb.Value)
				keys[k] = v
			}
			return true
		})
	}
	return keys
}

func isTranslateCall(fun ast.Expr) bool {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name == "tr" || f.Name == "usagef"
	case *ast.SelectorExpr:
		id, ok := f.X.(*ast.Ident)
		return ok && id.Name == "lang" && f.Sel.Name == "X"
	}
	return false
}
