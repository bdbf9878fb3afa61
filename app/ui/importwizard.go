package ui

// Import wizard: three steps in one dialog.
//
//  1. Files: schools GeoJSON and zones GeoJSON (required), enrollment
//     history, births and housing CSVs (optional).
//  2. Field mapping: for each layer, canonical field → source property
//     (a Select per field, preset with ingest's guess) above a preview of
//     the first features.
//  3. Report: the importer's issues with severity icons; Finish hands the
//     district to the caller.
//
//	NewImportWizard(parent fyne.Window, onFinish func(*model.District)) *ImportWizard
//	(*ImportWizard).Show()
//
// The import runs off the UI goroutine; onFinish is called on the UI
// goroutine. The wizard reads files only: the caller decides what to do
// with the district (typically app.NewSession on it).

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
)

// ImportFiles are the paths the user chose ("" = not given).
type ImportFiles struct {
	Schools, Zones           string // GeoJSON, required
	History, Births, Housing string // CSV, optional
	GCJ02                    bool   // coordinates carry the GCJ-02 offset (Amap/Tencent)
}

// ImportPreview is what the mapping step shows of one GeoJSON layer.
type ImportPreview struct {
	Encoding   string     // e.g. "UTF-8", "GB18030"
	CRS        string     // e.g. "EPSG:4326", as the file will be read
	Features   int        // features with a usable geometry
	Properties []string   // property names, in file order
	Rows       [][]string // the first features' values, one per property
}

// ImportBackend is the import engine behind the wizard. ingestBackend is
// the real one (package geo/ingest); tests use a fake.
type ImportBackend interface {
	Fields(layer ingest.Layer) []string
	GuessMapping(layer ingest.Layer, properties []string) ingest.Mapping
	Preview(layer ingest.Layer, path string, gcj02 bool) (ImportPreview, error)
	Import(files ImportFiles, mappings map[ingest.Layer]ingest.Mapping) (*model.District, *ingest.Report, error)
}

// importPreviewRows is how many features the mapping step shows.
const importPreviewRows = 5

// Wizard steps.
const (
	importStepFiles = iota
	importStepMapping
	importStepReport
)

// importFileRow is one file chooser of step 1.
type importFileRow struct {
	label    string
	required bool
	exts     []string
	entry    *widget.Entry
}

// importLayer is the mapping state of one GeoJSON layer.
type importLayer struct {
	layer    ingest.Layer
	path     string // file the preview was read from
	preview  ImportPreview
	fields   []string
	selects  []*widget.Select // one per field
	mapping  *widget.Form
	table    *widget.Table
	errLabel *widget.Label
	info     *widget.Label // encoding, CRS, feature count
}

// ImportWizard is the import dialog.
type ImportWizard struct {
	backend  ImportBackend
	onFinish func(*model.District)
	parent   fyne.Window
	// run executes work off the UI goroutine and then done on it; tests
	// replace it with a synchronous call.
	run func(work, done func())

	step     int
	files    []*importFileRow // schools, zones, history, births, housing
	gcj02    *widget.Check
	layers   []*importLayer // schools, zones
	tabs     *container.AppTabs
	status   *widget.Label
	issues   *widget.List
	report   *ingest.Report
	district *model.District

	pages []fyne.CanvasObject
	// next reads 下一步, then 导入, then 完成 on the report step.
	back, next, stop *widget.Button
	title            *widget.Label
	dialog           *dialog.CustomDialog
}

// NewImportWizard builds the wizard over package geo/ingest. onFinish is
// called with the imported district when the user presses Finish.
func NewImportWizard(parent fyne.Window, onFinish func(*model.District)) *ImportWizard {
	return newImportWizard(parent, ingestBackend{}, onFinish)
}

