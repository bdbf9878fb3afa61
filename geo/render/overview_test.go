package render

import (
	"image"
	"image/color"
	"testing"
)

// In an overview the catchment boundaries come from a cache: after a
// catchment changes (the group slice edited in place, as the region test
// does), the next frame must be the frame a fresh renderer draws.
func TestOverviewBoundaryCacheFollowsGroups(t *testing.T) {
	zones := gridZones(160, 160, 3, 110.0, 28.0, 0.002)
	schools := gridSchools(160, 160, 110.0, 28.0, 0.002)
	s, err := NewScene(zones, schools)
	if err != nil {
		t.Fatal(err)
	}
	group := groupsBySchool(zones, schools)
	st := DefaultStyle()
	st.Group = group
	st.BoundaryWidth = 1.1
	st.ZoneFill = func(i int) color.NRGBA { return palette[int(group[i])%len(palette)] }
	v := FitBounds(s.Bounds(), 500, 500, 10)
	draw := func(r *Renderer) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, v.W, v.H))
		if err := r.DrawZones(img, s, v, &st, img.Bounds()); err != nil {
			t.Fatal(err)
		}
		return img
	}
	r, _ := NewDefaultRenderer()
	t0, _, _ := r.frame(image.NewRGBA(image.Rect(0, 0, v.W, v.H)), s, v, &st)
	if !overview(s, t0) {
		t.Fatal("the test scene is not an overview")
	}
	draw(r)
	for _, z := range []int{0, 4321, 12800} {
		group[z] = group[z] + 7
	}
	got := draw(r)
	fresh, _ := NewDefaultRenderer()
	want := draw(fresh)
	for i := range got.Pix {
		if got.Pix[i] != want.Pix[i] {
			t.Fatalf("after a catchment change the overview differs from a fresh draw at byte %d", i)
		}
	}
}
