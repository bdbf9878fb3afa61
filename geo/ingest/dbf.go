package ingest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// dbfField is one column of a dBase table. offset counts from the start
// of the record, whose first byte is the deletion flag.
type dbfField struct {
	rawName        []byte
	name           string // decoded
	typ            byte   // 'C', 'N', 'F', 'L', 'D', 'I', '+', 'O', 'B', 'Y', 'M' …
	offset, length int
	decimals       int
	skipped        bool // memo or unsupported: not read
}

// dbfTable is a dBase III/IV/7 or (Visual) FoxPro table held in memory
// (the attributes of a Shapefile): header, field descriptors and records.
type dbfTable struct {
	fields   []dbfField
	records  int    // usable records (the header's count, capped by the file size)
	declared int    // record count the header states
	recLen   int    // bytes per record, deletion flag included
	body     []byte // records, from the end of the header
	ldid     byte   // language driver id (header byte 29)
}

// parseDBF reads the header and field descriptors; every length in them is
// checked against the file size, so a corrupt header costs no memory.
// dBase III/IV/FoxPro descriptors are 32 bytes from offset 32; dBase 7
// (version 4) ones are 48 bytes from offset 68.
func parseDBF(data []byte) (*dbfTable, error) {
	if len(data) < 32 {
		return nil, fmt.Errorf("the .dbf is %d bytes, shorter than a dBase header (32)", len(data))
	}
	version := data[0]
	headerLen := int(binary.LittleEndian.Uint16(data[8:10]))
	recLen := int(binary.LittleEndian.Uint16(data[10:12]))
	t := &dbfTable{declared: int(binary.LittleEndian.Uint32(data[4:8])), recLen: recLen, ldid: data[29]}
	if headerLen < 33 || headerLen > len(data) {
		return nil, fmt.Errorf("the .dbf header length %d does not fit the file (%d bytes); the file is damaged", headerLen, len(data))
	}
	if recLen < 1 {
		return nil, fmt.Errorf("the .dbf record length is 0; the file is damaged")
	}
	start, size, nameLen, typeAt := 32, 32, 11, 11
	if version&0x07 == 4 { // dBase 7
		start, size, nameLen, typeAt = 68, 48, 32, 32
	}
	offset := 1
	for pos := start; pos+size <= headerLen && data[pos] != 0x0D; pos += size {
		d := data[pos : pos+size]
		f := dbfField{typ: d[typeAt], offset: offset}
		f.rawName = bytes.TrimRight(d[:nameLen], "\x00 ")
		if i := bytes.IndexByte(f.rawName, 0); i >= 0 {
			f.rawName = f.rawName[:i]
		}
		f.length, f.decimals = int(d[typeAt+5]), int(d[typeAt+6])
		if size == 48 {
			f.length, f.decimals = int(d[33]), int(d[34])
		} else if f.typ != 'N' && f.typ != 'F' {
			// Clipper and FoxPro store long character fields' length in
			// two bytes, as shapelib reads them.
			f.length += f.decimals * 256
			f.decimals = 0
		}
		offset += f.length
		if offset > recLen {
			return nil, fmt.Errorf("the .dbf field %q (%d bytes) runs past the record length %d; the file is damaged", f.rawName, f.length, recLen)
		}
		t.fields = append(t.fields, f)
	}
	t.body = data[headerLen:]
	t.records = min(t.declared, len(t.body)/recLen)
	if t.declared < 0 {
		t.records = 0
	}
	return t, nil
}

// prepare decodes the field names and marks the fields not read (memo,
// unknown types), which it returns.
func (t *dbfTable) prepare(decode func([]byte) string) []dbfField {
	seen := map[string]bool{}
	var skipped []dbfField
	for i := range t.fields {
		f := &t.fields[i]
		// A writer that cut the name to 10 bytes inside a character leaves
		// half of it: drop it. Names made equal by the cut (GDAL:
		// 学龄人口_小学, 学龄人口_初中 → 学龄人口_) get a suffix.
		base := strings.TrimRight(decode(f.rawName), "\uFFFD")
		f.name = base
		for n := 2; seen[f.name]; n++ {
			f.name = fmt.Sprintf("%s_%d", base, n)
		}
		seen[f.name] = true
		switch f.typ {
		case 'C', 'N', 'F', 'L', 'D', 'I', '+', 'O', 'Y':
		case 'B':
			f.skipped = f.length != 8 // dBase 5 memo block number
		default:
			f.skipped = true
		}
		if f.skipped {
			skipped = append(skipped, *f)
		}
	}
	return skipped
}

func (t *dbfTable) record(i int) []byte { return t.body[i*t.recLen : (i+1)*t.recLen] }

func (t *dbfTable) deleted(i int) bool { return t.record(i)[0] == '*' }

// textBytes gathers the raw bytes of every field name and character value,
// for detecting the encoding when neither .cpg nor LDID says.
func (t *dbfTable) textBytes() []byte {
	var b []byte
	for _, f := range t.fields {
		b = append(append(b, f.rawName...), '\n')
	}
	for i := 0; i < t.records; i++ {
		rec := t.record(i)
		for _, f := range t.fields {
			if f.typ == 'C' {
				b = append(append(b, bytes.TrimRight(rec[f.offset:f.offset+f.length], " \x00")...), '\n')
			}
		}
	}
	return b
}

// Encodings besides EncUTF8 and EncGB18030 a .cpg may name.
const (
	encLatin1 = "ISO-8859-1"
	encCP1252 = "Windows-1252"
	encBig5   = "Big5"
)

