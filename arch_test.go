// Architecture rules of DESIGN.md §2, checked with `go list`.
package xuequ_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/xuequ/xuequ"

// TestOnlyUIImportsFyne: domain packages (model/..., geo/..., app and its
// sub-packages other than app/ui, assets) never depend on Fyne, directly or
// through another package, so they stay testable headless and reusable by
// the CLI.
func TestOnlyUIImportsFyne(t *testing.T) {
	out, err := exec.Command("go", "list", "-tags", "ci", "-deps=false",
		"-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		pkg := strings.TrimPrefix(fields[0], module)
		if pkg == "/app/ui" || strings.HasPrefix(pkg, "/app/ui/") || strings.HasPrefix(pkg, "/cmd/") {
			continue
		}
		checked++
		for _, dep := range fields[1:] {
			if strings.HasPrefix(dep, "fyne.io/") {
				t.Errorf("%s depends on %s: only app/ui and cmd may import Fyne (DESIGN.md §2)", fields[0], dep)
				break
			}
		}
	}
	if checked < 3 {
		t.Fatalf("checked only %d packages; is go list working?", checked)
	}
}

// TestModelStaysSmall: package model imports only the standard library and
// orb (DESIGN.md §2), so the rules stay readable on their own.
func TestModelStaysSmall(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{join .Imports "\n"}}`, "./model").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, imp := range strings.Fields(string(out)) {
		if strings.Contains(imp, ".") && !strings.HasPrefix(imp, "github.com/paulmach/orb") {
			t.Errorf("model imports %s; it may import only the standard library and orb", imp)
		}
	}
}
