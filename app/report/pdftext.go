package report

import (
	"bytes"
	"hash/fnv"
	"strings"
	"sync"
	"time"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"github.com/xuequ/xuequ/assets"
)

// Font families registered in every document. fpdf names an embedded
// font "utf8" + the lower-cased family; the "sub" prefix makes that name
// exactly as long as a subset tag ("ABCDEF+"), which tagSubsets puts in
// its place.
const (
	famCJK   = "subWenQuanYiMicroHei"
	famLatin = "subGoRegular"
)

// fpdfFontPrefix is what fpdf writes before the family in font names.
const fpdfFontPrefix = "/utf8sub"

// tagSubsets gives every embedded font of a finished PDF a subset tag
// (six capital letters and "+", as PDF 32000 §9.6.4 asks of subset
// fonts), derived from the document so it is reproducible. The names
// keep their length, so the cross-reference offsets stay valid.
func tagSubsets(pdf []byte) []byte {
	h := fnv.New64a()
	h.Write(pdf)
	seed := h.Sum64()
	out := bytes.Clone(pdf)
	prefix := []byte(fpdfFontPrefix)
	fonts := map[string][]byte{} // font name → its tag
	for i := 0; ; {
		j := bytes.Index(out[i:], prefix)
		if j < 0 {
			break
		}
		j += i
		end := j + len(prefix)
		for end < len(out) && out[end] > ' ' && !bytes.ContainsRune([]byte("/[]<>()"), rune(out[end])) {
			end++
		}
		name := string(out[j+len(prefix) : end])
		tag, ok := fonts[name]
		if !ok {
			tag = make([]byte, 7)
			v := seed + uint64(len(fonts))*0x9e3779b97f4a7c15
			for k := range 6 {
				tag[k] = byte('A' + v%26)
				v /= 26
			}
			tag[6] = '+'
			fonts[name] = tag
		}
		copy(out[j+1:], tag)
		i = end
	}
	return out
}

// mmPerPt converts font points to millimetres.
const mmPerPt = 25.4 / 72

// latinGlyphs answers whether a rune goes to Go Regular: only when the
// bundled CJK font (assets.CJKFont, which has Latin, digits and GBK hanzi)
// lacks it and Go Regular has it — a safety net for the odd symbol, so no
// character prints as a blank box.
var latinGlyphs = sync.OnceValue(func() func(rune) bool {
	cjk, err1 := sfnt.Parse(assets.CJKFont)
	latin, err2 := sfnt.Parse(goregular.TTF)
	if err1 != nil || err2 != nil {
		return func(r rune) bool { return false }
	}
	var mu sync.Mutex
	var buf sfnt.Buffer
	cache := map[rune]bool{}
	has := func(f *sfnt.Font, r rune) bool {
		i, err := f.GlyphIndex(&buf, r)
		return err == nil && i != 0
	}
	return func(r rune) bool {
		mu.Lock()
		defer mu.Unlock()
		use, ok := cache[r]
		if !ok {
			use = !has(cjk, r) && has(latin, r)
			cache[r] = use
		}
		return use
	}
})

// doc is an fpdf document with the two-font text layer: every string is
// cut into runs by font, so mixed text such as "2025年" prints whole.
type doc struct {
	pdf    *fpdf.Fpdf
	size   float64              // current font size, points
	bold   bool                 // fake bold (fill + thin stroke)
	widths map[fontRune]float64 // advance of a rune at 1 pt, mm
}

type fontRune struct {
	latin bool
	r     rune
}

// newDoc starts a document on paper in orientation "P" or "L", with the
// fonts registered, automatic page breaks off (layouts place every line
// themselves) and the metadata set.
func newDoc(orientation string, paper Paper, title string, date time.Time) *doc {
	short, long := paper.size()
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orientation, UnitStr: "mm",
		Size: fpdf.SizeType{Wd: short, Ht: long}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	if title != "" {
		pdf.SetTitle(title, true)
	}
	pdf.SetCreator("学区规划 Xuequ", true)
	pdf.SetProducer("Xuequ (go-pdf/fpdf)", true)
	pdf.SetLang("zh-CN")
	pdf.AddUTF8FontFromBytes(famCJK, "", assets.CJKFont)
	pdf.AddUTF8FontFromBytes(famLatin, "", goregular.TTF)
	d := &doc{pdf: pdf, widths: map[fontRune]float64{}}
	d.setSize(10)
	return d
}

// setMeta sets the document's Title, Author (the issuing body) and Subject.
func (d *doc) setMeta(title, author, subject string) {
	d.pdf.SetTitle(title, true)
	d.pdf.SetAuthor(author, true)
	d.pdf.SetSubject(subject, true)
}

// setSize sets the font size in points.
func (d *doc) setSize(pt float64) { d.size = pt }

// lineHeight is the distance between baselines of wrapped lines, mm.
func (d *doc) lineHeight() float64 { return d.size * mmPerPt * 1.4 }

// ascent is the height above the baseline of a line box's text, mm.
func (d *doc) ascent() float64 { return d.size * mmPerPt * 0.86 }

func isLatin(r rune) bool { return latinGlyphs()(r) }

// runeWidth is the advance of r at 1 pt in its font, mm.
func (d *doc) runeWidth(latin bool, r rune) float64 {
	k := fontRune{latin, r}
	if w, ok := d.widths[k]; ok {
		return w
	}
	fam := famCJK
	if latin {
		fam = famLatin
	}
	d.pdf.SetFont(fam, "", 1)
	w := d.pdf.GetStringWidth(string(r))
	d.widths[k] = w
	return w
}

