package ui

// Map themes of issue 14: 编制 (a school's staffing gap), 优质均衡 (its
// verdict in the shown stage), 学前 (the township's 毛入园率 against the
// target) and 配套 (new estates that need a school). maptheme.go asks
// newPlanningStyle for them; the colours follow its conventions.

import (
	"image/color"

	"fyne.io/fyne/v2/lang"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// The planning themes, after the themes of maptheme.go.
const (
	ThemeStaffing MapTheme = iota + ThemeClassSize + 1
	ThemeBalance
	ThemePreschool
	ThemeEstates
)

// planningThemes and planningThemeNames extend mapThemes and
// mapThemeNames (stable names stored in the preferences).
var (
	planningThemes     = []MapTheme{ThemeStaffing, ThemeBalance, ThemePreschool, ThemeEstates}
	planningThemeNames = []string{"staffing", "balance", "preschool", "estates"}
)

// planningLabel is the menu text of a planning theme.
func planningLabel(t MapTheme) (string, bool) {
	switch t {
	case ThemeStaffing:
		return lang.X("map.theme.staffing", "教职工编制"), true
	case ThemeBalance:
		return lang.X("map.theme.balance", "优质均衡"), true
	case ThemePreschool:
		return lang.X("map.theme.preschool", "学前毛入园率"), true
	case ThemeEstates:
		return lang.X("map.theme.estates", "新建小区配套"), true
	}
	return "", false
}

// Colours: good, near, bad (the class-size convention) and a neutral for
// zones outside the theme's subject.
var (
	planGood    = statusColors[model.StatusStandard]
	planNear    = statusColors[model.StatusOverStandard]
	planBad     = statusColors[model.StatusVeryLarge]
	planNeutral = color.RGBA{0xee, 0xec, 0xe6, 0xff}
)

// staffingBreaks classify gap ÷ required (seatGapColors: surplus … shortage).
var staffingBreaks = []float64{-0.2, -0.05, 0, 0.05, 0.15}

// planningStyle colours zones for a planning theme: by school (staffing,
// balance) or zone by zone (学前, 配套).
type planningStyle struct {
	theme  MapTheme
	school map[string]color.RGBA
	zone   []color.RGBA
}

// newPlanningStyle computes the colours of the session's year; nil for a
// theme of maptheme.go.
func newPlanningStyle(s *app.Session, theme MapTheme, stage model.Level) *planningStyle {
	p := &planningStyle{theme: theme, school: map[string]color.RGBA{}}
	switch theme {
	case ThemeStaffing:
		p.staffing(s)
	case ThemeBalance:
		p.balance(s, stage)
	case ThemePreschool:
		p.preschool(s)
	case ThemeEstates:
		p.estates(s)
	default:
		return nil
	}
	return p
}

func (p *planningStyle) staffing(s *app.Session) {
	for _, r := range s.Staffing(s.Year()).Schools {
		if r.ActualKnown && r.Required > 0 {
			p.school[r.School] = seatGapColors[classify(float64(r.Gap)/float64(r.Required), staffingBreaks)]
		}
	}
}

func (p *planningStyle) balance(s *app.Session, stage model.Level) {
	for _, st := range s.Balance(s.Year()).Stages {
		if st.Stage != stage {
			continue
		}
		for _, r := range st.Schools {
			switch {
			case r.Passes:
				p.school[r.School] = planGood
			case r.Met >= len(r.Values)-2:
				p.school[r.School] = planNear
			default:
				p.school[r.School] = planBad
			}
		}
	}
}

// preschool colours each zone by its township's gross enrolment: at the
// target, within 10 points of it, or further below.
func (p *planningStyle) preschool(s *app.Session) {
	r := s.Preschool(s.Year())
	town := map[string]color.RGBA{}
	for _, a := range r.Townships {
		switch {
		case !a.GrossKnown:
			town[a.Key] = noDataColor
		case a.GrossMet:
			town[a.Key] = planGood
		case a.GrossEnrolment >= r.GrossTarget-0.1:
			town[a.Key] = planNear
		default:
			town[a.Key] = planBad
		}
	}
	d := s.District()
	p.zone = make([]color.RGBA, len(d.Zones))
	for i := range d.Zones {
		c, ok := town[d.Zones[i].Township]
		if !ok {
			c = noDataColor
		}
		p.zone[i] = c
	}
}

// estates marks the estates of the year: red where a 配套 school is
// needed, green where the schools around have the places.
func (p *planningStyle) estates(s *app.Session) {
	d := s.District()
	idx := make(map[string]int, len(d.Zones))
	p.zone = make([]color.RGBA, len(d.Zones))
	for i := range d.Zones {
		idx[d.Zones[i].ID] = i
		p.zone[i] = planNeutral
	}
	for _, e := range s.EstatesIn(s.Year()) {
		if i, ok := idx[e.Zone]; ok {
			p.zone[i] = planGood
			if e.NeedsSchool {
				p.zone[i] = planBad
			}
		}
	}
}

// zoneFill is the colour of zone i whose school for the stage is id.
func (p *planningStyle) zoneFill(i int, id string) color.RGBA {
	if p.zone != nil {
		if i < len(p.zone) {
			return p.zone[i]
		}
		return noDataColor
	}
	if c, ok := p.school[id]; ok {
		return c
	}
	return noDataColor
}

// legend lists what the colours mean.
func (p *planningStyle) legend() []legendEntry {
	nodata := legendEntry{lang.X("legend.plan.nodata", "无数据"), noDataColor}
	switch p.theme {
	case ThemeStaffing:
		return []legendEntry{
			{lang.X("legend.staff.surplus20", "超编 > 20%"), seatGapColors[0]},
			{lang.X("legend.staff.surplus5", "超编 5–20%"), seatGapColors[1]},
			{lang.X("legend.staff.balanced", "基本持平"), seatGapColors[2]},
			{lang.X("legend.staff.short5", "缺编 < 5%"), seatGapColors[3]},
			{lang.X("legend.staff.short15", "缺编 5–15%"), seatGapColors[4]},
			{lang.X("legend.staff.short", "缺编 > 15%"), seatGapColors[5]},
			nodata,
		}
	case ThemeBalance:
		return []legendEntry{
			{lang.X("legend.balance.pass", "学校达标"), planGood},
			{lang.X("legend.balance.near", "差一两项"), planNear},
			{lang.X("legend.balance.fail", "未达标"), planBad},
			nodata,
		}
	case ThemePreschool:
		return []legendEntry{
			{lang.X("legend.preschool.met", "毛入园率达标"), planGood},
			{lang.X("legend.preschool.near", "低于目标 10 个百分点以内"), planNear},
			{lang.X("legend.preschool.low", "低于目标 10 个百分点以上"), planBad},
			nodata,
		}
	}
	return []legendEntry{
		{lang.X("legend.estates.needs", "需配建学校"), planBad},
		{lang.X("legend.estates.ok", "周边学位可满足"), planGood},
		{lang.X("legend.estates.other", "其他小区"), planNeutral},
	}
}
