package report

import (
	"image/color"
	"math"
	"slices"
	"strconv"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo/render"
	"github.com/xuequ/xuequ/model"
)

// catchmentPalette is a categorical palette (Tableau 10 and its light
// companions, as the map window uses) from which neighbouring catchments
// get different colours.
var catchmentPalette = []color.NRGBA{
	{0x4e, 0x79, 0xa7, 0xff}, {0xf2, 0x8e, 0x2b, 0xff}, {0xe1, 0x57, 0x59, 0xff},
	{0x76, 0xb7, 0xb2, 0xff}, {0x59, 0xa1, 0x4f, 0xff}, {0xed, 0xc9, 0x48, 0xff},
	{0xb0, 0x7a, 0xa1, 0xff}, {0xff, 0x9d, 0xa7, 0xff}, {0x9c, 0x75, 0x5f, 0xff},
	{0xba, 0xb0, 0xac, 0xff}, {0xa0, 0xcb, 0xe8, 0xff}, {0xff, 0xbe, 0x7d, 0xff},
	{0x8c, 0xd1, 0x7d, 0xff}, {0xb6, 0x99, 0x2d, 0xff}, {0x86, 0xbc, 0xb6, 0xff},
	{0xd4, 0xa6, 0xc8, 0xff},
}

// Class-size status colours: the planning convention (green, yellow,
// orange 大班额, red 超大班额), the same as the map window and the symbols.
var statusColors = [...]color.NRGBA{
	model.StatusStandard:     render.ColorStandard,
	model.StatusOverStandard: render.ColorOverStandard,
	model.StatusLarge:        render.ColorLarge,
	model.StatusVeryLarge:    render.ColorVeryLarge,
}

// unassignedColor fills zones with no school for the stage (or whose
// school has no data for the year in the status theme).
var unassignedColor = color.NRGBA{0xe0, 0xe0, 0xe0, 0xff}

// boundaryColor draws catchment boundaries.
var boundaryColor = color.NRGBA{0x30, 0x30, 0x36, 0xff}

// symbolGrey is the fill of school symbols on the catchment map and of the
// level keys in legends.
var symbolGrey = color.NRGBA{0x60, 0x60, 0x60, 0xff}

