package ui

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo/render"
	"github.com/xuequ/xuequ/model"
)

// MapMode is what a drag on the map does.
type MapMode int

const (
	// ModeBrowse: drag pans, Shift+drag selects zones in a box, a tap
	// selects a school or zone.
	ModeBrowse MapMode = iota
	// ModePaint: drag (or tap) over zones puts them into the catchment of
	// the paint school, as one undoable AssignZones.
	ModePaint
)

// Zoom steps.
const (
	zoomStep        = 2.0  // ZoomIn/ZoomOut and the +/− keys
	scrollPerOctave = 50.0 // scroll delta (logical px) that doubles the scale: a wheel notch (25 on Windows/Linux) is 1.41×
	maxScrollOctave = 1.0  // one scroll event zooms at most 2× (accelerated or batched wheels)
	fitMargin       = 24   // pixels around the district for ZoomToDistrict
	pickRadius      = 8.0  // how near (logical px) a tap must be to a school symbol
)

// MapView is the interactive catchment map: zones coloured by the chosen
// theme, catchment boundaries, school symbols and labels, legend and scale
// bar, all drawn by package geo/render into one raster.
//
// It only shows the Session and forwards: selection goes out through the
// On… callbacks; paint mode turns into app.AssignZones via Session.Do.
type MapView struct {
	widget.BaseWidget

	// OnSelectSchool and OnSelectZone are called with the ID when the user
	// taps a school or zone ("" when the tap hits nothing).
	OnSelectSchool func(id string)
	OnSelectZone   func(id string)
	// OnSelectZones is called after a box selection with the zone IDs.
	OnSelectZones func(ids []string)
	// OnPointer is called with the lon/lat (degrees) under the pointer as
	// it moves over the map (for the status bar's coordinate read-out).
	OnPointer func(lonLat orb.Point)
	// OnError reports a refused edit (e.g. painting a junior catchment with
	// a primary school).
	OnError func(error)

	sess     *app.Session
	district *model.District
	scene    *render.Scene
	sceneErr error
	schoolAt []orb.Point // school locations the scene was built from

	theme  MapTheme
	stage  model.Level
	styler *zoneStyler
	group  []int32 // catchment of each zone: school index, −1 none
	style  render.Style

	view   render.View // pixel viewport of the last frame
	fitted bool        // view is set (first frame fits the district)
	ratio  float64     // pixels per logical unit of the last frame

	mode        MapMode
	paintSchool string
	paintYear   int // first intake year of painted zones, 0 = from the start

	selZones  []int
	selSchool int

	// interaction state
	hover            string // tooltip text, "" hides it
	hoverPos         fyne.Position
	shift            bool // Shift held at mouse down: box select
	dragging         bool
	dragFrom, dragTo fyne.Position
	dragOffset       fyne.Position // pan preview: the old frame moves, redraw on release
	painted          []int         // zones painted in the current stroke
	pointer          fyne.Position // last pointer position over the map
	pointerIn        bool          // the pointer is over the map

	rend     *render.Renderer
	img      *image.RGBA     // the frame: base plus overlays
	base     *image.RGBA     // the zone layer of baseView (mapview_frame.go)
	baseView render.View     // the view base was drawn for
	fills    []color.NRGBA   // zone fills of the current style
	dirty    bool            // the whole frame must be redrawn
	zoneRect image.Rectangle // pixels of the zone layer to redraw
	overlays bool            // the overlays must be redrawn
	lastErr  error           // of the last frame, logged once
}

var (
	_ fyne.Draggable     = (*MapView)(nil)
	_ fyne.Scrollable    = (*MapView)(nil)
	_ fyne.Tappable      = (*MapView)(nil)
	_ desktop.Hoverable  = (*MapView)(nil)
	_ desktop.Mouseable  = (*MapView)(nil)
	_ desktop.Cursorable = (*MapView)(nil)
)

// Cursor is a crosshair while painting catchments.
func (m *MapView) Cursor() desktop.Cursor {
	if m.mode == ModePaint {
		return desktop.CrosshairCursor
	}
	return desktop.DefaultCursor
}

// NewMapView returns an empty map; SetSession gives it data.
func NewMapView() *MapView {
	m := &MapView{theme: ThemeClassSize, stage: model.LevelPrimary, selSchool: -1, dirty: true}
	m.style = render.DefaultStyle()
	m.ExtendBaseWidget(m)
	return m
}

