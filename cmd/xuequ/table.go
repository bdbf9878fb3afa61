package main

import (
	"bytes"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// tabWriter lines up tab-separated cells like text/tabwriter (padding 2,
// blank-padded), but measures text by its width on a terminal: hanzi and
// other East Asian Wide or Fullwidth characters take two columns, so
// Chinese tables line up (tabwriter counts runes).
//
// As in tabwriter, a cell is text ended by a tab; text after a line's last
// tab is printed as it is. Consecutive lines with tabs form one block whose
// columns share their widths. Write buffers; Flush prints.
type tabWriter struct {
	w     io.Writer
	right bool // align cells to the right (numbers)
	buf   bytes.Buffer
}

const cellPadding = 2

func newTabWriter(w io.Writer, alignRight bool) *tabWriter {
	return &tabWriter{w: w, right: alignRight}
}

func (t *tabWriter) Write(p []byte) (int, error) { return t.buf.Write(p) }

// Flush prints what was written, aligned, and empties the buffer.
func (t *tabWriter) Flush() error {
	text := t.buf.String()
	t.buf.Reset()
	if text == "" {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	var out strings.Builder
	for start := 0; start < len(lines); {
		end := start
		for end < len(lines) && strings.Contains(lines[end], "\t") {
			end++
		}
		if end == start { // a line without cells
			out.WriteString(lines[start] + "\n")
			start++
			continue
		}
		t.block(&out, lines[start:end])
		start = end
	}
	_, err := io.WriteString(t.w, out.String())
	return err
}

// block writes lines that all hold cells, each column as wide as its
// widest cell plus the padding.
func (t *tabWriter) block(out *strings.Builder, lines []string) {
	rows := make([][]string, len(lines))
	var widths []int
	for i, l := range lines {
		rows[i] = strings.Split(l, "\t")
		for c, cell := range rows[i][:len(rows[i])-1] {
			if c >= len(widths) {
				widths = append(widths, 0)
			}
			widths[c] = max(widths[c], displayWidth(cell))
		}
	}
	for _, cells := range rows {
		var line strings.Builder
		last := len(cells) - 1
		for c, cell := range cells[:last] {
			pad := strings.Repeat(" ", widths[c]+cellPadding-displayWidth(cell))
			if t.right {
				line.WriteString(pad + cell)
			} else {
				line.WriteString(cell + pad)
			}
		}
		line.WriteString(cells[last])
		out.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

// displayWidth is the number of terminal columns s takes: two for East
// Asian Wide and Fullwidth characters, none for combining marks and
// format characters, one for the rest.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		case isWide(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

func isWide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}