// fillAlpha lets the white paper lighten the fills, so that names and
// boundaries printed over them stay legible.
const fillAlpha = 0xa8

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
		marks: make([]render.SchoolMark, len(d.Schools)), summary: a.Summary, std: d.Standards.OrDefault()}

	schoolIdx := make(map[string]int32, len(d.Schools))
	for j := range d.Schools {
		if servesStage(d.Schools[j].Level, opt.Stage) {
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
		colors = colourCatchments(d, m.group, len(d.Schools))
	}
	for j := range d.Schools {
		sc := &d.Schools[j]
		if !servesStage(sc.Level, opt.Stage) {
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

// colourCatchments gives every school with zones a palette colour such
// that catchments sharing a boundary differ wherever the palette allows
// (greedy, most-connected first, least-used colour among the free ones).
// Neighbours are found by shared vertices, as in a topologically clean
// zone layer. It returns one colour per school index.
func colourCatchments(d *model.District, group []int32, nSchools int) []color.NRGBA {
	type key [2]int64
	owners := map[key][]int32{}
	for i := range d.Zones {
		g := group[i]
		if g < 0 {
			continue
		}
		for _, poly := range d.Zones[i].Geometry {
			for _, ring := range poly {
				for _, p := range ring {
					k := key{int64(math.Round(p[0] * 1e7)), int64(math.Round(p[1] * 1e7))}
					if o := owners[k]; !slices.Contains(o, g) {
						owners[k] = append(o, g)
					}
				}
			}
		}
	}
	nbr := make([][]int32, nSchools)
	for _, o := range owners {
		for _, a := range o {
			for _, b := range o {
				if a != b && !slices.Contains(nbr[a], b) {
					nbr[a] = append(nbr[a], b)
				}
			}
		}
	}
	used := make([]bool, nSchools)
	for _, g := range group {
		if g >= 0 {
			used[g] = true
		}
	}
	order := make([]int, 0, nSchools)
	for j := range nSchools {
		if used[j] {
			order = append(order, j)
		}
	}
	// Most neighbours first; ties in school order, so the result is
	// stable from run to run.
	slices.SortStableFunc(order, func(a, b int) int { return len(nbr[b]) - len(nbr[a]) })
	colour := make([]int, nSchools)
	for j := range colour {
		colour[j] = -1
	}
	uses := make([]int, len(catchmentPalette))
	for _, j := range order {
		taken := make([]bool, len(catchmentPalette))
		for _, n := range nbr[j] {
			if c := colour[n]; c >= 0 {
				taken[c] = true
			}
		}
		// Among the free colours, the one least like the neighbours'
		// (the palette has light and dark companions of some hues), then
		// the least used.
		best, bestSep := -1, -1
		for c := range catchmentPalette {
			if taken[c] {
				continue
			}
			sep := 1 << 30
			for _, n := range nbr[j] {
				if cn := colour[n]; cn >= 0 {
					sep = min(sep, colourDistance(catchmentPalette[c], catchmentPalette[cn])/48)
				}
			}
			if best < 0 || sep > bestSep || sep == bestSep && uses[c] < uses[best] {
				best, bestSep = c, sep
			}
		}
		if best < 0 {
			best = j % len(catchmentPalette) // more neighbours than colours
		}
		colour[j] = best
		uses[best]++
	}
	out := make([]color.NRGBA, nSchools)
	for j, c := range colour {
		if c >= 0 {
			out[j] = catchmentPalette[c]
		}
	}
	return out
}

// colourDistance is a cheap perceptual distance ("redmean") between two
// colours, 0 … about 765.
func colourDistance(a, b color.NRGBA) int {
	rm := (int(a.R) + int(b.R)) / 2
	dr, dg, db := int(a.R)-int(b.R), int(a.G)-int(b.G), int(a.B)-int(b.B)
	return int(math.Sqrt(float64((512+rm)*dr*dr>>8 + 4*dg*dg + (767-rm)*db*db>>8)))
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

// style is the render style of the map at a pixel ratio. legend adds the
// compact in-map legend (the PNG has no side panel).
func (m *mapModel) style(ratio float64, legend bool) render.Style {
	st := render.DefaultStyle()
	st.PixelRatio = ratio
	st.Background = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	st.ZoneFill = func(i int) color.NRGBA { return m.fills[i] }
	st.OutlineColor = color.NRGBA{0x70, 0x70, 0x70, 0x80}
	st.OutlineWidth = 0.5
	st.OutlineMinPixels = 6 * ratio
	st.Group = m.group
	st.BoundaryColor = boundaryColor
	st.BoundaryWidth = 1.8
	st.School = func(j int) render.SchoolMark { return m.marks[j] }
	st.LabelSize = 12
	st.ZoneLabelSize = 8
	st.ZoneLabelMaxRes = math.Inf(1) // print every zone name that fits
	st.ZoneLabelColor = color.NRGBA{0x3a, 0x36, 0x30, 0xff}
	if legend {
		l := &render.Legend{Title: "图例"}
		if m.theme == ThemeStatus {
			l.Entries = append(l.Entries, m.statusKeys()...)
		} else {
			l.Entries = append(l.Entries, render.LegendEntry{Color: catchmentPalette[0], Symbol: render.SymbolSwatch, Text: "学区（颜色区分对口学校）"})
			if m.hasLoose {
				l.Entries = append(l.Entries, render.LegendEntry{Color: unassignedColor, Symbol: render.SymbolSwatch, Text: "未划片"})
			}
		}
		l.Entries = append(l.Entries, levelKeys(m.stage)...)
		l.Entries = append(l.Entries, render.LegendEntry{Color: boundaryColor, Symbol: render.SymbolLine, Text: "学区界线"})
		st.Legend = l
	}
	return st
}

func itoa(n int) string { return strconv.Itoa(n) }
