package ui

// School detail panel: one school's attributes, its editable seats and
// classrooms, a sparkline of total enrollment over all years and a
// grades × years table.
//
//	NewSchoolDetail(src SchoolDetailSource) *SchoolDetail
//	(*SchoolDetail).SetSchool(id string)   // "" shows the empty hint
//
// src is usually the *app.Session. Wiring: call SetSchool from the school
// table's / map's selection callback and (*SchoolDetail).Refresh from
// Session.OnChange. Edits go through src.Do(&app.SchoolEdit{…}) so that
// they can be undone; the panel never changes the district itself.

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// SchoolDetailSource is what the school detail panel reads and edits.
type SchoolDetailSource interface {
	District() *model.District
	Year() int
	YearRange() (first, last int)
	Projected(year int) bool
	AnalysisFor(year int) model.Analysis
	Do(c app.Command) error
}

// *app.Session is the usual source.
var _ SchoolDetailSource = (*app.Session)(nil)

// Metrics the grades × years table can show.
const (
	gradeMetricStudents = iota
	gradeMetricClasses
	gradeMetricSizes
	gradeMetricStatus
)

// schoolYear is the school's result in one year.
type schoolYear struct {
	year      int
	projected bool
	has       bool
	res       model.SchoolResult
	grades    map[model.Grade]model.GradeResult
}

// SchoolDetail shows and edits one school.
type SchoolDetail struct {
	widget.BaseWidget

	src SchoolDetailSource
	id  string

	empty      *widget.Label
	title      *widget.Label
	info       *widget.Label
	figures    *widget.Label
	level      *widget.Select // 学段: applied at once, as an undoable edit
	capacity   *widget.Entry
	classrooms *widget.Entry
	year       *widget.Entry // effective year of the edit (扩建 completion), empty = from the start
	address    *widget.Entry // 学校地址, printed on the 划片公示
	phone      *widget.Entry // 咨询电话, printed on the 划片公示
	apply      *widget.Button
	message    *widget.Label
	spark      *Sparkline
	sparkNote  *widget.Label
	metric     *widget.RadioGroup
	table      *widget.Table
	tabs       *container.AppTabs
	body       *fyne.Container

	years  []schoolYear
	grades []model.Grade
	shown  int // gradeMetric…
	// loadedCapacity and loadedClassrooms are the entry texts last loaded
	// from the district: a refresh only replaces text the user has not
	// changed.
	loadedCapacity, loadedClassrooms string
	loadedAddress, loadedPhone       string
	// reset makes the next load replace the entry texts and scroll the
	// table to the year under study (a new school, or after an edit).
	reset bool
}

// NewSchoolDetail builds the panel; it shows a hint until SetSchool.
func NewSchoolDetail(src SchoolDetailSource) *SchoolDetail {
	d := &SchoolDetail{src: src}
	d.ExtendBaseWidget(d)

	d.empty = widget.NewLabel(lang.X("school.detail.empty", "在地图或学校列表中选择一所学校"))
	d.empty.Wrapping = fyne.TextWrapWord
	d.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.info = widget.NewLabel("")
	d.info.Wrapping = fyne.TextWrapWord
	d.figures = widget.NewLabel("")
	d.figures.Wrapping = fyne.TextWrapWord

	d.level = widget.NewSelect(levelOptions(), nil)
	d.capacity = widget.NewEntry()
	d.capacity.Validator = nonNegativeInt
	d.capacity.SetPlaceHolder(lang.X("school.detail.capacity.derive", "0 = 按教室推算"))
	d.classrooms = widget.NewEntry()
	d.classrooms.Validator = nonNegativeInt
	d.classrooms.SetPlaceHolder(lang.X("school.detail.classrooms.unknown", "0 = 未知"))
	d.year = newYearEntry(0)
	d.address = widget.NewEntry()
	d.phone = widget.NewEntry()
	d.apply = widget.NewButton(lang.X("school.detail.apply", "应用修改"), d.applyEdit)
	d.apply.Importance = widget.HighImportance
	d.message = widget.NewLabel("")
	d.message.Wrapping = fyne.TextWrapWord
	d.message.Importance = widget.DangerImportance
	d.message.Hide()

	d.spark = NewSparkline()
	d.sparkNote = widget.NewLabel("")
	d.sparkNote.SizeName = theme.SizeNameCaptionText

	metricNames := []string{
		lang.X("school.detail.metric.students", "在校生"),
		lang.X("school.detail.metric.classes", "班数"),
		lang.X("school.detail.metric.sizes", "班额"),
		lang.X("school.detail.metric.status", "状态"),
	}
	d.metric = widget.NewRadioGroup(metricNames, func(s string) {
		for i, n := range metricNames {
			if n == s {
				d.shown = i
			}
		}
		d.table.Refresh()
	})
	d.metric.Horizontal = true
	d.metric.Required = true

	d.table = widget.NewTable(d.tableLength, d.createCell, d.updateCell)
	d.table.ShowHeaderRow = true
	d.table.ShowHeaderColumn = true
	d.table.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("0000")
		l.TextStyle.Bold = true
		l.Alignment = fyne.TextAlignCenter
		return l
	}
	d.table.UpdateHeader = d.updateHeader
	d.metric.SetSelected(metricNames[0])

	// Seats and classrooms as a form (entries get the panel's full width,
	// however narrow it is); the overview scrolls and the grades table has
	// its own tab so the panel works in a short pane.
	// The 学段 applies as soon as it is picked; seats and classrooms with
	// the button under them.
	edit := container.NewVBox(container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.X("school.detail.level", "学段")), d.level,
		widget.NewLabel(lang.X("school.detail.capacity", "学位数")), d.capacity,
		widget.NewLabel(lang.X("school.detail.classrooms", "教室数")), d.classrooms,
		widget.NewLabel(lang.X("school.detail.year", "起用年份")), d.year,
		widget.NewLabel(lang.X("school.detail.address", "学校地址")), d.address,
		widget.NewLabel(lang.X("school.detail.phone", "咨询电话")), d.phone),
		container.NewHBox(layout.NewSpacer(), d.apply))
	overview := container.NewVScroll(container.NewVBox(
		edit, d.message, d.figures, d.spark, d.sparkNote))
	grades := container.NewBorder(d.metric, nil, nil, nil, d.table)
	d.tabs = container.NewAppTabs(
		container.NewTabItem(lang.X("school.detail.tab.overview", "概况"), overview),
		container.NewTabItem(lang.X("school.detail.tab.grades", "分年级"), grades),
	)
	d.body = container.NewBorder(container.NewVBox(d.title, d.info), nil, nil, nil, d.tabs)
	d.body.Hide()
	return d
}

