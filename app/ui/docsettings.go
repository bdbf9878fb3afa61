package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app/report"
)

// DocSettingsSource keeps the project's document fields (*app.Session).
type DocSettingsSource interface {
	Settings() map[string]string
	SetSettings(kv map[string]string)
}

// docSettingsForm edits what every printed map and notice carries: 编制单位,
// 数据来源, 审图号, 咨询/监督电话 and the 公示期 length (report.DocInfo),
// saved in the project's settings table.
type docSettingsForm struct {
	src                                   DocSettingsSource
	issuer, source, approval, phone, days *widget.Entry
}

func newDocSettingsForm(src DocSettingsSource, district string) *docSettingsForm {
	info := report.DocInfoFromSettings(src.Settings())
	f := &docSettingsForm{src: src}
	entry := func(text, placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(text)
		e.SetPlaceHolder(placeholder)
		return e
	}
	f.issuer = entry(info.Issuer, district+"教育局")
	f.source = entry(info.Source, lang.X("docsettings.source.hint", "例如：2025年教育事业统计、第七次人口普查"))
	f.approval = entry(info.Approval, lang.X("docsettings.approval.hint", "底图有审图号时填写"))
	f.phone = entry(info.Phone, "0000-1234567")
	days := ""
	if info.NoticeDays > 0 {
		days = strconv.Itoa(info.NoticeDays)
	}
	f.days = entry(days, strconv.Itoa(report.DefaultNoticeDays))
	f.days.Validator = func(s string) error { _, err := parseNoticeDays(s); return err }
	return f
}

// parseNoticeDays reads the 公示期 length: empty (the default) or 1–366.
func parseNoticeDays(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 366 {
		return 0, errors.New(lang.X("docsettings.days.invalid", "公示期天数应为 1–366 的整数"))
	}
	return n, nil
}

func (f *docSettingsForm) content() fyne.CanvasObject {
	form := widget.NewForm(
		widget.NewFormItem(lang.X("docsettings.issuer", "编制单位"), f.issuer),
		widget.NewFormItem(lang.X("docsettings.source", "数据来源"), f.source),
		widget.NewFormItem(lang.X("docsettings.approval", "审图号"), f.approval),
		widget.NewFormItem(lang.X("docsettings.phone", "咨询/监督电话"), f.phone),
		widget.NewFormItem(lang.X("docsettings.days", "公示期（天）"), f.days),
	)
	note := widget.NewLabel(lang.X("docsettings.note",
		"印在学区划分示意图和划片范围公示上；保存在项目文件中。学校自己的地址和咨询电话随学校导入。"))
	note.Wrapping = fyne.TextWrapWord
	return container.NewVBox(form, note)
}

// apply saves the fields; it fails on an invalid 公示期 length.
func (f *docSettingsForm) apply() error {
	days, err := parseNoticeDays(f.days.Text)
	if err != nil {
		return err
	}
	f.src.SetSettings(report.DocInfo{Issuer: f.issuer.Text, Source: f.source.Text, Approval: f.approval.Text,
		Phone: f.phone.Text, NoticeDays: days}.Settings())
	return nil
}
