package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestFyneAppMetadata: cmd/xuequ/FyneApp.toml (what `fyne package -src
// cmd/xuequ` reads) says what the top-level FyneApp.toml says, and both
// icon paths name the same existing file.
func TestFyneAppMetadata(t *testing.T) {
	comments := regexp.MustCompile(`(?m)^#.*\n`)
	icon := regexp.MustCompile(`(?m)^\s*Icon = "([^"]*)"`)
	read := func(path string) (body, iconPath string) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		m := icon.FindSubmatch(data)
		if m == nil {
			t.Fatalf("%s: no Icon", path)
		}
		iconPath = filepath.Join(filepath.Dir(path), string(m[1]))
		if _, err := os.Stat(iconPath); err != nil {
			t.Errorf("%s: icon: %v", path, err)
		}
		return icon.ReplaceAllString(comments.ReplaceAllString(string(data), ""), ""), iconPath
	}
	local, localIcon := read("FyneApp.toml")
	top, topIcon := read(filepath.Join("..", "..", "FyneApp.toml"))
	if local != top {
		t.Errorf("cmd/xuequ/FyneApp.toml and FyneApp.toml differ:\n%s\n---\n%s", local, top)
	}
	if filepath.Clean(localIcon) != filepath.Clean(topIcon) {
		t.Errorf("icons differ: %s, %s", localIcon, topIcon)
	}
}
