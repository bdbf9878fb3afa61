package main

import (
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/xuequ/xuequ/app/ui"
	"github.com/xuequ/xuequ/model"
)

// setLanguage chooses the language of the CLI's tables: "zh" or "en", or
// "" for the default from LC_ALL/LC_MESSAGES/LANG (English when the locale
// names a language other than Chinese, e.g. en_US; Chinese otherwise).
func setLanguage(code string) {
	if code == "" {
		code = "zh"
		for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			if l := os.Getenv(v); l != "" && l != "C" && l != "POSIX" && !strings.HasPrefix(l, "C.") {
				if !strings.HasPrefix(l, "zh") {
					code = "en"
				}
				break
			}
		}
	}
	if strings.HasPrefix(code, "en") {
		_ = ui.SetLanguage("en")
	} else {
		_ = ui.SetLanguage("zh-CN")
	}
}

// tr translates a CLI message key; fallback is the English text.
func tr(key, fallback string) string { return lang.X(key, fallback) }

func levelName(l model.Level) string { return tr("cli.level."+l.String(), l.String()) }

func statusName(s model.ClassStatus) string { return tr("cli.status."+s.String(), s.String()) }

func gradeName(g model.Grade) string {
	return lang.X("cli.grade", "grade {{.N}}", map[string]any{"N": int(g)})
}
