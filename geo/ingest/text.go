package ingest

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Encoding names as reported.
const (
	EncUTF8       = "UTF-8"
	EncUTF8BOM    = "UTF-8 with BOM"
	EncGB18030    = "GB18030"
	EncGB18030BOM = "GB18030 after a UTF-8 BOM"
)

// decodeText returns data as UTF-8 and the encoding it was read in (see
// decodeTextBad); invalid UTF-8 bytes of a UTF-8 file become U+FFFD.
func decodeText(data []byte) ([]byte, string, error) {
	d, err := decodeTextBad(data)
	return d.text, d.enc, err
}

// decoded is text brought to UTF-8: the encoding it was read in, and for
// a UTF-8 file with damaged bytes, how many there were and the offsets of
// the first few (maxListed).
type decoded struct {
	text     []byte
	enc      string
	badCount int
	bad      []int
}

// note reports the encoding and any damaged bytes.
func (d decoded) note(rep *Report, file string) {
	noteEncoding(rep, file, d.enc)
	noteBadBytes(rep, file, d.bad, d.badCount)
}

// decodeTextBad decides the encoding over the whole input, not from one
// byte: it counts the characters that are valid and the bytes that are
// invalid as UTF-8 and as GB18030 (a superset of GBK and GB2312, the
// encodings Chinese Excel and ArcGIS write) and takes the encoding with
// the smaller share of invalid sequences; a tie goes to UTF-8. So a UTF-8
// file with a few damaged bytes stays UTF-8 (its bad bytes, by offset, are
// returned in bad, at most maxListed of them) instead of turning every
// name into mojibake, and a UTF-8 BOM followed by GBK text is read as
// GBK. UTF-16 is not handled.
func decodeTextBad(data []byte) (decoded, error) {
	body, bom := data, false
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		body, bom = data[3:], true
	}
	validU, badU := utf8Counts(body)
	if badU == 0 {
		if bom {
			return decoded{text: body, enc: EncUTF8BOM}, nil
		}
		return decoded{text: body, enc: EncUTF8}, nil
	}
	validG, badG := gbCounts(body)
	// Compare shares: bad/(valid+bad), cross-multiplied to stay in integers.
	if badU*(validG+badG) <= badG*(validU+badU) {
		var bad []int
		var b bytes.Buffer
		b.Grow(len(body))
		for i := 0; i < len(body); {
			r, n := utf8.DecodeRune(body[i:])
			if r == utf8.RuneError && n == 1 {
				if len(bad) < maxListed {
					bad = append(bad, i+len(data)-len(body))
				}
				b.WriteRune(utf8.RuneError)
			} else {
				b.Write(body[i : i+n])
			}
			i += n
		}
		enc := EncUTF8
		if bom {
			enc = EncUTF8BOM
		}
		return decoded{text: b.Bytes(), enc: enc, badCount: badU, bad: bad}, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(body)
	if err != nil {
		return decoded{}, err
	}
	if bom {
		return decoded{text: out, enc: EncGB18030BOM}, nil
	}
	return decoded{text: out, enc: EncGB18030}, nil
}

// utf8Counts counts the multi-byte characters that are valid UTF-8 and the
// bytes that are not.
func utf8Counts(b []byte) (valid, bad int) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		} else {
			valid++
		}
		i += n
	}
	return valid, bad
}

// gbCounts counts the two- and four-byte GB18030 characters and the bytes
// that cannot start or continue one.
func gbCounts(b []byte) (valid, bad int) {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			i++
		case c == 0x80 || c == 0xFF:
			bad++
			i++
		case i+1 < len(b) && b[i+1] >= 0x40 && b[i+1] <= 0xFE && b[i+1] != 0x7F:
			valid++
			i += 2
		case i+3 < len(b) && b[i+1] >= 0x30 && b[i+1] <= 0x39 && b[i+2] >= 0x81 && b[i+2] <= 0xFE && b[i+3] >= 0x30 && b[i+3] <= 0x39:
			valid++
			i += 4
		default:
			bad++
			i++
		}
	}
	return valid, bad
}

// noteEncoding adds the report line for a non-plain encoding.
func noteEncoding(rep *Report, file, enc string) {
	switch enc {
	case EncGB18030, EncGB18030BOM:
		rep.add(Issue{Severity: Info, Code: CodeEncodingGBK, File: file, Args: map[string]any{},
			Message: "file is not UTF-8; decoded it as GBK/GB18030 (check that Chinese names read correctly)"})
	case EncUTF8BOM:
		rep.add(Issue{Severity: Info, Code: CodeBOM, File: file, Args: map[string]any{}, Message: "UTF-8 byte-order mark ignored"})
	}
}

// noteBadBytes reports the invalid bytes a UTF-8 file kept as U+FFFD.
func noteBadBytes(rep *Report, file string, bad []int, total int) {
	if len(bad) == 0 {
		return
	}
	offs := make([]string, len(bad))
	for i, o := range bad {
		offs[i] = strconv.Itoa(o)
	}
	s := strings.Join(offs, ", ")
	if total > len(bad) {
		s += " …"
	}
	rep.add(Issue{Severity: Warning, Code: CodeEncodingBadBytes, File: file, Args: map[string]any{"N": total, "Offsets": s},
		Message: strconv.Itoa(total) + " byte sequence(s) are not valid UTF-8 (at byte " + s + "); kept the file as UTF-8 and replaced them with �: check those names"})
}
