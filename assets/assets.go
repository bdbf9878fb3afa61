// Package assets embeds everything Xuequ ships inside its binary: the CJK
// font, the translations, the icon and the sample district. It imports only
// the standard library so that every layer may use it.
package assets

import (
	"embed"
	_ "embed"
)

// CJKFont is Droid Sans Fallback (Apache-2.0, see fonts/), a single-face
// TrueType font that covers Latin and all GB 2312/GBK hanzi. The UI theme,
// the raster map labels and the PDF reports all use it, so no glyph shows as
// tofu on a machine without Chinese fonts.
//
//go:embed fonts/DroidSansFallbackFull.ttf
var CJKFont []byte

// I18n holds the translation files i18n/zh-CN.json and i18n/en.json in the
// go-i18n JSON format that fyne's lang package reads.
//
//go:embed i18n/*.json
var I18n embed.FS

// Icon is the application icon (256×256 PNG: a school on a catchment map),
// also named in FyneApp.toml for `fyne package`.
//
//go:embed icon.png
var Icon []byte
