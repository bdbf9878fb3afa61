package ui

// School table panel: every school of the district with this year's
// class-size and seat figures, sortable and filterable.
//
//	NewSchoolTable(src SchoolTableSource, onSelect func(schoolID string)) *SchoolTable
//
// src is usually the *app.Session. Wiring: call (*SchoolTable).Refresh from
// Session.OnChange; call SelectSchool(id) when a school is picked elsewhere
// (the map) to highlight its row. Tapping a row calls onSelect with the
// school's ID. Tapping a column header sorts by it; tapping again reverses.
//
// The shared display helpers of the panels (status colours, level and
// status names) live at the end of this file.

import (
	"cmp"
	"image/color"
	"maps"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// SchoolTableSource is what the school table reads: the district (names,
// townships) and the analysis of the year under study.
type SchoolTableSource interface {
	District() *model.District
	Analysis() model.Analysis
}

// *app.Session is the usual source.
var _ SchoolTableSource = (*app.Session)(nil)

// Columns of the school table, in display order.
const (
	schoolColName = iota
	schoolColLevel
	schoolColStudents
	schoolColClasses
	schoolColSeats
	schoolColSeatGap
	schoolColMaxClass
	schoolColStatus
	schoolColCount
)

// Status filter choices (index into the status select's options).
const (
	statusFilterAll = iota
	statusFilterLarge
	statusFilterVeryLarge
	statusFilterOversized
	statusFilterSmall
	statusFilterSeatGap
)

// schoolRow is one line of the table: the school and its result this year.
// has is false for a school with no enrollment records this year.
type schoolRow struct {
	school model.School
	res    model.SchoolResult
	has    bool
}

// SchoolTable lists the schools with this year's figures.
type SchoolTable struct {
	widget.BaseWidget

	src      SchoolTableSource
	onSelect func(string)

	search   *widget.Entry
	level    *widget.Select
	status   *widget.Select
	township *widget.Select
	count    *widget.Label
	table    *widget.Table

	all      []schoolRow // every school, district order
	rows     []schoolRow // filtered and sorted view shown
	texts    []rowTexts  // the cells' texts of rows (filter)
	sortCol  int         // -1 = district order
	sortDesc bool
	selected string // ID of the selected school
	quiet    bool   // true while the table is selected from code
}

// NewSchoolTable builds the school table on src. onSelect (may be nil) is
// called with the school ID when the user selects a row.
func NewSchoolTable(src SchoolTableSource, onSelect func(schoolID string)) *SchoolTable {
	t := &SchoolTable{src: src, onSelect: onSelect, sortCol: -1}
	t.ExtendBaseWidget(t)

	t.search = widget.NewEntry()
	t.search.SetPlaceHolder(lang.X("school.table.search", "搜索学校名称"))
	t.search.OnChanged = func(string) { t.apply() }

	all := lang.X("school.table.filter.all", "全部")
	levels := []string{all}
	for _, l := range filterLevels {
		levels = append(levels, schoolLevelText(l))
	}
	t.level = widget.NewSelect(levels, func(string) { t.apply() })
	t.status = widget.NewSelect([]string{all,
		lang.X("school.table.filter.large", "大班额"),
		lang.X("school.table.filter.very_large", "超大班额"),
		lang.X("school.table.filter.oversized", "大校额"),
		lang.X("school.table.filter.small", "小规模"),
		lang.X("school.table.filter.seat_gap", "学位缺口")}, func(string) { t.apply() })
	t.township = widget.NewSelect([]string{all}, func(string) { t.apply() })
	for _, s := range []*widget.Select{t.level, t.status, t.township} {
		s.PlaceHolder = " " // never shown (全部 is chosen); keeps the select narrow
		s.SetSelectedIndex(0)
	}
	t.count = widget.NewLabel("")

	t.table = widget.NewTable(t.length, t.createCell, t.updateCell)
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		return b
	}
	t.table.UpdateHeader = t.updateHeader
	t.table.OnSelected = t.rowSelected
	for col, w := range []float32{132, 88, 68, 50, 54, 72, 58, 112} {
		t.table.SetColumnWidth(col, w)
	}
	t.reload()
	t.filter()
	return t
}

