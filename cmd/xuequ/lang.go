package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuequ/xuequ/app"
	lang "github.com/xuequ/xuequ/app/i18n"
	"github.com/xuequ/xuequ/model"
)

// The CLI translates with app/i18n, the Fyne-free reader of the GUI's
// assets/i18n/*.json: one catalogue, and a CLI that builds without cgo.
// Files import it under the name lang so that calls read lang.X(…) as in
// the GUI.

// chooseLanguage sets the language of the CLI: code ("zh" or "en"), or
// when code is "" the locale's (see i18n.Detect). run calls it first.
func chooseLanguage(code string) { lang.SetLanguage(lang.Detect(code)) }

// setLanguage applies a command's --lang; "" keeps the language run chose.
func setLanguage(code string) {
	if code != "" {
		chooseLanguage(code)
	}
}

func validLanguage(code string) bool { return lang.Valid(code) }

// tr translates a CLI message key; fallback is the English text.
func tr(key, fallback string, data ...map[string]any) string { return lang.X(key, fallback, data...) }

func levelName(l model.Level) string { return tr("cli.level."+l.String(), l.String()) }

func statusName(s model.ClassStatus) string { return tr("cli.status."+s.String(), s.String()) }

func gradeName(g model.Grade) string {
	switch g {
	case -2:
		return lang.X("cli.grade.nursery_small", "小班")
	case -1:
		return lang.X("cli.grade.nursery_middle", "中班")
	}
	return lang.X("cli.grade", "grade {{.N}}", map[string]any{"N": int(g)})
}

// trError is a fatal error in the CLI language: an *app.Error anywhere in
// the chain is translated in place (a wrapping prefix is kept), a
// *model.InputError gets its place (file, line, feature, field) in the
// CLI language; other messages are printed as they are.
func trError(err error) string {
	var e *app.Error
	if errors.As(err, &e) {
		return strings.Replace(err.Error(), e.Error(), lang.X(e.Key, e.Text, e.Args), 1)
	}
	var ie *model.InputError
	if errors.As(err, &ie) {
		return strings.Replace(err.Error(), ie.Error(), inputError(ie), 1)
	}
	return err.Error()
}

// inputError is ie.Error() with its place in the CLI language.
func inputError(ie *model.InputError) string {
	s := ie.File
	if ie.Line > 0 {
		s += fmt.Sprintf(":%d", ie.Line)
	}
	if ie.Feature > 0 {
		s += ": " + tr("cli.err.feature", "feature index {{.Index}}", map[string]any{"Index": ie.Feature - 1})
	}
	if ie.Field != "" {
		s += ": " + tr("cli.err.field", "field {{.Field}}", map[string]any{"Field": fmt.Sprintf("%q", ie.Field)})
	}
	return s + ": " + lang.TrInput(ie, nil)
}
