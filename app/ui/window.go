package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// mainWindow is the one document window: menu, map in the centre, the
// school table on the left, details and summary on the right, the year
// slider and status bar at the bottom. It owns the Session on display and
// rebuilds its panels when a project is opened.
type mainWindow struct {
	app  fyne.App
	win  fyne.Window
	cfg  Config
	sess *app.Session

	mapView *MapView
	status  *widget.Label
	coords  *widget.Label    // lon/lat under the pointer
	outer   *container.Split // school table | rest
	inner   *container.Split // map | details
	menu    *fyne.MainMenu

	// unlock releases the lock of lockedPath, the project file this window
	// has open; readOnlyPath is a project another Xuequ had open when it
	// was opened here (Save then asks for a new name).
	unlock                   func()
	lockedPath, readOnlyPath string

	compareWin  fyne.Window  // 方案对比, nil when closed (scenarios.go)
	compareView *CompareView // its content (scenariolisten.go)
	scenarioBar *ScenarioBar // the bar above the map
	// unlisten removes this window's listeners from the session on display.
	unlisten []func()

	knownSchools  []string      // school IDs at the last change (newschool.go)
	redoing       bool          // inside Redo
	unsavedDialog dialog.Dialog // the last 保存/不保存/取消 question (tests)

	// map toolbar widgets kept across rebuilds' state
	picker      *schoolPicker
	themeSelect *widget.Select
	stageRadio  *widget.RadioGroup
	paintCheck  *widget.Check

	undoItem, redoItem    *fyne.MenuItem
	recentItem, themeItem *fyne.MenuItem // their submenus are rebuilt

	// Panels owned by the panels helper; rebuilt on every setSession.
	left, right, bottom fyne.CanvasObject
	panels              panels
	// selection notifies the panels (set while building them).
	onSelectSchool, onSelectZone func(id string)
}

func newMainWindow(a fyne.App, cfg Config) *mainWindow {
	w := &mainWindow{app: a, cfg: cfg, win: a.NewWindow(lang.X("app.title", "Xuequ school planning"))}
	w.win.SetMaster()
	w.win.Resize(windowSize(a.Preferences()))
	w.status = widget.NewLabel("")
	w.status.Truncation = fyne.TextTruncateEllipsis
	w.coords = widget.NewLabel("")
	w.mapView = NewMapView()
	w.mapView.SetMapTheme(parseMapTheme(a.Preferences().StringWithFallback(prefMapTheme, ThemeClassSize.String())))
	w.mapView.OnSelectSchool = func(id string) { w.selectSchool(id, false) }
	w.mapView.OnSelectZone = func(id string) { w.selectZone(id, false) }
	w.mapView.OnSelectZones = func(ids []string) {
		if len(ids) > 0 {
			w.selectZone(ids[0], false)
		}
		w.updateStatus()
	}
	w.mapView.OnError = w.showError
	w.mapView.OnPointer = func(p orb.Point) { w.coords.SetText(formatLonLat(p)) }
	w.menu = w.buildMenu()
	w.win.SetMainMenu(w.menu)
	w.addShortcuts()
	w.win.SetCloseIntercept(w.closeRequested)
	w.win.SetContent(w.placeholderContent())
	return w
}

// stopListening removes the window's and its scenario bar's listeners
// from the session on display (before another project replaces it).
func (w *mainWindow) stopListening() {
	for _, f := range w.unlisten {
		f()
	}
	w.unlisten = nil
	if w.scenarioBar != nil {
		w.scenarioBar.Unlisten()
		w.scenarioBar = nil
	}
}

// placeholderContent shows while the first project loads.
func (w *mainWindow) placeholderContent() fyne.CanvasObject {
	bar := widget.NewProgressBarInfinite()
	return container.NewCenter(container.NewVBox(widget.NewLabel(lang.X("status.loading", "Loading…")), bar))
}

// setSession shows s: rebuilds the panels around the (kept) map widget so
// split positions, map theme and zoom survive opening another project.
func (w *mainWindow) setSession(s *app.Session) {
	first := w.sess == nil
	w.releaseLock()
	w.stopListening()
	w.sess = s
	w.knownSchools = nil
	w.unlisten = append(w.unlisten, s.Listen(w.sessionChanged))
	w.coords.SetText("") // the last project's coordinates mean nothing here
	w.mapView.SetSession(s)
	w.buildContent(first)
	w.sessionChanged()
	w.mapView.ZoomToDistrict()
}

