package ui

import (
	"testing"

	"fyne.io/fyne/v2/lang"
)

// TestLanguage checks that the UI is Chinese by default and English when
// chosen, and that fyne's own strings follow (zh-CN files merged into
// fyne's zh-Hans, see SetLanguage).
func TestLanguage(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "C") // a C locale must not force English
	t.Setenv("LANG", "en_US.UTF-8")
	defer SetLanguage(langChinese)

	if err := SetLanguage(languagePref(nil)); err != nil {
		t.Fatal(err)
	}
	if got := lang.X("menu.file.open", "Open…"); got != "打开…" {
		t.Errorf("default language: menu.file.open = %q, want 打开…", got)
	}
	if got := lang.L("Cancel"); got != "取消" {
		t.Errorf("default language: fyne's Cancel = %q, want 取消", got)
	}

	if err := SetLanguage(langEnglish); err != nil {
		t.Fatal(err)
	}
	if got := lang.X("menu.file.open", "?"); got != "Open…" {
		t.Errorf("English: menu.file.open = %q, want Open…", got)
	}
	if got := lang.L("Cancel"); got != "Cancel" {
		t.Errorf("English: fyne's Cancel = %q", got)
	}
}

func TestTranslationTag(t *testing.T) {
	for name, want := range map[string]string{
		"main.zh-CN.json": "zh-Hans", "panels.en.json": "en", "zh_CN.json": "zh-Hans",
		"cli.fr.json": "fr", "README.md": "",
	} {
		if got := translationTag(name); got != want {
			t.Errorf("translationTag(%q) = %q, want %q", name, got, want)
		}
	}
}
