package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/balance"
)

// SheetBalance is the 优质均衡 sheet of the ledger workbook.
const SheetBalance = "优质均衡"

// IndicatorHeaders are the 优质均衡 indicator columns (教督〔2017〕6号 wording,
// shortened), in model.Indicator order.
var IndicatorHeaders = [model.NumIndicators]string{
	"每百名学生高于规定学历教师数", "每百名学生县级及以上骨干教师数", "每百名学生体育艺术专任教师数",
	"生均教学及辅助用房面积(m²)", "生均体育运动场馆面积(m²)", "生均教学仪器设备值(元)", "每百名学生网络多媒体教室数",
}

// balanceSheet adds the 优质均衡 sheet: per stage a 标准 row, one row per
// school with its seven values (cells below the standard in red), the
// indicators met and the verdict, and the 差异系数 row against the limit.
func balanceSheet(f *excelize.File, s *app.Session, year int, st *sheetStyles, ps planStyles) error {
	if _, err := f.NewSheet(SheetBalance); err != nil {
		return err
	}
	r := s.Balance(year)
	header := append([]string{"学段", "学校", "在校生"}, IndicatorHeaders[:]...)
	header = append(header, "达标项数", "学校达标", "计入差异系数")
	widths := []float64{8, 24, 9, 13, 13, 13, 13, 13, 13, 13, 9, 9, 11}
	w := &sheetWriter{f: f, sheet: SheetBalance}
	w.title(fmt.Sprintf("%s%d年县域义务教育优质均衡发展资源配置指标（教督〔2017〕6号；%s数据）", s.District().Name, year,
		dataKind(s, year)), len(header), st.title)
	w.header(header, widths, st.header)
	for _, stg := range r.Stages {
		stage := stageName(stg.Stage)
		std := []any{stage, "标准", ""}
		styles := []int{st.center, st.centerBold, st.center}
		for _, v := range stg.Standard {
			std, styles = append(std, v), append(styles, ps.decimal)
		}
		w.row(append(std, fmt.Sprintf("≥%d项", s.District().Standards.OrDefault().BalanceMinMet), "", ""),
			append(styles, st.center, st.center, st.center))
		for _, sc := range stg.Schools {
			w.row(balanceRow(stage, sc, st, ps))
		}
		cv := []any{stage, fmt.Sprintf("差异系数（≤%.2f）", stg.CVLimit), ""}
		styles = []int{st.center, st.centerBold, st.center}
		for k, v := range stg.CV {
			switch {
			case !stg.CVKnown[k]:
				cv, styles = append(cv, "—"), append(styles, st.center)
			case v > stg.CVLimit+1e-9:
				cv, styles = append(cv, v), append(styles, ps.fail)
			default:
				cv, styles = append(cv, v), append(styles, ps.decimal)
			}
		}
		verdict, vs := "达标", st.cleared
		if !stg.CVOK {
			verdict, vs = "未达标", st.open
		}
		w.row(append(cv, fmt.Sprintf("%d/%d校", stg.Passing, len(stg.Schools)), verdict, ""),
			append(styles, st.center, vs, st.center))
	}
	if w.err == nil { // A4 landscape, one page wide, title and header on every page
		w.err = printSetup(f, SheetBalance, true, 2, len(header), w.next-1)
	}
	return w.err
}

func balanceRow(stage string, sc balance.School, st *sheetStyles, ps planStyles) ([]any, []int) {
	vals := []any{stage, sc.Name, sc.Students}
	styles := []int{st.center, st.text, st.count}
	if sc.Name == "" {
		vals[1] = sc.School
	}
	for k, v := range sc.Values {
		switch {
		case !sc.Known[k]:
			vals, styles = append(vals, "—"), append(styles, ps.fail)
		case !sc.Meets[k]:
			vals, styles = append(vals, v), append(styles, ps.fail)
		default:
			vals, styles = append(vals, v), append(styles, ps.decimal)
		}
	}
	verdict, vs := "达标", st.cleared
	if !sc.Passes {
		verdict, vs = "未达标", st.open
	}
	in := "是"
	if !sc.InCV {
		in = "否（教学点）"
	}
	return append(vals, sc.Met, verdict, in), append(styles, st.count, vs, st.center)
}
