package ui

// Import wizard: four steps in one dialog.
//
//  1. Files: the schools and zones layers (GeoJSON, Shapefile or a .zip of
//     one, KML/KMZ, GeoPackage; required; a layer picker when the file
//     holds several layers), enrollment history, births and housing tables
//     (CSV or .xlsx, optional; a worksheet name for .xlsx).
//  2. Field mapping: for each layer, canonical field → source property
//     (a Select per field, preset with ingest's guess) above a preview of
//     the first features (importwizard_mapping.go).
//  3. Values, only when the import found catchment schools or levels that
//     match nothing: a picker per value, then 重新导入 repeats the import
//     with the chosen value map (importvalues.go).
//  4. Report: the importer's issues (importreport.go); Finish hands the
//     district, the report and the value map used to the caller.
//
//	NewImportWizard(parent fyne.Window, onFinish func(ImportResult)) *ImportWizard
//	(*ImportWizard).Show()
//
// The import runs off the UI goroutine; onFinish is called on the UI
// goroutine. The wizard reads files only: the caller decides what to do
// with the district (typically app.NewSession on it, then
// Session.SetImportRecord with the report and value map).

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
)

// ImportFiles are the paths the user chose ("" = not given).
type ImportFiles struct {
	Schools, Zones           string // geographic files, required
	History, Births, Housing string // CSV or .xlsx, optional
	// SchoolsLayer and ZonesLayer pick the layer of a multi-layer file
	// ("" = the one that fits); Sheet the worksheet of .xlsx tables ("" =
	// the first).
	SchoolsLayer, ZonesLayer, Sheet string
	GCJ02                           bool // coordinates carry the GCJ-02 offset (Amap/Tencent)
}

// ImportPreview is what the mapping step shows of one layer.
type ImportPreview struct {
	Encoding   string     // e.g. "UTF-8", "GB18030"
	CRS        string     // e.g. "EPSG:4326", as the file will be read
	Features   int        // features with a usable geometry
	Properties []string   // property names, in file order
	Rows       [][]string // the first features' values, one per property
}

// ImportResult is what a finished import hands to the caller: the
// district, what the importer reported and the value map the import used
// (to be kept in the project with Session.SetImportRecord).
type ImportResult struct {
	District *model.District
	Report   *ingest.Report
	Values   ingest.ValueMap
}

// ImportBackend is the import engine behind the wizard. ingestBackend is
// the real one (package geo/ingest); tests use a fake.
type ImportBackend interface {
	Fields(layer ingest.Layer) []string
	GuessMapping(layer ingest.Layer, properties []string) ingest.Mapping
	// Layers names the layers of a multi-layer file (GeoPackage tables,
	// Shapefiles in a .zip, KML folders); nil for a single-layer file, a
	// GeoJSON or a path that is not (yet) a file.
	Layers(path string) ([]string, error)
	// Sheets lists the worksheets of an .xlsx table (nil for anything else).
	Sheets(path string) []string
	// Preview reads the first features of one layer of a file ("" = the
	// layer that fits).
	Preview(layer ingest.Layer, path, sublayer string, gcj02 bool) (ImportPreview, error)
	// Import reads every file with the user's field mappings and value
	// replacements.
	Import(files ImportFiles, mappings map[ingest.Layer]ingest.Mapping, values ingest.ValueMap) (*model.District, *ingest.Report, error)
}

// importPreviewRows is how many features the mapping step shows.
const importPreviewRows = 5

// Wizard steps.
const (
	importStepFiles = iota
	importStepMapping
	importStepValues
	importStepReport
)

// File extensions the pickers offer. An .xls (BIFF) is offered so that
// the importer can say to save it as .xlsx.
var (
	importLayerExts = []string{".geojson", ".json", ".shp", ".zip", ".kml", ".kmz", ".gpkg"}
	importTableExts = []string{".csv", ".xlsx", ".xls"}
)

// importFileRow is one file chooser of step 1.
type importFileRow struct {
	label    string
	required bool
	exts     []string
	entry    *widget.Entry
	// layer picks the layer of a multi-layer file (schools and zones
	// only); layers are its choices after the "automatic" one.
	layer       *widget.Select
	layerBox    fyne.CanvasObject
	layers      []string
	layersOf    string // path the layers were listed for
	layerTarget ingest.Layer
}

