package app

import (
	"github.com/xuequ/xuequ/app/i18n"
)

// Error is an error of an edit that a UI can show in its own language
// without this package knowing about translations: Key names the message
// in assets/i18n/app.*.json ("app.err.…"), Text is the English template
// (text/template, the syntax go-i18n uses) and Args the values it fills
// in. Error() renders Text, so logs and the CLI read English.
type Error struct {
	Key  string
	Text string
	Args map[string]any
	// Err is the error this one explains (a store error, say), kept for
	// errors.Is/As; nil for an edit's own errors.
	Err error
}

func (e *Error) Error() string { return i18n.Render(e.Text, e.Args) }

// Unwrap returns the explained error, if any.
func (e *Error) Unwrap() error { return e.Err }

// Label names an edit for the Edit menu ("Undo: …") the way Error names
// a failure: Key ("app.label.…"), English template Text and its Args.
// The zero Label means "no edit".
type Label struct {
	Key  string
	Text string
	Args map[string]any
}

// String renders the English label.
func (l Label) String() string { return i18n.Render(l.Text, l.Args) }

// IsZero reports whether l names no edit (Session.UndoLabel with an empty
// stack).
func (l Label) IsZero() bool { return l.Key == "" && l.Text == "" }

// errorf builds an *Error; key is without the "app.err." prefix.
func errorf(key, text string, args map[string]any) *Error {
	return &Error{Key: "app.err." + key, Text: text, Args: args}
}

// label builds a Label; key is without the "app.label." prefix.
func label(key, text string, args map[string]any) Label {
	return Label{Key: "app.label." + key, Text: text, Args: args}
}