// CreateRenderer lays out the filter bar above the table.
func (t *SchoolTable) CreateRenderer() fyne.WidgetRenderer {
	labelled := func(key string, sel *widget.Select) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(key), nil, sel)
	}
	filters := container.NewVBox(
		t.search,
		container.NewGridWithColumns(3,
			labelled(lang.X("school.table.filter.level", "学段"), t.level),
			labelled(lang.X("school.table.filter.issue", "问题"), t.status),
			labelled(lang.X("school.table.filter.township", "乡镇"), t.township)),
	)
	return widget.NewSimpleRenderer(container.NewBorder(filters, t.count, nil, nil, t.table))
}

// Refresh re-reads the district and analysis, keeping filters, sort order
// and selection.
//
// After an edit usually the same rows show in the same order and only a
// few change: then only those rows' cells are redrawn (re-laying out and
// re-shaping every visible cell's text is what made an edit slow).
func (t *SchoolTable) Refresh() {
	prevIDs := make([]string, len(t.rows))
	for i, r := range t.rows {
		prevIDs[i] = r.school.ID
	}
	prevTexts := slices.Clone(t.texts)
	t.reload()
	t.filter()
	if !t.sameRows(prevIDs) {
		t.table.Refresh()
		t.reselect()
		return
	}
	for i := range t.rows {
		if t.texts[i] == prevTexts[i] {
			continue
		}
		for c := range schoolColCount {
			t.table.RefreshItem(widget.TableCellID{Row: i, Col: c})
		}
	}
	t.reselect()
}

// sameRows reports whether the table shows the schools ids, in order.
func (t *SchoolTable) sameRows(ids []string) bool {
	if len(ids) != len(t.rows) {
		return false
	}
	for i, r := range t.rows {
		if r.school.ID != ids[i] {
			return false
		}
	}
	return true
}

// SelectSchool highlights the row of school id (if shown) without calling
// onSelect. An unknown or filtered-out id clears the selection.
func (t *SchoolTable) SelectSchool(id string) {
	t.selected = id
	t.reselect()
}

// Selected is the ID of the selected school ("" for none).
func (t *SchoolTable) Selected() string { return t.selected }

// SetFilter sets the text search (used by tests and the window's search
// shortcut).
func (t *SchoolTable) SetFilter(text string) { t.search.SetText(text) }

// reload rebuilds all rows from the source, then re-applies the view.
func (t *SchoolTable) reload() {
	d := t.src.District()
	a := t.src.Analysis()
	byID := make(map[string]int, len(a.Schools))
	for i, r := range a.Schools {
		byID[r.School] = i
	}
	t.all = t.all[:0]
	towns := map[string]bool{}
	for _, s := range d.Schools {
		row := schoolRow{school: s}
		if i, ok := byID[s.ID]; ok {
			row.res, row.has = a.Schools[i].Row(), true // a kindergarten shows its own stage
		}
		t.all = append(t.all, row)
		if s.Township != "" {
			towns[s.Township] = true
		}
	}
	options := []string{t.township.Options[0]}
	for _, town := range slices.Sorted(maps.Keys(towns)) {
		options = append(options, town)
	}
	prev := t.township.Selected
	t.township.Options = options
	if !slices.Contains(options, prev) {
		prev = options[0]
	}
	t.township.Selected = prev
}

// apply filters and sorts t.all into t.rows and redraws the table.
func (t *SchoolTable) apply() {
	if t.table == nil { // selects fire while the widget is being built
		return
	}
	t.filter()
	t.table.Refresh()
	t.reselect()
}

