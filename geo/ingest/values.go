package ingest

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuequ/xuequ/model"
	"golang.org/x/text/width"
)

// parseNumber reads "1234", "1,234", "1234.0", "１２３４", " 1 234 人".
// Empty text is (0, false, nil): no value.
func parseNumber(s string) (v float64, ok bool, err error) {
	s = width.Fold.String(strings.TrimSpace(s))
	s = strings.NewReplacer(",", "", " ", "", "，", "", "\u3000", "", "\u00a0", "").Replace(s)
	for _, unit := range []string{"人", "户", "套", "个", "间", "所", "名", "班"} {
		s = strings.TrimSuffix(s, unit)
	}
	if s == "" || s == "null" || s == "NULL" || s == "-" || s == "—" {
		return 0, false, nil
	}
	v, err = strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, fmt.Errorf("%q is not a number", s)
	}
	return v, true, nil
}

// parseCount is parseNumber for non-negative whole counts (rounded).
func parseCount(s string) (int, bool, error) {
	v, ok, err := parseNumber(s)
	if err != nil || !ok {
		return 0, ok, err
	}
	if v < 0 {
		return 0, false, fmt.Errorf("%q is negative", s)
	}
	if v > 1e9 {
		return 0, false, fmt.Errorf("%q is implausibly large", s)
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

// parseLevel reads a 学段 value: model.ParseLevel's names, then US codes
// ("Option ELEM", "K-8"), then Chinese words inside longer text.
func parseLevel(s string) (model.Level, bool) {
	t := strings.TrimSpace(width.Fold.String(s))
	if l, ok := model.ParseLevel(t); ok {
		return l, true
	}
	u := strings.ToUpper(t)
	u = strings.TrimSpace(strings.TrimPrefix(u, "OPTION "))
	switch u {
	case "ELEM", "ELEMENTARY", "ES", "PRIMARY", "E":
		return model.LevelPrimary, true
	case "MS", "MIDDLE", "JUNIOR", "JHS", "K-8", "K8":
		if u == "K-8" || u == "K8" {
			return model.LevelNineYear, true
		}
		return model.LevelJunior, true
	case "HS", "HIGH", "SENIOR", "SHS":
		return model.LevelSenior, true
	case "K", "KG", "KINDERGARTEN", "PRESCHOOL":
		return model.LevelKindergarten, true
	}
	return levelFromText(t)
}

// levelFromText finds a level word inside a longer text such as a school
// name (某某镇中心小学, 某某九年一贯制学校).
func levelFromText(t string) (model.Level, bool) {
	switch {
	case strings.Contains(t, "九年"), strings.Contains(t, "一贯制"):
		return model.LevelNineYear, true
	case strings.Contains(t, "幼儿园"), strings.Contains(t, "幼稚园"):
		return model.LevelKindergarten, true
	case strings.Contains(t, "小学"), strings.Contains(t, "教学点"):
		return model.LevelPrimary, true
	case strings.Contains(t, "初中"), strings.Contains(t, "初级中学"):
		return model.LevelJunior, true
	case strings.Contains(t, "高中"), strings.Contains(t, "高级中学"), strings.Contains(t, "完全中学"):
		return model.LevelSenior, true
	}
	return model.LevelUnknown, false
}
