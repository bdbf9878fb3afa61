package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
)

// fakeImport is an ImportBackend that records what the wizard asked.
type fakeImport struct {
	previews map[ingest.Layer]ImportPreview
	got      map[ingest.Layer]ingest.Mapping
	files    ImportFiles
	report   *ingest.Report
	err      error
	// layers are the layers of any .gpkg path; sublayers the layers
	// Preview was asked for.
	layers    []string
	sublayers []string
	// values is what each Import call received; reports, when set, are
	// returned by successive calls instead of report.
	values  []ingest.ValueMap
	reports []*ingest.Report
}

func (f *fakeImport) Fields(l ingest.Layer) []string { return ingest.Fields(l) }

func (f *fakeImport) GuessMapping(l ingest.Layer, props []string) ingest.Mapping {
	return ingest.GuessMapping(l, props)
}

func (f *fakeImport) Sheets(path string) []string {
	if strings.HasSuffix(path, ".xlsx") {
		return []string{"2024", "2025"}
	}
	return nil
}

func (f *fakeImport) Layers(path string) ([]string, error) {
	if strings.HasSuffix(path, ".gpkg") {
		return f.layers, nil
	}
	return nil, nil
}

func (f *fakeImport) Preview(l ingest.Layer, path, sub string, _ bool) (ImportPreview, error) {
	f.sublayers = append(f.sublayers, sub)
	if path == "missing.geojson" {
		return ImportPreview{}, errors.New("no such file")
	}
	return f.previews[l], nil
}

func (f *fakeImport) Import(files ImportFiles, m map[ingest.Layer]ingest.Mapping, values ingest.ValueMap) (*model.District, *ingest.Report, error) {
	f.files, f.got = files, m
	f.values = append(f.values, values)
	rep := f.report
	if n := len(f.values); n <= len(f.reports) {
		rep = f.reports[n-1]
	}
	if f.err != nil {
		return nil, rep, f.err
	}
	return panelTestDistrict(), rep, nil
}

func newFakeImport() *fakeImport {
	return &fakeImport{
		previews: map[ingest.Layer]ImportPreview{
			ingest.Schools: {Encoding: "GB18030", CRS: "EPSG:4326", Features: 4, Properties: []string{"编码", "学校名称", "学段", "核定学位", "乡镇", "备注"},
				Rows: [][]string{{"S1", "城关第一小学", "小学", "540", "城关镇", ""}, {"S2", "城关中学", "初中", "600", "城关镇", "新建"}}},
			ingest.Zones: {Encoding: "UTF-8", CRS: "EPSG:4547", Features: 3, Properties: []string{"code", "name", "pop", "对口小学", "对口初中"},
				Rows: [][]string{{"Z1", "东城小区", "5200", "S1", "S2"}}},
		},
		report: &ingest.Report{Issues: []ingest.Issue{
			{Severity: ingest.Info, Code: ingest.CodeFeatureCount, File: "/data/schools.geojson", Message: "read 4 schools"},
			{Severity: ingest.Warning, Code: ingest.CodeBadNumber, File: "/data/schools.geojson", Feature: 3, ID: "S3",
				Field: "核定学位", Message: "not a number"},
		}},
	}
}

func newTestWizard(t *testing.T, backend ImportBackend, onFinish func(ImportResult)) (*ImportWizard, fyne.Window) {
	t.Helper()
	newPanelTestApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(900, 680))
	wiz := newImportWizard(w, backend, onFinish)
	wiz.run = func(work, done func()) { work(); done() }
	wiz.Show()
	return wiz, w
}

func TestImportWizardFlow(t *testing.T) {
	fake := newFakeImport()
	var got *model.District
	wiz, w := newTestWizard(t, fake, func(r ImportResult) { got = r.District })

	if !wiz.next.Disabled() {
		t.Fatal("Next must wait for both GeoJSON files")
	}
	wiz.SetFiles(ImportFiles{Schools: "/data/schools.geojson", Zones: "/data/zones.geojson", History: "/data/history.csv"})
	if wiz.next.Disabled() {
		t.Fatal("Next still disabled with both GeoJSON files chosen")
	}
	test.Tap(wiz.next)
	if wiz.step != importStepMapping {
		t.Fatalf("step %d after Next", wiz.step)
	}
	test.AssertRendersToMarkup(t, "importwizard_mapping.xml", w.Canvas())

	schools := wiz.layers[0]
	field := func(l *importLayer, name string) int {
		for i, f := range l.fields {
			if f == name {
				return i
			}
		}
		t.Fatalf("no field %s", name)
		return -1
	}
	if got := schools.selects[field(schools, ingest.FieldName)].Selected; got != "学校名称" {
		t.Errorf("guessed name property %q, want 学校名称", got)
	}
	if got := schools.selects[field(schools, ingest.FieldCapacity)].Selected; got != "核定学位" {
		t.Errorf("guessed capacity property %q, want 核定学位", got)
	}
	// The user corrects the mapping: township is not to be read, and the
	// note column is the classrooms (contrived, but it must reach Import).
	schools.selects[field(schools, ingest.FieldTownship)].SetSelectedIndex(0)
	schools.selects[field(schools, ingest.FieldClassrooms)].SetSelected("备注")

	test.Tap(wiz.next) // 导入
	if wiz.step != importStepReport {
		t.Fatalf("step %d after Import", wiz.step)
	}
	m := fake.got[ingest.Schools]
	if m[ingest.FieldTownship] != "" || m[ingest.FieldClassrooms] != "备注" || m[ingest.FieldID] != "编码" {
		t.Errorf("mapping sent to Import: %v", m)
	}
	if fake.files.History != "/data/history.csv" || fake.files.Births != "" {
		t.Errorf("files sent to Import: %+v", fake.files)
	}
	if fake.got[ingest.Zones][ingest.FieldPopulation] != "pop" {
		t.Errorf("zones mapping %v", fake.got[ingest.Zones])
	}
	test.AssertRendersToMarkup(t, "importwizard_report.xml", w.Canvas())
	if wiz.next.Disabled() {
		t.Fatalf("Finish disabled after a clean import: %s", wiz.status.Text)
	}
	test.Tap(wiz.next)
	if got == nil || len(got.Schools) != 4 {
		t.Fatalf("onFinish got %v", got)
	}
}