// filter computes t.rows from t.all, the filters and the sort order.
func (t *SchoolTable) filter() {
	query := strings.ToLower(strings.TrimSpace(t.search.Text))
	level := t.level.SelectedIndex()
	town := t.township.SelectedIndex()
	status := t.status.SelectedIndex()

	t.rows = t.rows[:0]
	for _, r := range t.all {
		if query != "" && !strings.Contains(strings.ToLower(r.school.Name), query) &&
			!strings.Contains(strings.ToLower(r.school.ID), query) {
			continue
		}
		if level > 0 && r.school.Level != filterLevels[level-1] {
			continue
		}
		if town > 0 && r.school.Township != t.township.Selected {
			continue
		}
		if status > 0 && !matchesStatusFilter(r, status) {
			continue
		}
		t.rows = append(t.rows, r)
	}
	if t.sortCol >= 0 {
		slices.SortStableFunc(t.rows, func(a, b schoolRow) int {
			c := compareSchoolRows(a, b, t.sortCol)
			if t.sortDesc {
				return -c
			}
			return c
		})
	}
	t.texts = t.texts[:0]
	for _, r := range t.rows {
		t.texts = append(t.texts, cellTexts(r))
	}
	if c := t.countText(); c != t.count.Text {
		t.count.SetText(c)
	}
}

// countText says how many schools are shown of how many open ones (the
// status bar's count), and how many closed (已撤并) ones are listed too.
func (t *SchoolTable) countText() string {
	closed := 0
	for _, r := range t.all {
		if r.school.Closed {
			closed++
		}
	}
	data := map[string]any{"Shown": len(t.rows), "Total": len(t.all) - closed, "Closed": closed}
	if closed == 0 {
		return lang.X("school.table.count", "显示 {{.Shown}} / {{.Total}} 所学校", data)
	}
	return lang.X("school.table.count.closed", "显示 {{.Shown}} 所 · 开办 {{.Total}} 所 · 已撤并 {{.Closed}} 所", data)
}

func matchesStatusFilter(r schoolRow, filter int) bool {
	if !r.has {
		return false
	}
	switch filter {
	case statusFilterLarge:
		return r.res.Large+r.res.VeryLarge > 0
	case statusFilterVeryLarge:
		return r.res.VeryLarge > 0
	case statusFilterOversized:
		return r.res.OversizedSchool
	case statusFilterSmall:
		return r.res.SmallSchool
	case statusFilterSeatGap:
		return r.res.SeatGap > 0
	}
	return true
}

// compareSchoolRows orders two rows by a column; schools without figures
// this year sort before any number.
func compareSchoolRows(a, b schoolRow, col int) int {
	switch col {
	case schoolColName:
		return strings.Compare(a.school.Name, b.school.Name)
	case schoolColLevel:
		return cmp.Compare(a.school.Level, b.school.Level)
	}
	if a.has != b.has {
		if a.has {
			return 1
		}
		return -1
	}
	switch col {
	case schoolColStudents:
		return cmp.Compare(a.res.Students, b.res.Students)
	case schoolColClasses:
		return cmp.Compare(a.res.Classes, b.res.Classes)
	case schoolColSeats:
		return cmp.Compare(a.res.Capacity, b.res.Capacity)
	case schoolColSeatGap:
		return cmp.Compare(a.res.SeatGap, b.res.SeatGap)
	case schoolColMaxClass:
		return cmp.Compare(largestClass(a.res), largestClass(b.res))
	case schoolColStatus:
		return cmp.Compare(a.res.Worst(), b.res.Worst())
	}
	return 0
}

// sortBy is the header tap: a new column sorts ascending, the same column
// again reverses the order.
func (t *SchoolTable) sortBy(col int) {
	if t.sortCol == col {
		t.sortDesc = !t.sortDesc
	} else {
		t.sortCol, t.sortDesc = col, false
	}
	t.apply()
}

func (t *SchoolTable) length() (int, int) { return len(t.rows), schoolColCount }

