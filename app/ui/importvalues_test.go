package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/geo/ingest"
)

// unresolvedReport is what an import of zones that name their schools
// differently reports: two catchment values and a level that match
// nothing.
func unresolvedReport() *ingest.Report {
	return &ingest.Report{
		Issues: []ingest.Issue{
			{Severity: ingest.Warning, Code: ingest.CodeBadLevel, File: "/data/schools.shp", Feature: 3, Field: "学校类型",
				Message: "level not recognised", Args: map[string]any{"Value": "完小", "N": 1, "Features": "2"}},
		},
		Unresolved: []ingest.Unresolved{
			{Layer: ingest.Zones, Field: ingest.FieldPrimarySchool, Value: "城关一小", Count: 12, Features: []int{1, 2, 5},
				Suggestions: []string{"城关第一小学"}},
			{Layer: ingest.Zones, Field: ingest.FieldJuniorSchool, Value: "城关初中", Count: 3, Features: []int{1, 2, 3},
				Suggestions: []string{"城关中学"}},
			{Layer: ingest.Schools, Field: ingest.FieldLevel, Value: "完小", Count: 2, Features: []int{3, 4},
				Suggestions: []string{"primary"}},
		},
	}
}

// TestImportWizardValues: an import with unresolved values shows the
// values step; the choices go to the re-import as a value map, and Finish
// hands that map over with the district and the new report.
func TestImportWizardValues(t *testing.T) {
	fake := newFakeImport()
	clean := &ingest.Report{Issues: []ingest.Issue{{Severity: ingest.Info, Code: ingest.CodeFeatureCount,
		File: "/data/schools.shp", Message: "read 4 schools"}}}
	fake.reports = []*ingest.Report{unresolvedReport(), clean}
	var res ImportResult
	wiz, w := newTestWizard(t, fake, func(r ImportResult) { res = r })
	wiz.SetFiles(ImportFiles{Schools: "/data/schools.shp", Zones: "/data/zones.kmz"})
	test.Tap(wiz.next) // mapping
	test.Tap(wiz.next) // 导入
	if wiz.step != importStepValues || !wiz.skip.Visible() || !wiz.pages[importStepValues].Visible() || wiz.next.Text != "重新导入" {
		t.Fatalf("after an import with unresolved values: step %d, next %q", wiz.step, wiz.next.Text)
	}
	if len(fake.values) != 1 || len(fake.values[0]) != 0 {
		t.Errorf("first import got values %v", fake.values)
	}
	test.AssertRendersToMarkup(t, "importwizard_values.xml", w.Canvas())

	rows := wiz.values.rows
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	// Suggestions first, then leave empty, then the schools of the stage
	// by name (S1 is not repeated; S2, a junior school, is not offered).
	if got, want := rows[0].labels, []string{"★ 城关第一小学（S1）", "（留空）", "新区九年一贯制学校（S4）", "河西小学（S3）"}; !slices.Equal(got, want) {
		t.Errorf("primary options %v, want %v", got, want)
	}
	if got, want := rows[1].labels, []string{"★ 城关中学（S2）", "（留空）", "新区九年一贯制学校（S4）"}; !slices.Equal(got, want) {
		t.Errorf("junior options %v, want %v", got, want)
	}
	if got, want := rows[2].labels, []string{"★ 小学", "（留空）", "初中", "九年一贯制", "幼儿园", "高中", "其他"}; !slices.Equal(got, want) {
		t.Errorf("level options %v, want %v", got, want)
	}
	// Typing filters the options.
	rows[0].picker.SetText("河西")
	if got := rows[0].shown; !slices.Equal(got, []string{"河西小学（S3）"}) {
		t.Errorf("filtered options %v", got)
	}
	rows[0].picker.SetText("★ 城关第一小学（S1）")
	if len(rows[0].shown) != 4 {
		t.Errorf("a chosen option shows all options again: %v", rows[0].shown)
	}
	rows[1].picker.SetText("（留空）")
	// rows[2] left alone: not in the map.

	test.Tap(wiz.next) // 重新导入
	want := ingest.ValueMap{"zones.primary_school": {"城关一小": "S1"}, "zones.junior_school": {"城关初中": ""}}
	if len(fake.values) != 2 || !reflect.DeepEqual(fake.values[1], want) {
		t.Fatalf("re-import got values %v, want %v", fake.values, want)
	}
	if wiz.step != importStepReport || wiz.next.Disabled() {
		t.Fatalf("after the re-import: step %d, finish disabled %v (%s)", wiz.step, wiz.next.Disabled(), wiz.status.Text)
	}
	test.Tap(wiz.back)
	if wiz.step != importStepMapping {
		t.Errorf("back from a report without unresolved values goes to step %d", wiz.step)
	}
	test.Tap(wiz.next) // import again: the choices are kept
	if !reflect.DeepEqual(fake.values[2], want) {
		t.Errorf("third import got %v", fake.values[2])
	}
	fake.reports = nil
	test.Tap(wiz.next) // 完成
	if res.District == nil || !reflect.DeepEqual(res.Values, want) || res.Report != fake.report {
		t.Errorf("onFinish got %+v", res)
	}
}

