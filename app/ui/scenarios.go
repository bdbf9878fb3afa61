package ui

// Scenarios (方案) in the window: a selector above the map (基础方案 + the
// project's scenarios, 新建/重命名/删除, 方案对比), the 方案 menu, Edit ▸
// 新建学校… / 撤并所选学校…, and the comparison window, which follows every
// change of the session (edits, scenario, year slider). Strings are in
// assets/i18n/scenario.*.json.

import (
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/model"
)

// baseScenarioLabel names the base district in lists.
func baseScenarioLabel() string { return lang.X("scenario.base", "基础方案") }

// scenarioLabel is a scenario's name for a list ("" = the base).
func scenarioLabel(name string) string {
	if name == "" {
		return baseScenarioLabel()
	}
	return name
}

// ScenarioBar is the strip above the map: which scenario is on display
// and the buttons that manage scenarios.
type ScenarioBar struct {
	widget.BaseWidget

	sess     *app.Session
	unlisten func() // stops following sess (scenariolisten.go)
	selector *widget.Select
	names    []string // scenario names in selector order, "" = base
	rename   *widget.Button
	remove   *widget.Button
	add      *widget.Button
	compare  *widget.Button
	loading  bool // load is setting the selection: not a user choice

	// onNew, onRename, onDelete and onCompare open the dialogs (set by
	// the window; tests call the session directly).
	onNew, onRename, onDelete, onCompare func()
	onError                              func(error)
}

// NewScenarioBar builds the selector on sess; it follows sess's changes.
func NewScenarioBar(sess *app.Session) *ScenarioBar {
	b := &ScenarioBar{sess: sess}
	b.ExtendBaseWidget(b)
	b.selector = widget.NewSelect(nil, func(string) {
		i := b.selector.SelectedIndex()
		if b.loading || i < 0 || i >= len(b.names) || b.names[i] == b.sess.CurrentScenario() {
			return
		}
		if err := b.sess.SwitchScenario(b.names[i]); err != nil {
			b.load()
			if b.onError != nil {
				b.onError(err)
			}
		}
	})
	call := func(f *func()) func() {
		return func() {
			if *f != nil {
				(*f)()
			}
		}
	}
	b.add = widget.NewButtonWithIcon(lang.X("scenario.new", "新建方案…"), theme.ContentAddIcon(), call(&b.onNew))
	b.rename = widget.NewButtonWithIcon(lang.X("scenario.rename", "重命名…"), theme.DocumentCreateIcon(), call(&b.onRename))
	b.remove = widget.NewButtonWithIcon(lang.X("scenario.delete", "删除"), theme.DeleteIcon(), call(&b.onDelete))
	b.compare = widget.NewButtonWithIcon(lang.X("scenario.compare", "方案对比"), theme.GridIcon(), call(&b.onCompare))
	for _, btn := range []*widget.Button{b.add, b.rename, b.remove, b.compare} {
		btn.Importance = widget.LowImportance
	}
	b.load()
	b.unlisten = sess.Listen(b.Refresh)
	return b
}

// CreateRenderer lays the label, selector and buttons out in one row.
func (b *ScenarioBar) CreateRenderer() fyne.WidgetRenderer {
	left := container.NewHBox(widget.NewLabel(lang.X("scenario.label", "方案")), b.selector, b.add, b.rename, b.remove)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, left, b.compare))
}

// Refresh re-reads the scenario list.
func (b *ScenarioBar) Refresh() {
	b.load()
	b.BaseWidget.Refresh()
}

func (b *ScenarioBar) load() {
	b.names = []string{""}
	labels := []string{baseScenarioLabel()}
	for _, s := range b.sess.Scenarios() {
		b.names = append(b.names, s.Name)
		l := s.Name
		if s.Err != nil {
			l += " ⚠"
		}
		labels = append(labels, l)
	}
	b.loading = true
	b.selector.SetOptions(labels)
	b.selector.SetSelectedIndex(slices.Index(b.names, b.sess.CurrentScenario()))
	b.loading = false
	onBase := b.sess.CurrentScenario() == ""
	for _, btn := range []*widget.Button{b.rename, b.remove} {
		if onBase {
			btn.Disable()
		} else {
			btn.Enable()
		}
	}
}