// cpgEncoding reads a .cpg file ("UTF-8", "GBK", "936", "ANSI 936" …);
// "" when it names nothing known.
func cpgEncoding(cpg []byte) string {
	s := strings.ToUpper(strings.TrimSpace(string(cpg)))
	s = strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.TrimPrefix(s, "\uFEFF"))
	switch s {
	case "UTF8", "65001", "UNICODE":
		return EncUTF8
	case "GBK", "CP936", "936", "GB2312", "GB18030", "ANSI936", "MS936", "WINDOWS936", "54936", "EUCCN":
		return EncGB18030
	case "ISO88591", "88591", "LATIN1", "28591":
		return encLatin1
	case "1252", "CP1252", "ANSI1252", "WINDOWS1252", "ANSI":
		return encCP1252
	case "BIG5", "950", "CP950", "ANSI950":
		return encBig5
	}
	return ""
}

// ldidEncoding reads the dBase language driver id: 0x4D and 0x7A are code
// page 936 (GBK), as ArcGIS writes for Chinese; 0x4F and 0x78 are 950
// (Big5). Other values (0 = not set, 0x57 = "the system ANSI code page")
// do not tell the encoding.
func ldidEncoding(ldid byte) string {
	switch ldid {
	case 0x4D, 0x7A:
		return EncGB18030
	case 0x4F, 0x78:
		return encBig5
	}
	return ""
}

// decoderFor returns a function decoding one field's bytes of enc to
// UTF-8; invalid sequences become U+FFFD.
func decoderFor(enc string) func([]byte) string {
	var e encoding.Encoding
	switch enc {
	case EncGB18030:
		e = simplifiedchinese.GB18030
	case encLatin1:
		e = charmap.ISO8859_1
	case encCP1252:
		e = charmap.Windows1252
	case encBig5:
		e = traditionalchinese.Big5
	default:
		return func(b []byte) string { return strings.ToValidUTF8(string(b), "\uFFFD") }
	}
	dec := e.NewDecoder()
	return func(b []byte) string {
		if isASCII(b) {
			return string(b)
		}
		out, err := dec.Bytes(b)
		if err != nil || !utf8.Valid(out) {
			return strings.ToValidUTF8(string(b), "\uFFFD")
		}
		return string(out)
	}
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// value renders field f of record rec as text: numbers without padding
// ("  12" → "12", "12.000" → "12"), logicals as true/false, dates as
// YYYY-MM-DD. ok is false for a null (blank, "****", "?").
func (f *dbfField) value(rec []byte, decode func([]byte) string) (string, bool) {
	raw := rec[f.offset : f.offset+f.length]
	switch f.typ {
	case 'N', 'F':
		return numberText(string(raw))
	case 'L':
		switch strings.TrimSpace(string(raw)) {
		case "T", "t", "Y", "y":
			return "true", true
		case "F", "f", "N", "n":
			return "false", true
		}
		return "", false
	case 'D':
		s := strings.TrimSpace(string(raw))
		if s == "" || strings.Trim(s, "0") == "" {
			return "", false
		}
		if len(s) == 8 && isDigits(s) {
			return s[:4] + "-" + s[4:6] + "-" + s[6:], true
		}
		return s, true
	case 'I':
		if len(raw) == 4 {
			return strconv.Itoa(int(int32(binary.LittleEndian.Uint32(raw)))), true
		}
	case '+':
		if len(raw) == 4 { // dBase 7 autoincrement: big-endian, sign bit flipped
			return strconv.Itoa(int(int32(binary.BigEndian.Uint32(raw) ^ 0x80000000))), true
		}
	case 'O':
		if len(raw) == 8 { // dBase 7 double: big-endian, ordered bits
			bits := binary.BigEndian.Uint64(raw)
			if bits&(1<<63) != 0 {
				bits ^= 1 << 63
			} else {
				bits = ^bits
			}
			return floatText(math.Float64frombits(bits))
		}
	case 'B':
		if len(raw) == 8 { // Visual FoxPro double, little-endian
			return floatText(math.Float64frombits(binary.LittleEndian.Uint64(raw)))
		}
	case 'Y':
		if len(raw) == 8 { // FoxPro currency: int64 ten-thousandths
			return numberText(strconv.FormatFloat(float64(int64(binary.LittleEndian.Uint64(raw)))/1e4, 'f', 4, 64))
		}
	}
	s := decode(bytes.TrimRight(raw, " \x00"))
	return s, s != ""
}

func floatText(v float64) (string, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "", false
	}
	return strconv.FormatFloat(v, 'f', -1, 64), true
}

// numberText strips the padding of a dBase number as text, keeping every
// digit (18-digit codes do not fit a float64): " 12" → "12",
// "12.500" → "12.5", "12.000" → "12". Blank and "****" (overflow) are null.
func numberText(s string) (string, bool) {
	s = strings.Trim(s, " \x00")
	if s == "" || strings.Trim(s, "*") == "" {
		return "", false
	}
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		return s, true // not a number: let the reader of the field report it
	}
	s = strings.TrimPrefix(s, "+")
	if strings.Contains(s, ".") && !strings.ContainsAny(s, "eE") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	switch {
	case strings.HasPrefix(s, "."):
		s = "0" + s
	case strings.HasPrefix(s, "-."):
		s = "-0" + s[1:]
	case s == "" || s == "-":
		s = "0"
	}
	return s, true
}

func isDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
