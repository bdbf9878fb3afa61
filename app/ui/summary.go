package ui

// District summary panel: the year's 大班额占比 against its target as a
// gauge, counts of problem classes and schools, the seat shortage, and the
// seat shortage of every projected year.
//
//	NewSummary(src SummarySource) *Summary
//
// src is usually the *app.Session. Wiring: call (*Summary).Refresh from
// Session.OnChange (the projection list is recomputed there: one
// AnalysisFor per projected year).

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// SummarySource is what the summary panel reads.
type SummarySource interface {
	District() *model.District
	Year() int
	YearRange() (first, last int)
	Projected(year int) bool
	Analysis() model.Analysis
	AnalysisFor(year int) model.Analysis
}

// *app.Session is the usual source.
var _ SummarySource = (*app.Session)(nil)

// Summary shows the district's figures for the year under study.
type Summary struct {
	widget.BaseWidget

	src SummarySource

	title *widget.Label
	// note says what is estimated (no history) and how many schools have
	// unknown seats; hidden when there is nothing to say.
	note      *widget.Label
	gauge     *shareGauge
	counts    *fyne.Container // label/value pairs
	values    []*widget.Label
	projTitle *widget.Label
	projRows  *fyne.Container
	projCells [][3]projCell // the projected years' cells, for projKey
	projKey   string
}

// Rows of the counts grid.
const (
	summaryClasses = iota
	summaryVeryLarge
	summaryLarge
	summaryOverStandard
	summaryOversized
	summarySmall
	summarySeatShortage
	summaryRowCount
)

// NewSummary builds the summary panel on src.
func NewSummary(src SummarySource) *Summary {
	s := &Summary{src: src}
	s.ExtendBaseWidget(s)
	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.note = widget.NewLabel("")
	s.note.Wrapping = fyne.TextWrapWord
	s.note.Importance = widget.WarningImportance
	s.gauge = newShareGauge()

	names := [summaryRowCount]string{
		lang.X("summary.classes", "班级总数"),
		lang.X("summary.very_large", "超大班额"),
		lang.X("summary.large", "大班额"),
		lang.X("summary.over_standard", "超标准"),
		lang.X("summary.oversized", "大校额"),
		lang.X("summary.small", "小规模"),
		lang.X("summary.seat_shortage", "学位缺口"),
	}
	// Two label/value pairs a row: seven figures in four rows.
	s.counts = container.NewGridWithColumns(4)
	for _, n := range names {
		v := widget.NewLabel("")
		v.Alignment = fyne.TextAlignTrailing
		s.values = append(s.values, v)
		name := widget.NewLabel(n)
		name.Truncation = fyne.TextTruncateEllipsis
		s.counts.Add(name)
		s.counts.Add(v)
	}
	s.projTitle = widget.NewLabelWithStyle(lang.X("summary.projection", "预测年份学位缺口"),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.projRows = container.NewGridWithColumns(6)
	s.load()
	return s
}

// CreateRenderer stacks title, gauge, counts and projection list in a
// compact theme (tight padding), with no scroll: every row — 大校额,
// 小规模, the shortage of each projected year — is always in sight.
func (s *Summary) CreateRenderer() fyne.WidgetRenderer {
	body := container.NewVBox(
		s.title,
		s.note,
		container.NewBorder(nil, nil, widget.NewLabel(lang.X("summary.large_share", "大班额占比")), nil, s.gauge),
		s.counts,
		widget.NewSeparator(),
		s.projTitle,
		s.projRows,
	)
	return widget.NewSimpleRenderer(container.NewThemeOverride(body, compactTheme{}))
}

// compactTheme is the app theme with tight padding, for dense panels.
type compactTheme struct{}

func (compactTheme) base() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (t compactTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base().Color(n, v)
}

func (t compactTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base().Font(s) }

func (t compactTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base().Icon(n) }

func (t compactTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNamePadding:
		return 2
	case theme.SizeNameInnerPadding:
		return 3
	case theme.SizeNameLineSpacing:
		return 2
	}
	return t.base().Size(n)
}

// Refresh re-reads the analysis and the projected years.
//
// Only what changed is redrawn: refreshing the whole panel would re-lay
// out and re-measure every label on every edit.
func (s *Summary) Refresh() {
	s.load()
}

