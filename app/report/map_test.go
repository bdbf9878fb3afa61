package report

import (
	"bytes"
	"encoding/binary"
	"image/png"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// pageObjects counts the page objects of a PDF by re-reading its (never
// compressed) object dictionaries.
var pageObject = regexp.MustCompile(`/Type /Page[^s]`)

func checkPDF(t *testing.T, name string, data []byte, pages int) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-1.")) || !bytes.Contains(data[max(0, len(data)-32):], []byte("%%EOF")) {
		t.Fatalf("%s: not a complete PDF", name)
	}
	if n := len(pageObject.FindAll(data, -1)); pages > 0 && n != pages {
		t.Errorf("%s: %d pages, want %d", name, n, pages)
	}
}

// pdfText extracts the text of a PDF with poppler's pdftotext, or skips.
// It proves that the fonts carry their Unicode mapping, so the document
// can be searched and copied from.
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not on PATH")
	}
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestMapPNG(t *testing.T) {
	s := session(t)
	var buf bytes.Buffer
	opt := MapOptions{Options: Options{Date: fixedDate}, DPI: 100}
	if err := MapPNG(&buf, s, opt); err != nil {
		t.Fatal(err)
	}
	dump(t, "map.png", buf.Bytes())
	img, err := png.Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	// The resolution is in the file (pHYs), in pixels per metre.
	if i := bytes.Index(buf.Bytes(), []byte("pHYs")); i < 0 || i > 64 ||
		binary.BigEndian.Uint32(buf.Bytes()[i+4:]) != 3937 || buf.Bytes()[i+12] != 1 {
		t.Errorf("no pHYs of 100 dpi after IHDR")
	}
	// A4 landscape at 100 dpi.
	if b := img.Bounds(); b.Dx() != pixels(297, 100) || b.Dy() != pixels(210, 100) {
		t.Errorf("size %v, want %d×%d", b, pixels(297, 100), pixels(210, 100))
	}
	// The map is coloured, not blank: sample the frame's middle.
	l := newMapPDFLayout(PaperA4, false)
	c := img.At(pixels(l.fx+l.fw/2, 100), pixels(l.fy+l.fh/2, 100))
	if r, g, b, _ := c.RGBA(); r == g && g == b && r > 0xf000 {
		t.Errorf("the middle of the map is white: %v", c)
	}
}

func TestMapPDF(t *testing.T) {
	s := session(t)
	for _, tc := range []struct {
		theme Theme
		stage model.Level
		paper Paper
		want  []string
	}{
		{ThemeCatchment, model.LevelPrimary, PaperA4, []string{"2026年小学学区划分示意图", "学区界线", "示例县实验小学",
			"编制单位：示例县城（合成数据）教育局", "制图日期：2025年11月23日", "2026年秋季招生"}},
		{ThemeStatus, model.LevelJunior, PaperA3, []string{"2025年初中学区班额状况示意图", "超大班额", "大班额占比12.1%"}},
	} {
		var buf bytes.Buffer
		opt := MapOptions{Options: Options{Date: fixedDate, Paper: tc.paper}, Theme: tc.theme, Stage: tc.stage, DPI: 150}
		if err := MapPDF(&buf, s, opt); err != nil {
			t.Fatal(err)
		}
		dump(t, "map-"+tc.theme.String()+".pdf", buf.Bytes())
		checkPDF(t, tc.theme.String(), buf.Bytes(), 1)
		text := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), "")
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("%v: the PDF text lacks %q", tc.theme, w)
			}
		}
	}
}

func TestMapPDFDeterministic(t *testing.T) {
	s := session(t)
	opt := MapOptions{Options: Options{Date: fixedDate}, DPI: 72}
	var a, b bytes.Buffer
	if err := MapPDF(&a, s, opt); err != nil {
		t.Fatal(err)
	}
	if err := MapPDF(&b, s, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same map and date gave different PDFs")
	}
}

func TestMapBadYear(t *testing.T) {
	s := session(t)
	for name, f := range map[string]func(io.Writer) error{
		"png":    func(w io.Writer) error { return MapPNG(w, s, MapOptions{Options: Options{Year: 1990}, DPI: 72}) },
		"pdf":    func(w io.Writer) error { return MapPDF(w, s, MapOptions{Options: Options{Year: 2099}, DPI: 72}) },
		"ledger": func(w io.Writer) error { return LedgerXLSX(w, s, Options{Year: 1990}) },
	} {
		var buf bytes.Buffer
		err := f(&buf)
		var ie *model.InputError
		if !asInputError(err, &ie) || ie.Field != "year" || !strings.Contains(err.Error(), "2020–2035") {
			t.Errorf("%s: %v", name, err)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: wrote %d bytes before failing", name, buf.Len())
		}
	}
}

func TestParseOptions(t *testing.T) {
	for in, want := range map[string]Paper{"": PaperA4, "a4": PaperA4, "A3": PaperA3} {
		if p, err := ParsePaper(in); err != nil || p != want {
			t.Errorf("ParsePaper(%q) = %v, %v", in, p, err)
		}
	}
	if _, err := ParsePaper("Letter"); err == nil {
		t.Error("ParsePaper accepted Letter")
	}
	for in, want := range map[string]Theme{"": ThemeCatchment, "catchment": ThemeCatchment, "Status": ThemeStatus} {
		if th, err := ParseTheme(in); err != nil || th != want {
			t.Errorf("ParseTheme(%q) = %v, %v", in, th, err)
		}
	}
	if _, err := ParseTheme("density"); err == nil {
		t.Error("ParseTheme accepted density")
	}
}

func BenchmarkMapPDF(b *testing.B) {
	s := session(b)
	opt := MapOptions{Options: Options{Date: fixedDate}}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := MapPDF(&buf, s, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1e6, "MB/pdf")
}

func BenchmarkMapPNG(b *testing.B) {
	s := session(b)
	opt := MapOptions{Options: Options{Date: fixedDate}}
	for b.Loop() {
		if err := MapPNG(io.Discard, s, opt); err != nil {
			b.Fatal(err)
		}
	}
}
