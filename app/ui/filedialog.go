package ui

// Fyne's file dialog takes its buttons and titles ("Open", "Save",
// "Cancel", "File", "New Folder", "Show Hidden Files") from its own
// zh_Hans catalogue, which our zh-CN strings join (see SetLanguage). Its
// places ("Home", "Computer", "Desktop", "Documents", …) are plain
// strings with no translation hook in Fyne 2.7.1, so showFileDialog
// relabels them in the favourites list.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// filePlaceNames are the file dialog's place names in the UI language.
func filePlaceNames() map[string]string {
	return map[string]string{
		"Home":      lang.X("file.place.home", "主目录"),
		"Computer":  lang.X("file.place.computer", "此电脑"),
		"Desktop":   lang.X("file.place.desktop", "桌面"),
		"Documents": lang.X("file.place.documents", "文档"),
		"Downloads": lang.X("file.place.downloads", "下载"),
		"Music":     lang.X("file.place.music", "音乐"),
		"Pictures":  lang.X("file.place.pictures", "图片"),
		"Videos":    lang.X("file.place.videos", "视频"),
		"Movies":    lang.X("file.place.movies", "影片"),
		"App Files": lang.X("file.place.appfiles", "应用文件"),
	}
}

// showFileDialog shows d over parent at a size that fits a 1366×768
// screen, with its places in the UI language.
func showFileDialog(d *dialog.FileDialog, parent fyne.Window) {
	d.Resize(fitDialog(parent, 900, 600))
	d.Show()
	if top := parent.Canvas().Overlays().Top(); top != nil {
		localizePlaces(top, filePlaceNames())
	}
}

// fitDialog is w×h, or less on a window too small for it (1366×768 at
// 100 %, 1920×1080 at 150 %): a dialog never spills over the window.
func fitDialog(parent fyne.Window, w, h float32) fyne.Size {
	if parent == nil {
		return fyne.NewSize(w, h)
	}
	size := parent.Canvas().Size()
	if size.Width <= 0 || size.Height <= 0 {
		return fyne.NewSize(w, h)
	}
	return fyne.NewSize(min(w, size.Width*0.95), min(h, size.Height*0.92))
}

// localizePlaces finds the lists under o (through containers, splits,
// scrolls and pop-ups, whose children are public) and relabels their
// items' place names each time the list draws an item.
func localizePlaces(o fyne.CanvasObject, names map[string]string) {
	switch v := o.(type) {
	case *widget.PopUp:
		localizePlaces(v.Content, names)
	case *fyne.Container:
		for _, c := range v.Objects {
			localizePlaces(c, names)
		}
	case *container.Split:
		localizePlaces(v.Leading, names)
		localizePlaces(v.Trailing, names)
	case *container.Scroll:
		localizePlaces(v.Content, names)
	case *widget.List:
		update := v.UpdateItem
		if update == nil {
			return
		}
		v.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
			update(id, item)
			relabel(item, names)
		}
		v.Refresh()
	}
}

// relabel translates the labels under o whose text is a place name.
func relabel(o fyne.CanvasObject, names map[string]string) {
	switch v := o.(type) {
	case *widget.Label:
		if t, ok := names[v.Text]; ok {
			v.SetText(t)
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			relabel(c, names)
		}
	}
}