// compareRows are the comparison's figures, one per row (labels: rowLabel).
var compareRows = []func(app.ScenarioSummary) string{
	func(s app.ScenarioSummary) string { return fmt.Sprintf("%.1f%%", s.Summary.LargeShare*100) },
	func(s app.ScenarioSummary) string { return strconv.Itoa(s.Summary.VeryLarge) },
	func(s app.ScenarioSummary) string { return strconv.Itoa(s.Summary.Large) },
	func(s app.ScenarioSummary) string { return strconv.Itoa(s.SeatShortage) },
	func(s app.ScenarioSummary) string { return strconv.Itoa(s.Oversized) },
	func(s app.ScenarioSummary) string { return strconv.Itoa(s.Summary.SmallSchool) },
	func(s app.ScenarioSummary) string { return strconv.Itoa(s.Summary.Schools) },
}

// rowLabel is a comparison row's label in the UI language. The keys are
// literal at each call so the translation test finds them.
func rowLabel(i int) string {
	switch i {
	case 0:
		return lang.X("scenario.row.large_share", "大班额占比")
	case 1:
		return lang.X("scenario.row.very_large", "超大班额班数")
	case 2:
		return lang.X("scenario.row.large", "大班额班数")
	case 3:
		return lang.X("scenario.row.seat_shortage", "学位缺口")
	case 4:
		return lang.X("scenario.row.oversized", "大校额学校")
	case 5:
		return lang.X("scenario.row.small", "小规模学校")
	}
	return lang.X("scenario.row.schools", "学校数")
}

// CompareView is the comparison table (方案对比): one column per scenario
// (base first), one row per figure, for the session's year.
type CompareView struct {
	widget.BaseWidget

	sess     *app.Session
	unlisten func() // stops following sess (scenariolisten.go)
	title    *widget.Label
	grid     *fyne.Container
	note     *widget.Label
	cells    [][]string // last rendered table, row-major incl. header (for tests)
}

// NewCompareView builds the table on sess; it follows sess's changes.
func NewCompareView(sess *app.Session) *CompareView {
	v := &CompareView{sess: sess}
	v.ExtendBaseWidget(v)
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.note = widget.NewLabel(lang.X("scenario.compare.note", "数字随编辑、方案和年份滑块即时更新；低于基础方案的缺口和大班额显示为绿色。"))
	v.note.Wrapping = fyne.TextWrapWord
	v.grid = container.NewGridWithColumns(2)
	v.load()
	v.unlisten = sess.Listen(v.Refresh)
	return v
}

// CreateRenderer stacks the title, the table and the note.
func (v *CompareView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(v.title, v.note, nil, nil, container.NewVScroll(v.grid)))
}

// Refresh recomputes the comparison.
func (v *CompareView) Refresh() {
	v.load()
	v.BaseWidget.Refresh()
}

func (v *CompareView) load() {
	year := v.sess.Year()
	if v.sess.Projected(year) {
		v.title.SetText(lang.X("scenario.compare.title.projected", "{{.Year}}年方案对比（预测）", map[string]any{"Year": year}))
	} else {
		v.title.SetText(lang.X("scenario.compare.title", "{{.Year}}年方案对比", map[string]any{"Year": year}))
	}
	cmp := v.sess.Compare(year)
	v.grid.RemoveAll()
	v.grid.Layout = container.NewGridWithColumns(len(cmp) + 1).Layout
	v.cells = nil
	bold := fyne.TextStyle{Bold: true}
	header := []string{""}
	v.grid.Add(widget.NewLabel(""))
	for _, c := range cmp {
		name := scenarioLabel(c.Name)
		if c.Name == v.sess.CurrentScenario() {
			name = "▶ " + name
		}
		header = append(header, name)
		v.grid.Add(widget.NewLabelWithStyle(name, fyne.TextAlignTrailing, bold))
	}
	v.cells = append(v.cells, header)
	for i, value := range compareRows {
		row := []string{rowLabel(i)}
		v.grid.Add(widget.NewLabel(row[0]))
		for k, c := range cmp {
			text := value(c)
			if c.Err != nil {
				text = "—"
			}
			row = append(row, text)
			l := widget.NewLabel(text)
			l.Alignment = fyne.TextAlignTrailing
			if k > 0 && c.Err == nil {
				l.Importance = compareImportance(i, c, cmp[0])
			}
			v.grid.Add(l)
		}
		v.cells = append(v.cells, row)
	}
}

