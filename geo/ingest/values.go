package ingest

import (
	"math"
	"strconv"
	"strings"

	"github.com/xuequ/xuequ/model"
	"golang.org/x/text/width"
)

// digitSeparators are the thousands separators and spaces numbers carry.
var digitSeparators = strings.NewReplacer(",", "", " ", "", "，", "", "\u3000", "", "\u00a0", "")

// parseNumber reads "1234", "1,234", "1234.0", "１２３４", " 1 234 人".
// "0" is zero. Empty text and the marks tables use for "no figure" —
// "—", "-", "/", "无", "不详", "null", "N/A", "#N/A" — are (0, false, nil):
// unknown, never zero.
func parseNumber(s string) (v float64, ok bool, err error) {
	s = width.Fold.String(strings.TrimSpace(s))
	s = digitSeparators.Replace(s)
	for _, unit := range []string{"人", "户", "套", "个", "间", "所", "名", "班"} {
		s = strings.TrimSuffix(s, unit)
	}
	switch strings.ToLower(s) {
	case "", "null", "-", "—", "–", "--", "——", "/", "\\", "无", "不详", "未知", "暂无", "n/a", "#n/a", "na", "none", "…", "...", "x":
		return 0, false, nil
	}
	v, err = strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, valueErr("value.not_number", "{{.Value}} is not a number", s)
	}
	return v, true, nil
}

// valueError is a cell value's problem as a translatable message.
type valueError struct{ m model.Message }

func (e *valueError) Error() string { return e.m.String() }

func valueErr(key, text, value string) error {
	return &valueError{model.Msg(key, text, map[string]any{"Value": strconv.Quote(value)})}
}

// problem is err as a Message: keyed for a valueError.
func problem(err error) model.Message {
	if ve, ok := err.(*valueError); ok {
		return ve.m
	}
	return model.Message{Text: err.Error()}
}

// parseCount is parseNumber for non-negative whole counts (rounded).
func parseCount(s string) (int, bool, error) {
	v, ok, err := parseNumber(s)
	if err != nil || !ok {
		return 0, ok, err
	}
	if v < 0 {
		return 0, false, valueErr("value.negative", "{{.Value}} is negative", s)
	}
	if v > 1e9 {
		return 0, false, valueErr("value.too_large", "{{.Value}} is implausibly large", s)
	}
	return int(math.Round(v)), true, nil
}

// countProblem names what parseCount found wrong with s, for the Args of a
// CodeBadNumber issue: "not-number", "negative" or "too-large".
func countProblem(s string) string {
	v, _, err := parseNumber(s)
	switch {
	case err != nil:
		return "not-number"
	case v < 0:
		return "negative"
	}
	return "too-large"
}

// badNumber holds the Args of a CodeBadNumber issue: the case (see
// countProblem, or "boarding", "public"), the value as written and the
// English reason.
func badNumber(kase, value, detail string) map[string]any {
	return map[string]any{"Case": kase, "Value": value, "Detail": detail}
}

// parseYesNo reads 是/否, yes/no, y/n, true/false, 1/0, 寄宿/走读.
func parseYesNo(s string) (v, ok bool) {
	switch strings.ToLower(strings.TrimSpace(width.Fold.String(s))) {
	case "是", "有", "yes", "y", "true", "t", "1", "寄宿", "寄宿制", "√":
		return true, true
	case "否", "无", "no", "n", "false", "f", "0", "走读", "非寄宿", "×":
		return false, true
	}
	return false, false
}

// parsePublic reads 公办/民办 and English equivalents.
func parsePublic(s string) (v, ok bool) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.Contains(t, "公办"), t == "public", t == "公立":
		return true, true
	case strings.Contains(t, "民办"), t == "private", t == "私立":
		return false, true
	}
	return parseYesNo(s)
}

