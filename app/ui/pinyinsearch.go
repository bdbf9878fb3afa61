package ui

// Pinyin initials search: an officer types "cgyx" for 城关一小. Each
// character of a name has the set of its possible initials (a polyphone
// such as 长 has both c and z), so either reading finds it.

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// pinyinInitials are the possible initials of each character of name:
// the pinyin first letters of a hanzi (all readings), a letter or digit
// itself in lower case; other characters are left out.
func pinyinInitials(name string) []string {
	args := pinyin.NewArgs()
	args.Style = pinyin.FirstLetter
	args.Heteronym = true
	var out []string
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Han, r):
			var set []byte
			for _, p := range pinyin.SinglePinyin(r, args) {
				if p != "" && !strings.ContainsRune(string(set), rune(p[0])) {
					set = append(set, p[0])
				}
			}
			if len(set) > 0 {
				out = append(out, string(set))
			}
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			out = append(out, string(unicode.ToLower(r)))
		}
	}
	return out
}

// matchInitials reports whether q (lower-case ASCII letters) is a run of
// consecutive initials.
func matchInitials(initials []string, q string) bool {
	if q == "" || len(q) > len(initials) {
		return q == ""
	}
	for i := 0; i+len(q) <= len(initials); i++ {
		k := 0
		for k < len(q) && strings.IndexByte(initials[i+k], q[k]) >= 0 {
			k++
		}
		if k == len(q) {
			return true
		}
	}
	return false
}