// SetSession shows s, fitted to its district on the next frame.
func (m *MapView) SetSession(s *app.Session) {
	m.sess = s
	m.selZones, m.selSchool = nil, -1
	m.DataChanged()
}

// MapTheme is the current colour theme.
func (m *MapView) MapTheme() MapTheme { return m.theme }

// SetMapTheme changes what zone colours mean.
func (m *MapView) SetMapTheme(t MapTheme) {
	if t == m.theme {
		return
	}
	m.theme = t
	m.restyle()
}

// Stage is the catchment shown: model.LevelPrimary or model.LevelJunior.
func (m *MapView) Stage() model.Level { return m.stage }

// SetStage shows the primary or the junior catchments.
func (m *MapView) SetStage(l model.Level) {
	if l != model.LevelJunior {
		l = model.LevelPrimary
	}
	if l == m.stage {
		return
	}
	m.stage = l
	m.restyle()
}

// SetMode switches between browsing and painting catchments.
func (m *MapView) SetMode(mode MapMode) { m.mode = mode }

// SetPaintSchool chooses the school painted zones are assigned to.
func (m *MapView) SetPaintSchool(id string) { m.paintSchool = id }

// Mode is what a drag does now.
func (m *MapView) Mode() MapMode { return m.mode }

// SetPaintYear sets the first intake year of painted zones (app.At; 0 =
// from the start). A year is only allowed in a scenario.
func (m *MapView) SetPaintYear(y int) { m.paintYear = y }

// PaintSchool is the school painted zones go to ("" for none).
func (m *MapView) PaintSchool() string { return m.paintSchool }

// DataChanged rebuilds what depends on the district and the analysis:
// the scene when geometry changed, colours, catchments. Call it from
// Session.OnChange.
func (m *MapView) DataChanged() {
	if m.sess == nil {
		return
	}
	d := m.sess.District()
	if d != m.district || m.scene == nil && m.sceneErr == nil || m.schoolsMoved(d) {
		if d != m.district {
			m.fitted = false
		}
		m.district = d
		m.scene, m.sceneErr = render.NewScene(d.Zones, d.Schools)
		m.dirty = true // a new scene: draw all of it
		m.schoolAt = m.schoolAt[:0]
		for _, s := range d.Schools {
			m.schoolAt = append(m.schoolAt, s.Location)
		}
		if m.sceneErr != nil && m.OnError != nil {
			m.OnError(m.sceneErr)
		}
	}
	m.restyle()
}

// schoolsMoved reports whether a school was added, removed or moved since
// the scene was built: zone geometry never changes by edits.
func (m *MapView) schoolsMoved(d *model.District) bool {
	if len(d.Schools) != len(m.schoolAt) {
		return true
	}
	for i := range d.Schools {
		if d.Schools[i].Location != m.schoolAt[i] {
			return true
		}
	}
	return false
}

// restyle recomputes colours, catchment groups and the legend, then redraws.
func (m *MapView) restyle() {
	if m.sess == nil {
		return
	}
	d := m.sess.District()
	schoolIdx := make(map[string]int32, len(d.Schools))
	for i := range d.Schools {
		schoolIdx[d.Schools[i].ID] = int32(i)
	}
	group := make([]int32, len(d.Zones))
	for i := range d.Zones {
		group[i] = -1
		if j, ok := schoolIdx[d.Zones[i].SchoolFor(m.stage)]; ok {
			group[i] = j
		}
	}
	oldGroup, oldFills := m.group, m.fills
	if !slices.Equal(group, m.group) {
		m.group = group
	}
	m.styler = newZoneStyler(m.sess, m.theme, m.stage, m.group)
	m.fills = m.zoneFills()
	m.style = m.buildStyle()
	// An edit changes a few zones: redraw only their rectangle of the
	// zone layer (see mapview_frame.go); anything else redraws it all.
	if rect, ok := m.changedRect(oldGroup, oldFills); ok {
		m.redrawZones(rect)
		return
	}
	m.redraw()
}

// zoneFills are the zones' fill colours for the current theme and stage:
// computed once per data change, not per frame, so that a pan or zoom of
// a 100 000-zone map only indexes a slice.
func (m *MapView) zoneFills() []color.NRGBA {
	d := m.sess.District()
	fills := make([]color.NRGBA, len(d.Zones))
	for i := range d.Zones {
		c := m.styler.ZoneFill(i, &d.Zones[i])
		fills[i] = color.NRGBA{c.R, c.G, c.B, 0xd8}
	}
	return fills
}