// CreateRenderer shows the hint or the school.
func (d *SchoolDetail) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(d.empty, d.body))
}

// SetSchool shows school id ("" or an unknown id shows the hint). Unsaved
// entry text is discarded.
func (d *SchoolDetail) SetSchool(id string) {
	d.id = id
	d.reset = true
	d.message.Hide()
	d.Refresh()
}

// School is the ID shown ("" for none).
func (d *SchoolDetail) School() string { return d.id }

// Refresh re-reads the school and its results from src.
func (d *SchoolDetail) Refresh() {
	if d.id == "" && d.empty.Visible() {
		return // the hint stays: nothing to re-read after an edit
	}
	d.load()
	d.BaseWidget.Refresh()
}

func (d *SchoolDetail) load() {
	s := d.src.District().School(d.id)
	if s == nil {
		d.empty.Show()
		d.body.Hide()
		d.years, d.grades = nil, nil
		return
	}
	d.empty.Hide()
	d.body.Show()

	d.title.SetText(s.Name)
	parts := []string{s.ID, schoolLevelText(s.Level)}
	if s.Township != "" {
		parts = append(parts, s.Township)
	}
	if s.Public {
		parts = append(parts, lang.X("school.detail.public", "公办"))
	} else {
		parts = append(parts, lang.X("school.detail.private", "民办"))
	}
	if s.Boarding {
		parts = append(parts, lang.X("school.detail.boarding", "寄宿制"))
	}
	d.info.SetText(strings.Join(parts, " · "))

	fresh := d.reset
	d.reset = false
	capText, roomText := strconv.Itoa(s.Capacity), strconv.Itoa(s.Classrooms)
	if fresh || d.capacity.Text == d.loadedCapacity {
		d.capacity.SetText(capText)
	}
	if fresh || d.classrooms.Text == d.loadedClassrooms {
		d.classrooms.SetText(roomText)
	}
	d.loadedCapacity, d.loadedClassrooms = capText, roomText
	if fresh || d.address.Text == d.loadedAddress {
		d.address.SetText(s.Address)
	}
	if fresh || d.phone.Text == d.loadedPhone {
		d.phone.SetText(s.Phone)
	}
	d.loadedAddress, d.loadedPhone = s.Address, s.Phone
	d.showLevel(s.Level)

	d.loadYears()
	d.loadFigures()
	d.table.Refresh()
	if fresh {
		d.scrollToYear()
	}
}

// scrollToYear brings the column of the year under study into view.
func (d *SchoolDetail) scrollToYear() {
	if d.table.Size().Width <= 0 { // not laid out yet: nothing to scroll
		return
	}
	for col, sy := range d.years {
		if sy.year == d.src.Year() && len(d.grades) > 0 {
			d.table.ScrollTo(widget.TableCellID{Row: 0, Col: col})
			return
		}
	}
}

