package ingest

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"
)

func TestNumberText(t *testing.T) {
	cases := map[string]string{
		"  12": "12", "12.000": "12", " 12.500": "12.5", "+7": "7", "-0.50": "-0.5", ".5": "0.5", "-.5": "-0.5",
		"330102001001000001": "330102001001000001", "1.5e3": "1.5e3", "0.000": "0", "abc": "abc",
	}
	for in, want := range cases {
		if got, ok := numberText(in); !ok || got != want {
			t.Errorf("numberText(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	for _, null := range []string{"", "   ", "*****", "\x00\x00"} {
		if got, ok := numberText(null); ok {
			t.Errorf("numberText(%q) = %q, want null", null, got)
		}
	}
}

func le32(v int32) string {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(v))
	return string(b[:])
}

func le64f(v float64) string {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
	return string(b[:])
}

// dbfRow reads every field of the first record of a table as "name=value"
// (null shown as ∅).
func dbfRow(t *testing.T, dbf []byte, cpg string) ([]string, *Report) {
	t.Helper()
	l := &shpLayer{shapeType: 1}
	tab, err := parseDBF(dbf)
	if err != nil {
		t.Fatal(err)
	}
	for range tab.records {
		l.geoms = append(l.geoms, nil)
	}
	shp, shx, _ := l.encode(t)
	rep := &Report{}
	raw, err := parseShapefile(&shapeFiles{name: "t.shp", shp: shp, shx: shx, dbf: dbf, cpg: []byte(cpg)}, Options{}, wantPoints, rep)
	if err != nil {
		t.Fatal(err)
	}
	if raw.total != tab.records {
		t.Fatalf("total %d", raw.total)
	}
	// Null geometries are skipped: read the attributes directly.
	decode := decoderFor(raw.encoding)
	tab.prepare(decode)
	var out []string
	for i := range tab.fields {
		f := &tab.fields[i]
		if f.skipped {
			continue
		}
		v, ok := f.value(tab.record(0), decode)
		if !ok {
			v = "∅"
		}
		out = append(out, f.name+"="+v)
	}
	return append(out, "enc="+raw.encoding), rep
}

func TestDBFFieldTypes(t *testing.T) {
	l := &shpLayer{
		cols: []dbfCol{{"N", 'N', 8, 2}, {"F", 'F', 10, 3}, {"L", 'L', 1, 0}, {"L2", 'L', 1, 0}, {"D", 'D', 8, 0}, {"D0", 'D', 8, 0},
			{"I", 'I', 4, 0}, {"B", 'B', 8, 0}, {"Y", 'Y', 8, 0}, {"M", 'M', 10, 0}, {"C", 'C', 5, 0}, {"E", 'C', 3, 0}},
		rows: [][]string{{"  100.50", "     -2.000", "T", "?", "20240901", "        ", le32(-42), le64f(2.25), "\x10\x27\x00\x00\x00\x00\x00\x00", "        12", "ab  ", ""}},
	}
	got, rep := dbfRow(t, l.encodeDBF(t), "")
	want := "N=100.5 F=-2 L=true L2=∅ D=2024-09-01 D0=∅ I=-42 B=2.25 Y=1 C=ab E=∅ enc=UTF-8"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
	if s := rep.ByCode(CodeDBFFieldSkipped); len(s) != 1 || s[0].Field != "M" {
		t.Errorf("memo note: %v", s)
	}
}

func TestDBFEncodings(t *testing.T) {
	gbkTable := (&shpLayer{gbk: true, cols: []dbfCol{{"名称", 'C', 20, 0}}, rows: [][]string{{"城关第一小学"}}}).encodeDBF(t)
	utf8Table := (&shpLayer{cols: []dbfCol{{"名称", 'C', 20, 0}}, rows: [][]string{{"城关小学"}}}).encodeDBF(t)
	latin := (&shpLayer{cols: []dbfCol{{"NAME", 'C', 20, 0}}, rows: [][]string{{"Caf\xe9"}}}).encodeDBF(t)
	ldid := append([]byte(nil), gbkTable...)
	ldid[29] = 0x7A
	cases := []struct {
		dbf  []byte
		cpg  string
		want string
	}{
		{gbkTable, "GBK", "名称=城关第一小学 enc=GB18030"},
		{gbkTable, "ANSI 936\r\n", "名称=城关第一小学 enc=GB18030"},
		{gbkTable, "cp936", "名称=城关第一小学 enc=GB18030"},
		{ldid, "", "名称=城关第一小学 enc=GB18030"},
		{gbkTable, "", "名称=城关第一小学 enc=GB18030"}, // detected
		{utf8Table, "", "名称=城关小学 enc=UTF-8"},
		{utf8Table, "65001", "名称=城关小学 enc=UTF-8"},
		{latin, "ISO-8859-1", "NAME=Café enc=ISO-8859-1"},
		{latin, "1252", "NAME=Café enc=Windows-1252"},
	}
	for _, c := range cases {
		got, rep := dbfRow(t, c.dbf, c.cpg)
		if strings.Join(got, " ") != c.want {
			t.Errorf("cpg %q: got %s, want %s", c.cpg, strings.Join(got, " "), c.want)
		}
		if strings.Contains(c.want, "GB18030") != rep.Has(CodeEncodingGBK) {
			t.Errorf("cpg %q: encoding note missing or extra\n%s", c.cpg, rep)
		}
	}
}

// Names a writer cut inside a GBK character (GDAL: 学龄人口_小学 and
// 学龄人口_初中 both → 学龄人口_ + half of 小/初) lose the half character
// and are told apart by a suffix.
func TestDBFCutNames(t *testing.T) {
	l := &shpLayer{gbk: true, cols: []dbfCol{{"学龄人口_小学", 'N', 4, 0}, {"学龄人口_初中", 'N', 4, 0}}, rows: [][]string{{"1", "2"}}}
	dbf := l.encodeDBF(t)
	copy(dbf[32+9:], gbkBytes(t, "小")[:1]) // cut as GDAL does, inside 小 …
	copy(dbf[64+9:], gbkBytes(t, "初")[:1]) // … and 初
	got, _ := dbfRow(t, dbf, "GBK")
	if want := "学龄人口_=1 学龄人口__2=2 enc=GB18030"; strings.Join(got, " ") != want {
		t.Errorf("got %s, want %s", strings.Join(got, " "), want)
	}
}

// dBase 7: 48-byte descriptors with 32-byte names; '+' and 'O' binary.
func TestDBFLevel7(t *testing.T) {
	h := make([]byte, 68+48*2+1)
	h[0] = 0x04
	binary.LittleEndian.PutUint32(h[4:], 1)
	binary.LittleEndian.PutUint16(h[8:], uint16(len(h)))
	binary.LittleEndian.PutUint16(h[10:], 1+4+8)
	for i, f := range []struct {
		name string
		typ  byte
		n    byte
	}{{"AUTO_ID", '+', 4}, {"A_LONG_FIELD_NAME_OF_DBASE_SEVEN", 'O', 8}} {
		d := h[68+48*i:]
		copy(d, f.name)
		d[32], d[33] = f.typ, f.n
	}
	h[len(h)-1] = 0x0D
	rec := []byte{' '}
	rec = binary.BigEndian.AppendUint32(rec, uint32(7)^0x80000000)
	rec = binary.BigEndian.AppendUint64(rec, math.Float64bits(-3.5)^math.MaxUint64) // negative: all bits flipped
	got, _ := dbfRow(t, append(h, rec...), "")
	if want := "AUTO_ID=7 A_LONG_FIELD_NAME_OF_DBASE_SEVEN=-3.5 enc=UTF-8"; strings.Join(got, " ") != want {
		t.Errorf("got %s, want %s", strings.Join(got, " "), want)
	}
}

func TestDBFDamaged(t *testing.T) {
	good := (&shpLayer{cols: []dbfCol{{"NAME", 'C', 20, 0}}, rows: [][]string{{"a"}, {"b"}}}).encodeDBF(t)
	for name, dbf := range map[string][]byte{
		"short": good[:20],
		"header too long": func() []byte {
			b := append([]byte(nil), good...)
			binary.LittleEndian.PutUint16(b[8:], 60000)
			return b
		}(),
		"field too wide":  func() []byte { b := append([]byte(nil), good...); b[32+16] = 200; return b }(),
		"zero record len": func() []byte { b := append([]byte(nil), good...); binary.LittleEndian.PutUint16(b[10:], 0); return b }(),
	} {
		if _, err := parseDBF(dbf); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
	// A record count beyond the file is capped, not allocated.
	b := append([]byte(nil), good...)
	binary.LittleEndian.PutUint32(b[4:], 0xFFFFFFF0)
	tab, err := parseDBF(b)
	if err != nil || tab.records != 2 {
		t.Fatalf("huge count: %v %v", tab, err)
	}
}

func TestGuessMappingCutNames(t *testing.T) {
	m := GuessMapping(Zones, []string{"zone_id", "primary_sc", "junior_sch", "population", "小学学龄人", "初中学龄人"})
	want := map[string]string{FieldPrimarySchool: "primary_sc", FieldJuniorSchool: "junior_sch", FieldPopulation: "population",
		FieldPrimaryAge: "小学学龄人", FieldJuniorAge: "初中学龄人", FieldID: "zone_id"}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %q, want %q (mapping %v)", k, m[k], v, m)
		}
	}
	// A short name is no cut: "primary" does not stand for primary_school.
	if m := GuessMapping(Zones, []string{"primary", "junior_s"}); m[FieldPrimarySchool] != "" || m[FieldJuniorSchool] != "" {
		t.Errorf("short names mapped: %v", m)
	}
	// An exact name wins over a cut one.
	if m := GuessMapping(Zones, []string{"primary_sc", "对口小学"}); m[FieldPrimarySchool] != "对口小学" {
		t.Errorf("exact name lost: %v", m)
	}
}
