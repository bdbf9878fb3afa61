package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// TestPlanningTranslations: every tr key of the staffing and balance
// commands is in both cliplanning.*.json files (or the shared cli ones),
// and the planning files hold no stale key.
func TestPlanningTranslations(t *testing.T) {
	re := regexp.MustCompile(`(?:tr|lang\.X)\("([^"]+)"`)
	used := map[string]bool{}
	for _, f := range []string{"staffing.go", "balance.go", "analyze_planning.go", "resources.go"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(src, -1) {
			if k := string(m[1]); !strings.HasSuffix(k, ".") {
				used[k] = true
			}
		}
	}
	for _, ind := range model.Indicators() { // indicatorName
		used["cli.balance."+ind.Key()] = true
	}
	for _, lang := range []string{"zh-CN", "en"} {
		mine, shared := readMessages(t, "cliplanning."+lang+".json"), readMessages(t, "cli."+lang+".json")
		for k := range used {
			if mine[k] == "" && shared[k] == "" {
				t.Errorf("%s: missing %q", lang, k)
			}
		}
		for k := range mine {
			if !used[k] {
				t.Errorf("cliplanning.%s.json: %q is not used", lang, k)
			}
		}
	}
}

func readMessages(t *testing.T, name string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "assets", "i18n", name))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}