func (s *Summary) load() {
	year := s.src.Year()
	a := s.src.Analysis()
	switch {
	case a.Estimated:
		setLabel(s.title, lang.X("summary.title.estimated", "{{.Year}}年全县概况（估算）", map[string]any{"Year": year}), s.title.Importance)
	case s.src.Projected(year):
		setLabel(s.title, lang.X("summary.title.projected", "{{.Year}}年全县概况（预测）", map[string]any{"Year": year}), s.title.Importance)
	default:
		setLabel(s.title, lang.X("summary.title", "{{.Year}}年全县概况", map[string]any{"Year": year}), s.title.Importance)
	}
	sum := a.Summary
	s.loadNote(a)
	target := s.src.District().Standards.OrDefault().LargeShareTarget
	s.gauge.set(sum.LargeShare, target, sum.Classes > 0)

	for i, n := range [summaryRowCount]int{sum.Classes, sum.VeryLarge, sum.Large, sum.OverStandard,
		sum.OversizedSchool, sum.SmallSchool, sum.SeatShortage} {
		bad := (i == summaryVeryLarge || i == summaryLarge || i == summarySeatShortage) && n > 0
		setLabel(s.values[i], summaryValue(i, n), importanceIf(bad))
	}

	s.loadProjection(year)
}

// projCell is one cell of the projection list.
type projCell struct {
	text      string
	bad, bold bool
}

// projectionCells analyses every projected year.
func (s *Summary) projectionCells() [][3]projCell {
	var rows [][3]projCell
	first, last := s.src.YearRange()
	for y := first; y <= last && first != 0; y++ {
		if !s.src.Projected(y) {
			continue
		}
		ps := s.src.AnalysisFor(y).Summary
		rows = append(rows, [3]projCell{{text: strconv.Itoa(y)},
			{text: strconv.Itoa(ps.SeatShortage), bad: ps.SeatShortage > 0},
			{text: percentText(ps.LargeShare), bad: !ps.TargetMet}})
	}
	return rows
}

// generational is a source that says when its data changed (*app.Session).
type generational interface {
	Generation() int
	CurrentScenario() string
}

// summaryKey identifies the data the projection list was computed from;
// false when the source cannot tell (then it is always recomputed).
func summaryKey(src SummarySource) (string, bool) {
	g, ok := src.(generational)
	if !ok {
		return "", false
	}
	first, last := src.YearRange()
	return fmt.Sprint(g.Generation(), "\x00", g.CurrentScenario(), "\x00", first, last), true
}

// setLabel sets a label's text and importance, refreshing it only when
// one of them changed.
func setLabel(l *widget.Label, text string, imp widget.Importance) {
	if l.Text != text || l.Importance != imp {
		l.Text, l.Importance = text, imp
		l.Refresh()
	}
}

// summaryValue is a count with its unit: 班 for classes, 所 for schools,
// 个 for seats.
func summaryValue(row, n int) string {
	data := map[string]any{"N": n}
	switch row {
	case summaryOversized, summarySmall:
		return lang.X("summary.unit.schools", "{{.N}} 所", data)
	case summarySeatShortage:
		return lang.X("summary.unit.seats", "{{.N}} 个", data)
	}
	return lang.X("summary.unit.classes", "{{.N}} 班", data)
}

