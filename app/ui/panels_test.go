package ui

import (
	"go/ast"
	"go/token"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
)

// panelFiles are the files of the panels and dialogs; their strings live in
// assets/i18n/panels.*.json.
var panelFiles = []string{"schooltable.go", "schooldetail.go", "zonedetail.go", "summary.go",
	"yearslider.go", "settings.go", "importwizard.go", "importwizard_mapping.go", "importvalues.go",
	"importreport.go", "about.go", "sparkline.go"}

// newPanelTestApp starts a test app with the Chinese UI, so goldens do not
// depend on the machine's locale or on other tests' language.
func newPanelTestApp(t *testing.T) fyne.App {
	t.Helper()
	a := test.NewTempApp(t)
	// The app's theme: every glyph comes from the bundled CJK font, so the
	// goldens do not depend on which fallback fonts the machine has.
	a.Settings().SetTheme(newTheme("light"))
	if err := SetLanguage(langChinese); err != nil {
		t.Fatal(err)
	}
	return a
}

// panelTestDistrict is a small hand-made county: two primary schools (one
// with 大班额, one 小规模), a junior school, a nine-year school, three zones and
// history 2021–2023. Kept by hand (not synth) so goldens stay put.
func panelTestDistrict() *model.District {
	d := &model.District{
		Name: "测试县",
		Schools: []model.School{
			{ID: "S1", Name: "城关第一小学", Level: model.LevelPrimary, Township: "城关镇", Public: true,
				Location: orb.Point{110.00, 30.00}},
			{ID: "S2", Name: "城关中学", Level: model.LevelJunior, Township: "城关镇", Public: true,
				Location: orb.Point{110.02, 30.01}, Capacity: 600},
			{ID: "S3", Name: "河西小学", Level: model.LevelPrimary, Township: "河西乡", Public: true,
				Location: orb.Point{109.95, 30.03}},
			{ID: "S4", Name: "新区九年一贯制学校", Level: model.LevelNineYear, Township: "新区街道",
				Location: orb.Point{110.05, 29.98}, Capacity: 800, Boarding: true},
		},
		Standards: model.DefaultStandards(),
	}
	square := func(x, y float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x, y}, {x + 0.02, y}, {x + 0.02, y + 0.02}, {x, y + 0.02}, {x, y}}}}
	}
	d.Zones = []model.Zone{
		{ID: "Z1", Name: "东城小区", Geometry: square(110, 30), Population: 5200, Households: 1800,
			Dwellings: 1900, PrimarySchool: "S1", JuniorSchool: "S2", Township: "城关镇"},
		{ID: "Z2", Name: "河西村", Geometry: square(109.94, 30.02), Population: 1300, Households: 420,
			PrimarySchool: "S3", JuniorSchool: "S2", Township: "河西乡"},
		{ID: "Z3", Name: "新区花园", Geometry: square(110.04, 29.97), Population: 3600, Households: 1200,
			Dwellings: 1500, PrimarySchool: "S4", JuniorSchool: "S4", Township: "新区街道"},
	}
	add := func(school string, grade model.Grade, classes int, students ...int) {
		for i, n := range students {
			d.History = append(d.History, model.Enrollment{School: school, Year: 2021 + i,
				Grade: grade, Students: n, Classes: classes})
		}
	}
	// S1: growing, large classes in the lower grades.
	for g, base := range []int{118, 112, 104, 96, 90, 88} {
		add("S1", model.Grade(g+1), 2, base-6, base-3, base)
	}
	// S2: junior, one very large grade.
	add("S2", 7, 3, 150, 160, 199)
	add("S2", 8, 3, 148, 150, 158)
	add("S2", 9, 3, 140, 147, 149)
	// S3: a village school below 100 pupils.
	for g := model.Grade(1); g <= 6; g++ {
		add("S3", g, 1, 14, 13, 12+int(g)%3)
	}
	// S4: nine-year, within standard.
	for g := model.Grade(1); g <= 9; g++ {
		add("S4", g, 2, 80, 82, 84)
	}
	return d
}

// shiftProjector is a deterministic stand-in for model/forecast: every
// cohort moves up a grade unchanged, the entry grade repeats, and each
// grade keeps its last class count (so projected years can show 大班额).
func shiftProjector(d *model.District, _ []model.Enrollment, years int) ([]model.Enrollment, error) {
	_, last := d.Years()
	type key struct {
		school string
		grade  model.Grade
	}
	prev, classes := map[key]int{}, map[key]int{}
	for _, e := range d.History {
		if e.Year == last {
			prev[key{e.School, e.Grade}] = e.Students
			classes[key{e.School, e.Grade}] = e.Classes
		}
	}
	var out []model.Enrollment
	for y := last + 1; y <= last+years; y++ {
		next := map[key]int{}
		for _, s := range d.Schools {
			first, lastGrade := s.Level.Grades()
			for g := first; g <= lastGrade; g++ {
				k := key{s.ID, g}
				n, ok := prev[key{s.ID, g - 1}]
				if g == first || !ok {
					n, ok = prev[k]
				}
				if !ok {
					continue
				}
				next[k] = n
				out = append(out, model.Enrollment{School: s.ID, Year: y, Grade: g, Students: n, Classes: classes[k]})
			}
		}
		prev = next
	}
	return out, nil
}

func newPanelTestSession() *app.Session {
	return app.NewSession(panelTestDistrict(), "", shiftProjector)
}

// findButton returns the first button showing text inside o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// TestPanelTranslations checks that every lang.X key of the panels is in
// both panels.*.json files, that the Chinese file repeats the in-code
// fallback (Chinese is the default), and that no file has stale keys.
func TestPanelTranslations(t *testing.T) {
	checkTranslations(t, "panels", panelFiles...)
}

func literal(e ast.Expr) (string, error) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", strconv.ErrSyntax
	}
	return strconv.Unquote(lit.Value)
}