// buildContent lays the window out for the current session.
func (w *mainWindow) buildContent(first bool) {
	leftOff, innerOff := defaultSplitLeft, defaultSplitRight
	if first {
		p := w.app.Preferences()
		leftOff = splitOffset(p, prefSplitLeft, defaultSplitLeft)
		innerOff = splitOffset(p, prefSplitRight, defaultSplitRight)
	} else if w.outer != nil {
		leftOff, innerOff = w.outer.Offset, w.inner.Offset
	}
	w.left = w.buildLeftPanel()
	w.right = w.buildRightPanel()
	w.bottom = w.buildBottomPanel()

	// The scenario bar scrolls sideways rather than widen the window.
	bar := w.buildScenarioBar()
	if b, ok := bar.(*ScenarioBar); ok {
		if w.scenarioBar != nil {
			w.scenarioBar.Unlisten() // the bar it replaces
		}
		w.scenarioBar = b
	}
	mapArea := container.NewBorder(container.NewVBox(container.NewHScroll(bar), w.buildMapToolbar()), nil, nil, nil, w.mapView)
	w.inner = container.NewHSplit(mapArea, w.right)
	w.inner.Offset = innerOff
	w.outer = container.NewHSplit(w.left, w.inner)
	w.outer.Offset = leftOff
	statusBar := container.NewBorder(widget.NewSeparator(), nil, nil, w.coords, w.status)
	w.win.SetContent(container.NewBorder(nil, container.NewVBox(w.bottom, statusBar), nil, nil, w.outer))
}

// buildMapToolbar is the strip above the map: paint mode and its school
// always, then theme, stage and zoom while they fit (else in the ⋯ menu).
// Nothing in it changes width with the state, so the window keeps still.
func (w *mainWindow) buildMapToolbar() fyne.CanvasObject {
	themeLabels := make([]string, len(mapThemes))
	for i, t := range mapThemes {
		themeLabels[i] = t.Label()
	}
	themeSel := widget.NewSelect(themeLabels, func(s string) {
		if i := slices.Index(themeLabels, s); i >= 0 {
			w.setMapTheme(mapThemes[i])
		}
	})
	themeSel.SetSelected(w.mapView.MapTheme().Label())
	w.themeSelect = themeSel

	w.picker = newSchoolPicker()
	w.picker.OnChanged = func(id string) { w.mapView.SetPaintSchool(id) }
	w.picker.SetSchools(paintableSchools(w.sess.District(), w.mapView.Stage()))
	w.picker.SetSelected(w.mapView.PaintSchool())

	stages := []string{lang.X("stage.primary", "Primary"), lang.X("stage.junior", "Junior")}
	stage := widget.NewRadioGroup(stages, func(s string) {
		level := model.LevelPrimary
		if s == stages[1] {
			level = model.LevelJunior
		}
		if level == w.mapView.Stage() {
			return
		}
		w.mapView.SetStage(level)
		// Only schools that teach the stage can take its catchments.
		w.picker.SetSchools(paintableSchools(w.sess.District(), level))
		w.picker.SetSelected("")
	})
	stage.Horizontal = true
	stage.Required = true
	stage.SetSelected(stages[0])
	if w.mapView.Stage() == model.LevelJunior {
		stage.SetSelected(stages[1])
	}
	w.stageRadio = stage

	paint := widget.NewCheck(lang.X("map.paint", "Paint catchment"), w.setPaintMode)
	paint.SetChecked(w.mapView.Mode() == ModePaint)
	w.paintCheck = paint
	if w.mapView.Mode() != ModePaint {
		w.picker.Disable()
	}

	zoomIn := widget.NewButtonWithIcon("", theme.ZoomInIcon(), w.mapView.ZoomIn)
	zoomOut := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), w.mapView.ZoomOut)
	zoomAll := widget.NewButtonWithIcon("", theme.ViewFullScreenIcon(), w.mapView.ZoomToDistrict)
	for _, b := range []*widget.Button{zoomIn, zoomOut, zoomAll} {
		b.Importance = widget.LowImportance
	}
	fixed := []fyne.CanvasObject{paint, w.picker}
	// Each optional item hides whole: a label never stays without its control.
	optional := []fyne.CanvasObject{
		container.NewHBox(widget.NewSeparator(), widget.NewLabel(lang.X("map.theme", "Theme")), themeSel),
		container.NewHBox(widget.NewSeparator(), stage),
		container.NewHBox(zoomIn, zoomOut, zoomAll)}
	return newCollapsingBar(fixed, optional, func() *fyne.Menu { return w.mapToolMenu(stages, stage) })
}

