package ui

import (
	"errors"
	"fmt"
	"testing"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
)

// TestTranslateDomainText: app errors, edit labels and import issues show
// in Chinese in the Chinese UI and as the domain's English in the English
// one; other errors keep their text.
func TestTranslateDomainText(t *testing.T) {
	newPanelTestApp(t)
	defer SetLanguage(langChinese)
	d := panelTestDistrict()
	neg := -5
	editErr := (&app.SchoolEdit{ID: "S1", Capacity: &neg}).Do(d)
	stageErr := (&app.AssignZones{Zones: []string{"Z1"}, School: "S2", Stage: model.LevelPrimary}).Do(d)
	assignZones := &app.AssignZones{Zones: []string{"Z1", "Z2"}, School: "S1", Stage: model.LevelPrimary}
	if err := assignZones.Do(d); err != nil {
		t.Fatal(err)
	}
	inputErr := &model.InputError{File: "a.csv", Line: 3, Field: "year", Msg: "not a year"}
	issue := ingest.Issue{Severity: ingest.Warning, Code: ingest.CodeBadNumber, Field: "人口",
		Args:    map[string]any{"Case": "negative", "Value": "-3", "Detail": `"-3" is negative`},
		Message: `"-3" is negative; used 0 — correct the value in the source file`}
	plain := ingest.Issue{Severity: ingest.Error, Message: "cannot read the file"}
	keyedErr := model.Inputf("a.xuequ.gpkg", "store.not_found", "file not found; check the path", nil)

	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s: %q, want %q", what, got, want)
		}
	}
	check("edit error", trError(editErr), "城关第一小学：学位数和教室数不能为负数")
	check("wrapped error", trError(fmt.Errorf("保存失败: %w", stageErr)), "保存失败: 城关中学（初中）没有小学年级，不能划入小学学区")
	check("translatedError", translatedError{editErr}.Error(), "城关第一小学：学位数和教室数不能为负数")
	check("input error", trError(inputErr), inputErr.Error())
	check("keyed input error", trError(fmt.Errorf("打开失败: %w", keyedErr)), "打开失败: a.xuequ.gpkg: 找不到文件；请检查路径")
	check("other error", trError(errors.New("disk full")), "disk full")
	check("nil error", trError(nil), "")
	check("label", trLabel(assignZones.Label()), "将 2 个小区划入 城关第一小学")
	check("reassign label", trLabel((&app.Reassign{Stage: model.LevelPrimary}).Label()), "重新划分小学学区（学位约束最优）")
	check("zero label", trLabel(app.Label{}), "")
	check("issue", trIssue(issue), "“-3”是负数，已按 0 处理，请在源文件中更正")
	check("issue without args", trIssue(plain), "cannot read the file")
	check("issue text", issueText(issue), "字段“人口”：“-3”是负数，已按 0 处理，请在源文件中更正")

	if err := SetLanguage(langEnglish); err != nil {
		t.Fatal(err)
	}
	check("English edit error", trError(editErr), editErr.Error())
	check("English label", trLabel(assignZones.Label()), "assign 2 zone(s) to 城关第一小学")
	check("English issue", trIssue(issue), issue.Message)
	check("English keyed input error", trError(keyedErr), "a.xuequ.gpkg: file not found; check the path")
}
