package render

import (
	"fmt"
	"image"
	"image/color"
	"testing"
)

// idScene is an overview-scale grid scene with its style.
func idScene(t *testing.T, nx int, jitter int) (*Scene, Style, []int32, []color.NRGBA) {
	t.Helper()
	zones := gridZones(nx, nx, jitter, 110.0, 28.0, 0.002)
	schools := gridSchools(nx, nx, 110.0, 28.0, 0.002)
	s, err := NewScene(zones, schools)
	if err != nil {
		t.Fatal(err)
	}
	group := groupsBySchool(zones, schools)
	fills := make([]color.NRGBA, len(zones))
	for i := range fills {
		fills[i] = palette[int(group[i])%len(palette)]
		fills[i].A = 0xd8
	}
	st := DefaultStyle()
	st.Group = group
	st.BoundaryWidth = 1.1
	st.OutlineMinPixels = 3
	st.ZoneFill = func(i int) color.NRGBA { return fills[i] }
	return s, st, group, fills
}

func drawZonesT(t *testing.T, r *Renderer, s *Scene, v View, st *Style) *image.RGBA {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, v.W, v.H))
	if err := r.DrawZones(img, s, v, st, img.Bounds()); err != nil {
		t.Fatal(err)
	}
	return img
}

func samePix(t *testing.T, what string, got, want *image.RGBA) {
	t.Helper()
	for i := range got.Pix {
		if got.Pix[i] != want.Pix[i] {
			t.Fatalf("%s: differs from a fresh render at pixel %d", what, i/4)
		}
	}
}

// The cached overview frame — after a pan, a recolour, a catchment edit,
// a new scale or a new scene — is the frame a fresh renderer draws.
func TestIDRasterCacheMatchesFresh(t *testing.T) {
	// Thin lines (found on the fly) and wide ones (marked and widened).
	for _, w := range []float64{1.1, 2.2, 3.4} {
		t.Run(fmt.Sprint(w), func(t *testing.T) { testIDRasterCache(t, w) })
	}
}

func testIDRasterCache(t *testing.T, width float64) {
	s, st, group, fills := idScene(t, 160, 3)
	st.BoundaryWidth = width
	st.OutlineWidth = width / 2
	v := FitBounds(s.Bounds(), 500, 400, 10)
	r, _ := NewDefaultRenderer()
	fresh := func(s *Scene, v View) *image.RGBA {
		f, _ := NewDefaultRenderer()
		return drawZonesT(t, f, s, v, &st)
	}
	tr, _, _ := r.frame(image.NewRGBA(image.Rect(0, 0, v.W, v.H)), s, v, &st)
	if _, ok := rasterView(s, tr, v, &st, image.Rect(0, 0, v.W, v.H)); !ok {
		t.Fatal("the test scene is not drawn from the id raster")
	}
	samePix(t, "first frame", drawZonesT(t, r, s, v, &st), fresh(s, v))
	if r.ids.scene != s {
		t.Fatal("no id raster was built")
	}
	ids := &r.ids.ids[0]
	// Pans, whole and sub-pixel, in every direction.
	for _, d := range [][2]float64{{37, 0}, {0, -21}, {-13.4, 8.6}, {120.2, 90.7}, {-0.3, 0.2}} {
		v = v.Pan(d[0], d[1])
		samePix(t, "pan", drawZonesT(t, r, s, v, &st), fresh(s, v))
	}
	// Recolour and catchment edits keep the raster.
	fills[100] = color.NRGBA{0xff, 0, 0, 0xff}
	for _, z := range []int{0, 4321, 12800} {
		group[z] += 7
	}
	before := r.ids.rect
	samePix(t, "edit", drawZonesT(t, r, s, v, &st), fresh(s, v))
	if r.ids.rect != before || (&r.ids.ids[0] != ids && &r.ids.spare[0] != ids) {
		t.Error("an edit rebuilt the id raster")
	}
	st2 := st
	st2.ZoneFill = func(i int) color.NRGBA { return palette[i%len(palette)] }
	st2.Background = color.NRGBA{0x20, 0x20, 0x20, 0xff}
	got := drawZonesT(t, r, s, v, &st2)
	f, _ := NewDefaultRenderer()
	samePix(t, "theme", got, drawZonesT(t, f, s, v, &st2))
	// A new scale rebuilds.
	v.Resolution *= 1.3
	samePix(t, "zoom", drawZonesT(t, r, s, v, &st), fresh(s, v))
	if r.ids.res != v.Resolution {
		t.Error("the id raster kept its old scale")
	}
	// New zone geometry (a new scene) rebuilds.
	s2, st3, _, _ := idScene(t, 150, 4)
	st = st3
	st.BoundaryWidth = width
	v2 := FitBounds(s2.Bounds(), 500, 400, 10)
	samePix(t, "new scene", drawZonesT(t, r, s2, v2, &st), fresh(s2, v2))
	if r.ids.scene != s2 {
		t.Error("the id raster kept the old scene")
	}
}

// A clipped redraw (an edit's rectangle) over a cached frame gives the
// full frame.
func TestIDRasterClip(t *testing.T) {
	s, st, group, _ := idScene(t, 160, 3)
	v := FitBounds(s.Bounds(), 500, 400, 10)
	r, _ := NewDefaultRenderer()
	img := drawZonesT(t, r, s, v, &st)
	group[5000] += 3
	if err := r.DrawZones(img, s, v, &st, image.Rect(100, 100, 300, 250)); err != nil {
		t.Fatal(err)
	}
	f, _ := NewDefaultRenderer()
	want := drawZonesT(t, f, s, v, &st)
	// Inside the rectangle the frame is the fresh one.
	for y := 100; y < 250; y++ {
		for x := 100; x < 300; x++ {
			i := img.PixOffset(x, y)
			if string(img.Pix[i:i+4]) != string(want.Pix[i:i+4]) {
				t.Fatalf("pixel (%d, %d) of the redrawn rectangle differs from a fresh render", x, y)
			}
		}
	}
}

// The raster overview looks like the vector one: few pixels differ by
// much.
func TestIDRasterLikeVector(t *testing.T) {
	s, st, _, _ := idScene(t, 160, 3)
	v := FitBounds(s.Bounds(), 500, 400, 10)
	r, _ := NewDefaultRenderer()
	got := drawZonesT(t, r, s, v, &st)
	st.Background.A = 254 // not opaque: the vector path
	want := drawZonesT(t, r, s, v, &st)
	far := 0
	for i := 0; i < len(got.Pix); i += 4 {
		d := 0
		for c := 0; c < 3; c++ {
			d = max(d, int(got.Pix[i+c])-int(want.Pix[i+c]), int(want.Pix[i+c])-int(got.Pix[i+c]))
		}
		if d > 64 {
			far++
		}
	}
	t.Logf("%d of %d pixels differ by more than 64", far, len(got.Pix)/4)
	if far > len(got.Pix)/4/5 {
		t.Errorf("%d of %d pixels differ by more than 64 from the vector overview", far, len(got.Pix)/4)
	}
}
