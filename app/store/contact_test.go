package store

import (
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/model"
)

// TestSchoolContactRoundTrip: a school's address and phone survive a save
// and an open, without showing up among the source attributes.
func TestSchoolContactRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.xuequ.gpkg")
	p := &Project{District: model.District{Name: "县", Standards: model.DefaultStandards(), Schools: []model.School{
		{ID: "A", Name: "一小", Level: model.LevelPrimary, Location: orb.Point{113, 30},
			Address: "城关镇人民路1号", Phone: "0710-1234567", Attrs: map[string]string{"备注": "x"}},
		{ID: "B", Name: "二小", Level: model.LevelPrimary, Location: orb.Point{113.01, 30}},
	}}}
	if err := Save(path, p); err != nil {
		t.Fatal(err)
	}
	got, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a, b := got.District.Schools[0], got.District.Schools[1]
	if a.Address != "城关镇人民路1号" || a.Phone != "0710-1234567" || len(a.Attrs) != 1 || a.Attrs["备注"] != "x" {
		t.Errorf("A: %q %q %v", a.Address, a.Phone, a.Attrs)
	}
	if b.Address != "" || b.Phone != "" || b.Attrs != nil {
		t.Errorf("B: %q %q %v", b.Address, b.Phone, b.Attrs)
	}
}
