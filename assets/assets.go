// Package assets embeds everything Xuequ ships inside its binary: the CJK
// font, the translations, the icon and the sample district. It imports only
// the standard library so that every layer may use it.
package assets

import (
	"embed"
	_ "embed"
)

// CJKFont is WenQuanYi Micro Hei (文泉驿微米黑; Apache-2.0 or GPLv3 with a
// font-embedding exception, see fonts/), a single-face TrueType font with
// Latin letters, digits, punctuation and all GBK hanzi in one face — the
// face extracted from Debian's wqy-microhei.ttc collection. The UI theme,
// the raster map labels and the PDF reports all use it, so no glyph shows
// as tofu on a machine without Chinese fonts, and digits look the same as
// the hanzi beside them.
//
//go:embed fonts/WenQuanYiMicroHei.ttf
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
