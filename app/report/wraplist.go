package report

import "strings"

// listSep separates the items of a table cell that is a list of names
// (see listCell): such a cell wraps between names, never inside one.
const listSep = "\x1f"

// listCell encodes names as a list cell.
func listCell(names []string) string { return listSep + strings.Join(names, listSep) }

// wrapItems breaks head (wrapped as ordinary text) followed by the items,
// joined with 、 and ended with 。, into lines no wider than w mm at the
// current size. An item is never split across lines unless it alone is
// wider than a line, and the 、 after it stays with it, so no line starts
// with punctuation.
func (d *doc) wrapItems(head string, items []string, w float64) []string {
	var lines []string
	var cur strings.Builder
	curW := 0.0
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		curW = 0
	}
	if head != "" {
		hl := d.wrap(head, w)
		lines = append(lines, hl[:len(hl)-1]...)
		cur.WriteString(hl[len(hl)-1])
		curW = d.width(hl[len(hl)-1])
	}
	for i, it := range items {
		tok := it + "、"
		if i == len(items)-1 {
			tok = it + "。"
		}
		tw := d.width(tok)
		if curW > 0 && curW+tw > w {
			flush()
		}
		if tw > w {
			// Longer than a line: wrapped as text, the rest continued.
			parts := d.wrap(tok, w)
			lines = append(lines, parts[:len(parts)-1]...)
			cur.WriteString(parts[len(parts)-1])
			curW = d.width(parts[len(parts)-1])
			continue
		}
		cur.WriteString(tok)
		curW += tw
	}
	if cur.Len() > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}