// setPaintMode turns 划片 on or off; the school picker stays in place
// (greyed out when off) so that nothing moves.
func (w *mainWindow) setPaintMode(on bool) {
	if on {
		w.picker.Enable()
		w.mapView.SetMode(ModePaint)
		return
	}
	w.picker.Disable()
	w.mapView.SetMode(ModeBrowse)
}

// mapToolMenu is the overflow menu of the map toolbar: what does not fit.
func (w *mainWindow) mapToolMenu(stages []string, stage *widget.RadioGroup) *fyne.Menu {
	var items []*fyne.MenuItem
	for _, t := range mapThemes {
		it := fyne.NewMenuItem(t.Label(), func() { w.setMapTheme(t) })
		it.Checked = t == w.mapView.MapTheme()
		items = append(items, it)
	}
	items = append(items, fyne.NewMenuItemSeparator())
	for _, s := range stages {
		it := fyne.NewMenuItem(s, func() { stage.SetSelected(s) })
		it.Checked = stage.Selected == s
		items = append(items, it)
	}
	return fyne.NewMenu("", append(items, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("menu.view.zoomin", "Zoom In"), w.mapView.ZoomIn),
		fyne.NewMenuItem(lang.X("menu.view.zoomout", "Zoom Out"), w.mapView.ZoomOut),
		fyne.NewMenuItem(lang.X("menu.view.zoomdistrict", "Zoom to District"), w.mapView.ZoomToDistrict))...)
}

func (w *mainWindow) setMapTheme(t MapTheme) {
	w.mapView.SetMapTheme(t)
	if w.themeSelect != nil && w.themeSelect.Selected != t.Label() {
		w.themeSelect.SetSelected(t.Label())
	}
	w.app.Preferences().SetString(prefMapTheme, t.String())
}

// sessionChanged runs after every edit, undo, year change or save.
func (w *mainWindow) sessionChanged() {
	w.updateTitle()
	w.updateUndoRedo()
	w.updateStatus()
	w.refreshPanels()
	w.mapView.DataChanged()
	if w.picker != nil {
		w.picker.SetSchools(paintableSchools(w.sess.District(), w.mapView.Stage()))
	}
	w.watchNewSchools()
}

// updateTitle shows the file name and a • while there are unsaved changes.
func (w *mainWindow) updateTitle() {
	name := lang.X("title.sample", "Sample district")
	if p := w.sess.Path(); p != "" {
		name = filepath.Base(p)
	} else if n := w.sess.District().Name; n != "" {
		name = n
	}
	if w.sess.Dirty() {
		name += " •"
	}
	w.win.SetTitle(name + " — " + lang.X("app.title", "Xuequ school planning"))
}