func newImportWizard(parent fyne.Window, backend ImportBackend, onFinish func(*model.District)) *ImportWizard {
	w := &ImportWizard{backend: backend, onFinish: onFinish, parent: parent}
	w.run = func(work, done func()) {
		go func() {
			work()
			fyne.Do(done)
		}()
	}
	w.files = []*importFileRow{
		{label: lang.X("import.file.schools", "学校点位 GeoJSON（必选）"), required: true, exts: []string{".geojson", ".json"}},
		{label: lang.X("import.file.zones", "居住片区 GeoJSON（必选）"), required: true, exts: []string{".geojson", ".json"}},
		{label: lang.X("import.file.history", "历年在校生 CSV（可选）"), exts: []string{".csv"}},
		{label: lang.X("import.file.births", "出生人口 CSV（可选）"), exts: []string{".csv"}},
		{label: lang.X("import.file.housing", "住宅交付 CSV（可选）"), exts: []string{".csv"}},
	}
	w.layers = []*importLayer{{layer: ingest.Schools}, {layer: ingest.Zones}}

	w.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.pages = []fyne.CanvasObject{w.filesPage(), w.mappingPage(), w.reportPage()}

	w.dialog = dialog.NewCustomWithoutButtons(lang.X("import.title", "导入数据"),
		container.NewBorder(w.title, nil, nil, nil, container.NewStack(w.pages...)), parent)
	w.stop = widget.NewButton(lang.X("import.cancel", "取消"), w.dialog.Hide)
	w.back = widget.NewButton(lang.X("import.back", "上一步"), func() { w.show(w.step - 1) })
	w.next = widget.NewButton(lang.X("import.next", "下一步"), w.forward)
	w.next.Importance = widget.HighImportance
	w.dialog.SetButtons([]fyne.CanvasObject{w.stop, w.back, w.next})
	w.dialog.Resize(fyne.NewSize(860, 620))
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
	w.gcj02.SetChecked(f.GCJ02)
}

// chosen returns the paths of step 1.
func (w *ImportWizard) chosen() ImportFiles {
	p := func(i int) string { return strings.TrimSpace(w.files[i].entry.Text) }
	return ImportFiles{Schools: p(0), Zones: p(1), History: p(2), Births: p(3), Housing: p(4),
		GCJ02: w.gcj02.Checked}
}

// --- step 1: files ---

func (w *ImportWizard) filesPage() fyne.CanvasObject {
	form := widget.NewForm()
	for _, f := range w.files {
		f.entry = widget.NewEntry()
		f.entry.SetPlaceHolder(lang.X("import.file.placeholder", "文件路径"))
		f.entry.OnChanged = func(string) { w.updateButtons() }
		row := f
		browse := widget.NewButtonWithIcon(lang.X("import.browse", "浏览…"), theme.FolderOpenIcon(),
			func() { w.browse(row) })
		form.Append(f.label, container.NewBorder(nil, nil, nil, browse, f.entry))
	}
	w.gcj02 = widget.NewCheck(lang.X("import.gcj02", "坐标取自高德/腾讯地图（GCJ-02），导入时纠偏"), nil)
	hint := widget.NewLabel(lang.X("import.files.hint",
		"GeoJSON 可为 UTF-8 或 GBK 编码、WGS84/CGCS2000 经纬度或投影坐标；CSV 需有表头行。"))
	hint.Wrapping = fyne.TextWrapWord
	return container.NewVBox(form, w.gcj02, hint)
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
	d.Show()
}

// --- step 2: mapping ---