// loadYears collects the school's result in every year of the session and
// the grades that occur in any of them.
func (d *SchoolDetail) loadYears() {
	first, last := d.src.YearRange()
	d.years = d.years[:0]
	seen := map[model.Grade]bool{}
	var totals []float64
	var yearLabels []string
	split := -1
	for y := first; y <= last && first != 0; y++ {
		sy := schoolYear{year: y, projected: d.src.Projected(y)}
		for _, r := range d.src.AnalysisFor(y).Schools {
			if r.School == d.id {
				sy.res, sy.has = r, true
				break
			}
		}
		sy.grades = map[model.Grade]model.GradeResult{}
		for _, g := range sy.res.Grades {
			sy.grades[g.Grade] = g
			seen[g.Grade] = true
		}
		d.years = append(d.years, sy)
		if sy.has {
			if sy.projected && split < 0 {
				split = len(totals)
			}
			totals = append(totals, float64(sy.res.Students))
			yearLabels = append(yearLabels, strconv.Itoa(y))
		}
	}
	if split < 0 {
		split = len(totals)
	}
	d.spark.SetData(totals, split)
	d.spark.SetAxis(yearLabels)
	d.sparkNote.SetText(lang.X("school.detail.spark", "在校生总数 {{.First}}–{{.Last}}（虚线为预测）",
		map[string]any{"First": first, "Last": last}))

	d.grades = d.grades[:0]
	for g := model.Grade(0); g <= 12; g++ {
		if seen[g] {
			d.grades = append(d.grades, g)
		}
	}
	for col := range d.years {
		d.table.SetColumnWidth(col, 84) // fits "2024预测" and "超大班额"
	}
}

// loadFigures summarises the year under study in one line.
func (d *SchoolDetail) loadFigures() {
	year := d.src.Year()
	for _, sy := range d.years {
		if sy.year != year {
			continue
		}
		if !sy.has {
			break
		}
		r := sy.res
		d.figures.SetText(lang.X("school.detail.figures",
			"{{.Year}}年：在校生 {{.Students}}，班数 {{.Classes}}，学位 {{.Capacity}}，学位缺口 {{.Gap}}，需增教室 {{.Extra}}",
			map[string]any{"Year": year, "Students": estimatedText(strconv.Itoa(r.Students), r.StudentsEstimated),
				"Classes":  estimatedText(strconv.Itoa(r.Classes), r.StudentsEstimated),
				"Capacity": seatsText(r, estimatedText), "Gap": seatGapText(r, estimatedText), "Extra": r.ExtraClassrooms}))
		return
	}
	d.figures.SetText(lang.X("school.detail.no_data", "{{.Year}}年无在校生数据", map[string]any{"Year": year}))
}

// applyEdit validates the entries and sends one SchoolEdit for what changed.
func (d *SchoolDetail) applyEdit() {
	s := d.src.District().School(d.id)
	if s == nil {
		return
	}
	capacity, err1 := parseNonNegative(d.capacity.Text)
	rooms, err2 := parseNonNegative(d.classrooms.Text)
	year, err3 := parsePlanYear(d.year.Text)
	if err := errors.Join(fieldError(lang.X("school.detail.capacity", "学位数"), err1),
		fieldError(lang.X("school.detail.classrooms", "教室数"), err2),
		fieldError(lang.X("school.detail.year", "起用年份"), err3)); err != nil {
		d.showMessage(err.Error())
		return
	}
	edit := &app.SchoolEdit{ID: d.id}
	if capacity != s.Capacity {
		edit.Capacity = &capacity
	}
	if rooms != s.Classrooms {
		edit.Classrooms = &rooms
	}
	if addr := strings.TrimSpace(d.address.Text); addr != s.Address {
		edit.Address = &addr
	}
	if phone := strings.TrimSpace(d.phone.Text); phone != s.Phone {
		edit.Phone = &phone
	}
	if edit.Capacity == nil && edit.Classrooms == nil && edit.Address == nil && edit.Phone == nil {
		d.showMessage(lang.X("school.detail.unchanged", "没有修改"))
		return
	}
	if err := d.src.Do(app.At(year, edit)); err != nil {
		d.showMessage(lang.X("school.detail.edit_failed", "修改未生效：{{.Err}}", map[string]any{"Err": trError(err)}))
		return
	}
	d.message.Hide()
	// The session's OnChange normally refreshes the panel; refresh here too
	// so that the panel is right when it is used on its own.
	d.reset = true
	d.Refresh()
}

// levelOptions are the 学段 choices of the level picker, 未知 last.
func levelOptions() []string {
	var out []string
	for _, l := range filterLevels {
		out = append(out, schoolLevelText(l))
	}
	return out
}