// overviewResolution (ground metres per pixel) is the zoom beyond which
// the map shows only schools with 大班额 or worse: a county fits at about
// 20 m/px, a province at several hundred.
const overviewResolution = 120

// buildStyle is the render.Style of the current theme, stage and selection.
func (m *MapView) buildStyle() render.Style {
	st := render.DefaultStyle()
	d := m.sess.District()
	styler := m.styler
	// Colours and marks are computed once per data change, not per frame:
	// a pan or zoom of a 100 000-zone map then only indexes slices.
	fills := m.fills
	st.ZoneFill = func(i int) color.NRGBA { return fills[i] }
	st.Group = m.group
	st.Selected = m.selZones
	st.SelectedSchool = m.selSchool
	marks := make([]render.SchoolMark, len(d.Schools))
	for j := range d.Schools {
		// A school without figures (a new one opened in a scenario) is
		// drawn full size with its label first: it must be seen.
		marks[j] = render.SchoolMark{Status: render.SchoolNoData, Radius: 8, Priority: math.MaxInt32}
		if r := styler.results[d.Schools[j].ID]; r != nil {
			marks[j] = render.SchoolMark{Status: render.StatusOf(r.Worst()),
				Radius: render.RadiusForStudents(r.Students), Priority: r.Students}
		}
		marks[j].Hidden = d.Schools[j].Closed // 撤并: no longer a school on the map
	}
	st.School = func(j int) render.SchoolMark {
		mk := marks[j]
		// At regional scale thousands of symbols would bury the map: show
		// only the schools with large classes, where the planner looks.
		if m.view.GroundResolution() > overviewResolution {
			mk.Hidden = mk.Hidden || mk.Status < render.SchoolLarge
			mk.Radius = min(mk.Radius, 3.5)
		}
		return mk
	}
	st.Legend = m.legend(d)
	st.MetreUnit = lang.X("map.unit.m", "m")
	st.KilometreUnit = lang.X("map.unit.km", "km")
	st.NorthLabel = lang.X("map.north", "N")
	return st
}

// legend is the theme's colour key plus the school symbols: the
// kindergartens' triangle when the district has open kindergartens.
func (m *MapView) legend(d *model.District) *render.Legend {
	l := &render.Legend{Title: m.theme.Label()}
	for _, e := range m.styler.Legend() {
		l.Entries = append(l.Entries, render.LegendEntry{Color: color.NRGBA(e.Color), Symbol: render.SymbolSwatch, Text: e.Label})
	}
	grey := color.NRGBA{0x60, 0x60, 0x60, 0xff}
	l.Entries = append(l.Entries,
		render.LegendEntry{Color: grey, Symbol: render.SymbolCircle, Text: schoolLevelText(model.LevelPrimary)},
		render.LegendEntry{Color: grey, Symbol: render.SymbolSquare, Text: schoolLevelText(model.LevelJunior)},
		render.LegendEntry{Color: grey, Symbol: render.SymbolDiamond, Text: schoolLevelText(model.LevelNineYear)})
	if hasKindergartens(d) {
		l.Entries = append(l.Entries, render.LegendEntry{Color: grey, Symbol: render.SymbolFor(model.LevelKindergarten), Text: schoolLevelText(model.LevelKindergarten)})
	}
	l.Entries = append(l.Entries,
		render.LegendEntry{Color: color.NRGBA{0x37, 0x37, 0x3c, 0xff}, Symbol: render.SymbolLine, Text: lang.X("legend.boundary", "Catchment boundary")})
	return l
}

// hasKindergartens reports whether the map draws a kindergarten (an open
// school of level kindergarten).
func hasKindergartens(d *model.District) bool {
	for i := range d.Schools {
		if d.Schools[i].Level == model.LevelKindergarten && !d.Schools[i].Closed {
			return true
		}
	}
	return false
}

// ---- view changes --------------------------------------------------------

// ZoomIn doubles the scale around the centre.
func (m *MapView) ZoomIn() { m.zoomAt(zoomStep, float64(m.view.W)/2, float64(m.view.H)/2) }

// ZoomOut halves the scale around the centre.
func (m *MapView) ZoomOut() { m.zoomAt(1/zoomStep, float64(m.view.W)/2, float64(m.view.H)/2) }

