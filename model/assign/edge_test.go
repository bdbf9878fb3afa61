package assign

import (
	"testing"

	"github.com/xuequ/xuequ/model"
)

// Degenerate districts give an answer, never a panic: no pupils, no seats
// anywhere, a school of 0 seats, a zone without geometry, one school.
func TestOptimalDegenerateDistricts(t *testing.T) {
	for _, c := range []struct {
		name string
		d    func() *model.District
	}{
		{"no pupils", func() *model.District {
			return gridDistrict(3, 2, 0, school("A", model.LevelPrimary, 100, centre(0, 0)))
		}},
		{"no seats", func() *model.District {
			d := gridDistrict(3, 2, 50, school("A", model.LevelPrimary, 0, centre(0, 0)), school("B", model.LevelPrimary, 0, centre(2, 1)))
			for i := range d.Schools {
				d.Schools[i].Classrooms = 1 // known, but 45 seats for 300 pupils
			}
			return d
		}},
		{"zone without geometry", func() *model.District {
			d := gridDistrict(3, 1, 50, school("A", model.LevelPrimary, 100, centre(0, 0)), school("B", model.LevelPrimary, 100, centre(2, 0)))
			d.Zones[1].Geometry = nil
			return d
		}},
		{"one school", func() *model.District {
			return gridDistrict(4, 4, 30, school("A", model.LevelPrimary, 200, centre(1, 1)))
		}},
	} {
		for _, pieces := range []bool{false, true} {
			r, err := Assign(c.d(), Options{Stage: model.LevelPrimary, AllowPieces: pieces, Stability: 0.2})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if r.Gap < 0 || r.LowerBound > r.Objective*(1+1e-4)+1e-9 {
				t.Errorf("%s: bound %v objective %v gap %v", c.name, r.LowerBound, r.Objective, r.Gap)
			}
			if !pieces && r.Checks.NonContiguous != 0 {
				t.Errorf("%s: %d catchments in pieces", c.name, r.Checks.NonContiguous)
			}
		}
	}
}