// updateStatus writes the year's key numbers into the status bar.
func (w *mainWindow) updateStatus() {
	a := w.sess.Analysis()
	s := a.Summary
	year := lang.X("status.year", "Year {{.Year}}", map[string]any{"Year": a.Year})
	switch {
	case a.Estimated: // no history: pupils estimated from the catchment zones
		year = lang.X("status.year.estimated", "Year {{.Year}} (estimated)", map[string]any{"Year": a.Year})
	case w.sess.Projected(a.Year):
		year = lang.X("status.year.projected", "Year {{.Year}} (projected)", map[string]any{"Year": a.Year})
	}
	parts := []string{
		year,
		lang.X("status.schools", "{{.N}} schools", map[string]any{"N": s.Schools}),
		lang.X("status.students", "{{.N}} pupils", map[string]any{"N": formatInt(float64(s.Students))}),
		lang.X("status.classes", "{{.N}} classes", map[string]any{"N": s.Classes}),
		lang.X("status.large", "large classes {{.N}} ({{.Share}})", map[string]any{
			"N": s.Large + s.VeryLarge, "Share": fmt.Sprintf("%.1f%%", s.LargeShare*100)}),
		lang.X("status.verylarge", "very large {{.N}}", map[string]any{"N": s.VeryLarge}),
		lang.X("status.shortage", "seat shortage {{.N}}", map[string]any{"N": formatInt(float64(s.SeatShortage))}),
	}
	if n := s.CapacityUnknown; n > 0 {
		parts = append(parts, lang.X("status.capacity_unknown", "seats unknown at {{.N}} schools", map[string]any{"N": n}))
	}
	if n := len(w.mapView.SelectedZones()); n > 1 {
		parts = append(parts, lang.X("status.selected", "{{.N}} zones selected", map[string]any{"N": n}))
	}
	if err := w.sess.ProjectionError(); err != nil {
		parts = append(parts, lang.X("status.projerror", "projection failed: {{.Err}}", map[string]any{"Err": err.Error()}))
	}
	if text := strings.Join(parts, "  ·  "); text != w.status.Text {
		w.status.SetText(text) // re-shapes the text: only when it changed
	}
}

// formatLonLat writes a lon/lat as 117.0012°E 31.0034°N (4 decimals ≈ 10 m).
func formatLonLat(p orb.Point) string {
	ew, ns := "E", "N"
	if p[0] < 0 {
		ew = "W"
	}
	if p[1] < 0 {
		ns = "S"
	}
	return fmt.Sprintf("%.4f°%s  %.4f°%s", math.Abs(p[0]), ew, math.Abs(p[1]), ns)
}

// selectSchool shows a school's details and highlights it on the map.
// fromPanel is true when the table asked, so the map need not echo back.
func (w *mainWindow) selectSchool(id string, fromPanel bool) {
	if fromPanel {
		w.mapView.SelectSchool(id)
	}
	if w.onSelectSchool != nil {
		w.onSelectSchool(id)
	}
}

// selectZone shows a zone's details.
func (w *mainWindow) selectZone(id string, fromPanel bool) {
	if fromPanel {
		w.mapView.SelectZone(id)
	}
	if w.onSelectZone != nil {
		w.onSelectZone(id)
	}
}

func (w *mainWindow) showError(err error) {
	if err != nil {
		dialog.ShowError(translatedError{err}, w.win)
	}
}

func (w *mainWindow) quit() {
	p := w.app.Preferences()
	storeWindowSize(p, w.win.Canvas().Size())
	if w.outer != nil {
		p.SetFloat(prefSplitLeft, w.outer.Offset)
		p.SetFloat(prefSplitRight, w.inner.Offset)
	}
	w.releaseLock()
	w.win.Close()
	w.app.Quit()
}

// withPath makes sure an error names the file (store errors already do).
func withPath(path string, err error) error {
	if strings.Contains(err.Error(), path) {
		return err
	}
	return fmt.Errorf("%s: %w", path, err)
}

// openPath opens a project off the UI goroutine and shows it.
func (w *mainWindow) openPath(path string) {
	if w.cfg.Open == nil {
		return
	}
	runLong(w.win, lang.X("progress.open", "Opening {{.Name}}", map[string]any{"Name": filepath.Base(path)}),
		func(ctx context.Context, _ progressFunc) (*app.Session, error) { return w.cfg.Open(ctx, path) },
		func(s *app.Session, err error) {
			if err != nil {
				if !errors.Is(err, context.Canceled) { // Cancel pressed: nothing to report
					w.showError(withPath(path, err))
				}
				if w.sess == nil && w.cfg.Sample != nil { // start-up: fall back to the sample
					if d, err := w.cfg.Sample(); err == nil {
						w.setSession(app.NewSession(d, "", w.cfg.Projector))
					}
				}
				return
			}
			w.setSession(s)
			w.holdLock(path)
			addRecentFile(w.app.Preferences(), path)
			w.refreshRecentMenu()
		})
}

// savePath writes the project off the UI goroutine. The progress dialog
// shows at once (not after progressDelay): it is modal, so the district
// cannot change while the worker reads it.
func (w *mainWindow) savePath(path string) { w.savePathThen(path, nil) }

