package ui

// 另存为 and the exports: our own small dialog, file name and folder
// (askSavePath), because Fyne's save
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
	askSavePath(w.win, lang.X("saveas.title", "另存为"), w.dialogFolder(), projectFileName(w.sess), projectPath,
		func(path string) { w.savePathThen(path, then) })
}

// askSavePath asks a file name (default name) and folder (default dir,
// else the home folder); fix gives the path its extension. An existing
// file is only replaced after 覆盖？ is answered yes; save gets the path
// and must write it atomically (nothing here opens it).
func askSavePath(parent fyne.Window, title, dir, name string, fix func(path string) string, save func(path string)) {
	entry := widget.NewEntry()
	entry.SetText(name)
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
		}, parent)
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
		showFileDialog(d, parent)
	})
	items := []*widget.FormItem{
		widget.NewFormItem(lang.X("saveas.name", "文件名"), entry),
		widget.NewFormItem(lang.X("saveas.folder", "保存位置"), container.NewBorder(nil, nil, nil, browse, folder)),
	}
	d := dialog.NewForm(title, lang.X("saveas.ok", "保存"), lang.X("saveas.cancel", "取消"), items,
		func(ok bool) {
			if n := strings.TrimSpace(entry.Text); ok && n != "" {
				confirmReplace(parent, fix(filepath.Join(dir, n)), save)
			}
		}, parent)
	d.Resize(fitDialog(parent, 560, 0))
	d.Show()
}

// saveAsTo saves the project to path (with the project extension added),
// first asking whether to replace a file already there.
func (w *mainWindow) saveAsTo(path string, then func()) {
	confirmReplace(w.win, projectPath(path), func(p string) { w.savePathThen(p, then) })
}

// confirmReplace runs save(path), first asking 覆盖？ when a file is
// there; a folder is refused. The file is not opened here: it keeps its
// bytes unless save's atomic write completes.
func confirmReplace(parent fyne.Window, path string, save func(path string)) {
	st, err := os.Stat(path)
	if err != nil {
		save(path)
		return
	}
	if st.IsDir() {
		dialog.ShowError(fmt.Errorf("%s", lang.X("saveas.isdir", "{{.Path}} 是文件夹，请换一个文件名。", map[string]any{"Path": path})), parent)
		return
	}
	msg := widget.NewLabel(lang.X("saveas.replace", "{{.Name}} 已存在。要替换它吗？\n保存完成前原文件保持不变。", map[string]any{"Name": filepath.Base(path)}))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.X("saveas.replace.title", "覆盖？"), lang.X("saveas.replace.ok", "替换"),
		lang.X("saveas.cancel", "取消"), msg, func(ok bool) {
			if ok {
				save(path)
			}
		}, parent)
	d.Resize(fitDialog(parent, 420, 0))
	d.Show()
}

// withExt is a fix for askSavePath: ext is added unless path ends with it.
func withExt(ext string) func(path string) string {
	return func(path string) string {
		if strings.HasSuffix(strings.ToLower(path), strings.ToLower(ext)) {
			return path
		}
		return path + ext
	}
}

// projectPath is path with the project extension when it has none.
func projectPath(path string) string {
	if !strings.HasSuffix(path, ".gpkg") {
		path += ".xuequ.gpkg"
	}
	return path
}