// width is the advance of s at the current size, mm.
func (d *doc) width(s string) float64 {
	var w float64
	for _, r := range s {
		w += d.runeWidth(isLatin(r), r)
	}
	return w * d.size
}

// text draws s with its baseline at y, starting at x.
func (d *doc) text(x, y float64, s string) {
	if d.bold {
		// The CJK font has no bold face: stroke the outline too.
		dr, dg, db := d.pdf.GetDrawColor()
		lw := d.pdf.GetLineWidth()
		d.pdf.SetDrawColor(d.pdf.GetTextColor())
		d.pdf.SetLineWidth(d.size * 0.012)
		d.pdf.SetTextRenderingMode(2)
		defer func() {
			d.pdf.SetTextRenderingMode(0)
			d.pdf.SetDrawColor(dr, dg, db)
			d.pdf.SetLineWidth(lw)
		}()
	}
	for len(s) > 0 {
		latin := false
		n := 0
		for i, r := range s {
			l := isLatin(r)
			if i == 0 {
				latin = l
			} else if l != latin {
				break
			}
			n = i + len(string(r))
		}
		run := s[:n]
		s = s[n:]
		fam := famCJK
		if latin {
			fam = famLatin
		}
		d.pdf.SetFont(fam, "", d.size)
		d.pdf.Text(x, y, run)
		x += d.width(run)
	}
}

// textTop draws s with the top of its line box at y.
func (d *doc) textTop(x, y float64, s string) { d.text(x, y+d.ascent(), s) }

// textCentered draws s centred on cx with the top of its line box at y.
func (d *doc) textCentered(cx, y float64, s string) { d.textTop(cx-d.width(s)/2, y, s) }

// textRight draws s ending at x with the top of its line box at y.
func (d *doc) textRight(x, y float64, s string) { d.textTop(x-d.width(s), y, s) }

// Line-breaking classes (a light 禁则 / kinsoku): these never start a line…
const noLineStart = "、，。．：；！？）》」』】〕〉”’,.:;!?)]}%…·—"

// …and these never end one.
const noLineEnd = "（《「『【〔〈“‘([{"

// wrap breaks s into lines no wider than w mm at the current size. Hanzi
// may break anywhere (subject to the punctuation rules above); Latin words
// and numbers break only at spaces unless one alone is wider than w.
// Explicit newlines are kept.
func (d *doc) wrap(s string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, d.wrapPara(para, w)...)
	}
	return lines
}

func (d *doc) wrapPara(s string, w float64) []string {
	toks := tokens(s)
	if len(toks) == 0 {
		return []string{""}
	}
	var lines []string
	var cur strings.Builder
	curW := 0.0
	flush := func() {
		lines = append(lines, strings.TrimRight(cur.String(), " "))
		cur.Reset()
		curW = 0
	}
	for _, t := range toks {
		tw := d.width(t)
		if curW > 0 && curW+tw > w {
			flush()
			if strings.TrimSpace(t) == "" {
				continue // no space at the start of a line
			}
		}
		if tw > w {
			// A token wider than the line: cut it by characters.
			for _, r := range t {
				rw := d.width(string(r))
				if curW > 0 && curW+rw > w {
					flush()
				}
				cur.WriteRune(r)
				curW += rw
			}
			continue
		}
		cur.WriteString(t)
		curW += tw
	}
	if cur.Len() > 0 {
		flush()
	}
	return lines
}

// tokens cuts s into unbreakable pieces: one hanzi (with any punctuation
// that must stay with it), a Latin word or number, or a space.
func tokens(s string) []string {
	var toks []string
	var cur []rune
	pendingOpen := ""
	push := func() {
		if len(cur) > 0 {
			toks = append(toks, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range s {
		switch {
		case strings.ContainsRune(noLineStart, r):
			// Stays with what precedes it.
			if len(cur) > 0 {
				cur = append(cur, r)
			} else if len(toks) > 0 {
				toks[len(toks)-1] += string(r)
			} else {
				cur = append(cur, r)
			}
		case strings.ContainsRune(noLineEnd, r):
			push()
			pendingOpen += string(r)
		case unicode.IsSpace(r):
			push()
			toks = append(toks, " ")
		case r < 0x2e80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '/' || r == '+'):
			// Part of a Latin word or number.
			if pendingOpen != "" {
				push()
				cur = append(cur, []rune(pendingOpen)...)
				pendingOpen = ""
			}
			cur = append(cur, r)
		default:
			push()
			cur = append(cur, []rune(pendingOpen)...)
			pendingOpen = ""
			cur = append(cur, r)
			push()
		}
	}
	push()
	if pendingOpen != "" {
		toks = append(toks, pendingOpen)
	}
	return toks
}

// setFill, setDraw and setText take a 0xRRGGBB colour.
func (d *doc) setFill(c uint32) { d.pdf.SetFillColor(int(c>>16), int(c>>8&0xff), int(c&0xff)) }
func (d *doc) setDraw(c uint32) { d.pdf.SetDrawColor(int(c>>16), int(c>>8&0xff), int(c&0xff)) }
func (d *doc) setText(c uint32) { d.pdf.SetTextColor(int(c>>16), int(c>>8&0xff), int(c&0xff)) }