// ImportWizard is the import dialog.
type ImportWizard struct {
	backend  ImportBackend
	onFinish func(ImportResult)
	parent   fyne.Window
	// run executes work off the UI goroutine and then done on it; tests
	// replace it with a synchronous call.
	run func(work, done func())
	// cancelImport stops the running import (nil when none runs).
	cancelImport func()
	// sheetGen counts fileChanged calls: only the last one's sheets show.
	sheetGen int

	step     int
	files    []*importFileRow // schools, zones, history, births, housing
	gcj02    *widget.Check
	sheet    *widget.SelectEntry
	sheetBox fyne.CanvasObject
	layers   []*importLayer // schools, zones
	tabs     *container.AppTabs
	status   *widget.Label
	values   *importValues
	reportV  *ImportReportView

	report *ingest.Report
	// district is what Finish hands over (nil while the import has
	// errors); imported is what the last import read, errors or not (the
	// values step offers its schools).
	district, imported *model.District
	// chosen holds the user's value replacements so far; used is the copy
	// the last import ran with.
	chosenValues, usedValues ingest.ValueMap
	importErr                error

	pages []fyne.CanvasObject
	// next reads 下一步, then 导入, 重新导入 on the values step and 完成 on
	// the report step; skip (on the values page) goes to the report as is.
	back, next, skip, stop *widget.Button
	title                  *widget.Label
	dialog                 *dialog.CustomDialog
}

// NewImportWizard builds the wizard over package geo/ingest. onFinish is
// called with the imported district when the user presses Finish.
func NewImportWizard(parent fyne.Window, onFinish func(ImportResult)) *ImportWizard {
	return newImportWizard(parent, ingestBackend{}, onFinish)
}

func newImportWizard(parent fyne.Window, backend ImportBackend, onFinish func(ImportResult)) *ImportWizard {
	w := &ImportWizard{backend: backend, onFinish: onFinish, parent: parent, chosenValues: ingest.ValueMap{}}
	w.run = func(work, done func()) {
		go func() {
			work()
			fyne.Do(done)
		}()
	}
	w.files = []*importFileRow{
		{label: lang.X("import.file.schools", "学校点位（必选）"), required: true, exts: importLayerExts, layerTarget: ingest.Schools},
		{label: lang.X("import.file.zones", "居住片区（必选）"), required: true, exts: importLayerExts, layerTarget: ingest.Zones},
		{label: lang.X("import.file.history", "历年在校生（可选）"), exts: importTableExts},
		{label: lang.X("import.file.births", "出生人口（可选）"), exts: importTableExts},
		{label: lang.X("import.file.housing", "住宅交付（可选）"), exts: importTableExts},
	}
	w.layers = []*importLayer{{layer: ingest.Schools}, {layer: ingest.Zones}}

	w.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.skip = widget.NewButton(lang.X("import.skip_values", "暂不对应，查看报告"), func() { w.show(importStepReport) })
	w.pages = []fyne.CanvasObject{w.filesPage(), w.mappingPage(), w.valuesPage(), w.reportPage()}

	w.dialog = dialog.NewCustomWithoutButtons(lang.X("import.title", "导入数据"),
		container.NewBorder(w.title, nil, nil, nil, container.NewStack(w.pages...)), parent)
	w.stop = widget.NewButton(lang.X("import.cancel", "取消"), w.cancel)
	w.back = widget.NewButton(lang.X("import.back", "上一步"), w.backward)
	w.next = widget.NewButton(lang.X("import.next", "下一步"), w.forward)
	w.next.Importance = widget.HighImportance
	w.dialog.SetButtons([]fyne.CanvasObject{w.stop, w.back, w.next})
	w.dialog.Resize(fitDialog(parent, 860, 620))
	w.show(importStepFiles)
	return w
}

// Show opens the wizard.
func (w *ImportWizard) Show() { w.dialog.Show() }

// SetFiles fills step 1 (used when files were dropped on the window).
func (w *ImportWizard) SetFiles(f ImportFiles) {
	for i, p := range []string{f.Schools, f.Zones, f.History, f.Births, f.Housing} {
		w.files[i].entry.SetText(p)
	}
	for i, l := range []string{f.SchoolsLayer, f.ZonesLayer} {
		if l != "" {
			w.files[i].layer.SetSelected(l)
		}
	}
	w.sheet.SetText(f.Sheet)
	w.gcj02.SetChecked(f.GCJ02)
}

// SetValues presets the value replacements (e.g. a project's saved value
// map, for a re-import).
func (w *ImportWizard) SetValues(v ingest.ValueMap) {
	w.chosenValues = cloneValues(v)
}