// compareImportance colours a scenario's figure against the base: green
// when it is better, red when worse (only for the figures to bring down).
func compareImportance(row int, c, base app.ScenarioSummary) widget.Importance {
	var a, b float64
	switch row {
	case 0:
		a, b = c.Summary.LargeShare, base.Summary.LargeShare
	case 1:
		a, b = float64(c.Summary.VeryLarge), float64(base.Summary.VeryLarge)
	case 2:
		a, b = float64(c.Summary.Large), float64(base.Summary.Large)
	case 3:
		a, b = float64(c.SeatShortage), float64(base.SeatShortage)
	case 4:
		a, b = float64(c.Oversized), float64(base.Oversized)
	default:
		return widget.MediumImportance
	}
	switch {
	case a < b-1e-9:
		return widget.SuccessImportance
	case a > b+1e-9:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// ---- window wiring -------------------------------------------------------

// buildScenarioBar makes the selector for the current session and wires
// its buttons to the dialogs.
func (w *mainWindow) buildScenarioBar() fyne.CanvasObject {
	b := NewScenarioBar(w.sess)
	b.onNew, b.onRename, b.onDelete, b.onCompare = w.showNewScenario, w.showRenameScenario, w.confirmDeleteScenario, w.showCompare
	b.onError = w.showError
	if w.compareWin != nil { // a project was opened: compare its scenarios
		w.setCompareView()
	}
	return b
}

// scenarioMenu is the 方案 menu.
func (w *mainWindow) scenarioMenu() *fyne.Menu {
	return fyne.NewMenu(lang.X("scenario.menu", "方案"),
		fyne.NewMenuItem(lang.X("scenario.new", "新建方案…"), w.showNewScenario),
		fyne.NewMenuItem(lang.X("scenario.menu.rename", "重命名方案…"), w.showRenameScenario),
		fyne.NewMenuItem(lang.X("scenario.menu.delete", "删除方案"), w.confirmDeleteScenario),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("scenario.menu.base", "显示基础方案"), func() { w.showError(w.sess.SwitchScenario("")) }),
		fyne.NewMenuItem(lang.X("scenario.menu.compare", "方案对比…"), w.showCompare),
		fyne.NewMenuItem(lang.X("scenario.menu.timeline", "项目时间表…"), w.showTimeline),
	)
}

// schoolMenuItems are Edit ▸ 新建学校… and 撤并所选学校….
func (w *mainWindow) schoolMenuItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		fyne.NewMenuItem(lang.X("scenario.school.open", "新建学校…"), w.showOpenSchool),
		fyne.NewMenuItem(lang.X("scenario.school.close", "撤并所选学校…"), w.showCloseSchool),
	}
}

func (w *mainWindow) showNewScenario() {
	if w.sess == nil {
		return
	}
	name := widget.NewEntry()
	name.SetPlaceHolder(lang.X("scenario.name.placeholder", "如：新建滨江小学"))
	desc := widget.NewMultiLineEntry()
	desc.SetMinRowsVisible(2)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.X("scenario.name", "名称"), name),
		widget.NewFormItem(lang.X("scenario.description", "说明"), desc),
	}
	d := dialog.NewForm(lang.X("scenario.new.title", "新建方案"), lang.X("scenario.ok", "确定"), lang.X("scenario.cancel", "取消"), items,
		func(ok bool) {
			if ok {
				w.showError(w.sess.NewScenario(name.Text, desc.Text))
			}
		}, w.win)
	d.Resize(fyne.NewSize(460, 260))
	d.Show()
	w.win.Canvas().Focus(name)
}

// chosenScenario is the current scenario; for the base it tells the user
// to choose one and returns false (the base cannot be renamed or deleted).
func (w *mainWindow) chosenScenario() (string, bool) {
	if w.sess != nil && w.sess.CurrentScenario() != "" {
		return w.sess.CurrentScenario(), true
	}
	w.showInfo(lang.X("scenario.choose", "请先在方案列表中选择一个方案（基础方案不能重命名或删除）。"))
	return "", false
}

