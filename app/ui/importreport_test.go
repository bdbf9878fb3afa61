package ui

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo/ingest"
)

// longReport has messages far wider than the view.
func longReport() *ingest.Report {
	return &ingest.Report{Issues: []ingest.Issue{
		{Severity: ingest.Error, Code: ingest.CodeUnknownSchool, File: "/data/在校生.xlsx", Line: 12, Field: "学校",
			Message: "school not found", Args: map[string]any{"School": "城关镇第一中心小学（东校区）"}},
		{Severity: ingest.Warning, Code: ingest.CodeBadLevel, File: "/data/schools.shp", Feature: 3, ID: "S3", Field: "学校类型",
			Message: "level not recognised", Args: map[string]any{"Value": "完全小学（含教学点）", "N": 1, "Features": "2"}},
		{Severity: ingest.Info, Code: ingest.CodeFeatureCount, File: "/data/schools.shp", Message: "read 4 schools"},
	}}
}

// TestImportReportViewWraps: every issue's text is shown whole, wrapped
// over as many lines as it needs, with its severity icon and counts.
func TestImportReportViewWraps(t *testing.T) {
	newPanelTestApp(t)
	w := test.NewTempWindow(t, nil)
	v := NewImportReportView(w)
	w.SetContent(v)
	w.Resize(fyne.NewSize(520, 420))
	v.SetReport(longReport())
	test.AssertRendersToMarkup(t, "importreport_view.xml", w.Canvas())

	if got := v.counts.Text; got != "1 个错误 · 1 个警告 · 1 条提示" {
		t.Errorf("counts %q", got)
	}
	long := findLabels(v, "在校生.xlsx 第 12 行")
	short := findLabels(v, "read 4 schools")
	if len(long) != 1 || len(short) != 1 {
		t.Fatalf("rows not found: %d %d", len(long), len(short))
	}
	if l := long[0]; l.Truncation != fyne.TextTruncateOff || l.Wrapping != fyne.TextWrapWord ||
		!strings.Contains(l.Text, "城关镇第一中心小学（东校区）") || strings.Contains(l.Text, "…") {
		t.Errorf("long row %q", l.Text)
	}
	if lh, sh := long[0].Size().Height, short[0].Size().Height; lh < 2*sh-10 || lh < long[0].MinSize().Height {
		t.Errorf("long row %.0f high (min %.0f), short %.0f: not wrapped", lh, long[0].MinSize().Height, sh)
	}

	// Wider: fewer lines, still whole.
	w.Resize(fyne.NewSize(1000, 420))
	if l := long[0]; l.Size().Height < l.MinSize().Height {
		t.Errorf("after resize %.0f < min %.0f", l.Size().Height, l.MinSize().Height)
	}
	v.SetReport(nil)
	if !v.export.Disabled() || v.counts.Text != "" {
		t.Error("an empty view cannot export")
	}
}

// TestImportReportCSV: the export is the report as CSV with the messages
// in the UI language; a report saved in a project reads back to the same
// texts.
func TestImportReportCSV(t *testing.T) {
	newPanelTestApp(t)
	rep := longReport()
	var buf bytes.Buffer
	if err := writeReportCSV(&buf, rep); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[2][4] != "2" || !strings.Contains(rows[2][7], "学段“完全小学（含教学点）”（1 所学校") {
		t.Errorf("csv %q", rows)
	}

	back := reportFromStore(app.ImportIssues(rep))
	if len(back.Issues) != len(rep.Issues) {
		t.Fatalf("%d issues back", len(back.Issues))
	}
	for i := range rep.Issues {
		if a, b := issueText(rep.Issues[i]), issueText(back.Issues[i]); a != b || back.Issues[i].Severity != rep.Issues[i].Severity {
			t.Errorf("saved issue %d: %q, want %q", i, b, a)
		}
	}
}

// TestShowImportReport: the project's saved report opens in a dialog;
// a project without one says so.
func TestShowImportReport(t *testing.T) {
	newPanelTestApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(900, 640))
	sess := newPanelTestSession()
	rows, values := sess.ImportReport()
	ShowImportReport(w, rows, values)
	if got := findLabels(w.Canvas().Overlays().Top(), "没有保存导入报告"); len(got) != 1 {
		t.Error("no note for a project without a report")
	}
	w.Canvas().Overlays().Top().Hide()

	sess.SetImportRecord(longReport(), ingest.ValueMap{"zones.primary_school": {"城关一小": "S1"}})
	rows, values = sess.ImportReport()
	ShowImportReport(w, rows, values)
	top := w.Canvas().Overlays().Top()
	if got := findLabels(top, "按 1 个值对应替换"); len(got) != 1 {
		t.Error("no note on the value map")
	}
	if got := findLabels(top, "完全小学（含教学点）"); len(got) != 1 {
		t.Error("saved issue not listed")
	}
}

// TestReportRowHeightsNeverClip: the counted row heights are at least
// what a laid-out label needs, for Chinese, English and mixed messages
// at several widths.
func TestReportRowHeightsNeverClip(t *testing.T) {
	for _, appTheme := range []bool{false, true} {
		a := newPanelTestApp(t)
		if appTheme { // the bundled CJK font, as the app runs
			a.Settings().SetTheme(newTheme("light"))
		}
		checkRowHeights(t)
	}
}

func checkRowHeights(t *testing.T) {
	texts := []string{
		"短",
		"schools.shp：read 4 schools",
		"zones.geojson 要素 17 (Z017) 字段“对口小学”：对口小学“城关镇第一中心小学（东校区）”与学校文件中的任何学校都对不上；最接近的是“城关镇第一中心小学”“城关镇第二小学”。可在导入向导的“值对应”一步中选择，或用 --map-value 指定。",
		"Catonsville ES matched nothing in the schools file; the closest names are Old/New Catonsville ES, Catonsville Elementary School and Westchester ES: choose one in the Values step or pass --map-value zones.primary_school=\"Catonsville ES=S012\"",
		"a-very-long-identifier-without-any-spaces-that-must-be-broken-between-characters-because-it-is-longer-than-a-line/and/more/path/segments.geojson",
		"在校生.xlsx 第 1234 行 字段“一年级”：“1,234人”按 1234 读入 mixed 中文 and English words 交替 alternating 出现 appearing 在 in 同一 the 行 same line",
		"第一行\n第二行 with a newline\n\n第四行",
	}
	rep := &ingest.Report{}
	for _, s := range texts {
		rep.Issues = append(rep.Issues, ingest.Issue{Severity: ingest.Warning, Message: s})
	}
	w := test.NewTempWindow(t, nil)
	v := NewImportReportView(w)
	w.SetContent(v)
	v.SetReport(rep)
	probe := newReportRow().(*fyne.Container)
	for _, width := range []float32{260, 420, 700, 1100} {
		w.Resize(fyne.NewSize(width, 500))
		if len(v.heights) != len(texts) {
			t.Fatalf("width %.0f: %d heights", width, len(v.heights))
		}
		for i, text := range v.texts {
			setReportRow(probe, ingest.Warning, text)
			probe.Resize(fyne.NewSize(v.list.Size().Width, v.heights[i]))
			if need := probe.MinSize().Height; need > v.heights[i] {
				t.Errorf("width %.0f row %d: height %.0f, the label needs %.0f", width, i, v.heights[i], need)
			} else if need < v.heights[i]-60 {
				t.Errorf("width %.0f row %d: height %.0f for %.0f: more than two lines too many", width, i, v.heights[i], need)
			}
		}
	}
}
