package render

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/xuequ/xuequ/assets"
)

// TestDrawZonesRegion: after one zone changes catchment, redrawing the
// rectangle around it gives the frame a full draw gives (to rounding).
func TestDrawZonesRegion(t *testing.T) {
	zones := gridZones(12, 10, 3, 110.0, 28.0, 0.01)
	schools := gridSchools(12, 10, 110.0, 28.0, 0.01)
	s, err := NewScene(zones, schools)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(assets.CJKFont)
	if err != nil {
		t.Fatal(err)
	}
	r.serial = true
	group := groupsBySchool(zones, schools)
	st := DefaultStyle()
	st.Group = group
	st.ZoneFill = func(i int) color.NRGBA { return palette[int(group[i])%len(palette)] }
	st.School = func(j int) SchoolMark { return SchoolMark{Status: SchoolStatus(j % 5)} }
	st.Legend = &Legend{Title: "学区", Entries: SchoolStatusLegend()}
	v := FitBounds(s.Bounds(), 600, 500, 10)
	base := image.NewRGBA(image.Rect(0, 0, 600, 500))
	if err := r.DrawZones(base, s, v, &st, base.Bounds()); err != nil {
		t.Fatal(err)
	}
	// Zone 55 joins another catchment.
	z := 55
	group[z] = group[z] + 1
	b := s.ZoneBounds(z)
	x0, y1 := v.LonLatToPixel(b.Min)
	x1, y0 := v.LonLatToPixel(b.Max)
	rect := image.Rect(int(math.Floor(x0))-4, int(math.Floor(y0))-4, int(math.Ceil(x1))+4, int(math.Ceil(y1))+4)
	if err := r.DrawZones(base, s, v, &st, rect); err != nil {
		t.Fatal(err)
	}
	full := image.NewRGBA(base.Rect)
	if err := r.DrawZones(full, s, v, &st, full.Bounds()); err != nil {
		t.Fatal(err)
	}
	worst := 0
	for i := range full.Pix {
		d := int(full.Pix[i]) - int(base.Pix[i])
		worst = max(worst, d, -d)
	}
	if worst > 2 {
		t.Errorf("region redraw differs from a full draw by up to %d", worst)
	}
}
