package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// noticeSchool is one row of the notice list.
type noticeSchool struct {
	Name, Level, Place string
	Zones              []string // names of the zones in its catchment
}

// noticeSection is the list of one stage.
type noticeSection struct {
	Stage      model.Level
	Schools    []noticeSchool
	Unassigned []string // zones with no school of this stage
}

// noticeSections collects, for primary then junior, every school serving
// the stage (nine-year schools in both) in the district's order, with the
// names of the zones assigned to it.
func noticeSections(d *model.District) []noticeSection {
	var out []noticeSection
	for _, stage := range []model.Level{model.LevelPrimary, model.LevelJunior} {
		sec := noticeSection{Stage: stage}
		idx := map[string]int{}
		for i := range d.Schools {
			sc := &d.Schools[i]
			if sc.Level != stage && sc.Level != model.LevelNineYear {
				continue
			}
			idx[sc.ID] = len(sec.Schools)
			sec.Schools = append(sec.Schools, noticeSchool{Name: sc.Name, Level: levelChinese(sc.Level), Place: place(sc)})
		}
		for i := range d.Zones {
			z := &d.Zones[i]
			name := z.Name
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

// place is the township and, when the source file had one, the address.
func place(s *model.School) string {
	parts := []string{}
	if s.Township != "" {
		parts = append(parts, s.Township)
	}
	for _, k := range []string{"地址", "校址", "学校地址", "address", "Address", "ADDRESS"} {
		if a := strings.TrimSpace(s.Attrs[k]); a != "" {
			parts = append(parts, a)
			break
		}
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, "\n")
}

// Notice page layout, millimetres on a portrait page.
const (
	noticeMarginX   = 18.0
	noticeMarginTop = 16.0
	noticeMarginBot = 16.0
	noticeBodyPt    = 9.5
)

// noticeTitle is YYYY年义务教育学校招生划片范围公示.
func noticeTitle(year int) string {
	return fmt.Sprintf("%d年义务教育学校招生划片范围公示", year)
}

// NoticePDF writes the 划片范围公示 list as a portrait PDF on opt.Paper:
// the title "YYYY年义务教育学校招生划片范围公示", the district and the date,
// then a table per stage (小学, then 初中; 九年一贯制 schools in both) with
// each school's number, name, level, township/address and the residential
// zones of its catchment, wrapped and continued over pages with the header
// repeated, and "第 N 页 共 M 页" on every page.
func NoticePDF(w io.Writer, s *app.Session, opt Options) error {
	opt = opt.resolve(s)
	d := s.District()
	short, long := opt.Paper.size()
	pageW, pageH := short, long
	title := noticeTitle(opt.Year)
	doc := newDoc("P", opt.Paper, title, opt.Date)
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
	doc.textCentered(pageW/2, y, d.Name)
	y += doc.lineHeight() + 3
	doc.setText(inkRGB)
	doc.setSize(10)
	intro := fmt.Sprintf("根据义务教育免试就近入学的规定，现将%d年%s义务教育学校招生划片范围公示如下。"+
		"划片以居住小区（村）为单位，九年一贯制学校同时列入小学和初中。公示期间如有疑问，请向教育主管部门咨询。", opt.Year, d.Name)
	for _, l := range doc.wrap(intro, contentW) {
		doc.textTop(noticeMarginX, y, l)
		y += doc.lineHeight()
	}
	y += 1
	doc.textRight(pageW-noticeMarginX, y, "公示日期："+chineseDate(opt.Date))
	y += doc.lineHeight() + 3

	seq := float64(11)
	nameW, levelW, placeW := 40.0, 21.0, 24.0
	if opt.Paper == PaperA3 {
		nameW, levelW, placeW = 56, 24, 40
	}
	cols := []column{
		{"序号", seq, 'C'},
		{"学校名称", nameW, 'L'},
		{"学段", levelW, 'C'},
		{"乡镇（街道）\n地址", placeW, 'L'},
		{"划片范围（居住小区/村）", contentW - seq - nameW - levelW - placeW, 'L'},
	}
	t := &table{d: doc, cols: cols, x0: noticeMarginX, top: noticeMarginTop, bottom: bottom,
		size: noticeBodyPt, padX: 1.6, padY: 1.4,
		newPage: func() { doc.pdf.AddPage() }}
	t.y = y

	headings := []string{"一、小学（含九年一贯制学校小学部）", "二、初中（含九年一贯制学校初中部）"}
	for k, sec := range noticeSections(d) {
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
			zones := strings.Join(sc.Zones, "、")
			if len(sc.Zones) == 0 {
				zones = "（未划定招生范围）"
			}
			t.row([]string{itoa(i + 1), sc.Name, sc.Level, sc.Place, zones})
		}
		if len(sec.Unassigned) > 0 {
			doc.setSize(noticeBodyPt)
			note := fmt.Sprintf("注：以下%d个居住小区（村）尚未划定对口%s：%s。", len(sec.Unassigned),
				stageName(sec.Stage), strings.Join(sec.Unassigned, "、"))
			t.y += 1.5
			for _, l := range doc.wrap(note, contentW) {
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

	n := doc.pdf.PageCount()
	for p := 1; p <= n; p++ {
		doc.pdf.SetPage(p)
		pageFooter(doc, pageW, pageH, "", fmt.Sprintf("第 %d 页  共 %d 页", p, n))
	}
	return output(doc, w)
}
