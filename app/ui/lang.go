package ui

import (
	"os"
	"path"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	// Sets up the locale environment before fyne's lang reads it.
	_ "github.com/xuequ/xuequ/app/ui/internal/localeenv"
	"github.com/xuequ/xuequ/assets"
)

// UI languages. Chinese is the default whatever the system locale says:
// the users are county education bureaus; English is for reviewers and
// is chosen in View ▸ Language (stored in the preferences; the window
// rebuilds its menu and panels at once, see mainWindow.setLanguage).
const (
	langChinese = "zh-CN"
	langEnglish = "en"
)

// languagePref returns the stored UI language, Chinese unless English was
// chosen.
func languagePref(p fyne.Preferences) string {
	if p != nil && p.String(prefLanguage) == langEnglish {
		return langEnglish
	}
	return langChinese
}

// SetLanguage makes code ("zh-CN" or "en") the language of lang.L and
// loads every translation file in assets.I18n.
//
// Why the environment: fyne's lang package has no setter; it picks the
// locale with go-locale, which on Linux/BSD reads LANGUAGE unless LC_ALL,
// LC_MESSAGES or LANG is "C"/"POSIX". So LANGUAGE is set, a C locale is
// widened to C.UTF-8 (same meaning for other programs, but it lets
// LANGUAGE through), and the translations are (re)added, which makes lang
// re-read the locale. Call it before any string is built.
//
// Why zh-CN files are added as zh-Hans: go-i18n uses exactly one bundle
// tag per lookup. Fyne's own strings (Cancel, OK, the file dialog) are
// under zh-Hans; registering ours under zh-CN would win the match for a
// zh_CN user and turn fyne's dialogs English. Under zh-Hans both merge.
func SetLanguage(code string) error {
	if code != langEnglish {
		code = langChinese
	}
	languageMu.Lock()
	defer languageMu.Unlock()
	if code == currentLanguage {
		return nil // translations loaded: adding them again rewrites go-i18n's maps under readers
	}
	// A live switch (View ▸ Language) runs on the UI goroutine, the only
	// reader of the catalogue in the GUI, so re-adding it here is safe.
	currentLanguage = code
	if code == langEnglish {
		os.Setenv("LANGUAGE", "en_US:en")
	} else {
		os.Setenv("LANGUAGE", "zh_CN:zh")
	}
	for _, env := range [...]string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(env); v == "C" || v == "POSIX" {
			os.Setenv(env, "C.UTF-8")
		}
	}
	return addTranslations()
}

// currentLanguage is the language SetLanguage last set up ("" before the
// first call); languageMu serialises the set-up.
var (
	languageMu      sync.Mutex
	currentLanguage string
)

// addTranslations adds assets/i18n/*.LANG.json, zh-CN files as zh-Hans.
func addTranslations() error {
	const dir = "i18n"
	files, err := assets.I18n.ReadDir(dir)
	if err != nil {
		return err
	}
	var first error
	for _, f := range files {
		name := f.Name()
		tag := translationTag(name)
		if tag == "" {
			continue
		}
		data, err := assets.I18n.ReadFile(path.Join(dir, name))
		if err == nil {
			err = lang.AddTranslationsForLocale(data, fyne.Locale(tag))
		}
		if err != nil && first == nil {
			first = err
		}
	}
	return first
}

// translationTag returns the language of a file named [prefix.]LANG.json,
// mapping zh-CN/zh to zh-Hans (see SetLanguage); "" if it is no JSON file.
func translationTag(name string) string {
	base, ok := strings.CutSuffix(name, ".json")
	if !ok {
		return ""
	}
	if i := strings.LastIndexByte(base, '.'); i >= 0 {
		base = base[i+1:]
	}
	switch strings.ReplaceAll(base, "_", "-") {
	case "zh-CN", "zh", "zh-Hans", "zh-Hans-CN":
		return "zh-Hans"
	}
	return base
}
