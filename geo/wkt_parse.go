package geo

// A reader of Well-Known Text for coordinate systems (OGC 01-009 WKT1,
// its ESRI dialect, and ISO 19162 WKT2) into a tree of keyword nodes.

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// wktNode is one KEYWORD[arg, …] of a WKT text. An argument is a quoted
// string, a bare word or number (text), or a nested node.
type wktNode struct {
	key  string // upper case
	args []wktArg
}

type wktArg struct {
	text string
	node *wktNode
}

// Bounds that keep a hostile .prj from costing more than a small file.
const (
	maxWKTBytes = 64 << 10
	maxWKTDepth = 32
)

type wktParser struct {
	s   string
	pos int
}

// parseWKT reads WKT1 (OGC and ESRI) and WKT2 into a tree.
func parseWKT(s string) (*wktNode, error) {
	if len(s) > maxWKTBytes {
		return nil, fmt.Errorf("the WKT text is %d bytes long, more than any coordinate system needs", len(s))
	}
	p := &wktParser{s: strings.TrimPrefix(s, "\uFEFF")}
	p.space()
	n, err := p.node(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.s) {
		return nil, p.errf("unexpected text after the coordinate system")
	}
	return n, nil
}

func (p *wktParser) errf(format string, args ...any) error {
	return fmt.Errorf("WKT: %s at character %d", fmt.Sprintf(format, args...), p.pos+1)
}

func (p *wktParser) space() {
	for p.pos < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.pos]) >= 0 {
		p.pos++
	}
}

func isWKTWordByte(c byte) bool {
	return c == '_' || c == '.' || c == '-' || c == '+' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

func (p *wktParser) word() string {
	start := p.pos
	for p.pos < len(p.s) && isWKTWordByte(p.s[p.pos]) {
		p.pos++
	}
	return p.s[start:p.pos]
}

func (p *wktParser) node(depth int) (*wktNode, error) {
	if depth > maxWKTDepth {
		return nil, p.errf("nested too deeply")
	}
	key := p.word()
	if key == "" {
		return nil, p.errf("expected a keyword")
	}
	p.space()
	if p.pos >= len(p.s) || (p.s[p.pos] != '[' && p.s[p.pos] != '(') {
		return nil, p.errf("expected [ after %s", key)
	}
	closer := byte(']')
	if p.s[p.pos] == '(' {
		closer = ')'
	}
	p.pos++
	n := &wktNode{key: strings.ToUpper(key)}
	for {
		p.space()
		if p.pos >= len(p.s) {
			return nil, p.errf("%s is not closed", key)
		}
		if p.s[p.pos] == closer && len(n.args) == 0 {
			p.pos++
			return n, nil
		}
		arg, err := p.arg(depth)
		if err != nil {
			return nil, err
		}
		n.args = append(n.args, arg)
		p.space()
		if p.pos >= len(p.s) {
			return nil, p.errf("%s is not closed", key)
		}
		switch p.s[p.pos] {
		case ',':
			p.pos++
		case closer:
			p.pos++
			return n, nil
		default:
			return nil, p.errf("expected , or %c in %s", closer, key)
		}
	}
}

func (p *wktParser) arg(depth int) (wktArg, error) {
	if p.s[p.pos] == '"' {
		var b strings.Builder
		for p.pos++; p.pos < len(p.s); p.pos++ {
			c := p.s[p.pos]
			if c == '"' {
				if p.pos+1 < len(p.s) && p.s[p.pos+1] == '"' { // "" is a quote
					b.WriteByte('"')
					p.pos++
					continue
				}
				p.pos++
				return wktArg{text: b.String()}, nil
			}
			b.WriteByte(c)
		}
		return wktArg{}, p.errf("unterminated string")
	}
	start := p.pos
	w := p.word()
	if w == "" {
		return wktArg{}, p.errf("unexpected %q", p.s[p.pos])
	}
	p.space()
	if p.pos < len(p.s) && (p.s[p.pos] == '[' || p.s[p.pos] == '(') {
		p.pos = start
		n, err := p.node(depth + 1)
		return wktArg{node: n}, err
	}
	return wktArg{text: w}, nil
}

// name is the node's first argument (the name of a CRS, datum, parameter).
func (n *wktNode) name() string {
	if n == nil || len(n.args) == 0 {
		return ""
	}
	return n.args[0].text
}

// num is argument i as a number (NaN when absent or not a number).
func (n *wktNode) num(i int) float64 {
	if n == nil || i >= len(n.args) || n.args[i].node != nil {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(n.args[i].text, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// children are the direct child nodes with one of the keys.
func (n *wktNode) children(keys ...string) []*wktNode {
	var out []*wktNode
	for _, a := range n.args {
		if a.node != nil && hasString(keys, a.node.key) {
			out = append(out, a.node)
		}
	}
	return out
}

func (n *wktNode) child(keys ...string) *wktNode {
	if c := n.children(keys...); len(c) > 0 {
		return c[0]
	}
	return nil
}

// find is the first node with one of the keys, depth first, n included.
func (n *wktNode) find(keys ...string) *wktNode {
	if n == nil {
		return nil
	}
	if hasString(keys, n.key) {
		return n
	}
	for _, a := range n.args {
		if f := a.node.find(keys...); f != nil {
			return f
		}
	}
	return nil
}

func hasString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// normWKTName folds a WKT name for comparison: "Gauss_Kruger",
// "Gauss-Kruger" and "gauss kruger" are all "gausskruger".
func normWKTName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}
