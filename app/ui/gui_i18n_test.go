package ui

import "testing"

// guiFiles are the window's files whose strings live in gui.*.json.
var guiFiles = []string{"help.go", "schoolpicker.go", "quit.go", "filedialog.go", "reassign.go", "newschool.go"}

// TestGUITranslations: every lang.X key of guiFiles is in both gui.*.json
// files, the Chinese file repeats the in-code fallback, nothing is stale.
func TestGUITranslations(t *testing.T) {
	checkTranslations(t, "gui", guiFiles...)
}
