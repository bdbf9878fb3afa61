package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/xuequ/xuequ/app"
)

// SheetStaffing is the 编制 sheet of the ledger workbook.
const SheetStaffing = "编制"

// planStyles are the extra cell styles of the planning sheets: two
// decimals, and a failing value (red on light red).
type planStyles struct{ decimal, fail int }

func newPlanStyles(f *excelize.File) (planStyles, error) {
	border := []excelize.Border{{Type: "left", Color: "A0A0A0", Style: 1}, {Type: "right", Color: "A0A0A0", Style: 1},
		{Type: "top", Color: "A0A0A0", Style: 1}, {Type: "bottom", Color: "A0A0A0", Style: 1}}
	right := &excelize.Alignment{Horizontal: "right", Vertical: "center"}
	num := "#,##0.00"
	var ps planStyles
	var err error
	if ps.decimal, err = f.NewStyle(&excelize.Style{Border: border, Font: &excelize.Font{Family: "宋体", Size: 10.5},
		CustomNumFmt: &num, Alignment: right}); err != nil {
		return ps, err
	}
	ps.fail, err = f.NewStyle(&excelize.Style{Border: border, Font: &excelize.Font{Family: "宋体", Size: 10.5, Color: "C62828", Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FDECEA"}}, CustomNumFmt: &num, Alignment: right})
	return ps, err
}

// planningSheets adds the 优质均衡 and 编制 sheets of year to the ledger
// workbook.
func planningSheets(f *excelize.File, s *app.Session, year int, st *sheetStyles) error {
	ps, err := newPlanStyles(f)
	if err != nil {
		return err
	}
	if err := balanceSheet(f, s, year, st, ps); err != nil {
		return err
	}
	return staffingSheet(f, s, year, st)
}

// staffingSheet adds the 编制 sheet: per school the required teachers by
// 生师比 and 班师比, the rule, the teachers and the gap (positive = 缺编).
func staffingSheet(f *excelize.File, s *app.Session, year int, st *sheetStyles) error {
	if _, err := f.NewSheet(SheetStaffing); err != nil {
		return err
	}
	r := s.Staffing(year)
	header := []string{"学校", "在校生", "班数", "按生师比", "按班师比", "核定编制", "核定依据", "现有专任教师", "缺编(+)/超编(−)"}
	w := &sheetWriter{f: f, sheet: SheetStaffing}
	w.title(fmt.Sprintf("%s%d年中小学教职工编制测算（生师比 小学1:19、初中1:13.5；200人以下学校班师比1:2；%s数据）",
		s.District().Name, year, dataKind(s, year)), len(header), st.title)
	w.header(header, []float64{24, 9, 7, 10, 10, 10, 16, 13, 15}, st.header)
	for _, sc := range r.Schools {
		rule := "生师比"
		if sc.Rule == "class" {
			rule = "小规模学校·班师比"
		}
		actual, gap, gs := any("未知"), any("未知"), st.center
		if sc.ActualKnown {
			actual, gap = sc.Actual, sc.Gap
			if sc.Gap > 0 {
				gs = st.open
			} else {
				gs = st.cleared
			}
		}
		name := sc.Name
		if name == "" {
			name = sc.School
		}
		w.row([]any{name, sc.Students, sc.Classes, sc.ByRatio, sc.ByClass, sc.Required, rule, actual, gap},
			[]int{st.text, st.count, st.count, st.count, st.count, st.count, st.center, st.count, gs})
	}
	m := r.Summary
	w.row([]any{"合计", "", "", "", "", m.Required, fmt.Sprintf("缺编合计 %d", m.Shortage), m.Actual, m.Gap},
		[]int{st.centerBold, st.center, st.center, st.center, st.center, st.count, st.center, st.count, st.count})
	if w.err == nil { // A4 landscape, one page wide, title and header on every page
		w.err = printSetup(f, SheetStaffing, true, 2, len(header), w.next-1)
	}
	return w.err
}