func (w *ImportWizard) mappingPage() fyne.CanvasObject {
	w.tabs = container.NewAppTabs()
	for _, l := range w.layers {
		l.mapping = widget.NewForm()
		l.errLabel = widget.NewLabel("")
		l.errLabel.Wrapping = fyne.TextWrapWord
		l.errLabel.Importance = widget.DangerImportance
		l.errLabel.Hide()
		l.info = widget.NewLabel("")
		layer := l
		l.table = widget.NewTable(
			func() (int, int) { return len(layer.preview.Rows), len(layer.preview.Properties) },
			func() fyne.CanvasObject {
				lb := widget.NewLabel("")
				lb.Truncation = fyne.TextTruncateEllipsis
				return lb
			},
			func(id widget.TableCellID, o fyne.CanvasObject) {
				text := ""
				if id.Row < len(layer.preview.Rows) && id.Col < len(layer.preview.Rows[id.Row]) {
					text = layer.preview.Rows[id.Row][id.Col]
				}
				o.(*widget.Label).SetText(text)
			})
		l.table.ShowHeaderRow = true
		l.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
			text := ""
			if id.Row < 0 && id.Col >= 0 && id.Col < len(layer.preview.Properties) {
				text = layer.preview.Properties[id.Col]
			}
			o.(*widget.Label).SetText(text)
		}
		previewTitle := widget.NewLabelWithStyle(lang.X("import.preview", "前几个要素预览"),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		mappingTitle := widget.NewLabelWithStyle(lang.X("import.mapping", "字段对应（左：系统字段，右：文件中的属性）"),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		split := container.NewVSplit(
			container.NewBorder(container.NewVBox(l.errLabel, l.info, mappingTitle), nil, nil, nil,
				container.NewVScroll(l.mapping)),
			container.NewBorder(previewTitle, nil, nil, nil, l.table))
		split.Offset = 0.55
		w.tabs.Append(container.NewTabItem(importLayerText(l.layer), split))
	}
	return w.tabs
}

// loadMapping reads the previews of the two GeoJSON files (again only
// when a path changed) and presets each field with the guess.
func (w *ImportWizard) loadMapping() {
	files := w.chosen()
	for i, l := range w.layers {
		path := files.Schools
		if i == 1 {
			path = files.Zones
		}
		if path == l.path && l.selects != nil {
			continue
		}
		l.path = path
		p, err := w.backend.Preview(l.layer, path, files.GCJ02)
		if err != nil {
			l.errLabel.SetText(lang.X("import.preview_failed", "无法读取 {{.File}}：{{.Err}}",
				map[string]any{"File": filepath.Base(path), "Err": err.Error()}))
			l.errLabel.Show()
			p = ImportPreview{}
		} else {
			l.errLabel.Hide()
		}
		if len(p.Rows) > importPreviewRows {
			p.Rows = p.Rows[:importPreviewRows]
		}
		l.preview = p
		l.info.SetText(lang.X("import.preview.info", "{{.File}}：{{.Features}} 个要素 · 编码 {{.Encoding}} · 坐标系 {{.CRS}}",
			map[string]any{"File": filepath.Base(path), "Features": p.Features, "Encoding": p.Encoding, "CRS": p.CRS}))
		if err != nil {
			l.info.Hide()
		} else {
			l.info.Show()
		}
		l.fields = w.backend.Fields(l.layer)
		guess := w.backend.GuessMapping(l.layer, p.Properties)
		none := lang.X("import.unmapped", "（不导入）")
		options := append([]string{none}, p.Properties...)
		l.mapping.Items = nil
		l.selects = l.selects[:0]
		for _, f := range l.fields {
			sel := widget.NewSelect(options, nil)
			if src, ok := guess[f]; ok && slices.Contains(p.Properties, src) {
				sel.SetSelected(src)
			} else {
				sel.SetSelectedIndex(0)
			}
			l.selects = append(l.selects, sel)
			l.mapping.Append(importFieldText(f), sel)
		}
		for col := range p.Properties {
			l.table.SetColumnWidth(col, 110)
		}
		l.table.Refresh()
		l.mapping.Refresh()
	}
}

// mappings reads the selects back into ingest mappings. A field set to
// "not imported" is mapped to "" so that it overrides the guess.
func (w *ImportWizard) mappings() map[ingest.Layer]ingest.Mapping {
	out := map[ingest.Layer]ingest.Mapping{}
	for _, l := range w.layers {
		m := ingest.Mapping{}
		for i, f := range l.fields {
			if l.selects[i].SelectedIndex() > 0 {
				m[f] = l.selects[i].Selected
			} else {
				m[f] = ""
			}
		}
		out[l.layer] = m
	}
	return out
}

// --- step 3: report ---

func (w *ImportWizard) reportPage() fyne.CanvasObject {
	w.status = widget.NewLabel("")
	w.status.Wrapping = fyne.TextWrapWord
	w.issues = widget.NewList(
		func() int {
			if w.report == nil {
				return 0
			}
			return len(w.report.Issues)
		},
		func() fyne.CanvasObject {
			text := widget.NewLabel("")
			text.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, text)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			issue := w.report.Issues[id]
			box.Objects[1].(*widget.Icon).SetResource(severityIcon(issue.Severity))
			box.Objects[0].(*widget.Label).SetText(issueText(issue))
		})
	return container.NewBorder(w.status, nil, nil, nil, w.issues)
}