func (t *SchoolTable) createCell() fyne.CanvasObject {
	swatch := canvas.NewRectangle(color.Transparent)
	swatch.SetMinSize(fyne.NewSize(10, 10))
	swatch.CornerRadius = 5
	label := widget.NewLabel("")
	label.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, container.NewCenter(swatch), nil, label)
}

func (t *SchoolTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	label := box.Objects[0].(*widget.Label)
	swatchBox := box.Objects[1].(*fyne.Container)
	swatch := swatchBox.Objects[0].(*canvas.Rectangle)
	if id.Row >= len(t.rows) {
		label.SetText("")
		swatchBox.Hide()
		return
	}
	r := t.rows[id.Row]
	hadSwatch := swatchBox.Visible()
	align := fyne.TextAlignTrailing
	switch id.Col {
	case schoolColName, schoolColLevel, schoolColStatus:
		align = fyne.TextAlignLeading
	}
	showSwatch := id.Col == schoolColStatus && !r.school.Closed && r.has
	if showSwatch {
		if c := classStatusColor(r.res.Worst()); swatch.FillColor != c {
			swatch.FillColor = c
			swatch.Refresh()
		}
		swatchBox.Show()
	} else {
		swatchBox.Hide()
	}
	if swatchBox.Visible() != hadSwatch { // lay out again for the swatch
		box.Layout.Layout(box.Objects, box.Size())
	}
	// Setting a label's text re-shapes it: only when it changed.
	if text := t.texts[id.Row][id.Col]; label.Text != text || label.Alignment != align {
		label.Alignment = align
		label.SetText(text)
	}
}

// rowTexts are the texts of one row's cells.
type rowTexts [schoolColCount]string

// cellTexts is what the cells of row r show.
func cellTexts(r schoolRow) rowTexts {
	var out rowTexts
	for c := range out {
		out[c] = "—"
	}
	out[schoolColName] = r.school.Name
	out[schoolColLevel] = schoolLevelText(r.school.Level)
	out[schoolColStudents] = estimatedShort(numberIf(r.has, r.res.Students), r.has && r.res.StudentsEstimated)
	out[schoolColClasses] = estimatedShort(numberIf(r.has, r.res.Classes), r.has && r.res.StudentsEstimated)
	if r.has {
		out[schoolColSeats] = seatsText(r.res, estimatedShort)
		out[schoolColSeatGap] = seatGapText(r.res, estimatedShort)
		out[schoolColStatus] = schoolStatusText(r.res)
	}
	out[schoolColMaxClass] = numberIf(r.has, largestClass(r.res))
	if r.school.Closed {
		out[schoolColStatus] = lang.X("school.status.closed", "已撤并")
	}
	return out
}

func (t *SchoolTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= schoolColCount {
		b.SetText("")
		b.OnTapped = nil
		return
	}
	text := schoolColumnTitle(id.Col)
	if id.Col == t.sortCol {
		if t.sortDesc {
			text += " ▼"
		} else {
			text += " ▲"
		}
	}
	col := id.Col
	b.OnTapped = func() { t.sortBy(col) }
	b.SetText(text)
}

func schoolColumnTitle(col int) string {
	switch col {
	case schoolColName:
		return lang.X("school.table.name", "名称")
	case schoolColLevel:
		return lang.X("school.table.level", "学段")
	case schoolColStudents:
		return lang.X("school.table.students", "在校生")
	case schoolColClasses:
		return lang.X("school.table.classes", "班数")
	case schoolColSeats:
		return lang.X("school.table.seats", "学位")
	case schoolColSeatGap:
		return lang.X("school.table.seat_gap", "学位缺口")
	case schoolColMaxClass:
		return lang.X("school.table.max_class", "最大班额")
	case schoolColStatus:
		return lang.X("school.table.status", "状态")
	}
	return ""
}

func (t *SchoolTable) rowSelected(id widget.TableCellID) {
	if id.Row < 0 || id.Row >= len(t.rows) {
		return
	}
	t.selected = t.rows[id.Row].school.ID
	if !t.quiet && t.onSelect != nil {
		t.onSelect(t.selected)
	}
}

