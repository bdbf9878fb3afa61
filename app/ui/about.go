package ui

// About dialog: app name, version (store.AppVersion: the build's
// `git describe` through -ldflags, the same string --version prints and
// every saved project records; "dev" for a plain go build), and the
// licence of the bundled font.
//
//	NewAboutDialog(parent fyne.Window) dialog.Dialog   // then .Show()

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app/store"
)

// fontLicenceURL is the Apache License 2.0, one of the two licences of
// WenQuanYi Micro Hei (assets/fonts/LICENSE-WenQuanYiMicroHei.txt).
const fontLicenceURL = "https://www.apache.org/licenses/LICENSE-2.0"

// NewAboutDialog returns the About dialog; call Show on it.
func NewAboutDialog(parent fyne.Window) dialog.Dialog {
	return dialog.NewCustom(lang.X("about.title", "关于"), lang.X("about.close", "关闭"),
		aboutContent(), parent)
}

// aboutContent is the dialog body, separate so tests can render it.
func aboutContent() fyne.CanvasObject {
	version := appVersion()
	name := widget.NewLabelWithStyle(lang.X("about.name", "学区规划 Xuequ"), fyne.TextAlignCenter,
		fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameSubHeadingText
	purpose := widget.NewLabelWithStyle(lang.X("about.purpose", "县域学校布局、学区划片与班额规划"),
		fyne.TextAlignCenter, fyne.TextStyle{})
	ver := widget.NewLabelWithStyle(lang.X("about.version", "版本 {{.Version}}", map[string]any{"Version": version}),
		fyne.TextAlignCenter, fyne.TextStyle{})
	font := widget.NewLabelWithStyle(lang.X("about.font", "界面与报表字体：WenQuanYi Micro Hei（文泉驿微米黑）"),
		fyne.TextAlignCenter, fyne.TextStyle{})
	owner := widget.NewLabelWithStyle(lang.X("about.font.owner",
		"© 文泉驿项目及 Android Open Source Project，依 Apache License 2.0 或 GPLv3 授权"), fyne.TextAlignCenter, fyne.TextStyle{})
	u, _ := url.Parse(fontLicenceURL)
	link := widget.NewHyperlink(lang.X("about.licence", "Apache License 2.0 全文"), u)
	link.Alignment = fyne.TextAlignCenter
	return container.NewVBox(name, ver, purpose, widget.NewSeparator(), font, owner, link)
}

// appVersion is the version the build stamped; a development build
// ("dev", or "dev+commit" as cmd/xuequ sets it) reads 开发版 with its
// commit.
func appVersion() string {
	v := store.AppVersion
	if rest, ok := strings.CutPrefix(v, "dev"); ok || v == "" {
		return lang.X("about.version.dev", "开发版") + rest
	}
	return v
}