func (w *mainWindow) showRenameScenario() {
	cur, ok := w.chosenScenario()
	if !ok {
		return
	}
	name := widget.NewEntry()
	name.SetText(cur)
	desc := widget.NewMultiLineEntry()
	desc.SetMinRowsVisible(2)
	for _, s := range w.sess.Scenarios() {
		if s.Name == cur {
			desc.SetText(s.Description)
		}
	}
	items := []*widget.FormItem{
		widget.NewFormItem(lang.X("scenario.name", "名称"), name),
		widget.NewFormItem(lang.X("scenario.description", "说明"), desc),
	}
	d := dialog.NewForm(lang.X("scenario.rename.title", "重命名方案"), lang.X("scenario.ok", "确定"), lang.X("scenario.cancel", "取消"), items,
		func(ok bool) {
			if ok {
				text := desc.Text
				w.showError(w.sess.RenameScenario(cur, name.Text, &text))
			}
		}, w.win)
	d.Resize(fyne.NewSize(460, 260))
	d.Show()
}

func (w *mainWindow) confirmDeleteScenario() {
	cur, ok := w.chosenScenario()
	if !ok {
		return
	}
	dialog.ShowConfirm(lang.X("scenario.delete.title", "删除方案"),
		lang.X("scenario.delete.confirm", "删除方案“{{.Name}}”及其全部修改？", map[string]any{"Name": cur}),
		func(ok bool) {
			if ok {
				w.showError(w.sess.DeleteScenario(cur))
			}
		}, w.win)
}

func (w *mainWindow) showInfo(msg string) {
	dialog.ShowInformation(lang.X("scenario.menu", "方案"), msg, w.win)
}

// showCompare opens the comparison window (one per main window; a second
// call brings it to the front).
func (w *mainWindow) showCompare() {
	if w.sess == nil {
		return
	}
	if w.compareWin != nil {
		w.setCompareView()
		w.compareWin.RequestFocus()
		return
	}
	cw := w.app.NewWindow(lang.X("scenario.compare.window", "方案对比"))
	w.compareWin = cw
	w.setCompareView()
	cw.Resize(fyne.NewSize(760, 440))
	cw.SetOnClosed(func() { w.closeCompareView(); w.compareWin = nil })
	w.compareWin = cw
	cw.Show()
}

// showTimeline opens the 项目 timeline of the scenario on display.
func (w *mainWindow) showTimeline() {
	if w.sess == nil {
		return
	}
	tw := w.app.NewWindow(lang.X("scenario.timeline.window", "项目时间表"))
	v := NewTimelineView(w.sess)
	v.OnReschedule = func(edit int) { w.askEditYear(tw, edit) }
	tw.SetContent(v)
	tw.Resize(fyne.NewSize(720, 360))
	tw.Show()
}

// planYear is the year a dialog suggests for a plan, plus offset (−1 for
// a closure's last year open); 0 (empty, from the start) on the base
// district, where edits are corrections of the data, not plans.
func (w *mainWindow) planYear(offset int) int {
	if w.sess.CurrentScenario() == "" {
		return 0
	}
	return suggestedYear(w.sess) + offset
}

// askEditYear asks a new year for edit i of the scenario on display (the
// 项目时间表's 改年份; a closure's year is its last year open).
func (w *mainWindow) askEditYear(win fyne.Window, i int) {
	year := newYearEntry(w.sess.EditYear(i))
	items := []*widget.FormItem{widget.NewFormItem(lang.X("scenario.timeline.year", "生效年份（撤并为最后办学年份）"), year)}
	dialog.ShowForm(lang.X("scenario.timeline.reschedule", "修改年份"), lang.X("scenario.ok", "确定"), lang.X("scenario.cancel", "取消"), items,
		func(ok bool) {
			if !ok {
				return
			}
			y, err := parsePlanYear(year.Text)
			if err == nil {
				err = w.sess.Reschedule(i, y)
			}
			if err != nil {
				dialog.ShowError(translatedError{err}, win)
			}
		}, win)
}

// openSchoolLevels are the levels a new school can have, in menu order.
var openSchoolLevels = []model.Level{model.LevelPrimary, model.LevelJunior, model.LevelNineYear, model.LevelKindergarten}

