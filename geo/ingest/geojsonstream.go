package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"unicode/utf8"
)

// A province's zones file runs to tens of megabytes. Read whole, its text
// and every decoded feature are in memory at once; streamGeoJSON instead
// decodes one feature at a time from the file, so only the features (not
// the text) stay. It handles the common case — a well-formed UTF-8
// FeatureCollection — and gives errNotStreamed for anything else (another
// encoding, a syntax error, no features…), which readGeoJSON then reads
// whole with its exact messages.

var errNotStreamed = errors.New("not streamed")

// streamGeoJSON reads the GeoJSON file at path feature by feature (see
// above). Its issues go to rep only when it succeeds.
func streamGeoJSON(path string, want geomWant, rep *Report) (*rawLayer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := &jsonStream{r: bufio.NewReaderSize(f, 1<<16)}
	r := &Report{}
	enc := EncUTF8
	if b, err := s.r.Peek(3); err == nil && bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		s.r.Discard(3)
		enc = EncUTF8BOM
	}
	noteEncoding(r, path, enc)
	raw := &rawLayer{encoding: enc}
	var typ string
	err = s.object(func(key string) error {
		switch {
		case strings.EqualFold(key, "features"):
			if raw.total > 0 {
				return errNotStreamed // twice: let the whole-text reader decide
			}
			return s.array(func(v []byte) {
				raw.total++
				if f, ok := parseFeature(path, raw.total, v, want, r); ok {
					raw.features = append(raw.features, f)
				}
			})
		case strings.EqualFold(key, "type"), strings.EqualFold(key, "crs"):
			v, err := s.value()
			if strings.EqualFold(key, "type") {
				typ = jsonString(v)
			} else {
				raw.crsName, _ = crsMember(v)
			}
			return err
		}
		_, err := s.value()
		return err
	})
	if err != nil || typ != "FeatureCollection" || raw.total == 0 {
		return nil, errNotStreamed
	}
	rep.Merge(r)
	return raw, nil
}

// jsonStream reads JSON values from r one at a time.
type jsonStream struct {
	r   *bufio.Reader
	buf []byte
}

func (s *jsonStream) next() (byte, error) {
	for {
		c, err := s.r.ReadByte()
		if err != nil {
			return 0, errNotStreamed
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c, nil
		}
	}
}

// object reads an object, calling member for each key with the stream at
// the key's value, which member must read.
func (s *jsonStream) object(member func(key string) error) error {
	if c, err := s.next(); err != nil || c != '{' {
		return errNotStreamed
	}
	for {
		c, err := s.next()
		if err != nil || c != '"' {
			return errNotStreamed
		}
		s.buf = append(s.buf[:0], '"')
		if err := s.rest(c); err != nil {
			return err
		}
		var key string
		if json.Unmarshal(s.buf, &key) != nil || !utf8.ValidString(key) {
			return errNotStreamed
		}
		if c, err := s.next(); err != nil || c != ':' {
			return errNotStreamed
		}
		if err := member(key); err != nil {
			return err
		}
		switch c, _ := s.next(); c {
		case ',':
		case '}':
			if _, err := s.next(); err == nil {
				return errNotStreamed // something after the object
			}
			return nil
		default:
			return errNotStreamed
		}
	}
}

// array reads an array, passing each element's text (valid JSON and UTF-8,
// a fresh slice) to elem.
func (s *jsonStream) array(elem func([]byte)) error {
	if c, err := s.next(); err != nil || c != '[' {
		return errNotStreamed
	}
	if c, err := s.r.Peek(1); err == nil && c[0] == ']' {
		s.r.Discard(1)
		return nil
	}
	for {
		v, err := s.value()
		if err != nil {
			return err
		}
		elem(bytes.Clone(v))
		switch c, _ := s.next(); c {
		case ',':
		case ']':
			return nil
		default:
			return errNotStreamed
		}
	}
}

// value reads one JSON value and returns its text (valid JSON and UTF-8),
// valid until the next read.
func (s *jsonStream) value() ([]byte, error) {
	c, err := s.next()
	if err != nil {
		return nil, err
	}
	s.buf = append(s.buf[:0], c)
	if err := s.rest(c); err != nil {
		return nil, err
	}
	if end, err := skipValue(s.buf, 0); err != nil || skipWS(s.buf, end) != len(s.buf) || !utf8.Valid(s.buf) {
		return nil, errNotStreamed
	}
	return s.buf, nil
}

// rest appends to s.buf the rest of the value that starts with c: up to
// the bracket that closes it, the end of the string, or (a number, true,
// false, null) the byte before the next delimiter. The result is checked
// by the caller.
func (s *jsonStream) rest(c byte) error {
	depth, inString := 0, c == '"'
	switch c {
	case '{', '[':
		depth = 1
	case '"':
	default:
		for {
			b, err := s.r.Peek(1)
			if err != nil || bytes.IndexByte([]byte(",]} \t\r\n"), b[0]) >= 0 {
				return nil
			}
			s.buf = append(s.buf, b[0])
			s.r.Discard(1)
		}
	}
	for depth > 0 || inString {
		b, err := s.r.ReadByte()
		if err != nil {
			return errNotStreamed
		}
		s.buf = append(s.buf, b)
		switch {
		case inString && b == '\\':
			e, err := s.r.ReadByte()
			if err != nil {
				return errNotStreamed
			}
			s.buf = append(s.buf, e)
		case inString:
			inString = b != '"'
		case b == '"':
			inString = true
		case b == '{' || b == '[':
			depth++
		case b == '}' || b == ']':
			depth--
		}
	}
	return nil
}
