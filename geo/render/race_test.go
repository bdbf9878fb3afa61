package render

import (
	"image"
	"image/color"
	"testing"
)

// A frame big enough to be painted in parallel bands gives the same pixels
// as the same frame painted in one band.
func TestBandsMatchSingle(t *testing.T) {
	zones := gridZones(80, 80, 5, 110.0, 28.0, 0.005)
	schools := gridSchools(80, 80, 110.0, 28.0, 0.005)
	s, err := NewScene(zones, schools)
	if err != nil {
		t.Fatal(err)
	}
	group := groupsBySchool(zones, schools)
	st := DefaultStyle()
	st.Group = group
	st.ZoneFill = func(i int) color.NRGBA { return palette[int(group[i])%len(palette)] }
	v := FitBounds(s.Bounds(), 700, 600, 10)
	draw := func(parallel bool) *image.RGBA {
		r, _ := NewDefaultRenderer()
		r.serial = !parallel
		img := image.NewRGBA(image.Rect(0, 0, v.W, v.H))
		if err := r.Draw(img, s, v, &st); err != nil {
			t.Fatal(err)
		}
		return img
	}
	a, b := draw(false), draw(true)
	diff := 0
	for i := range a.Pix {
		if a.Pix[i] != b.Pix[i] {
			diff++
		}
	}
	t.Logf("%d bytes differ", diff)
	if diff > len(a.Pix)/1000 {
		t.Errorf("%d of %d bytes differ between serial and banded drawing", diff, len(a.Pix))
	}
}
