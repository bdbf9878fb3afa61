package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// noticeSchool is one row of the notice list.
type noticeSchool struct {
	Name, Level, Address, Phone string
	Zones                       []string // names of the zones in its catchment
}

// noticeSection is the list of one stage.
type noticeSection struct {
	Stage      model.Level
	Schools    []noticeSchool
	Unassigned []string // zones with no (open) school of this stage
}

// noticeSections collects, for primary then junior, every open school
// serving the stage (nine-year schools in both; closed ones left out) in
// the district's order, with the names of the zones assigned to it.
// phone is printed for schools without their own.
func noticeSections(d *model.District, phone string) []noticeSection {
	var out []noticeSection
	for _, stage := range []model.Level{model.LevelPrimary, model.LevelJunior} {
		sec := noticeSection{Stage: stage}
		idx := map[string]int{}
		for i := range d.Schools {
			sc := &d.Schools[i]
			if sc.Closed || (sc.Level != stage && sc.Level != model.LevelNineYear) {
				continue
			}
			idx[sc.ID] = len(sec.Schools)
			sec.Schools = append(sec.Schools, noticeSchool{Name: sc.Name, Level: levelChinese(sc.Level),
				Address: orDash(address(sc)), Phone: orDash(cmpOr(strings.TrimSpace(sc.Phone), phone))})
		}
		for i := range d.Zones {
			z := &d.Zones[i]
			name := strings.TrimSpace(z.Name)
			if name == "" {
				name = z.ID
			}
			if k, ok := idx[z.SchoolFor(stage)]; ok {
				sec.Schools[k].Zones = append(sec.Schools[k].Zones, name)
			} else {
				sec.Unassigned = append(sec.Unassigned, name)
			}
		}
		out = append(out, sec)
	}
	return out
}

func levelChinese(l model.Level) string {
	if s := l.Chinese(); s != "" {
		return s
	}
	return "—"
}

