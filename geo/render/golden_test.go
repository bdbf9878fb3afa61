package render

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/assets"
	"github.com/xuequ/xuequ/model"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/")

// townScene is a small hand-made town: 12 zones on a wiggly 4×3 grid with
// Chinese names, five schools, three primary catchments.
func townScene(t testing.TB) ([]model.Zone, []model.School) {
	names := []string{"滨江花园", "书香苑", "金桂园", "丽水湾", "和平里", "东湖新村",
		"翠柳街", "梧桐苑", "幸福家园", "南湖名都", "锦绣江南", "阳光小区"}
	zones := gridZones(4, 3, 5, 114.300, 30.600, 0.006)
	for i := range zones {
		zones[i].ID = fmt.Sprintf("Z%02d", i+1)
		zones[i].Name = names[i]
		col, row := i%4, i/4
		switch {
		case row == 2 && col >= 2:
			zones[i].PrimarySchool = "S3"
		case col < 2:
			zones[i].PrimarySchool = "S1"
		default:
			zones[i].PrimarySchool = "S2"
		}
	}
	zones[3].PrimarySchool = "" // 丽水湾: not yet assigned
	schools := []model.School{
		{ID: "S1", Name: "实验小学", Level: model.LevelPrimary, Location: orb.Point{114.3062, 30.6048}},
		{ID: "S2", Name: "城南第二小学", Level: model.LevelPrimary, Location: orb.Point{114.3175, 30.6058}},
		{ID: "S3", Name: "育才九年一贯制学校", Level: model.LevelNineYear, Location: orb.Point{114.3160, 30.6145}},
		{ID: "S4", Name: "城关中学", Level: model.LevelJunior, Location: orb.Point{114.3092, 30.6108}},
		{ID: "S5", Name: "阳光幼儿园", Level: model.LevelKindergarten, Location: orb.Point{114.3035, 30.6150}},
	}
	return zones, schools
}

func townStyle(zones []model.Zone, schools []model.School) Style {
	group := groupsBySchool(zones, schools)
	st := DefaultStyle()
	st.Group = group
	fills := []color.NRGBA{{0xbb, 0xd7, 0xec, 0xff}, {0xc9, 0xe4, 0xb4, 0xff}, {0xf6, 0xd3, 0xa8, 0xff}}
	st.ZoneFill = func(i int) color.NRGBA {
		if group[i] < 0 {
			return color.NRGBA{0xe0, 0xe0, 0xe0, 0xff}
		}
		return fills[group[i]%3]
	}
	status := []SchoolStatus{SchoolStandard, SchoolLarge, SchoolOverStandard, SchoolVeryLarge, SchoolNoData}
	st.School = func(j int) SchoolMark { return SchoolMark{Status: status[j], Radius: 6} }
	st.Selected = []int{5}
	st.Legend = &Legend{Title: "小学学区", Entries: []LegendEntry{
		{Color: fills[0], Text: "实验小学"},
		{Color: fills[1], Text: "城南第二小学"},
		{Color: fills[2], Text: "育才九年一贯制学校"},
		{Color: color.NRGBA{0xe0, 0xe0, 0xe0, 0xff}, Text: "未划片"},
		{Color: st.BoundaryColor, Symbol: SymbolLine, Text: "学区边界"},
		{Color: ColorStandard, Symbol: SymbolCircle, Text: "标准班额"},
		{Color: ColorOverStandard, Symbol: SymbolCircle, Text: "超标准班额"},
		{Color: ColorLarge, Symbol: SymbolCircle, Text: "大班额"},
		{Color: ColorVeryLarge, Symbol: SymbolCircle, Text: "超大班额"},
	}}
	return st
}

func TestGolden(t *testing.T) {
	zones, schools := townScene(t)
	s, err := NewScene(zones, schools)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(assets.CJKFont)
	if err != nil {
		t.Fatal(err)
	}
	st := townStyle(zones, schools)
	detail := FitBounds(s.Bounds(), 900, 640, 30)
	overview := FitBounds(s.Bounds(), 640, 480, 20).Zoom(0.35, 320, 240)
	for _, c := range []struct {
		name string
		v    View
	}{{"town_detail", detail}, {"town_overview", overview}} {
		t.Run(c.name, func(t *testing.T) {
			img := image.NewRGBA(image.Rect(0, 0, c.v.W, c.v.H))
			if err := r.Draw(img, s, c.v, &st); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", c.name+".png")
			if *update {
				var buf bytes.Buffer
				if err := EncodePNG(&buf, img); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			compareGolden(t, path, img)
		})
	}
}

// compareGolden allows small per-pixel differences (floating point on
// other CPUs): a channel may differ by 24, and at most 0.2 % of pixels may
// differ at all.
func compareGolden(t *testing.T, path string, got *image.RGBA) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != got.Bounds() {
		t.Fatalf("%s: size %v, want %v", path, got.Bounds(), want.Bounds())
	}
	diff, worst := 0, 0
	b := got.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(want.At(x, y)).(color.RGBA)
			g := got.RGBAAt(x, y)
			d := max(absDiff(c.R, g.R), absDiff(c.G, g.G), absDiff(c.B, g.B), absDiff(c.A, g.A))
			if d > 0 {
				diff++
			}
			worst = max(worst, d)
		}
	}
	if worst > 24 || diff*500 > b.Dx()*b.Dy() {
		out := filepath.Join(t.TempDir(), filepath.Base(path))
		if of, err := os.Create(out); err == nil {
			EncodePNG(of, got)
			of.Close()
		}
		t.Errorf("%s: %d pixels differ, worst channel difference %d; got image in %s (run -update if intended)", path, diff, worst, out)
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
