package ui

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"github.com/xuequ/xuequ/app"
)

// Shortcuts. Ctrl on Linux/Windows, ⌘ on macOS (ShortcutDefault).
var (
	shortcutOpen    = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSave    = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSaveAs  = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutUndo    = &fyne.ShortcutUndo{}
	shortcutRedo    = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutZoomIn  = &desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutZoomOut = &desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierShortcutDefault}
)

// buildMenu makes the main menu. Items whose Config function is nil are
// disabled rather than hidden, so the menu looks the same everywhere.
func (w *mainWindow) buildMenu() *fyne.MainMenu {
	open := fyne.NewMenuItem(lang.X("menu.file.open", "Open…"), w.showOpen)
	open.Shortcut = shortcutOpen
	open.Disabled = w.cfg.Open == nil
	save := fyne.NewMenuItem(lang.X("menu.file.save", "Save"), w.save)
	save.Shortcut = shortcutSave
	save.Disabled = w.cfg.Save == nil
	saveAs := fyne.NewMenuItem(lang.X("menu.file.saveas", "Save As…"), w.showSaveAs)
	saveAs.Shortcut = shortcutSaveAs
	saveAs.Disabled = w.cfg.Save == nil
	recent := fyne.NewMenuItem(lang.X("menu.file.recent", "Recent Files"), nil)
	recent.ChildMenu = fyne.NewMenu("")
	w.recentItem = recent
	quit := fyne.NewMenuItem(lang.X("menu.file.quit", "Quit"), w.closeRequested)
	quit.IsQuit = true
	file := fyne.NewMenu(lang.X("menu.file", "File"),
		fyne.NewMenuItem(lang.X("menu.file.import", "New from Data Files…"), w.showImport),
		open, recent,
		fyne.NewMenuItem(lang.X("menu.file.importreport", "Import Report…"), w.showImportReport),
		fyne.NewMenuItemSeparator(),
		save, saveAs, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("menu.file.exportpng", "Export Map PNG…"), w.showExportPNG),
	)
	file.Items = append(file.Items, w.exportMenuItems()...)
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), quit)

	w.undoItem = fyne.NewMenuItem(lang.X("menu.edit.undo", "Undo"), w.undo)
	w.undoItem.Shortcut = shortcutUndo
	w.redoItem = fyne.NewMenuItem(lang.X("menu.edit.redo", "Redo"), w.redo)
	w.redoItem.Shortcut = shortcutRedo
	edit := fyne.NewMenu(lang.X("menu.edit", "Edit"), w.undoItem, w.redoItem, fyne.NewMenuItemSeparator())
	edit.Items = append(edit.Items, w.catchmentMenuItems()...)
	edit.Items = append(edit.Items, w.schoolMenuItems()...)
	edit.Items = append(edit.Items, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("menu.edit.settings", "Standards and Settings…"), w.showSettings))

	zoomIn := fyne.NewMenuItem(lang.X("menu.view.zoomin", "Zoom In"), func() { w.mapView.ZoomIn() })
	zoomIn.Shortcut = shortcutZoomIn
	zoomOut := fyne.NewMenuItem(lang.X("menu.view.zoomout", "Zoom Out"), func() { w.mapView.ZoomOut() })
	zoomOut.Shortcut = shortcutZoomOut
	themes := fyne.NewMenuItem(lang.X("menu.view.maptheme", "Map Theme"), nil)
	themes.ChildMenu = fyne.NewMenu("")
	w.themeItem = themes
	for _, t := range mapThemes {
		item := fyne.NewMenuItem(t.Label(), nil)
		item.Action = func() {
			w.setMapTheme(t)
			w.refreshThemeMenu()
		}
		themes.ChildMenu.Items = append(themes.ChildMenu.Items, item)
	}
	language := fyne.NewMenuItem(lang.X("menu.view.language", "Language"), nil)
	zh := fyne.NewMenuItem("中文（简体）", nil)
	en := fyne.NewMenuItem("English", nil)
	zh.Checked = languagePref(w.app.Preferences()) == langChinese
	en.Checked = !zh.Checked
	zh.Action = func() { zh.Checked, en.Checked = true, false; w.setLanguage(langChinese) }
	en.Action = func() { zh.Checked, en.Checked = false, true; w.setLanguage(langEnglish) }
	language.ChildMenu = fyne.NewMenu("", zh, en)
	view := fyne.NewMenu(lang.X("menu.view", "View"), zoomIn, zoomOut,
		fyne.NewMenuItem(lang.X("menu.view.zoomdistrict", "Zoom to District"), func() { w.mapView.ZoomToDistrict() }),
		fyne.NewMenuItem(lang.X("menu.view.zoomselection", "Zoom to Selection"), func() { w.mapView.ZoomToSelection() }),
		fyne.NewMenuItemSeparator(), themes, language)

	m := fyne.NewMainMenu(file, edit, w.scenarioMenu(), view, w.helpMenu())
	w.menu = m
	w.refreshRecentMenu()
	w.refreshThemeMenu()
	return m
}

