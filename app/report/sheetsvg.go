package report

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// svgFonts is the font-family list of SVG text: the bundled face first,
// then the CJK faces of Windows and common Linux desktops.
const svgFonts = "'WenQuanYi Micro Hei', 'Microsoft YaHei', SimHei, 'Noto Sans CJK SC', sans-serif"

// toSVG writes the sheet as an SVG document of w × h millimetres: paths
// as <path>, text as <text> (editable in Inkscape or Illustrator).
func (s *sheet) toSVG(w io.Writer, title string) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<svg xmlns="http://www.w3.org/2000/svg" width="%smm" height="%smm" viewBox="0 0 %s %s">`+"\n",
		num(s.w), num(s.h), num(s.w), num(s.h))
	fmt.Fprintf(b, "<title>%s</title>\n", esc(title))
	fmt.Fprintf(b, `<rect width="%s" height="%s" fill="#fff"/>`+"\n", num(s.w), num(s.h))
	fmt.Fprintf(b, `<g font-family="%s">`+"\n", esc(svgFonts))
	for i := range s.items {
		it := &s.items[i]
		if it.isText() {
			weight := ""
			if it.bold {
				weight = ` font-weight="bold"`
			}
			fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" fill="%s"%s>%s</text>`+"\n",
				num(it.x), num(it.y), num(it.pt*mmPerPt), hexRGB(it.fillRGB), weight, esc(it.str))
			continue
		}
		svgPath(b, it)
	}
	b.WriteString("</g>\n</svg>\n")
	return b.Flush()
}

func svgPath(b *bufio.Writer, it *sheetItem) {
	var d strings.Builder
	for _, r := range it.rings {
		for k, p := range r {
			if k == 0 {
				d.WriteByte('M')
			} else {
				d.WriteByte('L')
			}
			d.WriteString(num(p.x))
			d.WriteByte(' ')
			d.WriteString(num(p.y))
		}
		if it.closed {
			d.WriteByte('Z')
		}
	}
	fill := "none"
	if it.fill {
		fill = hexRGB(it.fillRGB)
	}
	attrs := fmt.Sprintf(`fill="%s" fill-rule="evenodd"`, fill)
	if it.alpha > 0 && it.alpha < 1 {
		attrs += ` fill-opacity="` + num(it.alpha) + `"`
	}
	if it.stroke {
		attrs += fmt.Sprintf(` stroke="%s" stroke-width="%s" stroke-linejoin="round"`, hexRGB(it.inkRGB), num(it.lineW))
	}
	fmt.Fprintf(b, "<path d=\"%s\" %s/>\n", d.String(), attrs)
}

// num writes a length with at most two decimals (0.01 mm).
func num(v float64) string {
	return strconv.FormatFloat(float64(int64(v*100+0.5*sign(v)))/100, 'f', -1, 64)
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

func hexRGB(c uint32) string { return fmt.Sprintf("#%06x", c&0xffffff) }

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