func (m *MapView) zoomAt(factor, px, py float64) {
	if !m.fitted {
		return
	}
	m.view = m.view.Zoom(factor, px, py)
	m.redraw()
	m.reportPointer()
}

// reportPointer tells OnPointer the lon/lat under the pointer after the
// view changed under it (zoom, pan, a new district), so the status bar
// never shows the previous view's coordinates.
func (m *MapView) reportPointer() {
	if m.OnPointer == nil || !m.fitted || !m.pointerIn {
		return
	}
	px, py := m.toPixel(m.pointer)
	m.OnPointer(m.view.PixelToLonLat(px, py))
}

// ZoomToDistrict fits the whole district.
func (m *MapView) ZoomToDistrict() {
	if m.scene == nil {
		return
	}
	m.fitBound(m.scene.Bounds())
}

// ZoomToSelection fits the selected zones, or centres on the selected
// school at neighbourhood scale.
func (m *MapView) ZoomToSelection() {
	if m.scene == nil {
		return
	}
	if len(m.selZones) > 0 {
		b := m.scene.ZoneBounds(m.selZones[0])
		for _, i := range m.selZones[1:] {
			b = b.Union(m.scene.ZoneBounds(i))
		}
		m.fitBound(b)
		return
	}
	if d := m.district; m.selSchool >= 0 && m.selSchool < len(d.Schools) {
		p := d.Schools[m.selSchool].Location
		const halfDeg = 0.01 // about 1 km either way
		m.fitBound(orb.Bound{Min: orb.Point{p[0] - halfDeg, p[1] - halfDeg}, Max: orb.Point{p[0] + halfDeg, p[1] + halfDeg}})
	}
}

func (m *MapView) fitBound(b orb.Bound) {
	w, h := m.view.W, m.view.H
	if w <= 0 || h <= 0 {
		size := m.Size()
		w, h = max(1, int(size.Width)), max(1, int(size.Height))
	}
	m.view = render.FitBounds(b, w, h, int(fitMargin*m.pixelRatio()))
	m.fitted = true
	m.redraw()
	m.reportPointer()
}

func (m *MapView) pixelRatio() float64 {
	if m.ratio > 0 {
		return m.ratio
	}
	return 1
}

// toPixel converts a widget position to frame pixels.
func (m *MapView) toPixel(p fyne.Position) (float64, float64) {
	r := m.pixelRatio()
	return float64(p.X) * r, float64(p.Y) * r
}

// ---- selection -----------------------------------------------------------

// SelectSchool highlights a school chosen elsewhere (the table).
func (m *MapView) SelectSchool(id string) {
	m.selSchool = -1
	if m.district != nil {
		for i := range m.district.Schools {
			if m.district.Schools[i].ID == id {
				m.selSchool = i
			}
		}
	}
	m.selZones = nil
	m.restyleSelection()
}

// SelectZone highlights a zone chosen elsewhere.
func (m *MapView) SelectZone(id string) {
	m.selZones = nil
	if m.district != nil {
		for i := range m.district.Zones {
			if m.district.Zones[i].ID == id {
				m.selZones = []int{i}
			}
		}
	}
	m.restyleSelection()
}

// ClearSelection deselects everything.
func (m *MapView) ClearSelection() {
	m.selZones, m.selSchool = nil, -1
	m.restyleSelection()
}

// SelectedZones returns the IDs of the selected zones.
func (m *MapView) SelectedZones() []string {
	ids := make([]string, len(m.selZones))
	for k, i := range m.selZones {
		ids[k] = m.district.Zones[i].ID
	}
	return ids
}

// SelectedSchool returns the ID of the selected school, "" if none.
func (m *MapView) SelectedSchool() string {
	if m.district == nil || m.selSchool < 0 || m.selSchool >= len(m.district.Schools) {
		return ""
	}
	return m.district.Schools[m.selSchool].ID
}

func (m *MapView) restyleSelection() {
	m.style.Selected = m.selZones
	m.style.SelectedSchool = m.selSchool
	m.redrawOverlays() // the selection is drawn over the zone layer
}

// pick finds the school (preferred: symbols are small targets) or else the
// zone under a widget position; −1 when none.
func (m *MapView) pick(p fyne.Position) (school, zone int) {
	if m.scene == nil || !m.fitted {
		return -1, -1
	}
	px, py := m.toPixel(p)
	if j, ok := m.scene.SchoolAt(m.view, px, py, pickRadius*m.pixelRatio()); ok {
		return j, -1
	}
	if i, ok := m.scene.ZoneAt(m.view, px, py); ok {
		return -1, i
	}
	return -1, -1
}