// chosen returns the paths of step 1.
func (w *ImportWizard) chosen() ImportFiles {
	p := func(i int) string { return strings.TrimSpace(w.files[i].entry.Text) }
	f := ImportFiles{Schools: p(0), Zones: p(1), History: p(2), Births: p(3), Housing: p(4),
		SchoolsLayer: w.files[0].chosenLayer(), ZonesLayer: w.files[1].chosenLayer(), GCJ02: w.gcj02.Checked}
	if w.sheetBox.Visible() {
		f.Sheet = strings.TrimSpace(w.sheet.Text)
	}
	return f
}

// --- step 1: files ---

func (w *ImportWizard) filesPage() fyne.CanvasObject {
	form := widget.NewForm()
	for _, f := range w.files {
		row := f
		f.entry = widget.NewEntry()
		f.entry.SetPlaceHolder(lang.X("import.file.placeholder", "文件路径"))
		f.entry.OnChanged = func(string) {
			w.fileChanged(row)
			w.updateButtons()
		}
		browse := widget.NewButtonWithIcon(lang.X("import.browse", "浏览…"), theme.FolderOpenIcon(),
			func() { w.browse(row) })
		form.Append(f.label, container.NewBorder(nil, nil, nil, browse, f.entry))
		if f.layerTarget != "" {
			f.layer = widget.NewSelect(nil, nil)
			f.layerBox = container.NewBorder(nil, nil,
				widget.NewLabel(lang.X("import.file.layer", "图层")), nil, f.layer)
			f.layerBox.Hide()
			form.Append("", f.layerBox)
		}
	}
	w.sheet = widget.NewSelectEntry(nil)
	w.sheet.SetPlaceHolder(lang.X("import.sheet.placeholder", "留空 = 自动（逐年工作表全部读入，否则第一个）"))
	w.sheetBox = container.NewBorder(nil, nil, widget.NewLabel(lang.X("import.sheet", "Excel 工作表")), nil, w.sheet)
	w.sheetBox.Hide()
	form.Append("", w.sheetBox)
	w.gcj02 = widget.NewCheck(lang.X("import.gcj02", "坐标取自高德/腾讯地图（GCJ-02），导入时纠偏"), nil)
	hint := widget.NewLabel(lang.X("import.files.hint",
		"图层可为 GeoJSON、Shapefile（.shp 或其 .zip）、KML/KMZ、GeoPackage；属性可为 UTF-8 或 GBK 编码，坐标可为经纬度或投影坐标（.prj）。表格为 CSV 或 Excel（.xlsx；.xls 请另存为 .xlsx），需有表头行。"))
	hint.Wrapping = fyne.TextWrapWord
	return container.NewVScroll(container.NewVBox(form, w.gcj02, hint))
}

// fileChanged lists the layers of a multi-layer file and shows the sheet
// entry when a table is an .xlsx. The files are read off the UI goroutine
// (w.run); an answer for a path typed over since is dropped.
func (w *ImportWizard) fileChanged(row *importFileRow) {
	layerPath, readLayers := "", false
	if row.layer != nil {
		if path := strings.TrimSpace(row.entry.Text); path != row.layersOf {
			row.layersOf, layerPath, readLayers = path, path, true
		}
	}
	var tables []string
	for _, f := range w.files[2:] {
		if path := strings.TrimSpace(f.entry.Text); strings.EqualFold(filepath.Ext(path), ".xlsx") {
			tables = append(tables, path)
		}
	}
	w.sheetGen++
	gen := w.sheetGen
	var layers, sheets []string
	w.run(func() {
		if readLayers {
			layers, _ = w.backend.Layers(layerPath)
		}
		for _, path := range tables {
			for _, name := range w.backend.Sheets(path) {
				if !slices.Contains(sheets, name) {
					sheets = append(sheets, name)
				}
			}
		}
	}, func() {
		if readLayers && row.layersOf == layerPath {
			row.setLayers(layers)
		}
		if gen != w.sheetGen {
			return
		}
		w.sheet.SetOptions(sheets)
		if len(tables) > 0 {
			w.sheetBox.Show()
		} else {
			w.sheetBox.Hide()
		}
	})
}

// setLayers offers the layers of the file: the picker shows when there is
// a choice, preset with a layer whose name fits the target, else
// "automatic" (the importer takes the layer with fitting geometry).
func (r *importFileRow) setLayers(layers []string) {
	r.layers = layers
	if len(layers) < 2 {
		r.layer.Options = nil
		r.layer.ClearSelected()
		r.layerBox.Hide()
		return
	}
	r.layer.Options = append([]string{importAutoLayer()}, layers...)
	r.layer.SetSelectedIndex(0)
	for _, l := range layers {
		if layerFits(r.layerTarget, l) {
			r.layer.SetSelected(l)
			break
		}
	}
	r.layerBox.Show()
}

