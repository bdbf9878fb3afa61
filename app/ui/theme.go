package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/xuequ/xuequ/assets"
)

// cjkFont is the bundled Droid Sans Fallback as a fyne resource. One face
// serves every text style: it covers Latin and all GBK hanzi, so no glyph
// shows as tofu on a machine without Chinese fonts, and bold/italic are
// synthesised by the painter.
var cjkFont = fyne.NewStaticResource("DroidSansFallbackFull.ttf", assets.CJKFont)

// xuequTheme is fyne's default theme with the bundled CJK font and a
// light variant unless the user asked for dark. Colours of the map itself
// live in maptheme.go: they carry meaning and must not follow the UI theme.
type xuequTheme struct {
	variant fyne.ThemeVariant
	forced  bool // true when the preference fixes the variant
}

// newTheme returns the app theme. variant is "light" (default), "dark" or
// "system".
func newTheme(variant string) fyne.Theme {
	switch variant {
	case "dark":
		return &xuequTheme{variant: theme.VariantDark, forced: true}
	case "system":
		return &xuequTheme{}
	}
	return &xuequTheme{variant: theme.VariantLight, forced: true}
}

func (t *xuequTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced {
		v = t.variant
	}
	return theme.DefaultTheme().Color(n, v)
}

// Font returns the CJK font for every style, monospace included: the
// default monospace face has no hanzi.
func (t *xuequTheme) Font(fyne.TextStyle) fyne.Resource { return cjkFont }

func (t *xuequTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

func (t *xuequTheme) Size(n fyne.ThemeSizeName) float32 {
	return theme.DefaultTheme().Size(n)
}
