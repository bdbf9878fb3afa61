package render

import (
	"fmt"
	"image/color"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/model"
)

// jitter is a deterministic hash of integers to [-0.5, 0.5).
func jitter(a, b, c int) float64 {
	h := uint64(a)*0x9e3779b97f4a7c15 ^ uint64(b)*0xc2b2ae3d27d4eb4f ^ uint64(c)*0x165667b19e3779f9
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 32
	return float64(h%1_000_000)/1_000_000 - 0.5
}

// gridZones makes nx×ny zones on a jittered grid of cell degrees from
// (lon0, lat0). Neighbours share their vertices exactly; every side is
// split into sub wiggly segments, so a zone has 4·sub vertices.
func gridZones(nx, ny, sub int, lon0, lat0, cell float64) []model.Zone {
	corner := func(i, j int) orb.Point {
		jx, jy := 0.0, 0.0
		if i > 0 && i < nx {
			jx = jitter(i, j, 1) * cell * 0.35
		}
		if j > 0 && j < ny {
			jy = jitter(i, j, 2) * cell * 0.35
		}
		return orb.Point{lon0 + float64(i)*cell + jx, lat0 + float64(j)*cell + jy}
	}
	// side returns the points from a to b (excluding b); interior sides
	// wiggle, the outer frame stays straight.
	side := func(a, b orb.Point, id1, id2, id3 int, outer bool, reverse bool) []orb.Point {
		pts := make([]orb.Point, 0, sub)
		for k := 0; k < sub; k++ {
			kk := k
			if reverse {
				kk = sub - k
			}
			t := float64(kk) / float64(sub)
			p := orb.Point{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t}
			if kk > 0 && kk < sub && !outer {
				w := jitter(id1*7+kk, id2, id3) * cell * 0.12
				p[0] += -(b[1] - a[1]) / cell * w
				p[1] += (b[0] - a[0]) / cell * w
			}
			pts = append(pts, p)
		}
		return pts
	}
	zones := make([]model.Zone, 0, nx*ny)
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			c00, c10, c11, c01 := corner(i, j), corner(i+1, j), corner(i+1, j+1), corner(i, j+1)
			var ring orb.Ring
			// bottom (horizontal edge id by its left corner), right, top, left.
			ring = append(ring, side(c00, c10, i, j, 3, j == 0, false)...)
			ring = append(ring, side(c10, c11, i+1, j, 4, i+1 == nx, false)...)
			top := side(c01, c11, i, j+1, 3, j+1 == ny, true)
			ring = append(ring, top[:len(top)]...)
			left := side(c00, c01, i, j, 4, i == 0, true)
			ring = append(ring, left...)
			ring = append(ring, ring[0])
			zones = append(zones, model.Zone{
				ID:            fmt.Sprintf("Z%d_%d", i, j),
				Name:          fmt.Sprintf("小区%d-%d", i, j),
				Geometry:      orb.MultiPolygon{{ring}},
				Population:    1000 + int(jitter(i, j, 9)*800),
				PrimarySchool: fmt.Sprintf("S%d_%d", i/5, j/5),
			})
		}
	}
	return zones
}

// gridSchools puts one school in the middle of every 5×5 block of cells.
func gridSchools(nx, ny int, lon0, lat0, cell float64) []model.School {
	var out []model.School
	levels := []model.Level{model.LevelPrimary, model.LevelJunior, model.LevelNineYear, model.LevelKindergarten}
	for j := 0; j*5 < ny; j++ {
		for i := 0; i*5 < nx; i++ {
			out = append(out, model.School{
				ID:       fmt.Sprintf("S%d_%d", i, j),
				Name:     fmt.Sprintf("第%d小学", len(out)+1),
				Level:    levels[(i+j)%len(levels)],
				Location: orb.Point{lon0 + (float64(i*5)+2.5)*cell, lat0 + (float64(j*5)+2.5)*cell},
			})
		}
	}
	return out
}

// palette is a qualitative colour set for catchments.
var palette = []color.NRGBA{
	{0xa6, 0xce, 0xe3, 0xff}, {0xb2, 0xdf, 0x8a, 0xff}, {0xfb, 0x9a, 0x99, 0xff}, {0xfd, 0xbf, 0x6f, 0xff},
	{0xca, 0xb2, 0xd6, 0xff}, {0xff, 0xff, 0x99, 0xff}, {0x8d, 0xd3, 0xc7, 0xff}, {0xfc, 0xcd, 0xe5, 0xff},
}

// groupsBySchool returns each zone's primary-school index, or −1.
func groupsBySchool(zones []model.Zone, schools []model.School) []int32 {
	idx := map[string]int32{}
	for i, s := range schools {
		idx[s.ID] = int32(i)
	}
	g := make([]int32, len(zones))
	for i, z := range zones {
		if v, ok := idx[z.PrimarySchool]; ok {
			g[i] = v
		} else {
			g[i] = -1
		}
	}
	return g
}
