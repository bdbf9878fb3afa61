package report

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

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
		for _, w := range []string{"2026年义务教育学校招生划片范围公示", "公示期：2025年11月23日至2025年11月29日（共7天）",
			"咨询电话", "学校地址", "一、小学", "二、初中", "示例县实验小学", "九年一贯制", "侯家桥村",
			"示例县城（合成数据）教育局2025年11月23日", "第1页共" + itoa(n) + "页", "第" + itoa(n) + "页共" + itoa(n) + "页"} {
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
	secs := noticeSections(d, "")
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

// TestNoticeWholeNames: in the notice text no line starts with 、 or 。
// and every zone name appears whole on one line.
func TestNoticeWholeNames(t *testing.T) {
	s := session(t)
	var buf bytes.Buffer
	opt := Options{Date: fixedDate, Doc: DocInfo{Issuer: "示例县教育局", Phone: "0710-1234567", NoticeDays: 10}}
	if err := NoticePDF(&buf, s, opt); err != nil {
		t.Fatal(err)
	}
	fontsSubsetTagged(t, buf.Bytes())
	text := pdfText(t, buf.Bytes())
	if !strings.Contains(strings.Join(strings.Fields(text), ""), "（咨询/监督电话：0710-1234567）") ||
		!strings.Contains(text, "至2025年12月2日（共10天）") {
		t.Error("the notice lacks the phone or the 10-day 公示期")
	}
	d := newDoc("P", PaperA4, "", fixedDate)
	d.setSize(noticeBodyPt)
	names := []string{}
	for _, z := range s.District().Zones {
		names = append(names, z.Name)
	}
	for _, w := range []float64{20, 45, 70} {
		lines := d.wrapItems("注：", names, w)
		all := strings.Join(lines, "\n")
		for i, l := range lines {
			if i > 0 && (strings.HasPrefix(l, "、") || strings.HasPrefix(l, "。")) {
				t.Errorf("w=%g: line %d starts with punctuation: %q", w, i, l)
			}
			if d.width(l) > w+1e-6 {
				t.Errorf("w=%g: line %q too wide", w, l)
			}
		}
		for _, n := range names {
			if d.width(n+"、") <= w && !strings.Contains(all, n) {
				t.Errorf("w=%g: %s split across lines", w, n)
			}
		}
	}
}

func TestNoticeMetadata(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler-utils) not on PATH")
	}
	var buf bytes.Buffer
	if err := NoticePDF(&buf, session(t), Options{Date: fixedDate, Scenario: "方案甲"}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("pdfinfo", "-")
	cmd.Stdin = bytes.NewReader(buf.Bytes())
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Title:", "公示（草案）", "Author:", "教育局", "Subject:", "划片范围公示名单"} {
		if !strings.Contains(string(out), w) {
			t.Errorf("pdfinfo lacks %q:\n%s", w, out)
		}
	}
}

func TestNoticeXLSX(t *testing.T) {
	s := session(t)
	var buf bytes.Buffer
	if err := NoticeXLSX(&buf, s, Options{Date: fixedDate}); err != nil {
		t.Fatal(err)
	}
	dump(t, "notice.xlsx", buf.Bytes())
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetNotice)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rows[0][0], "2026年义务教育学校招生划片范围公示") || !strings.Contains(rows[1][0], "公示期：2025年11月23日至2025年11月29日") {
		t.Errorf("title rows %q / %q", rows[0][0], rows[1][0])
	}
	if strings.Join(rows[2], ",") != strings.Join(NoticeHeader, ",") {
		t.Errorf("header %v", rows[2])
	}
	if len(rows) != 3+32+13 {
		t.Errorf("%d rows, want 3 + 32 primary + 13 junior", len(rows))
	}
	checkPrintSetup(t, f, SheetNotice, "portrait", "$1:$3")
}