// chosenLayer is the layer picked ("" = automatic or a single layer).
func (r *importFileRow) chosenLayer() string {
	if r.layer == nil || !r.layerBox.Visible() || r.layer.SelectedIndex() <= 0 {
		return ""
	}
	return r.layer.Selected
}

func importAutoLayer() string {
	return lang.X("import.file.layer.auto", "（自动：按几何类型选择）")
}

// layerFits tells whether a layer's name suggests the target layer.
func layerFits(target ingest.Layer, name string) bool {
	n := strings.ToLower(name)
	words := []string{"school", "学校", "校点", "小学", "中学"}
	if target == ingest.Zones {
		words = []string{"zone", "片区", "小区", "学区", "划片", "catchment", "block"}
	}
	for _, w := range words {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

func (w *ImportWizard) browse(row *importFileRow) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		_ = r.Close()
		row.entry.SetText(r.URI().Path())
	}, w.parent)
	d.SetFilter(storage.NewExtensionFileFilter(row.exts))
	if p := strings.TrimSpace(row.entry.Text); p != "" {
		if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(p))); err == nil {
			d.SetLocation(dir)
		}
	}
	showFileDialog(d, w.parent)
}

// --- steps 3 and 4: values and report ---

func (w *ImportWizard) valuesPage() fyne.CanvasObject {
	w.values = newImportValues()
	return container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), w.skip), nil, nil, w.values)
}

func (w *ImportWizard) reportPage() fyne.CanvasObject {
	w.status = widget.NewLabel("")
	w.status.Wrapping = fyne.TextWrapWord
	w.reportV = NewImportReportView(w.parent)
	return container.NewBorder(w.status, nil, nil, nil, w.reportV)
}

// --- the import ---

// runImport imports with the chosen files, mappings and values, then
// shows the values step (unresolved values) or the report.
func (w *ImportWizard) runImport() {
	files, mapping := w.chosen(), w.mappings()
	values := cloneValues(w.chosenValues)
	w.show(importStepReport)
	w.status.SetText(lang.X("import.running", "正在导入…"))
	w.report, w.district, w.imported, w.importErr = nil, nil, nil, nil
	w.reportV.SetReport(nil)
	w.next.Disable()
	w.back.Disable()
	// 取消 stops the import (between files, with a backend that takes a
	// context) and drops whatever it would have returned.
	ctx, cancel := context.WithCancel(context.Background())
	w.cancelImport = cancel
	var (
		d   *model.District
		rep *ingest.Report
		err error
	)
	w.run(func() {
		if b, ok := w.backend.(importContextBackend); ok {
			d, rep, err = b.ImportContext(ctx, files, mapping, values)
		} else {
			d, rep, err = w.backend.Import(files, mapping, values)
		}
	}, func() {
		cancelled := ctx.Err() != nil
		cancel()
		w.cancelImport = nil
		if cancelled {
			return // the dialog is gone
		}
		w.usedValues = values
		w.showResult(d, rep, err)
	})
}

// importContextBackend is an ImportBackend whose import can be cancelled.
type importContextBackend interface {
	ImportContext(ctx context.Context, files ImportFiles, mappings map[ingest.Layer]ingest.Mapping, values ingest.ValueMap) (*model.District, *ingest.Report, error)
}

// cancel closes the wizard, stopping a running import.
func (w *ImportWizard) cancel() {
	if w.cancelImport != nil {
		w.cancelImport()
	}
	w.dialog.Hide()
}

