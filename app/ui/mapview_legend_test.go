package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo/render"
	"github.com/xuequ/xuequ/model"
)

// withKindergarten is the test district plus a kindergarten (drawn as a
// triangle) in zone Z11, with 小班/中班/大班 history.
func withKindergarten() *model.District {
	d := testDistrict()
	d.Schools = append(d.Schools, model.School{ID: "K1", Name: "城关幼儿园", Level: model.LevelKindergarten,
		Location: orb.Point{117.015, 31.015}, Capacity: 270})
	for _, year := range []int{2023, 2024} {
		for g := model.Grade(-2); g <= 0; g++ {
			d.History = append(d.History, model.Enrollment{School: "K1", Year: year, Grade: g, Students: 80, Classes: 3})
		}
	}
	return d
}

// legendSymbolText is the text of the legend's triangle line ("" = none).
func legendSymbolText(l *render.Legend) string {
	for _, e := range l.Entries {
		if e.Symbol == render.SymbolTriangle {
			return e.Text
		}
	}
	return ""
}

// TestMapLegendKindergarten: the legend shows the kindergartens' triangle,
// translated, in the status and catchment themes, only when the district
// has kindergartens.
func TestMapLegendKindergarten(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme("light"))
	t.Cleanup(func() { _ = SetLanguage(langChinese) })
	for _, c := range []struct{ lang, want string }{{langChinese, "幼儿园"}, {langEnglish, "Kindergarten"}} {
		if err := SetLanguage(c.lang); err != nil {
			t.Fatal(err)
		}
		m := NewMapView()
		m.SetSession(app.NewSession(withKindergarten(), "", nil))
		for _, th := range []MapTheme{ThemeClassSize, ThemeCatchment} {
			m.SetMapTheme(th)
			if got := legendSymbolText(m.legend(m.sess.District())); got != c.want {
				t.Errorf("%s, theme %v: kindergarten legend %q, want %q", c.lang, th, got, c.want)
			}
		}
		m.SetSession(testSession())
		if got := legendSymbolText(m.legend(m.sess.District())); got != "" {
			t.Errorf("%s: a district without kindergartens has the legend line %q", c.lang, got)
		}
	}
}

func TestMapViewKindergartenGolden(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme("light"))
	if err := SetLanguage(langChinese); err != nil {
		t.Fatal(err)
	}
	m := NewMapView()
	m.SetSession(app.NewSession(withKindergarten(), "", nil))
	w := test.NewTempWindow(t, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(600, 400))
	w.Canvas().Capture()
	m.SetMapTheme(ThemeClassSize)
	test.AssertRendersToImage(t, "mapview_kindergarten.png", w.Canvas())
	m.SetMapTheme(ThemeCatchment)
	test.AssertRendersToImage(t, "mapview_kindergarten_catchment.png", w.Canvas())
}

// TestGradeTextNursery: kindergartens' 小班/中班 rows are named, not "-2年级".
func TestGradeTextNursery(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { _ = SetLanguage(langChinese) })
	if err := SetLanguage(langChinese); err != nil {
		t.Fatal(err)
	}
	if a, b := gradeText(-2), gradeText(-1); a != "小班" || b != "中班" {
		t.Errorf("grades −2, −1: %q, %q", a, b)
	}
}
