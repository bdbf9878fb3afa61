// Package localeenv prepares the locale environment before fyne's lang
// package reads it in its init.
//
// Why: fyne picks the UI language with go-locale, which turns LANG=C.UTF-8
// (usual on servers and in containers) into the tag "C" and logs a
// "not well-formed" error on every start. Xuequ's default language is
// Chinese whatever the system says, so this package sets LANGUAGE to
// Chinese unless the user set it, and widens a bare C/POSIX locale to
// C.UTF-8 so that go-locale honours LANGUAGE. The CLI (--lang) and the GUI
// (language preference) switch later by setting LANGUAGE again.
//
// It imports only os, so Go's package initialisation order (dependencies
// first, then by import path) runs it before golang.org/x/text/language and
// therefore before fyne.io/fyne/v2/lang.
package localeenv

import "os"

func init() {
	for _, env := range [...]string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(env); v == "C" || v == "POSIX" {
			os.Setenv(env, "C.UTF-8")
		}
	}
	if os.Getenv("LANGUAGE") == "" {
		os.Setenv("LANGUAGE", "zh_CN:zh")
	}
}
