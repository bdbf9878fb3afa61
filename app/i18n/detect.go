package i18n

import (
	"os"
	"strings"
)

// Detect returns the language a command line asks for: code when given
// ("zh", "en", "zh-CN"…), otherwise from LC_ALL, LC_MESSAGES or LANG —
// English when the first one that names a language (not C or POSIX)
// names another than Chinese (en_US.UTF-8), Chinese otherwise.
func Detect(code string) string {
	if code != "" {
		if strings.HasPrefix(code, "en") {
			return English
		}
		return Chinese
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		l := os.Getenv(v)
		if l == "" || l == "C" || l == "POSIX" || strings.HasPrefix(l, "C.") {
			continue // says nothing about the language
		}
		if strings.HasPrefix(l, "zh") {
			return Chinese
		}
		return English
	}
	return Chinese
}

// Valid reports whether code is a language a --lang flag accepts.
func Valid(code string) bool {
	switch strings.ToLower(code) {
	case "", "zh", "zh-cn", "zh_cn", "cn", "en", "en-us", "en_us", "en-gb":
		return true
	}
	return false
}
