package ingest

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/xuequ/xuequ/model"
	"golang.org/x/text/width"
)

// School names are spelt differently from one file to the next: a zones
// table says 城关一小 where the schools layer says 城关镇第一小学, or
// "Catonsville ES" for "Catonsville Elementary School". Names are compared
// in tiers, each looser than the one before; a tier matches only when it
// points at exactly one school, so nothing is ever guessed silently.

// nameTiers returns the comparison keys of a school name, strictest first:
//  1. width, case, spaces and punctuation folded;
//  2. also without bracketed notes ("（本部）", "(interim at Boren)") and
//     leading place names ending in 省/市/县/区/旗 ("某某县城关第一小学");
//  3. also with the school-type words reduced to a short canonical form
//     (第一小学/一小学/一小 → 一小, 初级中学/中学/初中 → 中,
//     Elementary School/Elem./ES → "", 镇/乡 dropped inside names).
func nameTiers(s string) [3]string {
	k1 := foldName(s)
	k2 := foldName(stripPlace(stripBrackets(width.Fold.String(s))))
	k3 := canonicalType(k2)
	return [3]string{k1, k2, k3}
}

// foldName folds width and case and drops spaces and punctuation.
func foldName(s string) string {
	s = strings.ToLower(width.Fold.String(s))
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var brackets = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|<[^<>]*>|《[^《》]*》`)

func stripBrackets(s string) string {
	// width.Fold has turned （） into (); nested brackets are rare.
	return strings.TrimSpace(brackets.ReplaceAllString(s, ""))
}

// placePrefix is a leading administrative name: up to 7 characters ending
// in 省, 市, 县, 区 or 旗 (自治县, 新区 …), followed by the rest of a name.
var placePrefix = regexp.MustCompile(`^[\p{Han}]{1,7}?(省|自治区|市|自治州|州|自治县|县|区|旗)`)

func stripPlace(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < 3; i++ {
		loc := placePrefix.FindStringIndex(s)
		if loc == nil || loc[1] == len(s) || len([]rune(s[loc[1]:])) < 3 {
			break
		}
		s = s[loc[1]:]
	}
	return s
}

var (
	numbered = regexp.MustCompile(`第?([一二三四五六七八九十百零〇0-9]+)(小学|小|初级中学|中学|初中|中)`)
	typeWord = strings.NewReplacer(
		"九年一贯制学校", "九年制", "九年一贯制", "九年制", "九年制学校", "九年制",
		"中心小学", "中心小", "中心学校", "中心小", "完全小学", "小", "小学", "小",
		"初级中学", "中", "中学", "中", "初中", "中", "学校", "",
		"elementaryschool", "", "elementary", "", "elem", "", "primaryschool", "",
		"middleschool", "ms", "juniorhighschool", "ms", "juniorhigh", "ms",
		"highschool", "hs", "school", "",
	)
)

var townWords = strings.NewReplacer("镇", "", "乡", "", "街道", "")

// canonicalType reduces school-type words to short forms on a folded name.
func canonicalType(k string) string {
	k = numbered.ReplaceAllString(k, "$1$2")
	k = typeWord.Replace(k)
	k = townWords.Replace(k)
	for _, suffix := range []string{"es", "elem"} { // "Catonsville ES"
		if strings.HasSuffix(k, suffix) && len(k) > len(suffix)+2 {
			k = strings.TrimSuffix(k, suffix)
		}
	}
	return k
}

// schoolIndex finds schools by id or by name tier.
type schoolIndex struct {
	schools []model.School
	byID    map[string]int
	byNum   map[string][]int // numeric ids without leading zeros and ".0"
	byName  map[string][]int
	tiers   [3]map[string][]int
	keys    [][3]string
	loose   [][]rune // keys[i][2] as runes, for edit distances
}

func newSchoolIndex(schools []model.School) *schoolIndex {
	ix := &schoolIndex{schools: schools, byID: map[string]int{}, byNum: map[string][]int{}, byName: map[string][]int{}}
	for t := range ix.tiers {
		ix.tiers[t] = map[string][]int{}
	}
	ix.keys = make([][3]string, len(schools))
	ix.loose = make([][]rune, len(schools))
	for i, s := range schools {
		if _, dup := ix.byID[s.ID]; !dup {
			ix.byID[s.ID] = i
		}
		if k, ok := numericID(s.ID); ok {
			ix.byNum[k] = append(ix.byNum[k], i)
		}
		ix.byName[s.Name] = append(ix.byName[s.Name], i)
		ix.keys[i] = nameTiers(s.Name)
		ix.loose[i] = []rune(ix.keys[i][2])
		for t, k := range ix.keys[i] {
			if k != "" {
				ix.tiers[t][k] = append(ix.tiers[t][k], i)
			}
		}
	}
	return ix
}

// matchKind says how a value found its school.
type matchKind int

const (
	matchNone      matchKind = iota
	matchID                  // the value is the school's id (or code)
	matchName                // the value is the school's name exactly
	matchFolded              // the names differ in width, case, spaces or punctuation
	matchLoose               // the names differ in brackets, place prefixes or type words
	matchAmbiguous           // several schools fit equally: not chosen
)

// resolve finds the school a value names. fits says whether a school can
// take the reference (a primary catchment takes primary or nine-year
// schools); among several candidates at a tier, the fitting one wins if it
// is the only one. It returns the school's index, or -1 with the
// candidates when the value is ambiguous.
func (ix *schoolIndex) resolve(v string, fits func(*model.School) bool) (int, matchKind, []int) {
	v = strings.TrimSpace(v)
	if v == "" {
		return -1, matchNone, nil
	}
	if i, ok := ix.byID[v]; ok {
		return i, matchID, nil
	}
	if k, ok := numericID(v); ok && len(ix.byNum[k]) == 1 {
		return ix.byNum[k][0], matchFolded, nil // 0123 / 123 / 123.0: Excel's way with codes
	}
	pick := func(c []int) (int, bool) {
		if len(c) == 1 {
			return c[0], true
		}
		only := -1
		for _, i := range c {
			if fits == nil || fits(&ix.schools[i]) {
				if only >= 0 {
					return -1, false
				}
				only = i
			}
		}
		return only, only >= 0
	}
	if c := ix.byName[v]; len(c) > 0 {
		if i, ok := pick(c); ok {
			return i, matchName, nil
		}
		return -1, matchAmbiguous, c
	}
	keys := nameTiers(v)
	for t, k := range keys {
		if k == "" {
			continue
		}
		if c := ix.tiers[t][k]; len(c) > 0 {
			if i, ok := pick(c); ok {
				if t == 0 {
					return i, matchFolded, nil
				}
				return i, matchLoose, nil
			}
			return -1, matchAmbiguous, c
		}
	}
	return -1, matchNone, nil
}

// suggest returns the names of up to n schools that can take the
// reference (fits; nil = any) closest to v by edit distance on the
// loosest name key, nearest first.
func (ix *schoolIndex) suggest(v string, fits func(*model.School) bool, n int) []string {
	k := []rune(nameTiers(v)[2])
	type cand struct{ i, d int }
	var cs []cand
	limit := max(2, len(k)/2)
	var buf []int
	for i, r := range ix.loose {
		if len(r)-len(k) > limit || len(k)-len(r) > limit || (fits != nil && !fits(&ix.schools[i])) {
			continue
		}
		var d int
		if d, buf = levenshtein(k, r, limit, buf); d <= limit {
			cs = append(cs, cand{i, d})
		}
	}
	slices.SortFunc(cs, func(a, b cand) int {
		return cmp.Or(cmp.Compare(a.d, b.d), strings.Compare(ix.schools[a.i].Name, ix.schools[b.i].Name))
	})
	var out []string
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, ix.schools[c.i].Name)
	}
	return out
}

// levenshtein is the edit distance between two rune strings, or a value
// above limit as soon as the distance must exceed it. buf is reused
// between calls (returned grown as needed).
func levenshtein(a, b []rune, limit int, buf []int) (int, []int) {
	if len(a) < len(b) {
		a, b = b, a
	}
	if cap(buf) < 2*(len(b)+1) {
		buf = make([]int, 2*(len(b)+1))
	}
	prev, cur := buf[:len(b)+1], buf[len(b)+1:2*(len(b)+1)]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1, buf
		}
		prev, cur = cur, prev
	}
	return prev[len(b)], buf
}

// numericID is a code made of digits with its leading zeros and a ".0"
// that spreadsheets add dropped ("0123", "123.0" → "123").
func numericID(s string) (string, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(width.Fold.String(s)), ".0")
	if s == "" {
		return "", false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return strings.TrimLeft(s, "0"), true
}
