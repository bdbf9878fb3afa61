package report

import (
	"strconv"
	"strings"
	"time"
)

// DocInfo is what a bureau prints on every document it posts, kept in the
// project's settings table (keys Setting*) and edited in the GUI's
// settings dialog.
type DocInfo struct {
	Issuer   string // 编制单位 / 发布单位, e.g. 示例县教育局; "" prints <district>教育局
	Source   string // 数据来源, e.g. 示例县教育局2025年教育事业统计
	Approval string // 审图号 of the base map, when it has one
	Phone    string // 咨询/监督电话 of the bureau, printed where a school has none
	// NoticeDays is the length of the 公示期 in days (calendar days,
	// counting the first); 0 uses DefaultNoticeDays.
	NoticeDays int
}

// DefaultNoticeDays is the usual 公示期: at least 5 working days, posted
// as a week.
const DefaultNoticeDays = 7

// Keys of DocInfo in the project's settings table.
const (
	SettingIssuer     = "doc.issuer"
	SettingSource     = "doc.source"
	SettingApproval   = "doc.approval"
	SettingPhone      = "doc.phone"
	SettingNoticeDays = "doc.notice_days"
)

// DocInfoFromSettings reads a DocInfo from project settings; unknown or
// malformed values are left at their defaults.
func DocInfoFromSettings(kv map[string]string) DocInfo {
	d := DocInfo{Issuer: strings.TrimSpace(kv[SettingIssuer]), Source: strings.TrimSpace(kv[SettingSource]),
		Approval: strings.TrimSpace(kv[SettingApproval]), Phone: strings.TrimSpace(kv[SettingPhone])}
	if n, err := strconv.Atoi(strings.TrimSpace(kv[SettingNoticeDays])); err == nil && n > 0 && n <= 366 {
		d.NoticeDays = n
	}
	return d
}

// Settings is d as settings key/values (empty values included, so saving
// them clears what the user cleared).
func (d DocInfo) Settings() map[string]string {
	days := ""
	if d.NoticeDays > 0 {
		days = strconv.Itoa(d.NoticeDays)
	}
	return map[string]string{SettingIssuer: strings.TrimSpace(d.Issuer), SettingSource: strings.TrimSpace(d.Source),
		SettingApproval: strings.TrimSpace(d.Approval), SettingPhone: strings.TrimSpace(d.Phone), SettingNoticeDays: days}
}

// issuer is the issuing body: Issuer, else <district>教育局.
func (d DocInfo) issuer(district string) string {
	if d.Issuer != "" {
		return d.Issuer
	}
	return district + "教育局"
}

func (d DocInfo) noticeDays() int {
	if d.NoticeDays > 0 {
		return d.NoticeDays
	}
	return DefaultNoticeDays
}

// IntakeYear is the autumn intake a document dated t announces: this
// year's before September, next year's from September on (a notice
// posted in spring is for this autumn; one made after the term started
// is for the next).
func IntakeYear(t time.Time) int {
	if t.Month() >= time.September {
		return t.Year() + 1
	}
	return t.Year()
}
