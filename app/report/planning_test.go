package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The ledger workbook of the sample carries the 优质均衡 table (standard,
// schools, 差异系数 per stage; failing cells red) and the 编制 table.
func TestPlanningSheets(t *testing.T) {
	s := session(t)
	var buf bytes.Buffer
	if err := LedgerXLSX(&buf, s, Options{Date: fixedDate}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetBalance)
	if err != nil {
		t.Fatal(err)
	}
	text := ""
	for _, r := range rows {
		text += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"教督〔2017〕6号", "每百名学生高于规定学历教师数", "小学|标准|", "初中|标准|", "差异系数（≤0.50）", "差异系数（≤0.45）"} {
		if !strings.Contains(text, want) {
			t.Errorf("优质均衡 sheet lacks %q", want)
		}
	}
	res := s.Balance(s.Year())
	if n := len(res.Stages[0].Schools) + len(res.Stages[1].Schools) + 4 + 2; len(rows) != n {
		t.Errorf("%d rows, want %d (title, header, per stage standard + schools + CV)", len(rows), n)
	}
	rows, err = f.GetRows(SheetStaffing)
	if err != nil {
		t.Fatal(err)
	}
	if last := rows[len(rows)-1]; last[0] != "合计" || len(rows) != len(s.Staffing(s.Year()).Schools)+3 {
		t.Errorf("编制 sheet: %d rows, last %v", len(rows), last)
	}
}
