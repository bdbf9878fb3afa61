package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// TestMainTranslationsComplete checks that every lang.X key of the window
// files is in both main.*.json files, and nothing stale is left there.
func TestMainTranslationsComplete(t *testing.T) {
	files := []string{"ui.go", "window.go", "menu.go", "theme.go", "lang.go", "mapview.go",
		"mapview_renderer.go", "maptheme.go", "progress.go", "prefs.go", "exports.go", "lock.go"}
	re := regexp.MustCompile(`lang\.X\("([^"]+)"`)
	used := map[string]bool{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(src, -1) {
			used[string(m[1])] = true
		}
	}
	for _, lang := range []string{"zh-CN", "en"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "assets", "i18n", "main."+lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]string
		if err := json.Unmarshal(data, &msgs); err != nil {
			t.Fatalf("main.%s.json: %v", lang, err)
		}
		var missing, stale []string
		for k := range used {
			if msgs[k] == "" {
				missing = append(missing, k)
			}
		}
		for k := range msgs {
			if !used[k] {
				stale = append(stale, k)
			}
		}
		slices.Sort(missing)
		slices.Sort(stale)
		if len(missing)+len(stale) > 0 {
			t.Errorf("main.%s.json: missing %v, stale %v", lang, missing, stale)
		}
	}
}
