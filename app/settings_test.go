package app

import (
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/model"
)

func TestSettingsSaved(t *testing.T) {
	d := &model.District{Name: "县", Schools: []model.School{{ID: "A", Name: "一小", Level: model.LevelPrimary, Location: orb.Point{113, 30}}}}
	s := NewSession(d, "", nil)
	n := 0
	s.OnChange(func() { n++ })
	s.SetSettings(map[string]string{"doc.issuer": "某县教育局", "doc.phone": ""})
	if !s.Dirty() || n != 1 || s.Settings()["doc.issuer"] != "某县教育局" {
		t.Fatalf("dirty %v, %d notifications, %v", s.Dirty(), n, s.Settings())
	}
	s.SetSettings(map[string]string{"doc.issuer": "某县教育局"})
	if n != 1 {
		t.Error("an unchanged setting notified")
	}
	path := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	o, err := OpenProject(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := o.Settings()["doc.issuer"]; got != "某县教育局" {
		t.Errorf("after open: %q", got)
	}
	o.SetSettings(map[string]string{"doc.issuer": ""})
	if _, ok := o.Settings()["doc.issuer"]; ok {
		t.Error("an empty value did not remove the key")
	}
}
