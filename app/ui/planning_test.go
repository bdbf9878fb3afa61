package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/estates"
)

var planningFiles = []string{"planning.go", "staffing.go", "balance.go", "preschool.go", "estateschool.go",
	"planningtheme.go", "settings_planning.go"}

func TestPlanningTranslations(t *testing.T) {
	if n := checkTranslations(t, "planning", planningFiles...); n < 100 {
		t.Errorf("only %d keys found", n)
	}
}

// planningTestDistrict is panelTestDistrict with resources for 2023, a
// 公办 kindergarten in 东城小区 and a new estate in 新区花园.
func planningTestDistrict() *model.District {
	d := panelTestDistrict()
	row := func(school string, v ...float64) model.Resources {
		r := model.Resources{School: school, Year: 2023}
		for f, x := range v {
			r.Set(model.ResourceField(f), x)
		}
		return r
	}
	// teachers, qualified, backbone, PE/art, building m², sports m², equipment 元, multimedia rooms
	d.Resources = []model.Resources{
		row("S1", 30, 28, 6, 5, 2600, 4100, 1300000, 14),
		row("S2", 34, 30, 4, 4, 2500, 4800, 1200000, 10),
		row("S3", 10, 5, 0, 1, 800, 2000, 200000, 2),
	}
	d.Schools = append(d.Schools, model.School{ID: "K1", Name: "城关镇中心幼儿园", Level: model.LevelKindergarten,
		Township: "城关镇", Public: true, Capacity: 270, Location: orb.Point{110.01, 30.01}})
	for g, n := range map[model.Grade]int{-2: 80, -1: 95, 0: 100} {
		d.History = append(d.History, model.Enrollment{School: "K1", Year: 2023, Grade: g, Students: n, Classes: 3})
	}
	d.Zones[0].PreschoolAge = 300
	d.Housing = []model.Housing{{Zone: "Z3", Year: 2023, Dwellings: 900}}
	return d
}

func newPlanningTestSession() *app.Session {
	return app.NewSession(planningTestDistrict(), "", shiftProjector)
}

func TestPlanningPanels(t *testing.T) {
	newPanelTestApp(t)
	sess := newPlanningTestSession()
	sess.SetYear(2023)
	var opened []estates.Estate
	for _, c := range []struct {
		name string
		obj  fyne.CanvasObject
	}{
		{"staffing_2023.xml", NewStaffingPanel(sess)},
		{"balance_2023.xml", NewBalancePanel(sess)},
		{"preschool_2023.xml", NewPreschoolPanel(sess, func(e estates.Estate) { opened = append(opened, e) })},
	} {
		w := test.NewTempWindow(t, c.obj)
		w.Resize(fyne.NewSize(760, 620))
		test.AssertRendersToMarkup(t, c.name, w.Canvas())
	}
	// 新区花园: 900 dwellings × 3 = 2700 residents → ⌈189⌉ primary, ⌈94.5⌉ =
	// 95 junior places; S4 at the estate's centre (800 seats, 756 pupils)
	// has 44 spare, split 504:252 → 29 primary, 14 junior; short 160 + 81 =
	// 241 in both stages: a nine-year school of 18 classes (840 seats).
	es := sess.EstatesIn(2023)
	if len(es) != 1 || !es[0].NeedsSchool || es[0].Needed != [2]int{189, 95} || es[0].Spare != [2]int{29, 14} ||
		es[0].Suggested.Classes != 18 {
		t.Fatalf("estates %+v", es)
	}
}

// The estate's school opens at the estate's centre with its suggested
// scale, and the estate zone joins its catchments.
func TestEstateSchool(t *testing.T) {
	newPanelTestApp(t)
	sess := newPlanningTestSession()
	e := sess.EstatesIn(2023)[0]
	c := estateSchool(e, "新区街道")
	if c.Level != model.LevelNineYear || c.Capacity != 840 || c.Classrooms != 18 || c.Name != "新区花园配套学校" {
		t.Fatalf("school %+v", c)
	}
	if err := sess.Do(c); err != nil {
		t.Fatal(err)
	}
	if err := sess.Do(&app.AssignZones{Zones: []string{e.Zone}, School: c.ID, Stage: model.LevelPrimary}); err != nil {
		t.Fatal(err)
	}
	if z := sess.District().Zone("Z3"); z.PrimarySchool != c.ID {
		t.Errorf("Z3 primary school %q, want %q", z.PrimarySchool, c.ID)
	}
}

// Every planning theme has a label, a stable name and a legend.
func TestPlanningThemes(t *testing.T) {
	newPanelTestApp(t)
	sess := newPlanningTestSession()
	sess.SetYear(2023)
	for _, th := range planningThemes {
		if parseMapTheme(th.String()) != th {
			t.Errorf("%v: name %q does not read back", th, th.String())
		}
		st := newZoneStyler(sess, th, model.LevelPrimary, nil)
		if st.plan == nil || len(st.Legend()) < 3 || th.Label() == "" {
			t.Errorf("%s: no style or legend", th)
		}
		d := sess.District()
		for i := range d.Zones {
			_ = st.ZoneFill(i, &d.Zones[i])
		}
	}
	st := newZoneStyler(sess, ThemeEstates, model.LevelPrimary, nil)
	if c := st.ZoneFill(2, &sess.District().Zones[2]); c != planBad {
		t.Errorf("the estate needing a school is %v, want red", c)
	}
}