// zoneAt is the zone under a widget position, −1 when none (schools are
// ignored: painting over a school symbol paints its zone).
func (m *MapView) zoneAt(p fyne.Position) int {
	if m.scene == nil || !m.fitted {
		return -1
	}
	px, py := m.toPixel(p)
	if i, ok := m.scene.ZoneAt(m.view, px, py); ok {
		return i
	}
	return -1
}

// Tapped selects what is under the pointer (or paints it in paint mode).
func (m *MapView) Tapped(e *fyne.PointEvent) {
	if m.mode == ModePaint {
		if zone := m.zoneAt(e.Position); zone >= 0 {
			m.assign([]int{zone})
		}
		return
	}
	school, zone := m.pick(e.Position)
	m.selSchool, m.selZones = school, nil
	if zone >= 0 {
		m.selZones = []int{zone}
	}
	m.restyleSelection()
	if school >= 0 && m.OnSelectSchool != nil {
		m.OnSelectSchool(m.district.Schools[school].ID)
	}
	if m.OnSelectZone != nil && school < 0 {
		id := ""
		if zone >= 0 {
			id = m.district.Zones[zone].ID
		}
		m.OnSelectZone(id)
	}
}

// assign puts zones into the paint school's catchment as one edit.
func (m *MapView) assign(zones []int) {
	if m.paintSchool == "" || m.sess == nil {
		if m.OnError != nil {
			m.OnError(fmt.Errorf("%s", lang.X("map.paint.noschool", "Choose the school to paint with first.")))
		}
		return
	}
	var ids []string
	for _, i := range zones {
		if z := &m.district.Zones[i]; z.SchoolFor(m.stage) != m.paintSchool {
			ids = append(ids, z.ID)
		}
	}
	if len(ids) == 0 {
		return
	}
	err := m.sess.Do(app.At(m.paintYear, &app.AssignZones{Zones: ids, School: m.paintSchool, Stage: m.stage}))
	if err != nil && m.OnError != nil {
		m.OnError(err)
	}
}

// ---- pointer events ------------------------------------------------------

// MouseDown remembers whether Shift is held: Shift+drag is box selection.
func (m *MapView) MouseDown(e *desktop.MouseEvent) {
	m.shift = e.Modifier&fyne.KeyModifierShift != 0
}

// MouseUp is required by desktop.Mouseable.
func (m *MapView) MouseUp(*desktop.MouseEvent) {}

// Dragged pans (a cheap preview: the old frame moves, the map is redrawn
// on release), draws the selection box, or paints zones.
func (m *MapView) Dragged(e *fyne.DragEvent) {
	if !m.dragging {
		m.dragging = true
		m.dragFrom = e.Position.SubtractXY(e.Dragged.DX, e.Dragged.DY)
		m.dragOffset = fyne.Position{}
		m.painted = m.painted[:0]
	}
	m.dragTo = e.Position
	m.hover = ""
	switch {
	case m.mode == ModePaint:
		if zone := m.zoneAt(e.Position); zone >= 0 && !slices.Contains(m.painted, zone) {
			m.painted = append(m.painted, zone)
			m.style.Selected = m.painted // feedback while painting
			m.redrawOverlays()
		}
	case m.shift:
		m.Refresh() // the box overlay
	default:
		m.dragOffset = m.dragOffset.Add(e.Dragged)
		m.Refresh() // moves the old frame; no redraw
	}
}

// DragEnd finishes a pan, a box selection or a paint stroke.
func (m *MapView) DragEnd() {
	if !m.dragging {
		return
	}
	m.dragging = false
	switch {
	case m.mode == ModePaint:
		zones := slices.Clone(m.painted)
		m.painted = m.painted[:0]
		m.style.Selected = m.selZones
		m.redrawOverlays()
		if len(zones) > 0 {
			m.assign(zones)
		}
	case m.shift:
		m.boxSelect(m.dragFrom, m.dragTo)
	default:
		dx, dy := m.toPixel(m.dragOffset)
		m.dragOffset = fyne.Position{}
		if m.fitted {
			m.view = m.view.Pan(dx, dy)
		}
		m.redraw()
		m.reportPointer()
	}
}

