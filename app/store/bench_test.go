package store

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/model"
)

// genProject makes a district of n zones: star-shaped polygons of 20–60
// vertices around a jittered grid in a 0.5° square near Hefei (some with a
// hole, a few with two parts), one school per 40 zones with six years of
// history.
func genProject(n int, seed uint64) *Project {
	rng := rand.New(rand.NewPCG(seed, 1))
	side := int(math.Ceil(math.Sqrt(float64(n))))
	cell := 0.5 / float64(side)
	polygon := func(cx, cy, r float64) orb.Polygon {
		k := 20 + rng.IntN(41)
		ring := make(orb.Ring, 0, k+1)
		for i := 0; i < k; i++ {
			a := 2 * math.Pi * float64(i) / float64(k)
			rr := r * (0.7 + 0.3*rng.Float64())
			ring = append(ring, orb.Point{cx + rr*math.Cos(a), cy + rr*math.Sin(a)})
		}
		return orb.Polygon{append(ring, ring[0])}
	}
	d := model.District{Name: fmt.Sprintf("生成区 %d", n), Standards: model.DefaultStandards()}
	for i := 0; i < n; i++ {
		cx := 117 + (float64(i%side)+0.5+0.2*rng.Float64())*cell
		cy := 31.5 + (float64(i/side)+0.5+0.2*rng.Float64())*cell
		p := polygon(cx, cy, cell*0.4)
		if i%10 == 0 {
			h := polygon(cx, cy, cell*0.1)[0]
			h.Reverse()
			p = append(p, h)
		}
		mp := orb.MultiPolygon{p}
		if i%25 == 0 {
			mp = append(mp, polygon(cx+cell*0.45, cy, cell*0.04))
		}
		d.Zones = append(d.Zones, model.Zone{ID: fmt.Sprintf("Z%06d", i), Name: fmt.Sprintf("小区%d", i), Geometry: mp,
			Population: 500 + rng.IntN(5000), Households: 200 + rng.IntN(2000), PrimarySchool: fmt.Sprintf("S%04d", i/40),
			Township: "城关镇", Attrs: map[string]string{"来源": "测绘"}})
		if i%40 == 0 {
			d.Schools = append(d.Schools, model.School{ID: fmt.Sprintf("S%04d", i/40), Name: fmt.Sprintf("第%d小学", i/40),
				Level: model.LevelPrimary, Location: orb.Point{cx, cy}, Classrooms: 24, Public: true})
		}
	}
	for _, s := range d.Schools {
		for y := 2019; y <= 2024; y++ {
			for g := model.Grade(1); g <= 6; g++ {
				d.History = append(d.History, model.Enrollment{School: s.ID, Year: y, Grade: g, Students: 80 + rng.IntN(60), Classes: 2})
			}
		}
	}
	return &Project{District: d}
}

func benchSave(b *testing.B, n int) {
	p := genProject(n, 1)
	path := filepath.Join(b.TempDir(), "bench.xuequ.gpkg")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Save(path, p); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/1e6, "MB")
	}
}

// addBirths gives every zone of p births for years 2011–2024 (14 rows a
// zone: 1.4 million at 100k zones, like a province) and every tenth zone
// housing deliveries for 2020–2024.
func addBirths(p *Project, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 2))
	d := &p.District
	d.Births = make([]model.Births, 0, 14*len(d.Zones))
	for _, z := range d.Zones {
		for y := 2011; y <= 2024; y++ {
			d.Births = append(d.Births, model.Births{Zone: z.ID, Year: y, Births: 5 + rng.IntN(80)})
		}
	}
	for i, z := range d.Zones {
		if i%10 == 0 {
			for y := 2020; y <= 2024; y++ {
				d.Housing = append(d.Housing, model.Housing{Zone: z.ID, Year: y, Dwellings: rng.IntN(300)})
			}
		}
	}
}

// benchOpen opens a project of n zones with history, births and housing
// (see genProject, addBirths).
func benchOpen(b *testing.B, n int) {
	path := filepath.Join(b.TempDir(), "bench.xuequ.gpkg")
	p := genProject(n, 1)
	addBirths(p, 1)
	if err := Save(path, p); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, _, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if len(p.District.Zones) != n || len(p.District.Births) != 14*n || len(p.District.History) == 0 {
			b.Fatalf("%d zones, %d births, %d history rows", len(p.District.Zones), len(p.District.Births), len(p.District.History))
		}
	}
}

func BenchmarkSave10k(b *testing.B)  { benchSave(b, 10_000) }
func BenchmarkOpen10k(b *testing.B)  { benchOpen(b, 10_000) }
func BenchmarkSave100k(b *testing.B) { benchSave(b, 100_000) }
func BenchmarkOpen100k(b *testing.B) { benchOpen(b, 100_000) }
