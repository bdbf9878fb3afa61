package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/xuequ/xuequ/app"
)

// SheetNotice is the sheet of the notice workbook.
const SheetNotice = "划片范围公示"

// NoticeHeader is the header row of the notice workbook (row 3; row 1 is
// the title, row 2 the 公示期 and issuer).
var NoticeHeader = []string{"学段", "序号", "学校名称", "办学类型", "学校地址", "咨询电话", "划片范围（居住小区/村）", "小区（村）数"}

var noticeWidths = []float64{7, 6, 24, 11, 26, 15, 70, 10}

// NoticeXLSX writes the 划片范围公示 list as a workbook for editing in WPS
// or Excel before it is posted: one row per school and stage (as in
// NoticePDF), zones joined with 、 in one wrapped cell, the title, 公示期
// and issuer above; it prints A4 portrait, one page wide, with the header
// on every page, and has an autofilter.
func NoticeXLSX(w io.Writer, s *app.Session, opt Options) error {
	opt = opt.resolve(s)
	d := s.District()
	f := excelize.NewFile()
	defer f.Close()
	st, err := newSheetStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetNotice); err != nil {
		return err
	}
	title := d.Name + noticeTitle(opt.Intake)
	if opt.Scenario != "" {
		title += "（草案，方案：" + opt.Scenario + "）"
	}
	sw := &sheetWriter{f: f, sheet: SheetNotice}
	sw.title(title, len(NoticeHeader), st.title)
	from, to := noticePeriod(opt)
	sub := fmt.Sprintf("公示期：%s至%s　发布单位：%s　发布日期：%s", chineseDate(from), chineseDate(to),
		opt.Doc.issuer(d.Name), chineseDate(opt.Date))
	if opt.Doc.Phone != "" {
		sub += "　咨询/监督电话：" + opt.Doc.Phone
	}
	a, b := sw.cell(1, 2), sw.cell(len(NoticeHeader), 2)
	sw.err = firstErr(sw.err, f.SetCellValue(SheetNotice, a, sub))
	sw.err = firstErr(sw.err, f.MergeCell(SheetNotice, a, b))
	sw.next = 3
	sw.header(NoticeHeader, noticeWidths, st.header)
	styles := []int{st.center, st.center, st.wrap, st.center, st.wrap, st.text, st.wrap, st.count}
	for _, sec := range noticeSections(d, opt.Doc.Phone) {
		for i, sc := range sec.Schools {
			zones := strings.Join(sc.Zones, "、")
			if zones == "" {
				zones = "（未划定招生范围）"
			}
			sw.row([]any{stageName(sec.Stage), i + 1, sc.Name, sc.Level, sc.Address, sc.Phone, zones, len(sc.Zones)}, styles)
			h := wrappedRowHeight([]string{"", "", sc.Name, sc.Level, sc.Address, sc.Phone, zones}, noticeWidths)
			sw.err = firstErr(sw.err, f.SetRowHeight(SheetNotice, sw.next-1, h))
		}
	}
	if err := firstErr(sw.err, printSetup(f, SheetNotice, false, 3, len(NoticeHeader), sw.next-1)); err != nil {
		return fmt.Errorf("report: notice workbook: %w", err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Creator: opt.Doc.issuer(d.Name), Subject: "义务教育学校招生划片范围公示名单",
		Language: "zh-CN", Created: opt.Date.UTC().Format("2006-01-02T15:04:05Z"), Modified: opt.Date.UTC().Format("2006-01-02T15:04:05Z")}); err != nil {
		return err
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("report: write notice workbook: %w", err)
	}
	return nil
}
