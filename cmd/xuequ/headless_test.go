package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestCLIBuildHasNoGUI: built without cgo (the xuequ-cli of make dist),
// the command depends on neither Fyne nor GLFW/OpenGL, so it runs where no
// display or GL library is installed; a Fyne import in a subcommand file
// (translations go through app/i18n) would break that.
func TestCLIBuildHasNoGUI(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=")
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "fyne.io/") || strings.HasPrefix(dep, "github.com/go-gl/") {
			t.Errorf("the CGO_ENABLED=0 build of cmd/xuequ depends on %s", dep)
		}
	}
}
