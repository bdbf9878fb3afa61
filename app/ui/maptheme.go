package ui

import (
	"image/color"
	"math"
	"slices"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"fyne.io/fyne/v2/lang"
	orbgeo "github.com/paulmach/orb/geo"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo/render"
	"github.com/xuequ/xuequ/model"
)

// MapTheme chooses what the zone fill colour of the map means.
type MapTheme int

const (
	// ThemeCatchment colours each zone by the school it is assigned to
	// (categorical palette): the 学区 map.
	ThemeCatchment MapTheme = iota
	// ThemeDensity colours zones by resident population per km².
	ThemeDensity
	// ThemeSeatGap colours zones by the seat balance of their school.
	ThemeSeatGap
	// ThemeClassSize colours zones by the worst class-size status of their
	// school: standard, over standard, 大班额, 超大班额.
	ThemeClassSize
)

// mapThemes lists the themes in menu order (planningtheme.go adds its own).
var mapThemes = append([]MapTheme{ThemeCatchment, ThemeDensity, ThemeSeatGap, ThemeClassSize}, planningThemes...)

var mapThemeNames = append([]string{"catchment", "density", "seat_gap", "class_size"}, planningThemeNames...)

// String is the stable name stored in the preferences.
func (t MapTheme) String() string {
	if t < 0 || int(t) >= len(mapThemeNames) {
		return mapThemeNames[0]
	}
	return mapThemeNames[t]
}

// parseMapTheme reads a stored name; unknown names give ThemeClassSize,
// the overview a bureau opens the app for.
func parseMapTheme(s string) MapTheme {
	for i, n := range mapThemeNames {
		if n == s {
			return MapTheme(i)
		}
	}
	return ThemeClassSize
}

// Label is the translated menu text.
func (t MapTheme) Label() string {
	if l, ok := planningLabel(t); ok {
		return l
	}
	switch t {
	case ThemeDensity:
		return lang.X("map.theme.density", "Population density")
	case ThemeSeatGap:
		return lang.X("map.theme.seatgap", "Seat balance")
	case ThemeClassSize:
		return lang.X("map.theme.classsize", "Class-size status")
	}
	return lang.X("map.theme.catchment", "Catchments")
}

// Class-size status colours: fixed by the planning convention (green ok,
// yellow over standard, orange 大班额, red 超大班额), never themed.
var statusColors = [...]color.RGBA{
	model.StatusStandard:     {0x2e, 0x7d, 0x32, 0xff},
	model.StatusOverStandard: {0xf9, 0xa8, 0x25, 0xff},
	model.StatusLarge:        {0xef, 0x6c, 0x00, 0xff},
	model.StatusVeryLarge:    {0xc6, 0x28, 0x28, 0xff},
}

// noDataColor fills zones whose value is unknown (no school, no people):
// the 未划片 grey of every map, which no catchment colour comes near.
var noDataColor = color.RGBA(render.UnassignedColor)

// densityRamp is a sequential yellow-orange-brown ramp (ColorBrewer YlOrBr).
var densityRamp = []color.RGBA{
	{0xff, 0xff, 0xd4, 0xff}, {0xfe, 0xe3, 0x91, 0xff}, {0xfe, 0xc4, 0x4f, 0xff},
	{0xfe, 0x99, 0x29, 0xff}, {0xd9, 0x5f, 0x0e, 0xff}, {0x99, 0x34, 0x04, 0xff},
}

// densityBreaks are the class limits of densityRamp in persons per km².
var densityBreaks = []float64{500, 2000, 5000, 10000, 20000}

// seatGapColors: plenty of spare seats … severe shortage (ColorBrewer RdYlBu, reversed).
var seatGapColors = []color.RGBA{
	{0x45, 0x75, 0xb4, 0xff}, {0x91, 0xbf, 0xdb, 0xff}, {0xe0, 0xf3, 0xf8, 0xff},
	{0xfe, 0xe0, 0x90, 0xff}, {0xfc, 0x8d, 0x59, 0xff}, {0xd7, 0x30, 0x27, 0xff},
}

// seatGapBreaks are the class limits of seatGapColors as SeatGap/Capacity.
var seatGapBreaks = []float64{-0.2, -0.05, 0, 0.05, 0.15}

// legendEntry is one row of the map legend.
type legendEntry struct {
	Label string
	Color color.RGBA
}

// zoneStyler decides the colours of one frame. It is built once per data,
// year or theme change (not per frame) because density needs every zone's
// area.
type zoneStyler struct {
	theme   MapTheme
	stage   model.Level // which catchment is shown: primary or junior
	results map[string]*model.SchoolResult
	palette map[string]color.RGBA // school ID → catchment colour
	keys    []legendEntry         // catchment theme: school → colour, in school order
	density []float64             // per zone, persons per km² (ThemeDensity only)
	std     model.Standards
	plan    *planningStyle // the themes of planningtheme.go; nil for the others
}

// newZoneStyler prepares the colours of a theme. group is each zone's
// catchment as an index into the district's schools (−1 for none): the
// catchment theme colours them so that neighbours differ
// (render.CatchmentColors).
func newZoneStyler(s *app.Session, theme MapTheme, stage model.Level, group []int32) *zoneStyler {
	st := &zoneStyler{theme: theme, stage: stage, results: map[string]*model.SchoolResult{}, palette: map[string]color.RGBA{}}
	a := s.Analysis()
	for i := range a.Schools {
		st.results[a.Schools[i].School] = &a.Schools[i]
	}
	d := s.District()
	st.std = d.Standards.OrDefault()
	if theme == ThemeCatchment {
		// The one colour rule of every map (render.CatchmentColors): a
		// school keeps its colour across edits, sessions and exports.
		for j, c := range render.CatchmentColors(d, group, len(d.Schools)) {
			if c.A != 0 {
				st.palette[d.Schools[j].ID] = color.RGBA(c)
				st.keys = append(st.keys, legendEntry{d.Schools[j].Name, color.RGBA(c)})
			}
		}
	}
	if theme == ThemeDensity {
		st.density = make([]float64, len(d.Zones))
		for i := range d.Zones {
			if km2 := orbgeo.Area(d.Zones[i].Geometry) / 1e6; km2 > 0 {
				st.density[i] = float64(d.Zones[i].Population) / km2
			}
		}
	}
	st.plan = newPlanningStyle(s, theme, stage)
	return st
}

