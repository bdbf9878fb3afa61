package report

import (
	"image/color"
	"strconv"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo/render"
	"github.com/xuequ/xuequ/model"
)

// Class-size status colours: the planning convention (green, yellow,
// orange 大班额, red 超大班额), the same as the map window and the symbols.
var statusColors = [...]color.NRGBA{
	model.StatusStandard:     render.ColorStandard,
	model.StatusOverStandard: render.ColorOverStandard,
	model.StatusLarge:        render.ColorLarge,
	model.StatusVeryLarge:    render.ColorVeryLarge,
}

// unassignedColor fills zones with no school for the stage (or whose
// school has no data for the year in the status theme): the map window's.
var unassignedColor = render.UnassignedColor

// boundaryColor draws catchment boundaries.
var boundaryColor = color.NRGBA{0x30, 0x30, 0x36, 0xff}

// symbolGrey is the fill of school symbols on the catchment map and of the
// level keys in legends.
var symbolGrey = color.NRGBA{0x60, 0x60, 0x60, 0xff}

// fillAlpha is the catchment fills' opacity over white paper: the map
// window's colours, a little lighter so that small names printed over the
// darker ones stay legible.
const fillAlpha = 0xb8

// statusAlpha is lighter: the status colours are strong, and the school
// symbols in the same colours must stand out from their catchments.
const statusAlpha = 0x78

// mapModel is everything a map needs beyond the geometry: per-zone fills
// and catchment groups, per-school marks, and what the legend lists.
type mapModel struct {
	theme    Theme
	stage    model.Level
	year     int
	fills    []color.NRGBA       // per zone
	group    []int32             // per zone: index of its school, −1 none
	marks    []render.SchoolMark // per school
	keys     []catchmentKey      // catchment theme: one per school with zones
	counts   [5]int              // status theme: schools by status; [4] = no data
	summary  model.Summary
	std      model.Standards
	hasLoose bool // some zone has no school for the stage
	// estimated: the figures are estimates from the catchment zones (a
	// project without history); the legend says 估算.
	estimated bool
}

// catchmentKey is one legend line of the catchment map.
type catchmentKey struct {
	Name  string
	Level model.Level
	Color color.NRGBA
	Zones int
}

// newMapModel decides the colours of a map of s for the options.
func newMapModel(s *app.Session, opt MapOptions) *mapModel {
	d := s.District()
	a := s.AnalysisFor(opt.Year)
	m := &mapModel{theme: opt.Theme, stage: opt.Stage, year: opt.Year,
		fills: make([]color.NRGBA, len(d.Zones)), group: make([]int32, len(d.Zones)),
		marks: make([]render.SchoolMark, len(d.Schools)), summary: a.Summary, std: d.Standards.OrDefault(),
		estimated: a.Estimated}

	schoolIdx := make(map[string]int32, len(d.Schools))
	for j := range d.Schools {
		if servesStage(d.Schools[j].Level, opt.Stage) && !d.Schools[j].Closed {
			schoolIdx[d.Schools[j].ID] = int32(j)
		}
	}
	zonesOf := make([]int, len(d.Schools))
	for i := range d.Zones {
		m.group[i] = -1
		if j, ok := schoolIdx[d.Zones[i].SchoolFor(opt.Stage)]; ok {
			m.group[i] = j
			zonesOf[j]++
		} else {
			m.hasLoose = true
		}
	}
	results := make(map[string]*model.SchoolResult, len(a.Schools))
	for i := range a.Schools {
		results[a.Schools[i].School] = &a.Schools[i]
	}

	var colors []color.NRGBA
	if opt.Theme == ThemeCatchment {
		colors = render.CatchmentColors(d, m.group, len(d.Schools))
	}
	for j := range d.Schools {
		sc := &d.Schools[j]
		if !servesStage(sc.Level, opt.Stage) || sc.Closed { // 撤并: not on the map
			m.marks[j] = render.SchoolMark{Hidden: true}
			continue
		}
		r := results[sc.ID]
		switch opt.Theme {
		case ThemeCatchment:
			m.marks[j] = render.SchoolMark{Status: render.SchoolNoData, Radius: 4.5, Priority: zonesOf[j]}
			if zonesOf[j] > 0 {
				m.keys = append(m.keys, catchmentKey{Name: sc.Name, Level: sc.Level, Color: colors[j], Zones: zonesOf[j]})
			}
		case ThemeStatus:
			if r == nil {
				m.marks[j] = render.SchoolMark{Status: render.SchoolNoData}
				m.counts[4]++
			} else {
				w := r.Worst()
				m.marks[j] = render.SchoolMark{Status: render.StatusOf(w), Radius: render.RadiusForStudents(r.Students) * 0.8,
					Priority: r.Students}
				m.counts[w]++
			}
		}
	}
	for i := range d.Zones {
		c := unassignedColor
		if j := m.group[i]; j >= 0 {
			switch opt.Theme {
			case ThemeCatchment:
				c = colors[j]
			case ThemeStatus:
				if r := results[d.Schools[j].ID]; r != nil {
					c = statusColors[r.Worst()]
				}
			}
		}
		c.A = fillAlpha
		if opt.Theme == ThemeStatus {
			c.A = statusAlpha
		}
		m.fills[i] = c
	}
	return m
}

// levelKeys are the symbol legend lines for the schools a stage's map
// shows.
func levelKeys(stage model.Level) []render.LegendEntry {
	keys := []render.LegendEntry{{Color: symbolGrey, Symbol: render.SymbolFor(stage), Text: stageName(stage)}}
	return append(keys, render.LegendEntry{Color: symbolGrey, Symbol: render.SymbolDiamond, Text: "九年一贯制学校"})
}

// statusKeys are the legend lines of the status theme.
func (m *mapModel) statusKeys() []render.LegendEntry {
	std := m.std
	return []render.LegendEntry{
		{Color: statusColors[model.StatusStandard], Symbol: render.SymbolSwatch,
			Text: "标准班额（≤" + itoa(std.StandardClassPrimary) + "/" + itoa(std.StandardClassJunior) + "人）"},
		{Color: statusColors[model.StatusOverStandard], Symbol: render.SymbolSwatch, Text: "超标准班额"},
		{Color: statusColors[model.StatusLarge], Symbol: render.SymbolSwatch,
			Text: "大班额（" + itoa(std.LargeClassMin) + "–" + itoa(std.VeryLargeClassMin-1) + "人）"},
		{Color: statusColors[model.StatusVeryLarge], Symbol: render.SymbolSwatch,
			Text: "超大班额（" + itoa(std.VeryLargeClassMin) + "人以上）"},
		{Color: unassignedColor, Symbol: render.SymbolSwatch, Text: "无数据 / 未划片"},
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