// loadProjection lists the projected years in two blocks side by side
// (year, shortage, large-class share), so ten years take five rows. The
// years are analysed again only when the data changed (an edit, undo,
// another scenario), not when only the year under study moved; labels
// are reused and only changed texts set (each re-shapes its text).
func (s *Summary) loadProjection(year int) {
	key, cacheable := summaryKey(s.src)
	if !cacheable || key != s.projKey || s.projCells == nil {
		s.projCells = s.projectionCells()
		s.projKey = key
	}
	rows := s.projCells
	half := (len(rows) + 1) / 2
	want := 6 * (1 + half)
	if len(s.projRows.Objects) != want {
		s.projRows.RemoveAll()
		bold := fyne.TextStyle{Bold: true}
		for range 2 {
			s.projRows.Add(widget.NewLabelWithStyle(lang.X("summary.projection.year", "年份"), fyne.TextAlignLeading, bold))
			s.projRows.Add(widget.NewLabelWithStyle(lang.X("summary.projection.gap", "缺口"), fyne.TextAlignTrailing, bold))
			s.projRows.Add(widget.NewLabelWithStyle(lang.X("summary.projection.share", "大班额"), fyne.TextAlignTrailing, bold))
		}
		for i := 6; i < want; i++ {
			l := widget.NewLabel("")
			if i%3 > 0 {
				l.Alignment = fyne.TextAlignTrailing
			}
			s.projRows.Add(l)
		}
	}
	for i := range half {
		for b, k := range []int{i, i + half} {
			for c := range 3 {
				l := s.projRows.Objects[6+6*i+3*b+c].(*widget.Label)
				cl := projCell{}
				if k < len(rows) {
					cl = rows[k][c]
					cl.bold = c == 0 && rows[k][0].text == strconv.Itoa(year)
				}
				if l.Text != cl.text || l.TextStyle.Bold != cl.bold || l.Importance != importanceIf(cl.bad) {
					l.Text, l.TextStyle.Bold, l.Importance = cl.text, cl.bold, importanceIf(cl.bad)
					l.Refresh()
				}
			}
		}
	}
	if len(rows) == 0 { // no projection
		s.projTitle.Hide()
		s.projRows.Hide()
	} else {
		s.projTitle.Show()
		s.projRows.Show()
	}
}

// loadNote explains the estimates of a: pupils estimated from the
// catchment zones (no history), schools whose seats are unknown (left out
// of the seat shortage) or estimated from classrooms.
func (s *Summary) loadNote(a model.Analysis) {
	var lines []string
	if a.Estimated {
		lines = append(lines, lang.X("summary.note.estimated",
			"无在校生历史：在校生按学区片区学龄人口（无则按常住人口×学龄人口比例）估算，班数按标准班额估算。"))
	}
	if n, e := a.Summary.CapacityUnknown, a.Summary.CapacityEstimated; n > 0 || e > 0 {
		lines = append(lines, lang.X("summary.note.capacity", "学位未知的学校{{.N}}所（未计入学位缺口）；按教室数估算学位{{.E}}所。",
			map[string]any{"N": n, "E": e}))
	}
	setLabel(s.note, strings.Join(lines, "\n"), s.note.Importance)
	if hide := len(lines) == 0; hide != s.note.Hidden {
		s.note.Hidden = hide
		s.note.Refresh()
	}
}

// estimatedText marks a figure as an estimate (估算) when estimated.
func estimatedText(text string, estimated bool) string {
	if !estimated {
		return text
	}
	return lang.X("value.estimated", "{{.V}}（估算）", map[string]any{"V": text})
}

// estimatedShort marks an estimate where a table column has no room for
// （估算）: 约1,915; the summary says what the estimates are.
func estimatedShort(text string, estimated bool) string {
	if !estimated {
		return text
	}
	return lang.X("value.estimated_short", "约{{.V}}", map[string]any{"V": text})
}

// unknownText is how an unknown figure reads: 未知, never 0.
func unknownText() string { return lang.X("value.unknown", "未知") }

// seatsText is a school's seats: 未知 when the source gave none, marked
// 估算 when counted from classrooms (by mark: estimatedText, or
// estimatedShort in a narrow column).
func seatsText(r model.SchoolResult, mark func(string, bool) string) string {
	if !r.CapacitySource.Known() {
		return unknownText()
	}
	return mark(strconv.Itoa(r.Capacity), r.CapacitySource.Estimated())
}

// seatGapText is a school's seat shortage (0 when it has enough seats):
// 未知 with unknown seats, marked when pupils or seats are estimates.
func seatGapText(r model.SchoolResult, mark func(string, bool) string) string {
	if !r.CapacitySource.Known() {
		return unknownText()
	}
	return mark(strconv.Itoa(max(r.SeatGap, 0)), r.StudentsEstimated || r.CapacitySource.Estimated())
}