// teachesStage mirrors app's rule: a nine-year school serves both stages.
func teachesStage(l, stage model.Level) bool {
	if l == model.LevelUnknown {
		return true
	}
	first, last := stage.Grades()
	return l.Teaches(first) || l.Teaches(last)
}

// ZoneFill is the fill colour of zone i of the district.
func (st *zoneStyler) ZoneFill(i int, z *model.Zone) color.RGBA {
	if st.plan != nil {
		return st.plan.zoneFill(i, z.SchoolFor(st.stage))
	}
	if st.theme == ThemeDensity {
		if i >= len(st.density) || z.Population <= 0 {
			return noDataColor
		}
		return densityRamp[classify(st.density[i], densityBreaks)]
	}
	id := z.SchoolFor(st.stage)
	if id == "" {
		return noDataColor
	}
	if st.theme == ThemeCatchment {
		if c, ok := st.palette[id]; ok {
			return c
		}
		return noDataColor
	}
	return st.SchoolColor(id)
}

// SchoolColor is the status colour of a school under the theme (used for
// the school symbol too): seat balance or class-size status.
func (st *zoneStyler) SchoolColor(id string) color.RGBA {
	r := st.results[id]
	if r == nil {
		return noDataColor
	}
	if st.theme == ThemeSeatGap {
		if r.Capacity <= 0 {
			return noDataColor
		}
		return seatGapColors[classify(float64(r.SeatGap)/float64(r.Capacity), seatGapBreaks)]
	}
	return statusColors[r.Worst()]
}

// classify returns the index of the class v falls in: 0 below breaks[0],
// len(breaks) at or above the last break.
func classify(v float64, breaks []float64) int {
	for i, b := range breaks {
		if v < b {
			return i
		}
	}
	return len(breaks)
}

// Legend lists what the colours mean, translated.
func (st *zoneStyler) Legend() []legendEntry {
	if st.plan != nil {
		return st.plan.legend()
	}
	switch st.theme {
	case ThemeClassSize:
		return []legendEntry{
			{lang.X("legend.status.standard", "Standard"), statusColors[model.StatusStandard]},
			{lang.X("legend.status.over", "Over standard"), statusColors[model.StatusOverStandard]},
			{lang.X("legend.status.large", "Large class ({{.Min}}–{{.Max}})",
				map[string]any{"Min": st.std.LargeClassMin, "Max": st.std.VeryLargeClassMin - 1}), statusColors[model.StatusLarge]},
			{lang.X("legend.status.verylarge", "Very large class ({{.Min}}+)",
				map[string]any{"Min": st.std.VeryLargeClassMin}), statusColors[model.StatusVeryLarge]},
			{lang.X("legend.nodata", "No data"), noDataColor},
		}
	case ThemeSeatGap:
		return []legendEntry{
			{lang.X("legend.seat.spare20", "Spare > 20 %"), seatGapColors[0]},
			{lang.X("legend.seat.spare5", "Spare 5–20 %"), seatGapColors[1]},
			{lang.X("legend.seat.balanced", "Balanced"), seatGapColors[2]},
			{lang.X("legend.seat.short5", "Short < 5 %"), seatGapColors[3]},
			{lang.X("legend.seat.short15", "Short 5–15 %"), seatGapColors[4]},
			{lang.X("legend.seat.short", "Short > 15 %"), seatGapColors[5]},
		}
	case ThemeDensity:
		out := make([]legendEntry, len(densityRamp))
		for i := range densityRamp {
			out[i] = legendEntry{densityLabel(i), densityRamp[i]}
		}
		return out
	}
	return st.catchmentLegend()
}

// maxLegendSchools is how many schools the catchment legend names; the
// rest are counted on one line, so the key never covers the map.
const maxLegendSchools = 16

// catchmentLegend is the school → colour key of the catchment theme.
func (st *zoneStyler) catchmentLegend() []legendEntry {
	out := slices.Clone(st.keys[:min(len(st.keys), maxLegendSchools)])
	if n := len(st.keys) - len(out); n > 0 {
		out = append(out, legendEntry{lang.X("legend.more", "… and {{.N}} more schools", map[string]any{"N": n}), color.RGBA{}})
	}
	return append(out, legendEntry{lang.X("legend.unassigned", "Unassigned"), noDataColor})
}

func densityLabel(i int) string {
	unit := lang.X("legend.density.unit", "/km²")
	switch {
	case i == 0:
		return "< " + formatInt(densityBreaks[0]) + unit
	case i >= len(densityBreaks):
		return "≥ " + formatInt(densityBreaks[len(densityBreaks)-1]) + unit
	}
	return formatInt(densityBreaks[i-1]) + "–" + formatInt(densityBreaks[i]) + unit
}

// formatInt prints a whole number with thin grouping: 20000 → "20,000".
func formatInt(v float64) string {
	return groupedPrinter.Sprintf("%d", int64(math.Round(v)))
}

// groupedPrinter writes numbers with thousands separators (1,234,567), as
// both Chinese and English planning documents do.
var groupedPrinter = message.NewPrinter(language.English)