// showOpenSchool asks for a new school. It is placed at the selected zone
// (or the centre of the district) unless the user chooses to click its
// site on the map.
func (w *mainWindow) showOpenSchool() {
	if w.sess == nil {
		return
	}
	name := widget.NewEntry()
	name.SetPlaceHolder(lang.X("scenario.school.name.placeholder", "如：滨江小学"))
	levels := make([]string, len(openSchoolLevels))
	for i, l := range openSchoolLevels {
		levels[i] = l.Chinese()
	}
	level := widget.NewSelect(levels, nil)
	level.SetSelectedIndex(0)
	capacity := widget.NewEntry()
	capacity.SetText("1080")
	rooms := widget.NewEntry()
	rooms.SetText("24")
	chosenLevel := func() model.Level { return openSchoolLevels[max(level.SelectedIndex(), 0)] }
	scale := scaleSelect(chosenLevel, func(sc model.Scale) {
		capacity.SetText(strconv.Itoa(sc.Seats))
		rooms.SetText(strconv.Itoa(sc.Classes))
	})
	level.OnChanged = func(string) { setScales(scale, chosenLevel()) }
	setScales(scale, openSchoolLevels[0])
	year := newYearEntry(w.planYear(0))
	place := widget.NewCheck(lang.X("scenario.school.click", "确定后在地图上点击学校位置"), nil)
	place.SetChecked(true)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.X("scenario.school.name", "校名"), name),
		widget.NewFormItem(lang.X("scenario.school.level", "学段"), level),
		widget.NewFormItem(lang.X("scenario.school.scale", "办学规模（建标102）"), scale),
		widget.NewFormItem(lang.X("scenario.school.capacity", "学位数"), capacity),
		widget.NewFormItem(lang.X("scenario.school.classrooms", "教室数"), rooms),
		widget.NewFormItem(lang.X("scenario.school.open_year", "开办年份（首次招生）"), year),
		widget.NewFormItem(lang.X("scenario.school.location", "位置"), place),
	}
	d := dialog.NewForm(lang.X("scenario.school.open.title", "新建学校"), lang.X("scenario.ok", "确定"), lang.X("scenario.cancel", "取消"), items,
		func(ok bool) {
			if !ok {
				return
			}
			c := &app.OpenSchool{Name: name.Text, Level: openSchoolLevels[max(level.SelectedIndex(), 0)], Public: true,
				Location: w.defaultSchoolSite()}
			var err1, err2 error
			c.Capacity, err1 = atoiOrZero(capacity.Text)
			c.Classrooms, err2 = atoiOrZero(rooms.Text)
			if err1 != nil || err2 != nil {
				w.showError(fmt.Errorf("%s", lang.X("scenario.school.number", "学位数和教室数须为整数")))
				return
			}
			y, err := parsePlanYear(year.Text)
			if err != nil {
				w.showError(err)
				return
			}
			if !place.Checked {
				w.showError(w.sess.Do(app.At(y, c)))
				return
			}
			w.placeOnMap(func(p orb.Point) {
				c.Location = p
				w.showError(w.sess.Do(app.At(y, c)))
			})
		}, w.win)
	d.Resize(fyne.NewSize(460, 460))
	d.Show()
}

// scaleSelect picks a 建标102 standard scale (model.StandardScales) of
// the level chosen and hands it to pick.
func scaleSelect(level func() model.Level, pick func(model.Scale)) *widget.Select {
	sel := widget.NewSelect(nil, nil)
	sel.PlaceHolder = lang.X("scenario.school.scale.custom", "自定（填下面两项）")
	sel.OnChanged = func(string) {
		scales := model.StandardScales(level())
		if i := sel.SelectedIndex(); i >= 0 && i < len(scales) {
			pick(scales[i])
		}
	}
	return sel
}

// setScales lists the standard scales of level l in sel; picking one
// fills the seats and classrooms.
func setScales(sel *widget.Select, l model.Level) {
	scales := model.StandardScales(l)
	opts := make([]string, len(scales))
	for i, sc := range scales {
		opts[i] = lang.X("scenario.school.scale.option", "{{.Classes}} 班 {{.Seats}} 学位", map[string]any{"Classes": sc.Classes, "Seats": sc.Seats})
	}
	sel.Options = opts
	sel.ClearSelected()
	sel.Refresh()
}