// addShortcuts registers the menu shortcuts on the canvas too: the desktop
// driver fires menu shortcuts itself (and then stops), but headless tests
// and a window without a native menu only see canvas shortcuts.
func (w *mainWindow) addShortcuts() {
	c := w.win.Canvas()
	add := func(s fyne.Shortcut, f func()) { c.AddShortcut(s, func(fyne.Shortcut) { f() }) }
	add(shortcutOpen, w.showOpen)
	add(shortcutSave, w.save)
	add(shortcutSaveAs, w.showSaveAs)
	add(shortcutUndo, w.undo)
	add(shortcutRedo, w.redo)
	add(&fyne.ShortcutRedo{}, w.redo) // Ctrl+Y
	add(shortcutZoomIn, func() { w.mapView.ZoomIn() })
	add(&desktop.CustomShortcut{KeyName: fyne.KeyPlus, Modifier: fyne.KeyModifierShortcutDefault}, func() { w.mapView.ZoomIn() })
	add(shortcutZoomOut, func() { w.mapView.ZoomOut() })
	// Escape leaves paint mode's stroke and clears the selection.
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			w.mapView.ClearSelection()
		}
	})
	// Plain + and − zoom when no text field has the focus.
	c.SetOnTypedRune(func(r rune) {
		switch r {
		case '+', '=':
			w.mapView.ZoomIn()
		case '-', '−':
			w.mapView.ZoomOut()
		}
	})
}

// updateUndoRedo names the edits in the Edit menu and greys out empty stacks.
func (w *mainWindow) updateUndoRedo() {
	if w.undoItem == nil || w.sess == nil {
		return
	}
	w.undoItem.Label = lang.X("menu.edit.undo", "Undo")
	if l := trLabel(w.sess.UndoLabel()); l != "" {
		w.undoItem.Label += ": " + l
	}
	w.undoItem.Disabled = w.sess.UndoLabel().IsZero()
	w.redoItem.Label = lang.X("menu.edit.redo", "Redo")
	if l := trLabel(w.sess.RedoLabel()); l != "" {
		w.redoItem.Label += ": " + l
	}
	w.redoItem.Disabled = w.sess.RedoLabel().IsZero()
	w.menu.Refresh()
}

func (w *mainWindow) undo() {
	if w.sess != nil && !w.sess.UndoLabel().IsZero() {
		w.showError(w.sess.Undo())
	}
}

func (w *mainWindow) redo() {
	if w.sess != nil && !w.sess.RedoLabel().IsZero() {
		w.redoing = true // a redone 新建学校 does not ask for its catchment again
		defer func() { w.redoing = false }()
		w.showError(w.sess.Redo())
	}
}

// refreshRecentMenu rebuilds File ▸ Recent Files from the preferences.
func (w *mainWindow) refreshRecentMenu() {
	if w.menu == nil {
		return
	}
	recent := w.recentItem
	recent.ChildMenu.Items = nil
	for _, p := range recentFiles(w.app.Preferences()) {
		recent.ChildMenu.Items = append(recent.ChildMenu.Items, fyne.NewMenuItem(p, func() { w.confirmDiscard(func() { w.openPath(p) }) }))
	}
	recent.Disabled = len(recent.ChildMenu.Items) == 0 || w.cfg.Open == nil
	w.menu.Refresh()
}

// refreshThemeMenu ticks the current map theme.
func (w *mainWindow) refreshThemeMenu() {
	items := w.themeItem.ChildMenu.Items
	for i, t := range mapThemes {
		items[i].Checked = t == w.mapView.MapTheme()
	}
	w.menu.Refresh()
}

