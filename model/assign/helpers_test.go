package assign

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/model"
)

// Test districts are grids of square zones of cell metres near 30.95°N.
var origin = orb.Point{113.9, 30.95}

const cell = 400.0 // metres

// at converts local metres east/north of origin to lon/lat.
func at(x, y float64) orb.Point {
	const m = orb.EarthRadius * math.Pi / 180
	return orb.Point{origin[0] + x/(m*math.Cos(origin[1]*math.Pi/180)), origin[1] + y/m}
}

// square is the zone covering grid cell (col, row).
func square(col, row int) orb.MultiPolygon {
	x0, y0 := float64(col)*cell, float64(row)*cell
	x1, y1 := x0+cell, y0+cell
	return orb.MultiPolygon{{{at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)}}}
}

// centre is the centre of grid cell (col, row).
func centre(col, row int) orb.Point { return at((float64(col)+0.5)*cell, (float64(row)+0.5)*cell) }

// gridDistrict has cols×rows zones Z<col>_<row> with pupils primary-age
// children each, and the given schools.
func gridDistrict(cols, rows, pupils int, schools ...model.School) *model.District {
	d := &model.District{Name: "test", Standards: model.DefaultStandards(), Schools: schools}
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			d.Zones = append(d.Zones, model.Zone{
				ID: zoneID(c, r), Geometry: square(c, r), Population: 10 * pupils, PrimaryAge: pupils, JuniorAge: pupils / 2,
			})
		}
	}
	return d
}

func zoneID(c, r int) string { return "Z" + string(rune('0'+c)) + "_" + string(rune('0'+r)) }

func school(id string, level model.Level, seats int, p orb.Point) model.School {
	return model.School{ID: id, Name: id, Level: level, Capacity: seats, Location: p}
}

// schoolsOf maps zone ID → school ID of a result.
func schoolsOf(r *Result) map[string]string {
	m := map[string]string{}
	for _, a := range r.Assignments {
		m[a.Zone] = a.School
	}
	return m
}
