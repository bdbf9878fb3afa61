package report

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// TestMapPDFLabelsSearchable: every school of the map and every zone name
// it prints are text in the PDF (pdftotext finds them), the A4 map stays
// under 500 KB, and the font is an embedded, tagged subset.
func TestMapPDFLabelsSearchable(t *testing.T) {
	s := session(t)
	for _, stage := range []model.Level{model.LevelPrimary, model.LevelJunior} {
		opt := MapOptions{Options: Options{Date: fixedDate}, Stage: stage}
		var buf bytes.Buffer
		if err := MapPDF(&buf, s, opt); err != nil {
			t.Fatal(err)
		}
		if stage == model.LevelPrimary {
			dump(t, "map-a4.pdf", buf.Bytes())
		}
		if buf.Len() > 500<<10 {
			t.Errorf("%v: A4 map is %d KB, want < 500 KB", stage, buf.Len()>>10)
		}
		t.Logf("%v: A4 map PDF %d KB", stage, buf.Len()>>10)
		text := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), "")
		d := s.District()
		for _, sc := range d.Schools {
			if sc.Closed || !servesStage(sc.Level, stage) {
				continue
			}
			if !strings.Contains(text, sc.Name) {
				t.Errorf("%v: school %s is not in the PDF text", stage, sc.Name)
			}
		}
		page, err := drawMapPage(s, opt.resolve(s), newDoc("L", PaperA4, "", fixedDate))
		if err != nil {
			t.Fatal(err)
		}
		if len(page.zoneLabels) < len(d.Zones)/2 {
			t.Errorf("%v: only %d of %d zones labelled", stage, len(page.zoneLabels), len(d.Zones))
		}
		for _, z := range page.zoneLabels {
			if !strings.Contains(text, z) {
				t.Errorf("%v: zone label %s is not in the PDF text", stage, z)
			}
		}
		fontsSubsetTagged(t, buf.Bytes())
	}
}

// fontsSubsetTagged checks with pdffonts that every font is embedded as a
// subset with a subset tag.
func fontsSubsetTagged(t *testing.T, pdf []byte) {
	t.Helper()
	if _, err := exec.LookPath("pdffonts"); err != nil {
		return
	}
	cmd := exec.Command("pdffonts", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 7 || len(f[0]) < 8 || f[0][6] != '+' || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			t.Errorf("font not an embedded tagged subset: %s", l)
		}
	}
}

// TestMapScenarioDraft: a scenario's map names it and is marked 草案; a
// closed school is neither drawn nor named.
func TestMapScenarioDraft(t *testing.T) {
	s := session(t)
	d := *s.District()
	d.Schools = append([]model.School(nil), d.Schools...)
	closed := ""
	for j := range d.Schools {
		if d.Schools[j].Level == model.LevelPrimary && d.Schools[j].Name != "示例县实验小学" {
			d.Schools[j].Closed = true
			closed = d.Schools[j].Name
			break
		}
	}
	sess := newTestSession(&d)
	var buf bytes.Buffer
	if err := MapPDF(&buf, sess, MapOptions{Options: Options{Date: fixedDate, Scenario: "新建滨江小学", Intake: 2027}}); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), "")
	for _, w := range []string{"2027年小学学区划分示意图", "草案", "方案：新建滨江小学"} {
		if !strings.Contains(text, w) {
			t.Errorf("the scenario map lacks %q", w)
		}
	}
	if strings.Contains(text, closed) {
		t.Errorf("the closed school %s is on the map", closed)
	}
}

func TestMapSVG(t *testing.T) {
	s := session(t)
	var buf bytes.Buffer
	if err := MapSVG(&buf, s, MapOptions{Options: Options{Date: fixedDate, Paper: PaperA3}, Portrait: true}); err != nil {
		t.Fatal(err)
	}
	dump(t, "map.svg", buf.Bytes())
	out := buf.String()
	if !strings.HasPrefix(out, "<?xml") || !strings.Contains(out, `width="297mm" height="420mm"`) ||
		!strings.Contains(out, ">示例县实验小学</text>") || !strings.HasSuffix(out, "</svg>\n") {
		t.Errorf("SVG: %.300s", out)
	}
	if n := strings.Count(out, "<path"); n < len(s.District().Zones) {
		t.Errorf("SVG has %d paths for %d zones", n, len(s.District().Zones))
	}
}