// setLanguage switches the UI language at once: the translations are
// reloaded and the menu and panels rebuilt in place (the window keeps its
// size, splits, map view, selection and open dialogs' project).
func (w *mainWindow) setLanguage(code string) {
	w.app.Preferences().SetString(prefLanguage, code)
	if err := SetLanguage(code); err != nil {
		fyne.LogError("loading translations", err)
	}
	w.menu = w.buildMenu()
	w.win.SetMainMenu(w.menu)
	if w.sess == nil {
		return
	}
	school := w.selectedSchool()
	w.buildContent(false)
	w.sessionChanged()
	if school != "" {
		w.selectSchool(school, true)
	}
	// An open comparison window got a new view from buildContent
	// (buildScenarioBar), its old one's listener removed.
}

// showOpen asks for a project file.
func (w *mainWindow) showOpen() {
	if w.cfg.Open == nil {
		return
	}
	w.confirmDiscard(w.showOpenDialog)
}

func (w *mainWindow) showOpenDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			w.showError(err)
			return
		}
		r.Close()
		w.openPath(r.URI().Path())
	}, w.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".gpkg"}))
	w.setDialogFolder(d)
	showFileDialog(d, w.win)
}

// setDialogFolder starts file dialogs where the current project lives.
func (w *mainWindow) setDialogFolder(d *dialog.FileDialog) {
	dir := ""
	if w.sess != nil && w.sess.Path() != "" {
		dir = filepath.Dir(w.sess.Path())
	} else if r := recentFiles(w.app.Preferences()); len(r) > 0 {
		dir = filepath.Dir(r[0])
	}
	if dir == "" {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

func (w *mainWindow) save() {
	if w.sess == nil || w.cfg.Save == nil {
		return
	}
	if w.sess.Path() == "" || w.sess.Path() == w.readOnlyPath {
		w.showSaveAs() // never save over a project another Xuequ has open
		return
	}
	w.savePath(w.sess.Path())
}

func (w *mainWindow) showSaveAs() { w.showSaveAsThen(nil) }

// showSaveAsThen asks for a file name, saves and then runs then (if not
// nil) once the save succeeded.
func (w *mainWindow) showSaveAsThen(then func()) {
	if w.sess == nil || w.cfg.Save == nil {
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			w.showError(err)
			return
		}
		path := wc.URI().Path()
		wc.Close()
		os.Remove(path) // Save writes atomically via its own temp file
		w.savePathThen(path, then)
	}, w.win)
	d.SetFileName(projectFileName(w.sess))
	w.setDialogFolder(d)
	showFileDialog(d, w.win)
}

func projectFileName(s *app.Session) string {
	if p := s.Path(); p != "" {
		return filepath.Base(p)
	}
	name := s.District().Name
	if name == "" {
		name = "xuequ"
	}
	return name + ".xuequ.gpkg"
}

// showExportPNG writes the map as shown, at twice the screen resolution.
func (w *mainWindow) showExportPNG() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			w.showError(err)
			return
		}
		defer wc.Close()
		img, err := w.mapView.Export(2)
		if err == nil {
			err = png.Encode(wc, img)
		}
		if err != nil {
			w.showError(fmt.Errorf("%s: %w", wc.URI().Path(), err))
		}
	}, w.win)
	d.SetFileName("xuequ-map.png")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".png"}))
	w.setDialogFolder(d)
	showFileDialog(d, w.win)
}

// Dialogs written by the panels helper (settings.go, about.go,
// importwizard.go); the menu only opens them.

// showImport runs the import wizard; the imported district opens as a new,
// never-saved project (Save asks where to put it).
func (w *mainWindow) showImport() {
	w.confirmDiscard(w.showImportWizard)
}

func (w *mainWindow) showImportWizard() {
	wiz := NewImportWizard(w.win, func(r ImportResult) {
		if r.District != nil {
			s := app.NewSession(r.District, "", w.cfg.Projector)
			s.SetImportRecord(r.Report, r.Values)
			w.setSession(s)
		}
	})
	// A re-import of the open project's files repeats its value map; the
	// report says which values it replaced and which entries found nothing.
	if w.sess != nil {
		if _, values := w.sess.ImportReport(); len(values) > 0 {
			wiz.SetValues(values)
		}
	}
	wiz.Show()
}

// showImportReport shows the import report saved in the open project.
func (w *mainWindow) showImportReport() {
	if w.sess != nil {
		rows, values := w.sess.ImportReport()
		ShowImportReport(w.win, rows, values)
	}
}

func (w *mainWindow) showSettings() {
	if w.sess != nil {
		NewSettingsDialog(w.sess, w.win).Show()
	}
}

func (w *mainWindow) showAbout() { NewAboutDialog(w.win).Show() }
