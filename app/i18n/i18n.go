// Package i18n is Xuequ's message catalogue without Fyne: it reads the
// same assets/i18n/*.json files that app/ui feeds to fyne's lang package,
// so the CLI (and any headless caller) translates with the GUI's strings
// and the pure-Go build needs no GUI toolkit.
//
// X mirrors fyne's lang.X: a key, the fallback text, and optional values
// for the {{.Name}} text/template placeholders go-i18n uses. Chinese
// (zh-CN) is the default language; SetLanguage("en") switches to English.
package i18n

import (
	"encoding/json"
	"path"
	"strings"
	"sync"

	"github.com/xuequ/xuequ/assets"
	"github.com/xuequ/xuequ/model"
)

// The catalogue's languages, named as in the file names.
const (
	Chinese = "zh-CN"
	English = "en"
)

var (
	mu      sync.RWMutex
	current = Chinese
	loaded  map[string]map[string]string // language → key → template
	loadErr error
)

// SetLanguage makes code the language of X: English for "en…", Chinese
// for anything else (the default, as in the GUI).
func SetLanguage(code string) {
	mu.Lock()
	defer mu.Unlock()
	current = Chinese
	if strings.HasPrefix(code, "en") {
		current = English
	}
}

// Language returns the current language (Chinese or English).
func Language() string {
	mu.RLock()
	defer mu.RUnlock()
	return current
}

// X returns the message under key in the current language filled with
// data; fallback (the English text, or what the code has) when the key is
// missing. A template that does not parse or run is returned as written.
func X(key, fallback string, data ...map[string]any) string {
	text := fallback
	if m := catalogue()[Language()]; m != nil {
		if t, ok := m[key]; ok && t != "" {
			text = t
		}
	}
	var args map[string]any
	if len(data) > 0 {
		args = data[0]
	}
	return Render(text, args)
}

// Has reports whether key is translated in language lang.
func Has(lang, key string) bool {
	_, ok := catalogue()[lang][key]
	return ok
}

// Template returns the template under key in language lang as written
// in assets/i18n (not rendered); ok is false when it is missing.
func Template(lang, key string) (text string, ok bool) {
	text, ok = catalogue()[lang][key]
	return text, ok
}

// LoadError is the error of reading the embedded files, nil normally.
func LoadError() error {
	catalogue()
	return loadErr
}

var once sync.Once

// catalogue reads assets/i18n/*.json once.
func catalogue() map[string]map[string]string {
	once.Do(func() { loaded, loadErr = load() })
	return loaded
}

func load() (map[string]map[string]string, error) {
	const dir = "i18n"
	files, err := assets.I18n.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]string{}
	var first error
	for _, f := range files {
		lang := fileLanguage(f.Name())
		if lang == "" {
			continue
		}
		var msgs map[string]string
		data, err := assets.I18n.ReadFile(path.Join(dir, f.Name()))
		if err == nil {
			err = json.Unmarshal(data, &msgs)
		}
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		if out[lang] == nil {
			out[lang] = map[string]string{}
		}
		for k, v := range msgs {
			out[lang][k] = v
		}
	}
	return out, first
}

// fileLanguage is the language of a file named [prefix.]LANG.json
// (Chinese for zh, zh-CN, zh-Hans…), "" for other files.
func fileLanguage(name string) string {
	base, ok := strings.CutSuffix(name, ".json")
	if !ok {
		return ""
	}
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		base = base[i+1:]
	}
	switch {
	case strings.HasPrefix(base, "zh"):
		return Chinese
	case strings.HasPrefix(base, "en"):
		return English
	}
	return base
}

// Render fills text, a Go template ({{.Name}}), with args; a template that
// does not parse or run is returned as written rather than lost. It is
// model.RenderText, so an error renders alike in English and translated.
func Render(text string, args map[string]any) string { return model.RenderText(text, args) }