func TestImportWizardErrorsBlockFinish(t *testing.T) {
	fake := newFakeImport()
	fake.report.Issues = append(fake.report.Issues, ingest.Issue{Severity: ingest.Error,
		Code: ingest.CodeUnknownSchool, File: "history.csv", Line: 12, Message: "school X is not in the schools file"})
	called := false
	wiz, _ := newTestWizard(t, fake, func(ImportResult) { called = true })
	wiz.SetFiles(ImportFiles{Schools: "a.geojson", Zones: "b.geojson"})
	test.Tap(wiz.next)
	test.Tap(wiz.next)
	if !wiz.next.Disabled() || wiz.back.Disabled() {
		t.Errorf("with an error: finish disabled %v, back disabled %v", wiz.next.Disabled(), wiz.back.Disabled())
	}
	test.Tap(wiz.next)
	if called {
		t.Error("onFinish called despite errors")
	}
	if got := issueText(fake.report.Issues[2]); got != "history.csv 第 12 行：school X is not in the schools file" {
		t.Errorf("issue text %q", got)
	}
	if got := issueText(fake.report.Issues[1]); got != "schools.geojson 要素 2 (S3) 字段“核定学位”：not a number" {
		t.Errorf("issue text %q", got)
	}
}

func TestImportWizardFatalAndPreviewErrors(t *testing.T) {
	fake := newFakeImport()
	fake.err = &model.InputError{File: "b.geojson", Msg: "not a FeatureCollection"}
	wiz, _ := newTestWizard(t, fake, nil)
	wiz.SetFiles(ImportFiles{Schools: "missing.geojson", Zones: "b.geojson"})
	test.Tap(wiz.next)
	if !wiz.layers[0].errLabel.Visible() || len(wiz.layers[0].selects) == 0 {
		t.Errorf("an unreadable preview must show its error and still offer the fields")
	}
	test.Tap(wiz.next)
	if wiz.district != nil || !wiz.next.Disabled() || len(wiz.report.Issues) != 3 {
		t.Errorf("fatal import: district %v, issues %d", wiz.district, len(wiz.report.Issues))
	}
	test.Tap(wiz.back)
	if wiz.step != importStepMapping || wiz.next.Disabled() {
		t.Errorf("back to step %d, next disabled %v", wiz.step, wiz.next.Disabled())
	}
}

// TestIngestBackend runs the real importer on two tiny files: the preview
// shows the properties, and the user's mapping reaches ingest.Import.
func TestIngestBackend(t *testing.T) {
	dir := t.TempDir()
	schools := filepath.Join(dir, "schools.geojson")
	zones := filepath.Join(dir, "zones.geojson")
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(schools, `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"编码":"S1","学校名称":"城关一小","学段":"小学","核定学位":"540","备注":"12"},"geometry":{"type":"Point","coordinates":[110.0,30.0]}},
{"type":"Feature","properties":{"编码":"S2","学校名称":"城关中学","学段":"初中","核定学位":"600","备注":"9"},"geometry":{"type":"Point","coordinates":[110.02,30.01]}}]}`)
	write(zones, `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"编码":"Z1","名称":"东城","人口":5200,"对口小学":"S1","对口初中":"S2"},
 "geometry":{"type":"Polygon","coordinates":[[[110,30],[110.02,30],[110.02,30.02],[110,30.02],[110,30]]]}}]}`)

	var b ingestBackend
	p, err := b.Preview(ingest.Schools, schools, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Properties) != 5 || len(p.Rows) != 2 || p.Features != 2 || p.Rows[1][1] != "城关中学" {
		t.Errorf("preview %+v", p)
	}
	maps := map[ingest.Layer]ingest.Mapping{
		ingest.Schools: b.GuessMapping(ingest.Schools, p.Properties),
		ingest.Zones: {ingest.FieldID: "编码", ingest.FieldName: "名称", ingest.FieldPopulation: "",
			ingest.FieldPrimarySchool: "对口小学", ingest.FieldJuniorSchool: "对口初中"},
	}
	maps[ingest.Schools][ingest.FieldClassrooms] = "备注"
	if layers, err := b.Layers(schools); err != nil || layers != nil {
		t.Errorf("a GeoJSON has no layers to pick: %v %v", layers, err)
	}
	d, rep, err := b.Import(ImportFiles{Schools: schools, Zones: zones}, maps, nil)
	if err != nil {
		t.Fatalf("%v\n%v", err, rep)
	}
	if s := d.School("S1"); s == nil || s.Name != "城关一小" || s.Capacity != 540 || s.Classrooms != 12 {
		t.Errorf("school S1 = %+v", s)
	}
	if z := d.Zone("Z1"); z == nil || z.Population != 0 || z.JuniorSchool != "S2" {
		t.Errorf("zone Z1 = %+v (population unmapped on purpose)", z)
	}
}
