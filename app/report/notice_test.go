package report

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuequ/xuequ/model"
)

func TestNoticePDF(t *testing.T) {
	s := session(t)
	for _, paper := range []Paper{PaperA4, PaperA3} {
		var buf bytes.Buffer
		if err := NoticePDF(&buf, s, Options{Date: fixedDate, Paper: paper}); err != nil {
			t.Fatal(err)
		}
		if paper == PaperA4 {
			dump(t, "notice.pdf", buf.Bytes())
		}
		checkPDF(t, "notice "+paper.String(), buf.Bytes(), 0)
		n := len(pageObject.FindAll(buf.Bytes(), -1))
		if n < 2 {
			t.Errorf("%v: %d pages; 400 zones should need more than one", paper, n)
		}
		text := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), "")
		for _, w := range []string{"2025年义务教育学校招生划片范围公示", "公示日期：2025年11月23日", "一、小学", "二、初中",
			"示例县实验小学", "九年一贯制", "侯家桥村", "第1页共" + itoa(n) + "页", "第" + itoa(n) + "页共" + itoa(n) + "页"} {
			if !strings.Contains(text, w) {
				t.Errorf("%v: the notice lacks %q", paper, w)
			}
		}
	}
}

// TestNoticeSections checks the list itself: every zone once per stage,
// nine-year schools in both stages.
func TestNoticeSections(t *testing.T) {
	d := session(t).District()
	secs := noticeSections(d)
	if len(secs) != 2 || secs[0].Stage != model.LevelPrimary || secs[1].Stage != model.LevelJunior {
		t.Fatalf("sections %+v", secs)
	}
	for _, sec := range secs {
		n := len(sec.Unassigned)
		nine := 0
		for _, sc := range sec.Schools {
			n += len(sc.Zones)
			if sc.Level == "九年一贯制" {
				nine++
			}
		}
		if n != len(d.Zones) {
			t.Errorf("%v: %d zones listed, the district has %d", sec.Stage, n, len(d.Zones))
		}
		if nine != 5 {
			t.Errorf("%v: %d nine-year schools, want the sample's 5", sec.Stage, nine)
		}
	}
	if len(secs[0].Schools) != 32 || len(secs[1].Schools) != 13 {
		t.Errorf("schools per stage %d, %d; want 27+5 and 8+5", len(secs[0].Schools), len(secs[1].Schools))
	}
}

func TestWrap(t *testing.T) {
	d := newDoc("P", PaperA4, "t", fixedDate)
	d.setSize(10)
	text := "侯家桥村、武家山村、新农村、Riverside Garden 3期、尹家堤村（东区）、夏家岭村、李湾村、段湾村、谭家庄村、2025年新建的滨江新城小区。"
	for _, w := range []float64{12, 25, 40, 80} {
		lines := d.wrap(text, w)
		joined := ""
		for i, l := range lines {
			if d.width(l) > w+1e-6 && utf8.RuneCountInString(l) > 1 {
				t.Errorf("w=%g: line %q is %.1f mm wide", w, l, d.width(l))
			}
			if i > 0 {
				r, _ := utf8.DecodeRuneInString(l)
				if strings.ContainsRune(noLineStart, r) {
					t.Errorf("w=%g: line %d starts with %q", w, i, r)
				}
			}
			last, _ := utf8.DecodeLastRuneInString(l)
			if strings.ContainsRune(noLineEnd, last) {
				t.Errorf("w=%g: line %d ends with %q", w, i, last)
			}
			joined += l
		}
		strip := func(s string) string { return strings.ReplaceAll(s, " ", "") }
		if strip(joined) != strip(text) {
			t.Errorf("w=%g: text changed:\n%s\n%s", w, joined, text)
		}
	}
	if got := d.wrap("甲\n乙", 100); len(got) != 2 {
		t.Errorf("newline: %q", got)
	}
	if got := d.wrap("", 100); len(got) != 1 || got[0] != "" {
		t.Errorf("empty: %q", got)
	}
	// Digits are narrower than hanzi.
	if d.width("2025") <= 0 || d.width("年") <= d.width("1") {
		t.Errorf("widths: 2025 %.2f, 年 %.2f, 1 %.2f", d.width("2025"), d.width("年"), d.width("1"))
	}
}
