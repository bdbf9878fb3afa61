package store

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuequ/xuequ/model"
)

// database/sql reports a value it cannot store in a Go variable as
//
//	sql: Scan error on column index 3, name "coalesce(capacity, 0)":
//	converting driver.Value type string ("abc") to a int: invalid syntax
//
// which means nothing to a county office. scanErrorRE picks such a
// message apart (database/sql wraps the conversion error as text, so the
// parts are only in the message); describeScan says the same in words.
var scanErrorRE = regexp.MustCompile(`sql: Scan error on column index \d+, name "((?:[^"\\]|\\.)*)": (?:` +
	`converting driver\.Value type (\S+) \(("(?:[^"\\]|\\.)*")\) to a (\w+): (invalid syntax|value out of range)` +
	`|converting NULL to (\w+) is unsupported` +
	`|sql/driver: couldn't convert ("(?:[^"\\]|\\.)*"|\S+ \(\w+\)|\S+) into type bool` +
	`|unsupported Scan, storing driver\.Value type (\S+) into type \*?(\S+))`)

// describeScan returns the column and a plain description of the
// database/sql Scan error in err ("the text \"abc\" is not a whole
// number"); ok is false when err holds none.
func describeScan(err error) (column, what string, ok bool) {
	if err == nil {
		return "", "", false
	}
	m := scanErrorRE.FindStringSubmatch(err.Error())
	if m == nil {
		return "", "", false
	}
	return scanColumn(m), scanWhat(m), true
}

// scanColumn is the column a Scan error names: the table column inside an
// expression like coalesce(capacity, 0).
func scanColumn(m []string) string {
	name, err := strconv.Unquote(`"` + m[1] + `"`)
	if err != nil {
		name = m[1]
	}
	if inner, ok := strings.CutPrefix(strings.ToLower(name), "coalesce("); ok {
		if i := strings.IndexAny(inner, ",)"); i > 0 {
			name = strings.TrimSpace(name[len("coalesce(") : len("coalesce(")+i])
		}
	}
	return name
}

func scanWhat(m []string) string {
	switch {
	case m[2] != "": // converting driver.Value type T ("v") to a K: reason
		v := scanValue(m[2], m[3])
		if m[5] == "value out of range" {
			return fmt.Sprintf("%s is too large for %s", v, kindWord(m[4]))
		}
		return fmt.Sprintf("%s is not %s", v, kindWord(m[4]))
	case m[6] != "": // converting NULL to K is unsupported
		return fmt.Sprintf("the value is empty (NULL) where %s is required", kindWord(m[6]))
	case m[7] != "": // couldn't convert v into type bool
		v := m[7]
		if strings.HasPrefix(v, `"`) {
			return fmt.Sprintf("%s is not %s", scanValue("string", v), kindWord("bool"))
		}
		v, _, _ = strings.Cut(v, " (")
		return fmt.Sprintf("the number %s is not %s", v, kindWord("bool"))
	default: // unsupported Scan, storing driver.Value type T into type U
		return fmt.Sprintf("%s is stored where %s is expected", typeWord(m[8]), typeWord(m[9]))
	}
}

// scanValue describes a value database/sql quoted with %q.
func scanValue(goType, quoted string) string {
	s, err := strconv.Unquote(quoted)
	if err != nil {
		s = quoted
	}
	switch {
	case goType == "[]uint8" || !utf8.ValidString(s):
		return fmt.Sprintf("binary data (%d bytes)", len(s))
	case goType == "string":
		if r := []rune(s); len(r) > 40 {
			s = string(r[:40]) + "…"
		}
		return fmt.Sprintf("the text %q", s)
	default:
		return "the number " + s
	}
}

// kindWord names what a Go kind expects, in words.
func kindWord(kind string) string {
	switch {
	case kind == "bool":
		return "0 or 1 (no or yes)"
	case strings.HasPrefix(kind, "uint"):
		return "a whole number of 0 or more"
	case strings.HasPrefix(kind, "int"):
		return "a whole number"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "string":
		return "text"
	}
	return "a value of type " + kind
}

// typeWord names a stored Go type, in words.
func typeWord(t string) string {
	switch t {
	case "[]uint8", "[]byte", "RawBytes", "sql.RawBytes":
		return "binary data"
	case "string":
		return "text"
	case "int64", "float64":
		return "a number"
	case "bool":
		return "a yes/no value"
	case "time.Time":
		return "a date"
	}
	return "a value of type " + t
}

// rowError is the error for a row of table (1-based position row) whose
// values cannot be read: a Scan error is said in words naming the column,
// anything else is given as it is. open.go's reader.rows should return it
// for the errors of its scan callback.
func rowError(path, table string, row int, err error) *model.InputError {
	if col, what, ok := describeScan(err); ok {
		return model.Inputf(path, "store.bad_value", "table {{.Table}}, row {{.Row}}, column {{.Column}}: {{.What}}; fix the value in QGIS or {{.Restore}}", map[string]any{"Table": table, "Row": row, "Column": col, "What": what, "Restore": restoreMsg})
	}
	return model.Inputf(path, "store.bad_row", "table {{.Table}}, row {{.Row}}: {{.Err}}; fix the value in QGIS or {{.Restore}}", map[string]any{"Table": table, "Row": row, "Err": err.Error(), "Restore": restoreMsg})
}

// readableError rewrites the database/sql Scan errors inside err's message
// in words (see describeScan), keeping the error's type for an
// *model.InputError and wrapping err otherwise. Errors without one are
// returned as they are.
func readableError(err error) error {
	if err == nil || !scanErrorRE.MatchString(err.Error()) {
		return err
	}
	rewrite := func(s string) string {
		return scanErrorRE.ReplaceAllStringFunc(s, func(found string) string {
			m := scanErrorRE.FindStringSubmatch(found)
			return "column " + scanColumn(m) + ": " + scanWhat(m)
		})
	}
	var ie *model.InputError
	if errors.As(err, &ie) && scanErrorRE.MatchString(ie.Msg) {
		c := *ie
		c.Msg = rewrite(c.Msg)
		if c.Args != nil { // a keyed message carries the Scan error among its Args
			c.Args = make(map[string]any, len(ie.Args))
			for k, v := range ie.Args {
				if t, ok := v.(string); ok {
					v = rewrite(t)
				}
				c.Args[k] = v
			}
		}
		if err == error(ie) {
			return &c
		}
		return &rewritten{msg: rewrite(err.Error()), err: &c}
	}
	return &rewritten{msg: rewrite(err.Error()), err: err}
}

// rewritten is an error whose message readableError has put in words.
type rewritten struct {
	msg string
	err error
}

func (e *rewritten) Error() string { return e.msg }
func (e *rewritten) Unwrap() error { return e.err }
