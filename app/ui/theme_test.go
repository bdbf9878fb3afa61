package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestThemeUsesCJKFontForEveryStyle(t *testing.T) {
	th := newTheme("")
	for _, s := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Monospace: true}, {Symbol: true}} {
		if th.Font(s) != cjkFont {
			t.Errorf("style %+v does not use the CJK font", s)
		}
	}
	test.AssertAllColorNamesDefined(t, th, "xuequ")
	if th.Color(theme.ColorNameBackground, theme.VariantDark) != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight) {
		t.Error("the default theme must stay light whatever the system variant")
	}
}
