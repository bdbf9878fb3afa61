package render

import "testing"

// TestPaletteSeparated keeps the catchment colours apart from each other
// and from the 未划片 grey (issue 13: 195,187,182 was nearly 208,208,208).
func TestPaletteSeparated(t *testing.T) {
	for i, a := range CatchmentPalette {
		if d := colourDistance(a, UnassignedColor); d < MinPaletteDistance {
			t.Errorf("colour %d %v is %d from the unassigned grey", i, a, d)
		}
		for j := i + 1; j < len(CatchmentPalette); j++ {
			if d := colourDistance(a, CatchmentPalette[j]); d < MinPaletteDistance {
				t.Errorf("colours %d %v and %d %v are only %d apart", i, a, j, CatchmentPalette[j], d)
			}
		}
	}
}

func TestPreferredColorStable(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want int
	}{{"S01", PreferredColor("S01")}, {"", 0}} {
		if got := PreferredColor(tc.id); got != tc.want && tc.id != "" {
			t.Errorf("%q: %d", tc.id, got)
		}
	}
	if PreferredColor("S01") < 0 || PreferredColor("S01") >= len(CatchmentPalette) {
		t.Error("out of range")
	}
}