// boxSelect selects the zones whose label point lies in the box.
func (m *MapView) boxSelect(a, b fyne.Position) {
	if m.scene == nil || !m.fitted {
		return
	}
	ax, ay := m.toPixel(a)
	bx, by := m.toPixel(b)
	r := image.Rect(int(math.Round(ax)), int(math.Round(ay)), int(math.Round(bx)), int(math.Round(by)))
	m.selZones, m.selSchool = m.scene.ZonesInRect(m.view, r), -1
	m.restyleSelection()
	if m.OnSelectZones != nil {
		m.OnSelectZones(m.SelectedZones())
	}
}

// Scrolled zooms around the pointer.
func (m *MapView) Scrolled(e *fyne.ScrollEvent) {
	if e.Scrolled.DY == 0 {
		return
	}
	px, py := m.toPixel(e.Position)
	oct := math.Max(-maxScrollOctave, math.Min(maxScrollOctave, float64(e.Scrolled.DY)/scrollPerOctave))
	m.zoomAt(math.Pow(2, oct), px, py)
}

// MouseIn is required by desktop.Hoverable.
func (m *MapView) MouseIn(e *desktop.MouseEvent) { m.MouseMoved(e) }

// MouseMoved updates the hover tooltip.
func (m *MapView) MouseMoved(e *desktop.MouseEvent) {
	if m.dragging {
		return
	}
	m.pointer, m.pointerIn = e.Position, true
	m.reportPointer()
	text := m.describe(m.pick(e.Position))
	if text == m.hover && text == "" {
		return
	}
	m.hover, m.hoverPos = text, e.Position
	m.Refresh()
}

// MouseOut hides the tooltip.
func (m *MapView) MouseOut() {
	m.pointerIn = false
	if m.hover != "" {
		m.hover = ""
		m.Refresh()
	}
}

// describe is the tooltip text of a school or zone: name and key numbers.
func (m *MapView) describe(school, zone int) string {
	d := m.district
	switch {
	case school >= 0:
		s := &d.Schools[school]
		text := s.Name + "（" + schoolLevelText(s.Level) + "）"
		if r, ok := m.sess.SchoolResult(s.ID); ok {
			text += "\n" + lang.X("tip.school.students", "{{.S}} pupils / {{.C}} seats, {{.K}} classes",
				map[string]any{"S": estimatedText(fmt.Sprint(r.Students), r.StudentsEstimated), "C": seatsText(r, estimatedText), "K": r.Classes})
			text += "\n" + lang.X("tip.school.status", "Large classes {{.L}}, very large {{.V}}",
				map[string]any{"L": r.Large, "V": r.VeryLarge})
			if r.SeatGap > 0 {
				text += "\n" + lang.X("tip.school.gap", "Seat shortage {{.N}}", map[string]any{"N": r.SeatGap})
			}
		}
		return text
	case zone >= 0:
		z := &d.Zones[zone]
		text := z.Name + "\n" + lang.X("tip.zone.population", "Population {{.N}}", map[string]any{"N": formatInt(float64(z.Population))})
		name := lang.X("tip.zone.unassigned", "not assigned")
		if s := d.School(z.SchoolFor(m.stage)); s != nil {
			name = s.Name
		}
		text += "\n" + lang.X("tip.zone.school", "School: {{.Name}}", map[string]any{"Name": name})
		return text
	}
	return ""
}

// ---- drawing -------------------------------------------------------------

// Export draws the map as shown at scale times the screen resolution, for
// File ▸ Export Map PNG.
func (m *MapView) Export(scale float64) (*image.RGBA, error) {
	if !m.fitted || m.scene == nil {
		return nil, fmt.Errorf("%s", lang.X("map.export.empty", "There is no map to export."))
	}
	v := m.view
	v.W, v.H = int(float64(v.W)*scale), int(float64(v.H)*scale)
	v.Resolution /= scale
	img := image.NewRGBA(image.Rect(0, 0, v.W, v.H))
	err := m.draw(img, v, m.pixelRatio()*scale)
	m.redraw() // the renderer's scratch state belongs to the screen frame
	return img, err
}

func fillBackground(img *image.RGBA, c color.NRGBA) {
	r, g, b, a := c.RGBA()
	pc := color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = pc.R, pc.G, pc.B, pc.A
	}
}

// CreateRenderer builds the raster and the overlays (selection box,
// tooltip); see mapview_renderer.go.
func (m *MapView) CreateRenderer() fyne.WidgetRenderer { return newMapRenderer(m) }
