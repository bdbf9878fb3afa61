package main

import (
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/xuequ/xuequ/assets"
	"github.com/xuequ/xuequ/model"
)

// setLanguage chooses the language of the CLI's tables: "zh" or "en", or
// "" for the default from LANG/LC_ALL (Chinese unless the locale is
// another language that names itself, e.g. en_US).
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
		os.Setenv("LANGUAGE", "en")
	} else {
		os.Setenv("LANGUAGE", "zh_CN")
	}
	// Adding the translations also re-reads LANGUAGE, so calling this
	// again switches language.
	_ = lang.AddTranslationsFS(assets.I18n, "i18n")
}

// tr translates a CLI message key; fallback is the English text.
func tr(key, fallback string) string { return lang.X(key, fallback) }

func levelName(l model.Level) string { return tr("cli.level."+l.String(), l.String()) }

func statusName(s model.ClassStatus) string { return tr("cli.status."+s.String(), s.String()) }

func gradeName(g model.Grade) string {
	return lang.X("cli.grade", "grade {{.N}}", map[string]any{"N": int(g)})
}
