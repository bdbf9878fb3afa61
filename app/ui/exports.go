package ui

import (
	"context"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/app/report"
	"github.com/xuequ/xuequ/model/assign"
)

// The printed outputs of package app/report (学区图, 划片公示名单, 台账) and
// the automatic catchment methods of package model/assign, as menu items.

// exportMenuItems returns File ▸ Export items for the three documents.
func (w *mainWindow) exportMenuItems() []*fyne.MenuItem {
	item := func(label, file, ext string, write func(io.Writer, *app.Session, report.Options) error) *fyne.MenuItem {
		return fyne.NewMenuItem(label, func() { w.showExport(file, ext, write) })
	}
	mapLabel := lang.X("menu.file.exportmap", "Export Catchment Map…")
	noticeLabel := lang.X("menu.file.exportnotice", "Export Public Notice List…")
	return []*fyne.MenuItem{
		// Map and notice: format, paper, orientation and intake year first.
		fyne.NewMenuItem(mapLabel, func() { w.showExportOptions(exportMap, mapLabel, "学区划分示意图") }),
		fyne.NewMenuItem(noticeLabel, func() { w.showExportOptions(exportNotice, noticeLabel, "划片范围公示") }),
		item(lang.X("menu.file.exportledger", "Export Ledger (xlsx)…"), "大班额台账.xlsx", ".xlsx", report.LedgerXLSX),
	}
}

// showExport asks where to write one document for the current year and
// writes it off the UI goroutine, atomically (temp file + rename).
func (w *mainWindow) showExport(name, ext string, write func(io.Writer, *app.Session, report.Options) error) {
	if w.sess == nil {
		return
	}
	sess, opt := w.sess, report.Options{Year: w.sess.Year()}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			w.showError(err)
			return
		}
		path := wc.URI().Path()
		wc.Close()             // written again below, atomically
		release := sess.Hold() // the writer reads the session: no edit meanwhile
		runLongModal(w.win, lang.X("progress.export", "Exporting…"),
			func(context.Context, progressFunc) (struct{}, error) {
				return struct{}{}, report.WriteFileAtomic(path, func(wr io.Writer) error { return write(wr, sess, opt) })
			},
			func(_ struct{}, err error) {
				release()
				if err != nil {
					w.showError(fmt.Errorf("%s: %w", path, err))
				}
			})
	}, w.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	w.setDialogFolder(d)
	showFileDialog(d, w.win) // sized for the screen, places in the UI language
}

// catchmentMenuItems returns Edit ▸ items that redraw every catchment of
// the stage shown on the map, as one undoable edit.
func (w *mainWindow) catchmentMenuItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		fyne.NewMenuItem(lang.X("menu.edit.nearest", "Redraw Catchments: Nearest School"), func() { w.reassign(assign.MethodNearest) }),
		fyne.NewMenuItem(lang.X("menu.edit.optimal", "Redraw Catchments: Within Capacity"), func() { w.reassign(assign.MethodOptimal) }),
	}
}
