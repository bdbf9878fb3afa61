package report

import (
	"fmt"
	"math"

	"github.com/xuequ/xuequ/app"
)

// pixels converts millimetres on paper to pixels at dpi.
func pixels(mm, dpi float64) int { return int(math.Round(mm / 25.4 * dpi)) }

// mapTitle is the heading of a map: 示例县2026年小学学区划分示意图 with the
// intake year (or …学区班额状况示意图 with the year of the figures for the
// status theme).
func mapTitle(s *app.Session, opt MapOptions) string {
	if opt.Theme == ThemeStatus {
		return fmt.Sprintf("%s%d年%s学区班额状况示意图", s.District().Name, opt.Year, stageName(opt.Stage))
	}
	return fmt.Sprintf("%s%d年%s学区划分示意图", s.District().Name, opt.Intake, stageName(opt.Stage))
}

// mapSubtitle says what the colours show, where the numbers come from and,
// for a scenario, which one (a draft, not the plan in force).
func mapSubtitle(s *app.Session, opt MapOptions) string {
	sub := fmt.Sprintf("义务教育阶段%s招生划片范围（%d年秋季招生）", stageName(opt.Stage), opt.Intake)
	if opt.Theme == ThemeStatus {
		sub = fmt.Sprintf("按对口学校%d年班额状况着色（%s数据）", opt.Year, dataKind(s, opt.Year))
	}
	if opt.Scenario != "" {
		sub += fmt.Sprintf("　方案：%s（草案，未经批准，不作公示依据）", opt.Scenario)
	}
	return sub
}