func (w *ImportWizard) showResult(d *model.District, rep *ingest.Report, err error) {
	if rep == nil {
		rep = &ingest.Report{}
	}
	if err != nil {
		rep.Issues = append([]ingest.Issue{{Severity: ingest.Error, Message: err.Error()}}, rep.Issues...)
		d = nil
	}
	w.report, w.district, w.imported, w.importErr = rep, d, d, err
	errors := rep.Count(ingest.Error)
	data := map[string]any{"Errors": errors, "Warnings": rep.Count(ingest.Warning), "Notes": rep.Count(ingest.Info),
		"Unresolved": len(rep.Unresolved)}
	switch {
	case d == nil:
		w.status.SetText(lang.X("import.failed", "导入失败：{{.Errors}} 个错误。请返回修改文件或字段对应。", data))
	case errors > 0:
		data["Schools"], data["Zones"] = len(d.Schools), len(d.Zones)
		w.status.SetText(lang.X("import.has_errors",
			"读入 {{.Schools}} 所学校、{{.Zones}} 个片区，但有 {{.Errors}} 个错误、{{.Warnings}} 个警告：请修正后重新导入。", data))
		w.district = nil
	case len(rep.Unresolved) > 0:
		data["Schools"], data["Zones"] = len(d.Schools), len(d.Zones)
		w.status.SetText(lang.X("import.ok_unresolved",
			"读入 {{.Schools}} 所学校、{{.Zones}} 个片区；{{.Unresolved}} 个取值未能对应（见报告），{{.Warnings}} 个警告、{{.Notes}} 条提示。", data))
	default:
		data["Schools"], data["Zones"] = len(d.Schools), len(d.Zones)
		w.status.SetText(lang.X("import.ok",
			"读入 {{.Schools}} 所学校、{{.Zones}} 个片区；{{.Warnings}} 个警告、{{.Notes}} 条提示。请核对后点击“完成”。", data))
	}
	w.reportV.SetReport(rep)
	w.stop.Enable()
	if w.hasValues() {
		w.values.set(rep.Unresolved, w.imported, w.chosenValues)
		w.show(importStepValues)
		return
	}
	w.show(importStepReport)
}

// hasValues tells whether the last import left values to map.
func (w *ImportWizard) hasValues() bool {
	return w.report != nil && w.importErr == nil && w.imported != nil && len(w.report.Unresolved) > 0
}

// reimport takes the values step's choices and imports again.
func (w *ImportWizard) reimport() {
	w.values.collect(w.chosenValues)
	w.runImport()
}

func (w *ImportWizard) done() {
	if w.district == nil {
		return
	}
	w.dialog.Hide()
	if w.onFinish != nil {
		w.onFinish(ImportResult{District: w.district, Report: w.report, Values: w.usedValues})
	}
}

// --- navigation ---

func (w *ImportWizard) forward() {
	switch w.step {
	case importStepFiles:
		w.loadMapping()
		w.show(importStepMapping)
	case importStepMapping:
		w.runImport()
	case importStepValues:
		w.reimport()
	case importStepReport:
		w.done()
	}
}

func (w *ImportWizard) backward() {
	switch w.step {
	case importStepReport:
		if w.hasValues() {
			w.show(importStepValues)
			return
		}
		w.show(importStepMapping)
	case importStepValues:
		w.values.collect(w.chosenValues)
		w.show(importStepMapping)
	default:
		w.show(w.step - 1)
	}
}

func (w *ImportWizard) show(step int) {
	w.step = max(step, importStepFiles)
	for i, p := range w.pages {
		if i == w.step {
			p.Show()
		} else {
			p.Hide()
		}
	}
	titles := []string{
		lang.X("import.step.files", "第 1 步，共 4 步：选择文件"),
		lang.X("import.step.mapping", "第 2 步，共 4 步：核对字段对应"),
		lang.X("import.step.values", "第 3 步，共 4 步：核对值对应"),
		lang.X("import.step.report", "第 4 步，共 4 步：导入报告"),
	}
	w.title.SetText(titles[w.step])
	switch w.step {
	case importStepMapping:
		w.next.SetText(lang.X("import.run", "导入"))
	case importStepValues:
		w.next.SetText(lang.X("import.rerun", "重新导入"))
	case importStepReport:
		w.next.SetText(lang.X("import.finish", "完成"))
	default:
		w.next.SetText(lang.X("import.next", "下一步"))
	}
	w.updateButtons()
	// Lay the button row out again for the new button text.
	w.dialog.Refresh()
}

func (w *ImportWizard) updateButtons() {
	if w.next == nil {
		return
	}
	setEnabled(w.back, w.step > importStepFiles)
	ready := true
	for _, f := range w.files {
		if f.required && strings.TrimSpace(f.entry.Text) == "" {
			ready = false
		}
	}
	if w.step == importStepReport {
		ready = w.district != nil
	}
	setEnabled(w.next, ready)
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// cloneValues copies a value map (nil stays nil-safe: an empty map).
func cloneValues(v ingest.ValueMap) ingest.ValueMap {
	out := ingest.ValueMap{}
	for k, m := range v {
		if len(m) > 0 {
			out[k] = maps.Clone(m)
		}
	}
	return out
}