// address is the school's address, or one the source file had under a
// usual name.
func address(s *model.School) string {
	if a := strings.TrimSpace(s.Address); a != "" {
		return a
	}
	for _, k := range []string{"地址", "校址", "学校地址", "address", "Address", "ADDRESS"} {
		if a := strings.TrimSpace(s.Attrs[k]); a != "" {
			return a
		}
	}
	return ""
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Notice page layout, millimetres on a portrait page.
const (
	noticeMarginX   = 18.0
	noticeMarginTop = 16.0
	noticeMarginBot = 16.0
	noticeBodyPt    = 9.0
	sealSpace       = 36.0 // height kept for the issuer, date and seal
)

// noticeTitle is YYYY年义务教育学校招生划片范围公示 for the intake year.
func noticeTitle(intake int) string {
	return fmt.Sprintf("%d年义务教育学校招生划片范围公示", intake)
}

// noticePeriod is the 公示期: from the document's date, NoticeDays
// calendar days.
func noticePeriod(opt Options) (from, to time.Time) {
	return opt.Date, opt.Date.AddDate(0, 0, opt.Doc.noticeDays()-1)
}

// noticeIntro is the paragraph above the lists.
func noticeIntro(d *model.District, opt Options) []string {
	issuer := opt.Doc.issuer(d.Name)
	from, to := noticePeriod(opt)
	contact := fmt.Sprintf("公示期间如有疑问或异议，请向%s反映", issuer)
	if opt.Doc.Phone != "" {
		contact += "（咨询/监督电话：" + opt.Doc.Phone + "）"
	}
	return []string{
		fmt.Sprintf("根据义务教育免试就近入学的规定，现将%s%d年秋季义务教育学校招生划片范围公示如下。"+
			"划片以居住小区（村）为单位；九年一贯制学校同时列入小学和初中。", d.Name, opt.Intake),
		fmt.Sprintf("公示期：%s至%s（共%d天）。%s。", chineseDate(from), chineseDate(to), opt.Doc.noticeDays(), contact),
	}
}

// NoticePDF writes the 划片范围公示 as a portrait PDF on opt.Paper: the
// title with the intake year (草案 and the scenario for a scenario), the
// district, the text with the 公示期 and where to ask, then a table per
// stage (小学, then 初中; 九年一贯制 schools in both; closed schools left
// out) with each school's number, name, level, address, 咨询电话 and the
// residential zones of its catchment — whole names, never split inside a
// name — continued over pages with the header repeated, the issuer and
// date with room for the seal, and "第 N 页 共 M 页" on every page. The
// PDF carries Title, Author (the issuer) and Subject.
func NoticePDF(w io.Writer, s *app.Session, opt Options) error {
	opt = opt.resolve(s)
	d := s.District()
	short, long := opt.Paper.size()
	pageW, pageH := short, long
	title := noticeTitle(opt.Intake)
	if opt.Scenario != "" {
		title += "（草案）"
	}
	doc := newDoc("P", opt.Paper, "", opt.Date)
	doc.setMeta(title, opt.Doc.issuer(d.Name), d.Name+"义务教育学校招生划片范围公示名单")
	contentW := pageW - 2*noticeMarginX
	bottom := pageH - noticeMarginBot - footerBlock

	doc.pdf.AddPage()
	y := noticeMarginTop
	doc.setText(inkRGB)
	doc.setSize(16)
	doc.bold = true
	doc.textCentered(pageW/2, y, title)
	doc.bold = false
	y += doc.lineHeight() + 1
	doc.setSize(10.5)
	doc.setText(greyRGB)
	sub := d.Name
	if opt.Scenario != "" {
		sub += "　方案：" + opt.Scenario + "（草案，未经批准，不得张贴）"
	}
	doc.textCentered(pageW/2, y, sub)
	y += doc.lineHeight() + 3
	doc.setText(inkRGB)
	doc.setSize(10)
	for _, para := range noticeIntro(d, opt) {
		for i, l := range doc.wrap("　　"+para, contentW) {
			if i > 0 {
				l = strings.TrimLeft(l, "　")
			}
			doc.textTop(noticeMarginX, y, l)
			y += doc.lineHeight()
		}
	}
	y += 3

	t := noticeTable(doc, opt.Paper, contentW, bottom)
	t.y = y
	noticeLists(doc, t, noticeSections(d, opt.Doc.Phone), contentW, bottom)
	noticeSignature(doc, t, opt, d.Name, pageW, bottom)

	n := doc.pdf.PageCount()
	for p := 1; p <= n; p++ {
		doc.pdf.SetPage(p)
		pageFooter(doc, pageW, pageH, title, fmt.Sprintf("第 %d 页  共 %d 页", p, n))
	}
	return output(doc, w)
}

// noticeTable is the table of the lists, its columns fitted to the paper.
func noticeTable(doc *doc, paper Paper, contentW, bottom float64) *table {
	seq, nameW, levelW, addrW, phoneW := 10.0, 29.0, 14.5, 25.0, 25.5
	if paper == PaperA3 {
		seq, nameW, levelW, addrW, phoneW = 10, 48, 16, 52, 28
	}
	cols := []column{
		{"序号", seq, 'C'},
		{"学校名称", nameW, 'L'},
		{"学段", levelW, 'C'},
		{"学校地址", addrW, 'L'},
		{"咨询电话", phoneW, 'L'},
		{"划片范围（居住小区/村）", contentW - seq - nameW - levelW - addrW - phoneW, 'L'},
	}
	return &table{d: doc, cols: cols, x0: noticeMarginX, top: noticeMarginTop, bottom: bottom,
		size: noticeBodyPt, padX: 1.4, padY: 1.3,
		newPage: func() { doc.pdf.AddPage() }}
}

// noticeLists prints the stages' lists into t.
func noticeLists(doc *doc, t *table, secs []noticeSection, contentW, bottom float64) {
	headings := []string{"一、小学（含九年一贯制学校小学部）", "二、初中（含九年一贯制学校初中部）"}
	for k, sec := range secs {
		// The heading stays with the header and the first row.
		doc.setSize(11.5)
		hh := doc.lineHeight() + 2
		if t.y+hh+t.headerHeight()+3*t.lineH() > bottom {
			doc.pdf.AddPage()
			t.y = noticeMarginTop
		} else if k > 0 {
			t.y += 4
		}
		doc.setSize(11.5)
		doc.setText(inkRGB)
		doc.bold = true
		doc.textTop(noticeMarginX, t.y, headings[k])
		doc.bold = false
		t.y += hh
		t.started = false
		if len(sec.Schools) == 0 {
			doc.setSize(noticeBodyPt)
			doc.textTop(noticeMarginX, t.y, "（无）")
			t.y += doc.lineHeight()
			continue
		}
		for i, sc := range sec.Schools {
			zones := listCell(sc.Zones)
			if len(sc.Zones) == 0 {
				zones = "（未划定招生范围）"
			}
			t.row([]string{itoa(i + 1), sc.Name, sc.Level, sc.Address, sc.Phone, zones})
		}
		if len(sec.Unassigned) > 0 {
			doc.setSize(noticeBodyPt)
			head := fmt.Sprintf("注：以下%d个居住小区（村）尚未划定对口%s：", len(sec.Unassigned), stageName(sec.Stage))
			t.y += 1.5
			for _, l := range doc.wrapItems(head, sec.Unassigned, contentW) {
				if t.y+doc.lineHeight() > bottom {
					doc.pdf.AddPage()
					t.y = noticeMarginTop
					doc.setSize(noticeBodyPt)
				}
				doc.setText(greyRGB)
				doc.textTop(noticeMarginX, t.y, l)
				t.y += doc.lineHeight()
			}
		}
	}
}

// noticeSignature prints the issuer and the date at the right, below the
// lists, with room above and around them for the seal (公章).
func noticeSignature(doc *doc, t *table, opt Options, district string, pageW, bottom float64) {
	y := t.y + 10
	if y+sealSpace > bottom {
		// GB/T 9704: a page holding only the signature says so.
		doc.pdf.AddPage()
		doc.setSize(10)
		doc.setText(greyRGB)
		doc.textTop(noticeMarginX, noticeMarginTop, "（此页无正文）")
		y = noticeMarginTop + 10
	}
	doc.setSize(11)
	doc.setText(inkRGB)
	right := pageW - noticeMarginX - 8
	issuer := opt.Doc.issuer(district)
	date := chineseDate(opt.Date)
	// Both lines centred on the same axis, as a 落款 is.
	cx := right - max(doc.width(issuer), doc.width(date))/2
	y += 14 // the seal's upper half
	doc.textCentered(cx, y, issuer)
	y += doc.lineHeight() + 1
	doc.textCentered(cx, y, date)
	t.y = y + doc.lineHeight()
}
