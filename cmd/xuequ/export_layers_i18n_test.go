package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// Every message of export_layers.go is in layers.zh-CN.json and
// layers.en.json, and those files hold nothing else.
func TestLayersTranslationsComplete(t *testing.T) {
	src, err := os.ReadFile("export_layers.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`lang\.X\("([^"]+)"`).FindAllSubmatch(src, -1) {
		used[string(m[1])] = true
	}
	for _, l := range []string{"zh-CN", "en"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "assets", "i18n", "layers."+l+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]string
		if err := json.Unmarshal(data, &msgs); err != nil {
			t.Fatalf("layers.%s.json: %v", l, err)
		}
		for k := range used {
			if msgs[k] == "" {
				t.Errorf("layers.%s.json lacks %s", l, k)
			}
		}
		for k := range msgs {
			if !used[k] {
				t.Errorf("layers.%s.json: %s is not used", l, k)
			}
		}
	}
}
