package ui

// A school opened in a scenario has no catchment until one is drawn. Right
// after it is placed the window offers to draw one: the zones nearer to it
// than to any other open school of the stage, or by hand in paint mode.

import (
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/model"
)

// openSchoolLabelKey is the key of app.OpenSchool's Label.
const openSchoolLabelKey = "app.label.open_school"

// watchNewSchools remembers the schools on display and, when an edit just
// opened one (not a redo or undo), offers to draw its catchment.
func (w *mainWindow) watchNewSchools() {
	d := w.sess.District()
	ids := make([]string, len(d.Schools))
	for i, s := range d.Schools {
		ids[i] = s.ID
	}
	prev := w.knownSchools
	w.knownSchools = ids
	if prev == nil || w.redoing || w.sess.UndoLabel().Key != openSchoolLabelKey || len(ids) != len(prev)+1 {
		return
	}
	if id := ids[len(ids)-1]; !slices.Contains(prev, id) {
		w.offerCatchment(id)
	}
}

// offerCatchment asks how to give the new school id its catchment.
func (w *mainWindow) offerCatchment(id string) {
	s := w.sess.District().School(id)
	if s == nil || !teachesStage(s.Level, w.mapView.Stage()) {
		return
	}
	stage := w.mapView.Stage()
	zones := nearestZones(w.sess.District(), id, stage)
	var d dialog.Dialog
	auto := widget.NewButton(lang.X("newschool.nearest", "划入就近的 {{.N}} 个小区", map[string]any{"N": len(zones)}), func() {
		d.Hide()
		if len(zones) > 0 {
			w.showError(w.sess.Do(&app.AssignZones{Zones: zones, School: id, Stage: stage}))
		}
	})
	auto.Importance = widget.HighImportance
	if len(zones) == 0 {
		auto.Disable()
	}
	paint := widget.NewButton(lang.X("newschool.paint", "在地图上手工划片"), func() {
		d.Hide()
		w.paintCheck.SetChecked(true)
		w.picker.SetSchools(paintableSchools(w.sess.District(), stage))
		w.picker.SetSelected(id)
	})
	later := widget.NewButton(lang.X("newschool.later", "以后再说"), func() { d.Hide() })
	text := widget.NewLabel(lang.X("newschool.question", "{{.Name}} 已放置，还没有学区。现在为它划定学区吗？", map[string]any{"Name": s.Name}))
	text.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(text, container.NewHBox(layoutSpacer(), later, paint, auto))
	d = dialog.NewCustomWithoutButtons(lang.X("newschool.title", "新学校的学区"), body, w.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// nearestZones are the zones whose label point is nearer to school id than
// to any other open school teaching stage.
func nearestZones(d *model.District, id string, stage model.Level) []string {
	var sites []orb.Point
	self := -1
	for _, s := range d.Schools {
		if s.Closed || !teachesStage(s.Level, stage) || s.Level == model.LevelUnknown {
			continue
		}
		if s.ID == id {
			self = len(sites)
		}
		sites = append(sites, s.Location)
	}
	if self < 0 {
		return nil
	}
	var out []string
	for _, z := range d.Zones {
		if len(z.Geometry) == 0 || z.SchoolFor(stage) == id {
			continue
		}
		p := geo.LabelPoint(z.Geometry)
		k := math.Cos(p[1] * math.Pi / 180)
		best, bestD := -1, math.Inf(1)
		for i, s := range sites {
			dx, dy := (s[0]-p[0])*k, s[1]-p[1]
			if dd := dx*dx + dy*dy; dd < bestD {
				best, bestD = i, dd
			}
		}
		if best == self {
			out = append(out, z.ID)
		}
	}
	return out
}
