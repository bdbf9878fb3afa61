package i18n

import (
	"github.com/xuequ/xuequ/model"
)

// XFunc is a translator: X here, or fyne's lang.X in the GUI.
type XFunc func(key, fallback string, args map[string]any) string

// TrMessage is m in the language of x (X when nil): m's Args that are
// Messages themselves (the place in a table, say) are translated first.
// A Message without a Key is its English text.
func TrMessage(m model.Message, x XFunc) string {
	if m.Key == "" {
		return m.String()
	}
	if x == nil {
		x = func(key, fallback string, args map[string]any) string { return X(key, fallback, args) }
	}
	args := m.Args
	copied := false
	for k, v := range m.Args {
		sub, ok := v.(model.Message)
		if !ok {
			continue
		}
		if !copied {
			args = make(map[string]any, len(m.Args))
			for k2, v2 := range m.Args {
				args[k2] = v2
			}
			copied = true
		}
		args[k] = TrMessage(sub, x)
	}
	return x(m.Key, m.Text, args)
}

// TrInput is the message of an input error (what is wrong and what to
// do) in the language of x; e.Msg when it has no Key.
func TrInput(e *model.InputError, x XFunc) string { return TrMessage(e.Message(), x) }