// parseLevel reads a 学段 value: model.ParseLevel's names, then US
// grade-span and type codes ("Option ELEM", "K-8", "Middle School",
// "Charter School"), then level words inside longer text.
func parseLevel(s string) (model.Level, bool) {
	t := strings.TrimSpace(width.Fold.String(s))
	if l, ok := model.ParseLevel(t); ok {
		return l, true
	}
	u := strings.ToUpper(t)
	u = strings.TrimSpace(strings.TrimPrefix(u, "OPTION "))
	switch levelCodeFold.Replace(u) {
	case "ELEM", "ELEMENTARY", "ELEMENTARYSCHOOL", "ES", "PRIMARY", "PRIMARYSCHOOL", "E", "K-5", "K5", "K-6", "K6", "PK-5", "PK-6", "1-5", "1-6":
		return model.LevelPrimary, true
	case "MS", "MIDDLE", "MIDDLESCHOOL", "JUNIOR", "JUNIORHIGH", "JUNIORHIGHSCHOOL", "JHS", "INTERMEDIATE", "6-8", "7-8", "7-9", "5-8":
		return model.LevelJunior, true
	case "K-8", "K8", "PK-8", "K-9", "1-8", "1-9", "K-12", "K12", "PK-12", "1-12":
		return model.LevelNineYear, true
	case "HS", "HIGH", "HIGHSCHOOL", "SENIOR", "SENIORHIGH", "SHS", "9-12", "10-12":
		return model.LevelSenior, true
	case "K", "KG", "KINDERGARTEN", "PRESCHOOL", "PRE-K", "PK", "EARLYLEARNING", "EARLYLEARNINGCENTER", "EARLYCHILDHOOD":
		return model.LevelKindergarten, true
	case "CHARTER", "CHARTERSCHOOL", "SERVICESCHOOL", "SERVICE", "ALTERNATIVE", "ALTERNATIVESCHOOL", "SPECIALEDUCATION",
		"SPECIAL", "VOCATIONAL", "CAREERANDTECHNICAL", "CTE", "ADULT", "OTHER":
		return model.LevelOther, true
	}
	return levelFromText(t)
}

// levelCodeFold folds US level codes: "Option K - 8" → "K-8",
// "Elementary School" → "ELEMENTARYSCHOOL", "Grades 6–8" → "6-8".
var levelCodeFold = strings.NewReplacer(" ", "", "_", "", ".", "", "–", "-", "GRADES", "", "GRADE", "")

// levelFromText finds a level word inside a longer text such as a school
// name (某某镇中心小学, 某某九年一贯制学校, "Salmon Bay K-8", "West Seattle
// Elem"). Order matters: 十二年一贯制 before 九年, 高级中学 before 中学.
func levelFromText(t string) (model.Level, bool) {
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(t, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("十二年一贯制", "十二年制", "十二年一贯"):
		return model.LevelNineYear, true // K–9 purposes: its grades 1–9
	case has("九年一贯制", "九年制", "九年一贯", "一贯制"):
		return model.LevelNineYear, true
	case has("特殊教育", "特教", "培智", "启智", "聋哑", "盲校", "盲聋", "职业", "职高", "中专", "技工", "技校", "中等专业", "工读", "专门学校", "进修", "成人"):
		return model.LevelOther, true
	case has("幼儿园", "幼稚园", "托儿所", "学前"):
		return model.LevelKindergarten, true
	case has("高级中学", "高中"):
		return model.LevelSenior, true
	case has("完全中学", "初级中学", "初中", "中学"):
		return model.LevelJunior, true // a 完全中学's 初中 grades are what K–9 planning needs
	case has("小学", "教学点", "完小", "村小"):
		return model.LevelPrimary, true
	}
	u := " " + strings.ToUpper(strings.ReplaceAll(t, ".", " ")) + " "
	switch {
	case strings.Contains(u, "K-8") || strings.Contains(u, " K8 ") || strings.Contains(u, "K-12"):
		return model.LevelNineYear, true
	case strings.Contains(u, "ELEMENTARY") || strings.Contains(u, " ELEM ") || strings.HasSuffix(u, " ES ") || strings.Contains(u, "PRIMARY SCHOOL"):
		return model.LevelPrimary, true
	case strings.Contains(u, "MIDDLE SCHOOL") || strings.HasSuffix(u, " MS ") || strings.Contains(u, "JUNIOR HIGH"):
		return model.LevelJunior, true
	case strings.Contains(u, "HIGH SCHOOL") || strings.HasSuffix(u, " HS "):
		return model.LevelSenior, true
	case strings.Contains(u, "EARLY LEARNING") || strings.Contains(u, "PRESCHOOL") || strings.Contains(u, "KINDERGARTEN"):
		return model.LevelKindergarten, true
	}
	return model.LevelUnknown, false
}
