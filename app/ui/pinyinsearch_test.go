package ui

import (
	"slices"
	"testing"
)

// The paint school picker finds schools by pinyin initials, either
// reading of a polyphone, as well as by name.
func TestPickerPinyinInitials(t *testing.T) {
	p := newSchoolPicker()
	p.SetSchools([]pickItem{
		{id: "P1", name: "城关一小", initials: pinyinInitials("城关一小")},
		{id: "P2", name: "长安路小学", initials: pinyinInitials("长安路小学")},
		{id: "J1", name: "第一初级中学", initials: pinyinInitials("第一初级中学")},
	})
	for q, want := range map[string][]string{
		"cgyx": {"P1"}, "CGYX": {"P1"}, "yx": {"P1"}, "zalx": {"P2"}, "calx": {"P2"},
		"dycj": {"J1"}, "x": {"P1", "P2", "J1"}, "一小": {"P1"}, "qq": nil,
	} {
		p.filter(q)
		var got []string
		for _, it := range p.shown {
			got = append(got, it.id)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
}
