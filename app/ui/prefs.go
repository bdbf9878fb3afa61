package ui

import (
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
)

// Preference keys. They are stable: renaming one loses the user's setting.
const (
	prefLanguage    = "ui.language"   // "zh-CN" (default) or "en"
	prefThemeMode   = "ui.theme"      // "light" (default), "dark", "system"
	prefMapTheme    = "map.theme"     // a MapTheme name, see maptheme.go
	prefWindowW     = "window.width"  // logical pixels
	prefWindowH     = "window.height" // logical pixels
	prefSplitLeft   = "window.split.left"
	prefSplitRight  = "window.split.right"
	prefRecentFiles = "file.recent"
)

// Defaults for a first start.
const (
	defaultWindowW    = 1280
	defaultWindowH    = 690  // fits 1366×768 with title bar and taskbar
	defaultSplitLeft  = 0.33 // share of the width for the school table
	defaultSplitRight = 0.64 // map share of what is left of the table
	maxRecentFiles    = 8
)

// windowSize is the remembered window size, or the default.
func windowSize(p fyne.Preferences) fyne.Size {
	w := p.FloatWithFallback(prefWindowW, defaultWindowW)
	h := p.FloatWithFallback(prefWindowH, defaultWindowH)
	if w < 640 || h < 400 { // a broken value must not give an unusable window
		w, h = defaultWindowW, defaultWindowH
	}
	return fyne.NewSize(float32(w), float32(h))
}

func storeWindowSize(p fyne.Preferences, s fyne.Size) {
	if s.Width >= 640 && s.Height >= 400 {
		p.SetFloat(prefWindowW, float64(s.Width))
		p.SetFloat(prefWindowH, float64(s.Height))
	}
}

// splitOffset reads a split position in (0, 1), falling back to def.
func splitOffset(p fyne.Preferences, key string, def float64) float64 {
	v := p.FloatWithFallback(key, def)
	if v <= 0.05 || v >= 0.95 {
		return def
	}
	return v
}

// recentFiles lists the most recently opened projects, newest first.
func recentFiles(p fyne.Preferences) []string {
	return p.StringListWithFallback(prefRecentFiles, nil)
}

// addRecentFile puts path first in the recent list, without duplicates.
func addRecentFile(p fyne.Preferences, path string) {
	if path == "" {
		return
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := slices.DeleteFunc(recentFiles(p), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecentFiles {
		list = list[:maxRecentFiles]
	}
	p.SetStringList(prefRecentFiles, list)
}
