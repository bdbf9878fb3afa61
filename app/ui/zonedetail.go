package ui

// Zone detail panel: one residential zone (居住小区/片区), its people and the
// schools whose 学区 it belongs to.
//
//	NewZoneDetail(src ZoneDetailSource) *ZoneDetail
//	(*ZoneDetail).SetZone(id string)   // "" shows the empty hint
//
// src is usually the *app.Session. Wiring: call SetZone from the map's zone
// selection and (*ZoneDetail).Refresh from Session.OnChange. Choosing a
// school sends app.AssignZones through src.Do (undoable).

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// ZoneDetailSource is what the zone detail panel reads and edits.
type ZoneDetailSource interface {
	District() *model.District
	Do(c app.Command) error
}

// *app.Session is the usual source.
var _ ZoneDetailSource = (*app.Session)(nil)

// ZoneDetail shows one zone and edits its catchment schools.
type ZoneDetail struct {
	widget.BaseWidget

	src ZoneDetailSource
	id  string

	empty      *widget.Label
	title      *widget.Label
	figures    *widget.Form
	population *widget.Label
	households *widget.Label
	dwellings  *widget.Label
	township   *widget.Label
	primary    *widget.Select
	junior     *widget.Select
	message    *widget.Label
	body       *fyne.Container

	// primaryIDs and juniorIDs are the school IDs behind the select
	// options, index for index ("" = not assigned).
	primaryIDs, juniorIDs []string
	quiet                 bool // true while the selects are set from code
}

// NewZoneDetail builds the panel; it shows a hint until SetZone.
func NewZoneDetail(src ZoneDetailSource) *ZoneDetail {
	z := &ZoneDetail{src: src}
	z.ExtendBaseWidget(z)

	z.empty = widget.NewLabel(lang.X("zone.detail.empty", "在地图上选择一个居住片区"))
	z.empty.Wrapping = fyne.TextWrapWord
	z.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	z.population = widget.NewLabel("")
	z.households = widget.NewLabel("")
	z.dwellings = widget.NewLabel("")
	z.township = widget.NewLabel("")
	z.primary = widget.NewSelect(nil, func(string) { z.assign(model.LevelPrimary) })
	z.junior = widget.NewSelect(nil, func(string) { z.assign(model.LevelJunior) })
	z.message = widget.NewLabel("")
	z.message.Wrapping = fyne.TextWrapWord
	z.message.Importance = widget.DangerImportance
	z.message.Hide()

	z.figures = widget.NewForm(
		widget.NewFormItem(lang.X("zone.detail.population", "人口"), z.population),
		widget.NewFormItem(lang.X("zone.detail.households", "户数"), z.households),
		widget.NewFormItem(lang.X("zone.detail.dwellings", "住宅套数"), z.dwellings),
		widget.NewFormItem(lang.X("zone.detail.township", "乡镇"), z.township),
		widget.NewFormItem(lang.X("zone.detail.primary", "对口小学"), z.primary),
		widget.NewFormItem(lang.X("zone.detail.junior", "对口初中"), z.junior),
	)
	z.body = container.NewVBox(z.title, z.figures, z.message)
	z.body.Hide()
	return z
}

// CreateRenderer shows the hint or the zone.
func (z *ZoneDetail) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(z.empty, container.NewVScroll(z.body)))
}

// SetZone shows zone id ("" or an unknown id shows the hint).
func (z *ZoneDetail) SetZone(id string) {
	z.id = id
	z.message.Hide()
	z.Refresh()
}

// Zone is the ID shown ("" for none).
func (z *ZoneDetail) Zone() string { return z.id }

// Refresh re-reads the zone from src.
func (z *ZoneDetail) Refresh() {
	z.load()
	z.BaseWidget.Refresh()
}

func (z *ZoneDetail) load() {
	d := z.src.District()
	zone := d.Zone(z.id)
	if zone == nil {
		z.empty.Show()
		z.body.Hide()
		return
	}
	z.empty.Hide()
	z.body.Show()
	z.title.SetText(fmt.Sprintf("%s (%s)", zone.Name, zone.ID))
	z.population.SetText(countOrUnknown(zone.Population))
	z.households.SetText(countOrUnknown(zone.Households))
	z.dwellings.SetText(countOrUnknown(zone.Dwellings))
	z.township.SetText(zone.Township)

	z.quiet = true
	defer func() { z.quiet = false }()
	z.primaryIDs = fillSchoolSelect(z.primary, d, model.LevelPrimary, zone.PrimarySchool)
	z.juniorIDs = fillSchoolSelect(z.junior, d, model.LevelJunior, zone.JuniorSchool)
}

// fillSchoolSelect offers "not assigned" and every school that teaches the
// stage, selects current, and returns the IDs behind the options.
func fillSchoolSelect(sel *widget.Select, d *model.District, stage model.Level, current string) []string {
	ids := []string{""}
	options := []string{lang.X("zone.detail.unassigned", "（未划片）")}
	first, last := stage.Grades()
	selected := 0
	for _, s := range d.Schools {
		teaches := s.Level == model.LevelUnknown || s.Level.Teaches(first) || s.Level.Teaches(last)
		if !teaches && s.ID != current {
			continue
		}
		if s.ID == current {
			selected = len(ids)
		}
		ids = append(ids, s.ID)
		options = append(options, fmt.Sprintf("%s (%s)", s.Name, s.ID))
	}
	if current != "" && selected == 0 {
		// Assigned to a school the district no longer has: show the ID so
		// that the user sees what to fix.
		selected = len(ids)
		ids = append(ids, current)
		options = append(options, lang.X("zone.detail.missing_school", "{{.ID}}（学校不存在）",
			map[string]any{"ID": current}))
	}
	sel.SetOptions(options)
	sel.SetSelectedIndex(selected)
	return ids
}

// assign sends the user's choice for one stage as an AssignZones edit.
func (z *ZoneDetail) assign(stage model.Level) {
	if z.quiet || z.src.District().Zone(z.id) == nil {
		return
	}
	sel, ids := z.primary, z.primaryIDs
	if stage == model.LevelJunior {
		sel, ids = z.junior, z.juniorIDs
	}
	i := sel.SelectedIndex()
	if i < 0 || i >= len(ids) {
		return
	}
	if ids[i] == z.src.District().Zone(z.id).SchoolFor(stage) {
		return
	}
	err := z.src.Do(&app.AssignZones{Zones: []string{z.id}, School: ids[i], Stage: stage})
	if err != nil {
		z.message.SetText(lang.X("zone.detail.assign_failed", "划片未生效：{{.Err}}", map[string]any{"Err": trError(err)}))
		z.message.Show()
	} else {
		z.message.Hide()
	}
	z.Refresh()
}

func countOrUnknown(n int) string {
	if n <= 0 {
		return lang.X("zone.detail.unknown", "未知")
	}
	return strconv.Itoa(n)
}