func importanceIf(bad bool) widget.Importance {
	if bad {
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// percentText prints a share in [0, 1] as a percentage with one decimal.
func percentText(share float64) string {
	return strconv.FormatFloat(share*100, 'f', 1, 64) + "%"
}

// --- gauge ---

// shareGauge is a bar for a share against a target: the bar is green while
// the share is below the target and red when it is missed; a tick marks
// the target. The scale runs to twice the target (or further if needed) so
// the tick sits in the middle.
type shareGauge struct {
	widget.BaseWidget
	share, target float64
	valid         bool // false: no classes, nothing to judge
}

func newShareGauge() *shareGauge {
	g := &shareGauge{}
	g.ExtendBaseWidget(g)
	return g
}

func (g *shareGauge) set(share, target float64, valid bool) {
	if g.share == share && g.target == target && g.valid == valid {
		return
	}
	g.share, g.target, g.valid = share, target, valid
	g.Refresh()
}

func (g *shareGauge) met() bool { return g.share < g.target }

func (g *shareGauge) CreateRenderer() fyne.WidgetRenderer {
	r := &shareGaugeRenderer{
		gauge: g,
		track: canvas.NewRectangle(color.Transparent),
		fill:  canvas.NewRectangle(colorStatusStandard),
		tick:  canvas.NewLine(color.Black),
		text:  canvas.NewText("", color.Black),
	}
	r.track.CornerRadius = 3
	r.fill.CornerRadius = 3
	r.tick.StrokeWidth = 2
	r.Refresh()
	return r
}

type shareGaugeRenderer struct {
	gauge *shareGauge
	track *canvas.Rectangle
	fill  *canvas.Rectangle
	tick  *canvas.Line
	text  *canvas.Text
}

const shareGaugeBarHeight = 14

func (r *shareGaugeRenderer) Destroy() {}

func (r *shareGaugeRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill, r.tick, r.text}
}

func (r *shareGaugeRenderer) MinSize() fyne.Size {
	t := r.text.MinSize()
	return fyne.NewSize(max(160, t.Width), shareGaugeBarHeight+t.Height+2)
}

func (r *shareGaugeRenderer) scale() float64 {
	return max(2*r.gauge.target, r.gauge.share, 0.01)
}

func (r *shareGaugeRenderer) Layout(size fyne.Size) {
	r.track.Move(fyne.NewPos(0, 0))
	r.track.Resize(fyne.NewSize(size.Width, shareGaugeBarHeight))
	w := float32(0)
	if r.gauge.valid {
		w = size.Width * float32(r.gauge.share/r.scale())
	}
	r.fill.Move(fyne.NewPos(0, 0))
	r.fill.Resize(fyne.NewSize(w, shareGaugeBarHeight))
	x := size.Width * float32(r.gauge.target/r.scale())
	r.tick.Position1 = fyne.NewPos(x, -2)
	r.tick.Position2 = fyne.NewPos(x, shareGaugeBarHeight+2)
	r.text.Move(fyne.NewPos(0, shareGaugeBarHeight+2))
	r.text.Resize(r.text.MinSize())
}

func (r *shareGaugeRenderer) Refresh() {
	g := r.gauge
	r.track.FillColor = theme.ColorForWidget(theme.ColorNameInputBackground, g)
	r.tick.StrokeColor = theme.ColorForWidget(theme.ColorNameForeground, g)
	r.text.Color = theme.ColorForWidget(theme.ColorNameForeground, g)
	r.text.TextSize = theme.SizeForWidget(theme.SizeNameCaptionText, g)
	data := map[string]any{"Share": percentText(g.share), "Target": percentText(g.target)}
	switch {
	case !g.valid:
		r.text.Text = lang.X("summary.gauge.none", "无班级数据（目标 < {{.Target}}）", data)
	case g.met():
		r.fill.FillColor = colorStatusStandard
		r.text.Text = lang.X("summary.gauge.met", "{{.Share}}，达标（目标 < {{.Target}}）", data)
	default:
		r.fill.FillColor = colorStatusVeryLarge
		r.text.Color = colorStatusVeryLarge
		r.text.Text = lang.X("summary.gauge.missed", "{{.Share}}，未达标（目标 < {{.Target}}）", data)
	}
	r.Layout(g.Size())
	canvas.Refresh(g)
}
