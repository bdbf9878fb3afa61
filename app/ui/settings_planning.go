package ui

// The issue-14 standards in the settings dialog, on two more tabs: 编制 and
// 优质均衡, 学前 and 配套 (units as model/standards.go documents them).

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/model"
)

type (
	intFieldFunc   func(name string, p func(*model.Standards) *int) *standardField
	floatFieldFunc func(name string, kind int, p func(*model.Standards) *float64) *standardField
)

// planningStandardFields lists the staffing, 优质均衡, 学前 and 配套 numbers.
func planningStandardFields(intField intFieldFunc, floatField floatFieldFunc) []*standardField {
	staff := lang.X("settings.tab.staffing", "编制·优质均衡")
	pre := lang.X("settings.tab.preschool", "学前·配套")
	with := func(f *standardField, group, unit string) *standardField {
		f.group, f.unit = group, unit
		return f
	}
	pupils, teachers := lang.X("settings.unit.per_teacher", "人/师"), lang.X("settings.unit.per_class", "师/班")
	out := []*standardField{
		with(floatField(lang.X("settings.pt_primary", "小学生师比"), fieldFloat, func(s *model.Standards) *float64 { return &s.PupilTeacherPrimary }), staff, pupils),
		with(floatField(lang.X("settings.pt_junior", "初中生师比"), fieldFloat, func(s *model.Standards) *float64 { return &s.PupilTeacherJunior }), staff, pupils),
		with(floatField(lang.X("settings.teachers_per_class", "小规模学校班师比"), fieldFloat, func(s *model.Standards) *float64 { return &s.TeachersPerClass }), staff, teachers),
	}
	for _, ind := range model.Indicators() {
		out = append(out,
			with(floatField(indicatorShort(ind)+lang.X("settings.balance.primary", "（小学）"), fieldFloat,
				func(s *model.Standards) *float64 { return &s.BalancePrimary[ind] }), staff, indicatorUnit(ind)),
			with(floatField(indicatorShort(ind)+lang.X("settings.balance.junior", "（初中）"), fieldFloat,
				func(s *model.Standards) *float64 { return &s.BalanceJunior[ind] }), staff, indicatorUnit(ind)))
	}
	out = append(out,
		with(intField(lang.X("settings.balance.min_met", "学校达标项数（至少）"), func(s *model.Standards) *int { return &s.BalanceMinMet }), staff, lang.X("settings.unit.items", "项")),
		with(floatField(lang.X("settings.balance.min_share", "其余指标不低于标准的"), fieldPercent, func(s *model.Standards) *float64 { return &s.BalanceMinShare }), staff, "%"),
		with(floatField(lang.X("settings.balance.cv_primary", "小学差异系数上限"), fieldFloat, func(s *model.Standards) *float64 { return &s.BalanceCVPrimary }), staff, ""),
		with(floatField(lang.X("settings.balance.cv_junior", "初中差异系数上限"), fieldFloat, func(s *model.Standards) *float64 { return &s.BalanceCVJunior }), staff, ""),
		with(intField(lang.X("settings.balance.min_pupils", "计入差异系数的最少在校生"), func(s *model.Standards) *int { return &s.BalanceMinPupils }), staff, ""),
		with(intField(lang.X("settings.kg_small", "幼儿园小班班额"), func(s *model.Standards) *int { return &s.KindergartenClass[0] }), pre, ""),
		with(intField(lang.X("settings.kg_middle", "幼儿园中班班额"), func(s *model.Standards) *int { return &s.KindergartenClass[1] }), pre, ""),
		with(intField(lang.X("settings.kg_large", "幼儿园大班班额"), func(s *model.Standards) *int { return &s.KindergartenClass[2] }), pre, ""),
		with(floatField(lang.X("settings.pre_gross", "学前三年毛入园率目标"), fieldPercent, func(s *model.Standards) *float64 { return &s.GrossEnrolmentTarget }), pre, "%"),
		with(floatField(lang.X("settings.pre_public", "公办园在园幼儿占比目标"), fieldPercent, func(s *model.Standards) *float64 { return &s.PublicShareTarget }), pre, "%"),
		with(floatField(lang.X("settings.pre_inclusive", "普惠性幼儿园覆盖率目标"), fieldPercent, func(s *model.Standards) *float64 { return &s.InclusiveShareTarget }), pre, "%"),
		with(floatField(lang.X("settings.pre_age_share", "3–5 岁人口占比"), fieldPercent, func(s *model.Standards) *float64 { return &s.PreschoolAgeShare }), pre, "%"),
		with(floatField(lang.X("settings.persons_household", "户均人口（新建小区）"), fieldFloat, func(s *model.Standards) *float64 { return &s.PersonsPerHousehold }), pre, lang.X("settings.unit.per_household", "人/户")),
		with(floatField(lang.X("settings.places_primary", "小学千人学位指标"), fieldFloat, func(s *model.Standards) *float64 { return &s.PlacesPer1000Primary }), pre, lang.X("settings.unit.per_1000", "学位/千人")),
		with(floatField(lang.X("settings.places_junior", "初中千人学位指标"), fieldFloat, func(s *model.Standards) *float64 { return &s.PlacesPer1000Junior }), pre, lang.X("settings.unit.per_1000", "学位/千人")),
	)
	return out
}

// indicatorUnit is the unit of an indicator's standard.
func indicatorUnit(i model.Indicator) string {
	switch i {
	case model.BuildingM2PerPupil, model.SportsM2PerPupil:
		return lang.X("settings.unit.m2_pupil", "m²/生")
	case model.EquipmentYuanPerPupil:
		return lang.X("settings.unit.yuan_pupil", "元/生")
	}
	return lang.X("settings.unit.per_100", "/百生")
}

// groupTabs puts the first form and one form per group of fields in tabs;
// the planning tabs scroll.
func (s *SettingsDialog) groupTabs(first fyne.CanvasObject) *container.AppTabs {
	tabs := container.NewAppTabs(container.NewTabItem(lang.X("settings.tab.classes", "班额·规模"), first))
	forms := map[string]*fyne.Container{}
	for _, f := range s.fields {
		if f.group == "" {
			continue
		}
		form, ok := forms[f.group]
		if !ok {
			form = container.NewGridWithColumns(3)
			forms[f.group] = form
			scroll := container.NewVScroll(form)
			scroll.SetMinSize(fyne.NewSize(0, 420))
			tabs.Append(container.NewTabItem(f.group, scroll))
		}
		form.Add(widget.NewLabel(f.name))
		form.Add(f.entry)
		form.Add(widget.NewLabel(f.unit))
	}
	return tabs
}