func atoiOrZero(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	return strconv.Atoi(s)
}

// defaultSchoolSite is the selected zone's label point, else the centre
// of the district's zones.
func (w *mainWindow) defaultSchoolSite() orb.Point {
	d := w.sess.District()
	if sel := w.mapView.SelectedZones(); len(sel) > 0 {
		if z := d.Zone(sel[0]); z != nil && len(z.Geometry) > 0 {
			return geo.LabelPoint(z.Geometry)
		}
	}
	var b orb.Bound
	first := true
	for _, z := range d.Zones {
		if len(z.Geometry) == 0 {
			continue
		}
		if first {
			b, first = z.Geometry.Bound(), false
		} else {
			b = b.Union(z.Geometry.Bound())
		}
	}
	if first && len(d.Schools) > 0 {
		return d.Schools[0].Location
	}
	return b.Center()
}

// placeOnMap waits for the next tap on the map and hands its lon/lat to
// done; Escape (which clears the selection) or a tap anywhere ends it.
// The map reports the pointer's lon/lat as it moves, and a tap always
// ends in OnSelectSchool or OnSelectZone, so both are borrowed once.
func (w *mainWindow) placeOnMap(done func(orb.Point)) {
	m := w.mapView
	prevPointer, prevSchool, prevZone := m.OnPointer, m.OnSelectSchool, m.OnSelectZone
	var last orb.Point
	have := false
	m.OnPointer = func(p orb.Point) {
		last, have = p, true
		if prevPointer != nil {
			prevPointer(p)
		}
	}
	tapped := func(string) {
		m.OnPointer, m.OnSelectSchool, m.OnSelectZone = prevPointer, prevSchool, prevZone
		if have {
			done(last)
		}
	}
	m.OnSelectSchool, m.OnSelectZone = tapped, tapped
	w.status.SetText(lang.X("scenario.school.place", "在地图上点击新学校的位置"))
}

// selectedSchool is the school selected on the map or in the table.
func (w *mainWindow) selectedSchool() string {
	if id := w.mapView.SelectedSchool(); id != "" {
		return id
	}
	if w.panels.table != nil {
		return w.panels.table.Selected()
	}
	return ""
}

// showCloseSchool asks where the selected school's pupils go and closes it.
func (w *mainWindow) showCloseSchool() {
	if w.sess == nil {
		return
	}
	d := w.sess.District()
	s := d.School(w.selectedSchool())
	if s == nil || s.Closed {
		w.showInfo(lang.X("scenario.school.select", "请先在地图或学校列表中选择一所开办中的学校。"))
		return
	}
	ids := []string{""}
	names := []string{lang.X("scenario.school.nearest", "各小区就近划入")}
	for _, o := range d.Schools {
		if o.ID != s.ID && !o.Closed && o.Level != model.LevelKindergarten && o.Level != model.LevelSenior {
			ids = append(ids, o.ID)
			names = append(names, o.Name)
		}
	}
	to := widget.NewSelect(names, nil)
	to.SetSelectedIndex(0)
	last := newYearEntry(w.planYear(-1))
	items := []*widget.FormItem{
		widget.NewFormItem(lang.X("scenario.school.to", "学生划入"), to),
		widget.NewFormItem(lang.X("scenario.school.last_year", "最后办学年份"), last),
	}
	title := lang.X("scenario.school.close.title", "撤并 {{.Name}}", map[string]any{"Name": s.Name})
	dlg := dialog.NewForm(title, lang.X("scenario.ok", "确定"), lang.X("scenario.cancel", "取消"), items,
		func(ok bool) {
			if !ok {
				return
			}
			y, err := parsePlanYear(last.Text)
			if err != nil {
				w.showError(err)
				return
			}
			c := &app.CloseSchool{ID: s.ID, To: ids[max(to.SelectedIndex(), 0)]}
			if err := w.sess.Do(app.At(y, c)); err != nil {
				w.showError(err)
				return
			}
			w.showInfo(lang.X("scenario.school.closed", "已撤并，{{.N}} 个小区的学区已调整。可用 Ctrl+Z 撤销。", map[string]any{"N": c.Moved()}))
		}, w.win)
	dlg.Resize(fyne.NewSize(460, 260))
	dlg.Show()
}
