package model

import (
	"strings"
	"sync"
	"text/template"
)

// Message is a text a user reads that a UI can show in its own language
// without model knowing about translations, like app.Error: Key names it in
// assets/i18n/errors.*.json ("errors.…"), Text is the English template
// (text/template, {{.Name}}) and Args the values it fills in. String
// renders the English text. A Message among another message's Args (the
// place in a table, say) is translated with it.
type Message struct {
	Key  string
	Text string
	Args map[string]any
}

// Msg builds a Message; key is without the "errors." prefix.
func Msg(key, text string, args map[string]any) Message {
	return Message{Key: "errors." + key, Text: text, Args: args}
}

// String renders the English text.
func (m Message) String() string { return RenderText(m.Text, m.Args) }

// IsZero reports whether m says nothing.
func (m Message) IsZero() bool { return m.Key == "" && m.Text == "" }

var parsed sync.Map // text → *template.Template

// RenderText fills text, a Go template, with args; a template that does not
// parse or run is returned as written. It renders as app/i18n.Render does.
func RenderText(text string, args map[string]any) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	var t *template.Template
	if v, ok := parsed.Load(text); ok {
		t = v.(*template.Template)
	} else {
		p, err := template.New("").Parse(text)
		if err != nil {
			return text
		}
		parsed.Store(text, p)
		t = p
	}
	var b strings.Builder
	if err := t.Execute(&b, args); err != nil {
		return text
	}
	return b.String()
}

// Inputf is an *InputError about file whose Msg is text filled with args,
// keyed for translation (key without the "errors." prefix). Set Line,
// Feature and Field on the result.
func Inputf(file, key, text string, args map[string]any) *InputError {
	return InputMsg(file, Msg(key, text, args))
}

// InputMsg is an *InputError about file saying m.
func InputMsg(file string, m Message) *InputError {
	return &InputError{File: file, Msg: m.String(), Key: m.Key, Args: m.Args}
}

// At sets the line and field of e and returns it.
func (e *InputError) At(line int, field string) *InputError {
	e.Line, e.Field = line, field
	return e
}

// Message is e's text as a translatable Message: keyed when e was built with
// a key, otherwise Msg as it is.
func (e *InputError) Message() Message {
	if e.Key == "" {
		return Message{Text: e.Msg}
	}
	return Message{Key: e.Key, Text: e.Msg, Args: e.Args}
}
