package ui

// Quitting with unsaved changes: 保存并退出 / 不保存 / 取消, the choice every
// office program offers.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// closeRequested asks about unsaved changes, remembers the layout and quits.
func (w *mainWindow) closeRequested() {
	if w.sess == nil || !w.sess.Dirty() {
		w.quit()
		return
	}
	w.askUnsaved(lang.X("quit.question", "项目有未保存的修改。退出前要保存吗？"),
		lang.X("quit.save", "保存并退出"), lang.X("quit.discard", "不保存"), w.quit)
}

// confirmDiscard runs then after the user saved or agreed to drop unsaved
// changes (at once when there are none): before opening or importing.
func (w *mainWindow) confirmDiscard(then func()) {
	if w.sess == nil || !w.sess.Dirty() {
		then()
		return
	}
	w.askUnsaved(lang.X("quit.question.open", "项目有未保存的修改。先保存吗？"),
		lang.X("quit.save.open", "保存"), lang.X("quit.discard", "不保存"), then)
}

// askUnsaved offers to save (then run then), to drop the changes (run
// then at once) or to cancel.
func (w *mainWindow) askUnsaved(question, saveLabel, discardLabel string, then func()) {
	var d dialog.Dialog
	save := widget.NewButton(saveLabel, func() { d.Hide(); w.saveThen(then) })
	save.Importance = widget.HighImportance
	discard := widget.NewButton(discardLabel, func() { d.Hide(); then() })
	cancel := widget.NewButton(lang.X("quit.cancel", "取消"), func() { d.Hide() })
	body := container.NewVBox(widget.NewLabel(question),
		container.NewHBox(layoutSpacer(), cancel, discard, save))
	d = dialog.NewCustomWithoutButtons(lang.X("quit.title", "未保存的修改"), body, w.win)
	w.unsavedDialog = d
	d.Show()
}

// saveThen saves the project (asking for a name if it has none or is
// another Xuequ's) and runs then once the save succeeded.
func (w *mainWindow) saveThen(then func()) {
	if w.sess == nil || w.cfg.Save == nil {
		then()
		return
	}
	if w.sess.Path() == "" || w.sess.Path() == w.readOnlyPath {
		w.showSaveAsThen(then)
		return
	}
	w.savePathThen(w.sess.Path(), then)
}

func layoutSpacer() fyne.CanvasObject { return widget.NewLabel("") }