// TestImportWizardSkipValues: the values step can be skipped; the report
// keeps the unresolved values and Back returns to the values step with
// the choices made so far.
func TestImportWizardSkipValues(t *testing.T) {
	fake := newFakeImport()
	fake.report = unresolvedReport()
	var res ImportResult
	wiz, _ := newTestWizard(t, fake, func(r ImportResult) { res = r })
	wiz.SetValues(ingest.ValueMap{"schools.level": {"完小": "primary"}})
	wiz.SetFiles(ImportFiles{Schools: "a.gpkg", Zones: "b.gpkg"})
	test.Tap(wiz.next)
	test.Tap(wiz.next)
	if wiz.step != importStepValues {
		t.Fatalf("step %d", wiz.step)
	}
	if !reflect.DeepEqual(fake.values[0], ingest.ValueMap{"schools.level": {"完小": "primary"}}) {
		t.Errorf("preset values not used: %v", fake.values[0])
	}
	if got := wiz.values.rows[2].picker.Text; got != "★ 小学" {
		t.Errorf("preset level shown as %q", got)
	}
	wiz.values.rows[0].picker.SetText("S9 自己输入")
	test.Tap(wiz.skip)
	if wiz.step != importStepReport || wiz.next.Disabled() || wiz.pages[importStepValues].Visible() {
		t.Fatalf("skip: step %d, finish disabled %v", wiz.step, wiz.next.Disabled())
	}
	if !strings.Contains(wiz.status.Text, "3 个取值未能对应") {
		t.Errorf("status %q", wiz.status.Text)
	}
	test.Tap(wiz.back)
	if wiz.step != importStepValues || wiz.values.rows[0].picker.Text != "S9 自己输入" {
		t.Errorf("back from the report: step %d", wiz.step)
	}
	test.Tap(wiz.next) // typed text goes in as written
	if got := fake.values[1]["zones.primary_school"]["城关一小"]; got != "S9 自己输入" {
		t.Errorf("typed replacement %q", got)
	}
	test.Tap(wiz.skip)
	test.Tap(wiz.next)
	if res.District == nil || res.Values["zones.primary_school"]["城关一小"] != "S9 自己输入" {
		t.Errorf("onFinish got %+v", res)
	}
}

// TestImportWizardLayersAndSheet: a multi-layer file gets a layer picker
// preset by name, an .xlsx table a worksheet entry; both reach the
// preview and the import.
func TestImportWizardLayersAndSheet(t *testing.T) {
	fake := newFakeImport()
	fake.layers = []string{"道路", "学校点位", "居住小区"}
	wiz, w := newTestWizard(t, fake, nil)
	wiz.SetFiles(ImportFiles{Schools: "/data/县教育.gpkg", Zones: "/data/县教育.gpkg", History: "/data/在校生.xlsx"})
	schools, zones := wiz.files[0], wiz.files[1]
	if !schools.layerBox.Visible() || schools.layer.Selected != "学校点位" || zones.layer.Selected != "居住小区" {
		t.Fatalf("layer pickers: %v %q %q", schools.layerBox.Visible(), schools.layer.Selected, zones.layer.Selected)
	}
	if !wiz.sheetBox.Visible() {
		t.Fatal("an .xlsx table shows the worksheet entry")
	}
	wiz.sheet.SetText("2023年")
	zones.layer.SetSelected("道路")
	test.AssertRendersToMarkup(t, "importwizard_files_layers.xml", w.Canvas())
	test.Tap(wiz.next)
	if !slices.Equal(fake.sublayers, []string{"学校点位", "道路"}) {
		t.Errorf("previews of layers %v", fake.sublayers)
	}
	test.Tap(wiz.next)
	if f := fake.files; f.SchoolsLayer != "学校点位" || f.ZonesLayer != "道路" || f.Sheet != "2023年" {
		t.Errorf("import files %+v", f)
	}

	// Automatic layer, a CSV table, a GeoJSON: nothing extra is passed.
	test.Tap(wiz.back)
	test.Tap(wiz.back)
	zones.layer.SetSelectedIndex(0)
	wiz.files[2].entry.SetText("/data/history.csv")
	wiz.files[0].entry.SetText("/data/schools.geojson")
	if wiz.sheetBox.Visible() || schools.layerBox.Visible() {
		t.Error("sheet entry or layer picker still shown")
	}
	test.Tap(wiz.next)
	test.Tap(wiz.next)
	if f := fake.files; f.SchoolsLayer != "" || f.ZonesLayer != "" || f.Sheet != "" {
		t.Errorf("import files %+v", f)
	}
}

// TestImportWizardMappingFits: every field's picker is fully shown at the
// wizard's size in a 1280×720 window and in the test window, with room
// left for the preview.
func TestImportWizardMappingFits(t *testing.T) {
	for _, size := range []fyne.Size{fyne.NewSize(1280, 720), fyne.NewSize(900, 680)} {
		wiz, w := newTestWizard(t, newFakeImport(), nil)
		w.Resize(size)
		wiz.SetFiles(ImportFiles{Schools: "a.geojson", Zones: "b.geojson"})
		test.Tap(wiz.next)
		d := fyne.CurrentApp().Driver()
		for i, l := range wiz.layers {
			wiz.tabs.SelectIndex(i)
			if len(l.selects) != len(l.fields) || len(l.fields) < 8 {
				t.Fatalf("%s: %d selects for %d fields", l.layer, len(l.selects), len(l.fields))
			}
			for j, sel := range l.selects {
				pos := d.AbsolutePositionForObject(sel)
				if !sel.Visible() || sel.Size().Height < sel.MinSize().Height || pos.Y < 0 ||
					pos.Y+sel.Size().Height > w.Canvas().Size().Height {
					t.Errorf("%v %s field %s: select at %v size %v", size, l.layer, l.fields[j], pos, sel.Size())
				}
			}
			if h := l.table.Size().Height; h < 100 {
				t.Errorf("%v %s: preview only %.0f high", size, l.layer, h)
			}
		}
	}
}

// findLabels returns the visible labels inside o whose text contains s.
func findLabels(o fyne.CanvasObject, s string) []*widget.Label {
	var out []*widget.Label
	for _, obj := range test.LaidOutObjects(o) {
		if l, ok := obj.(*widget.Label); ok && l.Visible() && strings.Contains(l.Text, s) {
			out = append(out, l)
		}
	}
	return out
}
