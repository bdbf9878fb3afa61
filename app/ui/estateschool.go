package ui

// 在此新建配套学校: the 配套 school an estate needs, opened in the current
// plan (scenario) with the existing open-school edit and the estate put in
// its catchment for the stages it teaches — each an undoable edit.

import (
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/estates"
)

// estateSchool is the open-school edit for an estate's suggested scale,
// sited at the estate's centroid.
func estateSchool(e estates.Estate, township string) *app.OpenSchool {
	s := e.Suggested
	name := e.Name + lang.X("estates.school.name", "配套学校")
	switch s.Level {
	case model.LevelPrimary:
		name = e.Name + lang.X("estates.school.primary", "配套小学")
	case model.LevelJunior:
		name = e.Name + lang.X("estates.school.junior", "配套初中")
	}
	return &app.OpenSchool{Name: name, Level: s.Level, Location: e.Centroid, Capacity: s.Seats,
		Classrooms: s.Classes, Township: township, Public: true}
}

// openEstateSchool asks, then opens the estate's 配套 school and assigns
// the estate's zone to it.
func (w *mainWindow) openEstateSchool(e estates.Estate) {
	if w.sess == nil || e.Suggested == nil {
		return
	}
	township := ""
	if z := w.sess.District().Zone(e.Zone); z != nil {
		township = z.Township
	}
	c := estateSchool(e, township)
	msg := lang.X("estates.confirm", "在 {{.Estate}} 新建 {{.Name}}（{{.Level}}，{{.C}} 班，{{.S}} 学位），并将该小区划入其学区？",
		map[string]any{"Estate": e.Name, "Name": c.Name, "Level": c.Level.Chinese(), "C": c.Classrooms, "S": c.Capacity})
	dialog.ShowConfirm(lang.X("estates.open", "在此新建配套学校"), msg, func(ok bool) {
		if !ok {
			return
		}
		if err := w.sess.Do(c); err != nil {
			w.showError(err)
			return
		}
		for _, st := range []model.Level{model.LevelPrimary, model.LevelJunior} {
			if c.Level == st || c.Level == model.LevelNineYear {
				if err := w.sess.Do(&app.AssignZones{Zones: []string{e.Zone}, School: c.ID, Stage: st}); err != nil {
					w.showError(err)
					return
				}
			}
		}
		w.selectSchool(c.ID, false)
	}, w.win)
}
