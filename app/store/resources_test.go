package store

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// TestResourcesRoundTrip: resources rows (with unknown values), 普惠
// kindergartens, zone 3–5 age counts (a known zero too) and the issue-14
// standards survive save and open (schema version 4).
func TestResourcesRoundTrip(t *testing.T) {
	p := sampleProject()
	d := &p.District
	r := model.Resources{School: d.Schools[0].ID, Year: 2024}
	r.Set(model.ResTeachers, 42)
	r.Set(model.ResBuildingM2, 3250.5)
	d.Resources = []model.Resources{r, {School: d.Schools[1].ID, Year: 2023}}
	d.Schools[1].Inclusive = true
	d.Zones[0].PreschoolAge = 120
	d.Zones[1].PreschoolAgeKnown = true
	d.Standards = model.DefaultStandards()
	d.Standards.PupilTeacherJunior = 12.5
	d.Standards.BalanceJunior[model.SportsM2PerPupil] = 11
	d.Standards.KindergartenClass[1] = 28
	path := filepath.Join(t.TempDir(), "resources.xuequ.gpkg")
	if err := Save(path, p); err != nil {
		t.Fatal(err)
	}
	got, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	g := &got.District
	if !reflect.DeepEqual(g.Resources, d.Resources) {
		t.Errorf("resources:\n got %+v\nwant %+v", g.Resources, d.Resources)
	}
	if !g.Schools[1].Inclusive || g.Schools[0].Inclusive {
		t.Errorf("inclusive not kept")
	}
	if g.Zones[0].PreschoolAge != 120 || !g.Zones[1].PreschoolAgeKnown || g.Zones[2].PreschoolAgeKnown {
		t.Errorf("preschool ages: %+v %+v", g.Zones[0], g.Zones[1])
	}
	if g.Standards != d.Standards {
		t.Errorf("standards:\n got %+v\nwant %+v", g.Standards, d.Standards)
	}
}