// showLevel sets the level picker without sending an edit.
func (d *SchoolDetail) showLevel(l model.Level) {
	d.level.OnChanged = nil
	d.level.SetSelected(schoolLevelText(l))
	d.level.OnChanged = func(string) { d.setLevel() }
}

// setLevel sends the picked 学段 as an undoable edit.
func (d *SchoolDetail) setLevel() {
	s := d.src.District().School(d.id)
	i := d.level.SelectedIndex()
	if s == nil || i < 0 || filterLevels[i] == s.Level {
		return
	}
	if err := d.src.Do(app.SetSchoolLevel(d.id, filterLevels[i])); err != nil {
		d.showMessage(lang.X("school.detail.edit_failed", "修改未生效：{{.Err}}", map[string]any{"Err": trError(err)}))
		d.showLevel(s.Level)
		return
	}
	d.message.Hide()
	d.Refresh()
}

func (d *SchoolDetail) showMessage(msg string) {
	d.message.SetText(msg)
	d.message.Show()
}

func (d *SchoolDetail) tableLength() (int, int) { return len(d.grades), len(d.years) }

func (d *SchoolDetail) createCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(statusTint(model.StatusStandard))
	l := widget.NewLabel("")
	l.Alignment = fyne.TextAlignTrailing
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(bg, l)
}

func (d *SchoolDetail) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	bg := box.Objects[0].(*canvas.Rectangle)
	l := box.Objects[1].(*widget.Label)
	if id.Row >= len(d.grades) || id.Col >= len(d.years) {
		return
	}
	sy := d.years[id.Col]
	g, ok := sy.grades[d.grades[id.Row]]
	l.TextStyle.Italic = sy.projected
	if !ok {
		bg.FillColor = nil
		bg.Refresh()
		l.SetText("—")
		return
	}
	compulsory := g.Grade >= 1 && g.Grade <= 9
	if compulsory {
		bg.FillColor = statusTint(g.Status)
	} else {
		bg.FillColor = nil
	}
	bg.Refresh()
	l.SetText(gradeCellText(g, d.shown, compulsory))
}

// gradeCellText is what a grade cell shows for the chosen metric.
func gradeCellText(g model.GradeResult, metric int, compulsory bool) string {
	switch metric {
	case gradeMetricClasses:
		if g.ClassesEstimated {
			return "≈" + strconv.Itoa(g.Classes)
		}
		return strconv.Itoa(g.Classes)
	case gradeMetricSizes:
		if len(g.ClassSizes) == 0 {
			return "—"
		}
		hi, lo := g.ClassSizes[0], g.ClassSizes[len(g.ClassSizes)-1]
		if hi == lo {
			return strconv.Itoa(hi)
		}
		return fmt.Sprintf("%d–%d", lo, hi)
	case gradeMetricStatus:
		if !compulsory {
			return "—"
		}
		return classStatusText(g.Status)
	}
	return strconv.Itoa(g.Students)
}

func (d *SchoolDetail) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.TextStyle.Italic = false
	switch {
	case id.Row < 0 && id.Col >= 0 && id.Col < len(d.years):
		sy := d.years[id.Col]
		text := strconv.Itoa(sy.year)
		if sy.projected {
			text = lang.X("school.detail.year_projected", "{{.Year}}预测", map[string]any{"Year": sy.year})
			l.TextStyle.Italic = true
		} else if sy.res.StudentsEstimated { // no history: pupils from the catchment zones
			text = lang.X("school.detail.year_estimated", "{{.Year}}估算", map[string]any{"Year": sy.year})
			l.TextStyle.Italic = true
		}
		if sy.year == d.src.Year() {
			text = "▸" + text
		}
		l.SetText(text)
	case id.Col < 0 && id.Row >= 0 && id.Row < len(d.grades):
		l.SetText(gradeText(d.grades[id.Row]))
	default:
		l.SetText("")
	}
}

// gradeText names a grade: 幼儿园, 1年级 … 9年级, 高一 ….
func gradeText(g model.Grade) string {
	switch g {
	case -2:
		return lang.X("school.grade.nursery_small", "小班")
	case -1:
		return lang.X("school.grade.nursery_middle", "中班")
	case 0:
		return lang.X("school.grade.k", "幼儿园")
	}
	return lang.X("school.grade.n", "{{.Grade}}年级", map[string]any{"Grade": int(g)})
}

// nonNegativeInt is the entry validator for seats and classrooms.
func nonNegativeInt(s string) error {
	_, err := parseNonNegative(s)
	return err
}

func parseNonNegative(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New(lang.X("school.detail.not_integer", "请输入整数"))
	}
	if n < 0 {
		return 0, errors.New(lang.X("school.detail.negative", "不能为负数"))
	}
	return n, nil
}

func fieldError(field string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s：%w", field, err)
}
