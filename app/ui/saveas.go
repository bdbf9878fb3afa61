package ui

// 另存为: our own small dialog, file name and folder, because Fyne's save
// dialog opens (and so truncates) the chosen file before Xuequ's atomic
// save runs: a cancelled or failed save would lose the file it was to
// replace. Here nothing touches the chosen path until app's atomic save
// renames its finished temporary file onto it, and an existing file is
// only replaced after 覆盖？ is answered yes.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// showSaveAsThen asks for a file name and folder, saves and then runs then
// (if not nil) once the save succeeded.
func (w *mainWindow) showSaveAsThen(then func()) {
	if w.sess == nil || w.cfg.Save == nil {
		return
	}
	name := widget.NewEntry()
	name.SetText(projectFileName(w.sess))
	dir := w.dialogFolder()
	if dir == "" {
		dir, _ = os.UserHomeDir()
	}
	folder := widget.NewLabel(dir)
	folder.Truncation = fyne.TextTruncateEllipsis
	browse := widget.NewButton(lang.X("saveas.browse", "浏览…"), func() {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err == nil && l != nil {
				dir = l.Path()
				folder.SetText(dir)
			}
		}, w.win)
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
		showFileDialog(d, w.win)
	})
	items := []*widget.FormItem{
		widget.NewFormItem(lang.X("saveas.name", "文件名"), name),
		widget.NewFormItem(lang.X("saveas.folder", "保存位置"), container.NewBorder(nil, nil, nil, browse, folder)),
	}
	d := dialog.NewForm(lang.X("saveas.title", "另存为"), lang.X("saveas.ok", "保存"), lang.X("saveas.cancel", "取消"), items,
		func(ok bool) {
			if ok && strings.TrimSpace(name.Text) != "" {
				w.saveAsTo(filepath.Join(dir, strings.TrimSpace(name.Text)), then)
			}
		}, w.win)
	d.Resize(fitDialog(w.win, 560, 0))
	d.Show()
}

// saveAsTo saves to path (with the project extension added), first asking
// whether to replace a file already there. The file is not opened here:
// it keeps its bytes unless the atomic save completes.
func (w *mainWindow) saveAsTo(path string, then func()) {
	path = projectPath(path)
	st, err := os.Stat(path)
	if err != nil {
		w.savePathThen(path, then)
		return
	}
	if st.IsDir() {
		w.showError(fmt.Errorf("%s", lang.X("saveas.isdir", "{{.Path}} 是文件夹，请换一个文件名。", map[string]any{"Path": path})))
		return
	}
	msg := widget.NewLabel(lang.X("saveas.replace", "{{.Name}} 已存在。要替换它吗？\n保存完成前原文件保持不变。", map[string]any{"Name": filepath.Base(path)}))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.X("saveas.replace.title", "覆盖？"), lang.X("saveas.replace.ok", "替换"),
		lang.X("saveas.cancel", "取消"), msg, func(ok bool) {
			if ok {
				w.savePathThen(path, then)
			}
		}, w.win)
	d.Resize(fitDialog(w.win, 420, 0))
	d.Show()
}

// projectPath is path with the project extension when it has none.
func projectPath(path string) string {
	if !strings.HasSuffix(path, ".gpkg") {
		path += ".xuequ.gpkg"
	}
	return path
}