// reselect moves the table selection to the row of t.selected after the
// rows changed, without calling onSelect.
func (t *SchoolTable) reselect() {
	t.quiet = true
	defer func() { t.quiet = false }()
	for i, r := range t.rows {
		if r.school.ID == t.selected && t.selected != "" {
			t.table.Select(widget.TableCellID{Row: i, Col: 0})
			return
		}
	}
	t.table.UnselectAll()
}

// --- display helpers shared by the panels ---

// Status colours carry meaning (the same in light and dark themes): green
// standard, yellow over standard, orange 大班额, red 超大班额.
var (
	colorStatusStandard     = color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
	colorStatusOverStandard = color.NRGBA{R: 0xf9, G: 0xa8, B: 0x25, A: 0xff}
	colorStatusLarge        = color.NRGBA{R: 0xef, G: 0x6c, B: 0x00, A: 0xff}
	colorStatusVeryLarge    = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
)

// classStatusColor is the colour of a class status.
func classStatusColor(s model.ClassStatus) color.Color {
	switch s {
	case model.StatusOverStandard:
		return colorStatusOverStandard
	case model.StatusLarge:
		return colorStatusLarge
	case model.StatusVeryLarge:
		return colorStatusVeryLarge
	}
	return colorStatusStandard
}

// classStatusText names a class status.
func classStatusText(s model.ClassStatus) string {
	switch s {
	case model.StatusOverStandard:
		return lang.X("school.status.over_standard", "超标准")
	case model.StatusLarge:
		return lang.X("school.status.large", "大班额")
	case model.StatusVeryLarge:
		return lang.X("school.status.very_large", "超大班额")
	}
	return lang.X("school.status.standard", "标准")
}

// schoolStatusText is the worst class status plus the school-size flags.
func schoolStatusText(r model.SchoolResult) string {
	parts := []string{classStatusText(r.Worst())}
	if r.OversizedSchool {
		parts = append(parts, lang.X("school.status.oversized", "大校额"))
	}
	if r.SmallSchool {
		parts = append(parts, lang.X("school.status.small", "小规模"))
	}
	return strings.Join(parts, " · ")
}

// schoolLevels are the 学段 a school can be given, in the order the pickers
// list them; filterLevels adds 未知 (to find the schools still to classify).
var (
	schoolLevels = []model.Level{model.LevelPrimary, model.LevelJunior, model.LevelNineYear,
		model.LevelKindergarten, model.LevelSenior, model.LevelOther}
	filterLevels = append(slices.Clone(schoolLevels), model.LevelUnknown)
)

// schoolLevelText names a 学段.
func schoolLevelText(l model.Level) string {
	switch l {
	case model.LevelOther:
		return lang.X("school.level.other", "其他")
	case model.LevelKindergarten:
		return lang.X("school.level.kindergarten", "幼儿园")
	case model.LevelPrimary:
		return lang.X("school.level.primary", "小学")
	case model.LevelJunior:
		return lang.X("school.level.junior", "初中")
	case model.LevelNineYear:
		return lang.X("school.level.nine_year", "九年一贯制")
	case model.LevelSenior:
		return lang.X("school.level.senior", "高中")
	}
	return lang.X("school.level.unknown", "未知")
}

// largestClass is the biggest class of the school's compulsory grades (0
// when it has none).
func largestClass(r model.SchoolResult) int {
	m := 0
	for _, g := range r.Grades {
		if g.Grade >= 1 && g.Grade <= 9 && len(g.ClassSizes) > 0 && g.ClassSizes[0] > m {
			m = g.ClassSizes[0]
		}
	}
	return m
}

func numberIf(ok bool, n int) string {
	if !ok {
		return "—"
	}
	return strconv.Itoa(n)
}

// statusTint is a status colour made translucent for cell backgrounds.
func statusTint(s model.ClassStatus) color.Color {
	c := classStatusColor(s).(color.NRGBA)
	c.A = 0x40
	return c
}
