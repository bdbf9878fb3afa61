package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// A minimal JSON structure scanner. encoding/json validates and re-skips
// every nested value at each level it is asked to decode, so splitting a
// 25 MB FeatureCollection into features and geometries with it scanned
// the coordinates half a dozen times. This scanner walks each byte once,
// checks brackets, strings and literals, and hands back raw slices;
// scalar values are still decoded by encoding/json.

type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%s at byte %d", e.msg, e.off) }

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// maxJSONDepth bounds the nesting of arrays and objects the scanner
// accepts: a GeoJSON file needs about six levels; a file nested millions
// deep is refused with a message instead of exhausting the stack.
const maxJSONDepth = 10000

// skipValue returns the index just past the JSON value starting at or
// after i. It keeps the open brackets on an explicit stack, so no input
// can overflow the goroutine's stack.
func skipValue(b []byte, i int) (int, error) {
	var open []byte // expected closing brackets, innermost last
	for {
		i = skipWS(b, i)
		if i >= len(b) {
			return i, &syntaxError{i, "unexpected end of input"}
		}
		// One value starts at i.
		switch c := b[i]; {
		case c == '{' || c == '[':
			if len(open) == maxJSONDepth {
				return i, &syntaxError{i, fmt.Sprintf("nested more than %d levels deep", maxJSONDepth)}
			}
			close := byte('}')
			if c == '[' {
				close = ']'
			}
			i = skipWS(b, i+1)
			if i < len(b) && b[i] == close {
				i++ // empty: a complete value
				break
			}
			open = append(open, close)
			if c == '{' {
				var err error
				if i, err = skipKey(b, i); err != nil {
					return i, err
				}
			}
			continue // the first member's value
		case c == '"':
			var err error
			if i, err = skipString(b, i); err != nil {
				return i, err
			}
		case c == '-' || (c >= '0' && c <= '9'):
			for i < len(b) && (b[i] == '-' || b[i] == '+' || b[i] == '.' || b[i] == 'e' || b[i] == 'E' || (b[i] >= '0' && b[i] <= '9')) {
				i++
			}
		default:
			lit := ""
			for _, l := range []string{"true", "false", "null"} {
				if bytes.HasPrefix(b[i:], []byte(l)) {
					lit = l
				}
			}
			if lit == "" {
				return i, &syntaxError{i, fmt.Sprintf("invalid character %q", c)}
			}
			i += len(lit)
		}
		// A value ended at i: close containers or move to the next member.
		for {
			if len(open) == 0 {
				return i, nil
			}
			i = skipWS(b, i)
			if i >= len(b) {
				return i, &syntaxError{i, "unexpected end of input"}
			}
			close := open[len(open)-1]
			if b[i] == close {
				open = open[:len(open)-1]
				i++
				continue
			}
			if b[i] != ',' {
				return i, &syntaxError{i, fmt.Sprintf("expected ',' or '%c'", close)}
			}
			i++
			if close == '}' {
				var err error
				if i, err = skipKey(b, i); err != nil {
					return i, err
				}
			}
			break
		}
	}
}

// skipKey skips an object member's `"key" :` and returns the index of its
// value.
func skipKey(b []byte, i int) (int, error) {
	i = skipWS(b, i)
	if i >= len(b) || b[i] != '"' {
		return i, &syntaxError{i, "expected a string key"}
	}
	i, err := skipString(b, i)
	if err != nil {
		return i, err
	}
	i = skipWS(b, i)
	if i >= len(b) || b[i] != ':' {
		return i, &syntaxError{i, "expected ':'"}
	}
	return i + 1, nil
}

func skipString(b []byte, i int) (int, error) {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1, nil
		}
	}
	return len(b), &syntaxError{i, "unterminated string"}
}

// eachMember calls fn for every member of the JSON object in b, with the
// key decoded and the raw value. It returns an error if b is not an object.
func eachMember(b []byte, fn func(key string, val []byte) error) error {
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '{' {
		return &syntaxError{i, "expected an object"}
	}
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return nil
	}
	for {
		i = skipWS(b, i)
		if i >= len(b) || b[i] != '"' {
			return &syntaxError{i, "expected a string key"}
		}
		ks := i
		var err error
		if i, err = skipString(b, i); err != nil {
			return err
		}
		key := string(b[ks+1 : i-1])
		if strings.IndexByte(key, '\\') >= 0 {
			if json.Unmarshal(b[ks:i], &key) != nil {
				return &syntaxError{ks, "bad string escape"}
			}
		}
		i = skipWS(b, i)
		if i >= len(b) || b[i] != ':' {
			return &syntaxError{i, "expected ':'"}
		}
		vs := skipWS(b, i+1)
		if i, err = skipValue(b, vs); err != nil {
			return err
		}
		if err := fn(key, b[vs:i]); err != nil {
			return err
		}
		i = skipWS(b, i)
		if i >= len(b) {
			return &syntaxError{i, "unexpected end of input"}
		}
		if b[i] == ',' {
			i++
			continue
		}
		if b[i] == '}' {
			if j := skipWS(b, i+1); j != len(b) {
				return &syntaxError{j, "unexpected text after the object"}
			}
			return nil
		}
		return &syntaxError{i, "expected ',' or '}'"}
	}
}

// eachElement calls fn for every element of the JSON array in b.
func eachElement(b []byte, fn func(val []byte) error) error {
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '[' {
		return &syntaxError{i, "expected an array"}
	}
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == ']' {
		return nil
	}
	for {
		vs := skipWS(b, i)
		var err error
		if i, err = skipValue(b, vs); err != nil {
			return err
		}
		if err := fn(b[vs:i]); err != nil {
			return err
		}
		i = skipWS(b, i)
		if i >= len(b) {
			return &syntaxError{i, "unexpected end of input"}
		}
		if b[i] == ',' {
			i++
			continue
		}
		if b[i] == ']' {
			return nil
		}
		return &syntaxError{i, "expected ',' or ']'"}
	}
}

// jsonString decodes a raw JSON string value ("" for anything else).
func jsonString(raw []byte) string {
	if len(raw) == 0 || raw[0] != '"' {
		return ""
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1])
	}
	var s string
	json.Unmarshal(raw, &s)
	return s
}
