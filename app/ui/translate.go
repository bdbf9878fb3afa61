package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/app/i18n"
	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
)

// The domain packages cannot import fyne, so they hand over a key, the
// English template and its values (app.Error, app.Label, ingest.Issue);
// these helpers look the key up in assets/i18n/{app,ingest}.*.json and
// fall back to the English text.

// trError is err in the UI language. An *app.Error anywhere in the chain
// is translated in place, so a wrapping prefix ("file: …") is kept;
// *model.InputError (file, line, field: what to fix) keeps its place and
// gets its message (Key) in the UI language; other errors keep their text.
func trError(err error) string {
	if err == nil {
		return ""
	}
	var e *app.Error
	if errors.As(err, &e) {
		return strings.Replace(err.Error(), e.Error(), lang.X(e.Key, e.Text, e.Args), 1)
	}
	var ie *model.InputError
	if errors.As(err, &ie) && ie.Key != "" {
		msg := i18n.TrInput(ie, func(key, fallback string, args map[string]any) string { return lang.X(key, fallback, args) })
		return strings.Replace(err.Error(), ie.Error(), strings.TrimSuffix(ie.Error(), ie.Msg)+msg, 1)
	}
	return err.Error()
}

// trLabel is an edit's name in the UI language ("" for the zero Label).
func trLabel(l app.Label) string {
	if l.IsZero() {
		return ""
	}
	return lang.X(l.Key, l.Text, l.Args)
}

// trIssue is an import issue's message in the UI language. Issues without
// Args (made outside the importer, e.g. from a fatal error) keep Message.
func trIssue(i ingest.Issue) string {
	if i.Code == "" || i.Args == nil {
		return i.Message
	}
	return lang.X(i.Key(), i.Message, i.Args)
}

// translatedError shows err in the UI language where fyne wants an error
// (dialog.ShowError) while keeping err for errors.Is/As.
type translatedError struct{ err error }

func (t translatedError) Error() string { return trError(t.err) }
func (t translatedError) Unwrap() error { return t.err }