// runImport imports with the chosen files and mappings, then shows the
// report.
func (w *ImportWizard) runImport() {
	files, mapping := w.chosen(), w.mappings()
	w.status.SetText(lang.X("import.running", "正在导入…"))
	w.report, w.district = nil, nil
	w.issues.Refresh()
	w.next.Disable()
	w.back.Disable()
	w.stop.Disable() // the import cannot be interrupted; it ends by itself
	var (
		d   *model.District
		rep *ingest.Report
		err error
	)
	w.run(func() {
		d, rep, err = w.backend.Import(files, mapping)
	}, func() {
		w.showReport(d, rep, err)
	})
}

func (w *ImportWizard) showReport(d *model.District, rep *ingest.Report, err error) {
	if rep == nil {
		rep = &ingest.Report{}
	}
	if err != nil {
		rep.Issues = append([]ingest.Issue{{Severity: ingest.Error, Message: err.Error()}}, rep.Issues...)
		d = nil
	}
	w.report, w.district = rep, d
	errors := rep.Count(ingest.Error)
	data := map[string]any{"Errors": errors, "Warnings": rep.Count(ingest.Warning), "Notes": rep.Count(ingest.Info)}
	switch {
	case d == nil:
		w.status.SetText(lang.X("import.failed", "导入失败：{{.Errors}} 个错误。请返回修改文件或字段对应。", data))
	case errors > 0:
		data["Schools"], data["Zones"] = len(d.Schools), len(d.Zones)
		w.status.SetText(lang.X("import.has_errors",
			"读入 {{.Schools}} 所学校、{{.Zones}} 个片区，但有 {{.Errors}} 个错误、{{.Warnings}} 个警告：请修正后重新导入。", data))
		w.district = nil
	default:
		data["Schools"], data["Zones"] = len(d.Schools), len(d.Zones)
		w.status.SetText(lang.X("import.ok",
			"读入 {{.Schools}} 所学校、{{.Zones}} 个片区；{{.Warnings}} 个警告、{{.Notes}} 条提示。请核对后点击“完成”。", data))
	}
	w.issues.Refresh()
	w.stop.Enable()
	w.updateButtons()
}

func (w *ImportWizard) done() {
	if w.district == nil {
		return
	}
	w.dialog.Hide()
	if w.onFinish != nil {
		w.onFinish(w.district)
	}
}

// --- navigation ---