// savePathThen is savePath running then (if not nil) after a successful save.
func (w *mainWindow) savePathThen(path string, then func()) {
	if w.cfg.Save == nil {
		return
	}
	if !strings.HasSuffix(path, ".gpkg") {
		path += ".xuequ.gpkg"
	}
	unlock, err := w.lockFor(path)
	if err != nil {
		w.showError(err)
		return
	}
	// The worker writes a frozen copy: edits made meanwhile (the native
	// menu and shortcuts are not blocked by the modal dialog) cannot race
	// with it, and stay unsaved (dirty) after it.
	sess := w.sess
	frozen, err := sess.Freeze()
	if err != nil {
		if unlock != nil {
			unlock()
		}
		w.showError(err)
		return
	}
	edits := sess.Generation()
	runLongModal(w.win, lang.X("progress.save", "Saving {{.Name}}", map[string]any{"Name": filepath.Base(path)}),
		func(ctx context.Context, _ progressFunc) (struct{}, error) {
			return struct{}{}, w.cfg.Save(ctx, frozen, path)
		},
		func(_ struct{}, err error) {
			if err != nil {
				if unlock != nil {
					unlock()
				}
				if !errors.Is(err, context.Canceled) { // cancelled: the old file is as it was
					w.showError(withPath(path, err))
				}
				return
			}
			if unlock != nil { // saved under a new name: that file is ours now
				w.releaseLock()
				w.unlock, w.lockedPath = unlock, path
			}
			sess.SetPath(path)
			if sess.Generation() != edits {
				sess.MarkDirty() // edited while saving: those edits are not in the file
			}
			addRecentFile(w.app.Preferences(), path)
			w.refreshRecentMenu()
			if then != nil {
				then()
			}
		})
}

// ---------------------------------------------------------------------------
// Panels. They are written by the panels helper (schooltable.go,
// schooldetail.go, zonedetail.go, summary.go, yearslider.go); the window
// only lays them out and wires selection and refresh.

// panels are the session-bound widgets around the map.
type panels struct {
	table  *SchoolTable
	school *SchoolDetail
	zone   *ZoneDetail
	sum    *Summary
	year   *YearSlider
	// planning holds the summary and the 编制/优质均衡/学前 tabs (planning.go).
	planning *container.AppTabs
}

func (w *mainWindow) buildLeftPanel() fyne.CanvasObject {
	w.panels.table = NewSchoolTable(w.sess, func(id string) { w.selectSchool(id, true) })
	return w.panels.table
}

// buildRightPanel puts the district summary over the detail of the
// selection (school or zone): the summary is what a bureau looks at first,
// the detail needs the height for its grades × years table.
func (w *mainWindow) buildRightPanel() fyne.CanvasObject {
	p := &w.panels
	p.school = NewSchoolDetail(w.sess)
	p.zone = NewZoneDetail(w.sess)
	p.sum = NewSummary(w.sess)
	p.zone.Hide()
	w.onSelectSchool = func(id string) {
		p.zone.Hide()
		p.school.SetSchool(id)
		p.school.Show()
		if p.table.Selected() != id {
			p.table.SelectSchool(id)
		}
	}
	w.onSelectZone = func(id string) {
		if id == "" {
			return
		}
		p.school.Hide()
		p.zone.SetZone(id)
		p.zone.Show()
	}
	// The detail scrolls inside the pane: a long school name or a wide
	// grades table never widens the window.
	split := container.NewVSplit(newPlanningTabs(w, p.sum), container.NewScroll(container.NewStack(p.school, p.zone))) // planning.go
	split.Offset = 0.4
	return split
}

func (w *mainWindow) buildBottomPanel() fyne.CanvasObject {
	w.panels.year = NewYearSlider(w.sess)
	return w.panels.year
}

// refreshPanels re-reads the session into every panel.
func (w *mainWindow) refreshPanels() {
	p := &w.panels
	for _, o := range []fyne.CanvasObject{p.table, p.school, p.zone, p.sum, p.year} {
		if o != nil && o.Visible() {
			o.Refresh()
		}
	}
	if t := p.planning; t != nil { // the planning tab on display, not the summary again
		if sel := t.Selected(); sel != nil && sel.Content != fyne.CanvasObject(p.sum) {
			sel.Content.Refresh()
		}
	}
}
