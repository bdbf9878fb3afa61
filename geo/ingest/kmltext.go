package ingest

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// parseKMLCoords reads the text of a KML <coordinates> element: tuples
// "lon,lat[,alt]" in degrees (altitude dropped) separated by whitespace.
// Real files also put spaces after the commas ("114.1, 30.2") or a comma
// after each tuple ("114,30,0, 115,31,0"); the separators tell which:
// when some separators are whitespace alone, they split tuples and a comma
// with spaces stays inside one; otherwise a comma with spaces splits.
func parseKMLCoords(s string) ([]orb.Point, error) {
	const (
		sepComma = 1 << iota
		sepSpace
	)
	type num struct {
		v   float64
		sep int // separator before the number
	}
	var nums []num
	var have [4]bool // separators seen between numbers, by kind
	sep := 0
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == ',':
			sep |= sepComma
			i++
			continue
		case isCoordSep(c):
			sep |= sepSpace
			i++
			continue
		}
		j := i
		for j < len(s) && !isCoordSep(s[j]) {
			j++
		}
		tok := s[i:j]
		v, err := strconv.ParseFloat(tok, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			if len(tok) > 24 {
				tok = tok[:24] + "…"
			}
			return nil, fmt.Errorf("%q is not a number (number %d)", tok, len(nums)+1)
		}
		if len(nums) > 0 {
			have[sep] = true
		}
		nums = append(nums, num{v, sep})
		sep, i = 0, j
	}
	split := sepSpace // whitespace alone ends a tuple
	if !have[sepSpace] && have[sepComma] && have[sepComma|sepSpace] {
		split = sepComma | sepSpace
	}
	var out []orb.Point
	var tuple []float64
	flush := func() error {
		switch {
		case len(tuple) == 0:
			return nil
		case len(tuple) < 2 || len(tuple) > 3:
			return fmt.Errorf("tuple %d has %d numbers; write lon,lat[,alt] with spaces between tuples", len(out)+1, len(tuple))
		}
		out = append(out, orb.Point{tuple[0], tuple[1]})
		tuple = tuple[:0]
		return nil
	}
	for i, n := range nums {
		if i > 0 && n.sep == split {
			if err := flush(); err != nil {
				return nil, err
			}
		}
		tuple = append(tuple, n.v)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

func isCoordSep(c byte) bool { return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// descriptionFields reads a Placemark description. Many converters (ArcGIS
// "Layer To KML", QGIS, online tools) write the attributes as an HTML
// table of name/value rows, sometimes nested in an outer table; each row
// of exactly two cells becomes a field, and a table of one header row and
// one value row is read column by column. plain is the text outside the
// table cells, tags stripped, or the whole text when there is no table.
func descriptionFields(s string) (plain string, pairs [][2]string) {
	if !strings.Contains(s, "<") {
		return cleanText(html.UnescapeString(s)), nil
	}
	var rows [][]string
	var row []string
	var cell, outside strings.Builder
	inCell := false
	flushCell := func() {
		if inCell {
			row = append(row, cleanText(cell.String()))
			cell.Reset()
			inCell = false
		}
	}
	flushRow := func() {
		flushCell()
		if len(row) > 0 {
			rows = append(rows, row)
		}
		row = nil
	}
	text := func(t string) {
		t = html.UnescapeString(t)
		if inCell {
			cell.WriteString(t)
		} else {
			outside.WriteString(t)
		}
	}
	for i := 0; i < len(s); {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			text(s[i:])
			break
		}
		text(s[i : i+lt])
		i += lt
		if strings.HasPrefix(s[i:], "<!--") {
			end := strings.Index(s[i:], "-->")
			if end < 0 {
				break
			}
			i += end + 3
			continue
		}
		gt := strings.IndexByte(s[i:], '>')
		if gt < 0 {
			text(s[i:])
			break
		}
		tag, closing := tagName(s[i+1 : i+gt])
		i += gt + 1
		switch tag {
		case "tr", "table", "tbody", "thead":
			flushRow()
		case "td", "th":
			flushCell()
			inCell = !closing
		case "br", "p", "div", "li", "h1", "h2", "h3", "h4":
			text("\n")
		case "style", "script", "head", "title":
			if !closing { // skip the content up to the closing tag
				if end := strings.Index(strings.ToLower(s[i:]), "</"+tag); end >= 0 {
					i += end
				} else {
					i = len(s)
				}
			}
		}
	}
	flushRow()
	for _, r := range rows {
		if len(r) == 2 && r[0] != "" && len([]rune(r[0])) <= 64 {
			pairs = append(pairs, [2]string{r[0], r[1]})
		}
	}
	if len(pairs) == 0 && len(rows) == 2 && len(rows[0]) == len(rows[1]) && len(rows[0]) > 2 {
		for k, key := range rows[0] {
			if key != "" {
				pairs = append(pairs, [2]string{key, rows[1][k]})
			}
		}
	}
	return cleanText(outside.String()), pairs
}

// tagName returns the lower-case name of an HTML tag body ("td
// style=…", "/TD", "br/") and whether it closes.
func tagName(body string) (string, bool) {
	closing := strings.HasPrefix(body, "/")
	body = strings.TrimPrefix(body, "/")
	end := 0
	for end < len(body) && (body[end] >= 'a' && body[end] <= 'z' || body[end] >= 'A' && body[end] <= 'Z' || body[end] >= '0' && body[end] <= '9') {
		end++
	}
	return strings.ToLower(body[:end]), closing
}

// cleanText trims every line, collapses runs of spaces (non-breaking ones
// included) and drops empty lines.
func cleanText(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.Join(strings.Fields(strings.ReplaceAll(l, "\u00a0", " ")), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}