func (w *ImportWizard) forward() {
	switch w.step {
	case importStepFiles:
		w.loadMapping()
		w.show(importStepMapping)
	case importStepMapping:
		w.show(importStepReport)
		w.runImport()
	case importStepReport:
		w.done()
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
		lang.X("import.step.files", "第 1 步，共 3 步：选择文件"),
		lang.X("import.step.mapping", "第 2 步，共 3 步：核对字段对应"),
		lang.X("import.step.report", "第 3 步，共 3 步：导入报告"),
	}
	w.title.SetText(titles[w.step])
	switch w.step {
	case importStepMapping:
		w.next.SetText(lang.X("import.run", "导入"))
	case importStepReport:
		w.next.SetText(lang.X("import.finish", "完成"))
	default:
		w.next.SetText(lang.X("import.next", "下一步"))
	}
	w.updateButtons()
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

// --- texts ---

func severityIcon(s ingest.Severity) fyne.Resource {
	switch s {
	case ingest.Error:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case ingest.Warning:
		return theme.NewWarningThemedResource(theme.WarningIcon())
	}
	return theme.InfoIcon()
}

// issueText places an issue: file, line or feature, id and field, then the
// importer's message.
func issueText(i ingest.Issue) string {
	var b strings.Builder
	if i.File != "" {
		b.WriteString(filepath.Base(i.File))
	}
	if i.Line > 0 {
		b.WriteString(" " + lang.X("import.issue.line", "第 {{.Line}} 行", map[string]any{"Line": i.Line}))
	}
	if i.Feature > 0 {
		// The 0-based index, as QGIS and GDAL show the feature id.
		b.WriteString(" " + lang.X("import.issue.feature", "要素 {{.Index}}", map[string]any{"Index": i.Feature - 1}))
	}
	if i.ID != "" {
		fmt.Fprintf(&b, " (%s)", i.ID)
	}
	if i.Field != "" {
		b.WriteString(" " + lang.X("import.issue.field", "字段“{{.Field}}”", map[string]any{"Field": i.Field}))
	}
	if b.Len() > 0 {
		b.WriteString("：")
	}
	b.WriteString(trIssue(i))
	return strings.TrimSpace(b.String())
}

func importLayerText(l ingest.Layer) string {
	if l == ingest.Zones {
		return lang.X("import.layer.zones", "居住片区")
	}
	return lang.X("import.layer.schools", "学校")
}

// importFieldText names a canonical field (the left side of --map).
func importFieldText(f string) string {
	switch f {
	case ingest.FieldID:
		return lang.X("import.field.id", "编码 id")
	case ingest.FieldName:
		return lang.X("import.field.name", "名称 name")
	case ingest.FieldLevel:
		return lang.X("import.field.level", "学段 level")
	case ingest.FieldCapacity:
		return lang.X("import.field.capacity", "学位数 capacity")
	case ingest.FieldClassrooms:
		return lang.X("import.field.classrooms", "教室数 classrooms")
	case ingest.FieldBoarding:
		return lang.X("import.field.boarding", "寄宿 boarding")
	case ingest.FieldTownship:
		return lang.X("import.field.township", "乡镇 township")
	case ingest.FieldPublic:
		return lang.X("import.field.public", "办学性质 public")
	case ingest.FieldPopulation:
		return lang.X("import.field.population", "人口 population")
	case ingest.FieldHouseholds:
		return lang.X("import.field.households", "户数 households")
	case ingest.FieldDwellings:
		return lang.X("import.field.dwellings", "住宅套数 dwellings")
	case ingest.FieldPrimaryAge:
		return lang.X("import.field.primary_age", "小学学龄人口 primary_age")
	case ingest.FieldJuniorAge:
		return lang.X("import.field.junior_age", "初中学龄人口 junior_age")
	case ingest.FieldPrimarySchool:
		return lang.X("import.field.primary_school", "对口小学 primary_school")
	case ingest.FieldJuniorSchool:
		return lang.X("import.field.junior_school", "对口初中 junior_school")
	}
	return f
}

// ingestBackend is the ImportBackend over package geo/ingest.
type ingestBackend struct{}

func (ingestBackend) Fields(l ingest.Layer) []string { return ingest.Fields(l) }

func (ingestBackend) GuessMapping(l ingest.Layer, props []string) ingest.Mapping {
	return ingest.GuessMapping(l, props)
}

func (ingestBackend) Preview(l ingest.Layer, path string, gcj02 bool) (ImportPreview, error) {
	p, err := ingest.Preview(path, nil, l, importPreviewRows, ingest.Options{GCJ02: gcj02})
	if err != nil {
		return ImportPreview{}, err
	}
	return ImportPreview{Encoding: p.Encoding, CRS: p.CRS, Features: p.Features,
		Properties: p.PropertyNames, Rows: p.Rows}, nil
}

// Import passes the wizard's mapping as --map values: every field is
// given, "" for a field the user set to "not imported".
func (ingestBackend) Import(f ImportFiles, mappings map[ingest.Layer]ingest.Mapping) (*model.District, *ingest.Report, error) {
	opt := ingest.ImportOptions{Schools: f.Schools, Zones: f.Zones, History: f.History,
		Births: f.Births, Housing: f.Housing, GCJ02: f.GCJ02}
	for _, layer := range []ingest.Layer{ingest.Schools, ingest.Zones} {
		for _, field := range slices.Sorted(maps.Keys(mappings[layer])) {
			opt.Map = append(opt.Map, string(layer)+"."+field+"="+mappings[layer][field])
		}
	}
	return ingest.Import(opt)
}
