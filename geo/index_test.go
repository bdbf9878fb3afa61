package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// grid returns n×n unit-ish square zones of side d degrees starting at o,
// in row-major order.
func grid(o orb.Point, n int, d float64) []orb.MultiPolygon {
	var out []orb.MultiPolygon
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			x, y := o[0]+float64(i)*d, o[1]+float64(j)*d
			out = append(out, orb.MultiPolygon{{{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}}})
		}
	}
	return out
}

func TestAreaCentroidContains(t *testing.T) {
	// 0.01° square at the equator ≈ 1113.2 m × 1113.2 m.
	sq := orb.MultiPolygon{{{{0, 0}, {0.01, 0}, {0.01, 0.01}, {0, 0.01}, {0, 0}}}}
	want := math.Pow(6378137*math.Pi/180*0.01, 2)
	if a := Area(sq); math.Abs(a-want)/want > 1e-3 {
		t.Fatalf("area %v, want ≈ %v", a, want)
	}
	if c := Centroid(sq); math.Abs(c[0]-0.005) > 1e-12 || math.Abs(c[1]-0.005) > 1e-12 {
		t.Fatalf("centroid %v", c)
	}
	if !Contains(sq, orb.Point{0.005, 0.005}) || Contains(sq, orb.Point{0.02, 0.005}) || !Contains(sq, orb.Point{0, 0.005}) {
		t.Fatal("contains")
	}
	// A U shape: centroid outside, label point inside.
	u := orb.MultiPolygon{{{{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}}}
	if Contains(u, Centroid(u)) {
		t.Skip("centroid unexpectedly inside")
	}
	if lp := LabelPoint(u); !Contains(u, lp) {
		t.Fatalf("label point %v outside", lp)
	}
}

func TestPolygonIndexMatchesBruteForce(t *testing.T) {
	polys := grid(orb.Point{113, 22}, 40, 0.01)
	pi := NewPolygonIndex(polys)
	rng := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 2000; k++ {
		p := orb.Point{112.99 + rng.Float64()*0.42, 21.99 + rng.Float64()*0.42}
		want := -1
		for i, mp := range polys {
			if Contains(mp, p) {
				want = i
				break
			}
		}
		if got := pi.Locate(p); (got == -1) != (want == -1) || (got != -1 && !Contains(polys[got], p)) {
			t.Fatalf("Locate(%v) = %d, brute force %d", p, got, want)
		}
	}
	r := orb.Bound{Min: orb.Point{113.005, 22.005}, Max: orb.Point{113.025, 22.015}}
	got := pi.InRect(r)
	var want []int
	for i, mp := range polys {
		if mp.Bound().Intersects(r) {
			want = append(want, i)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("InRect %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("InRect %v, want %v", got, want)
		}
	}
	if NewPolygonIndex(nil).Locate(orb.Point{1, 1}) != -1 {
		t.Fatal("empty index")
	}
}

func TestAdjacent(t *testing.T) {
	polys := grid(orb.Point{114, 30}, 3, 0.01) // 3×3, ~963 m × 1113 m cells
	adj := Adjacent(polys, 1)
	// 12 edge neighbours + 8 diagonal (corner) touches.
	edges, corners := 0, 0
	for _, a := range adj {
		if a.Shared > 900 {
			edges++
		} else if a.Shared == 0 {
			corners++
		} else {
			t.Errorf("pair %v: shared %v", a, a.Shared)
		}
	}
	if edges != 12 || corners != 8 {
		t.Fatalf("edges %d corners %d: %v", edges, corners, adj)
	}
	// A 0.5 m gap is bridged by a 1 m tolerance but not by 0.1 m.
	gap := 0.5 / (6378137 * math.Pi / 180)
	a := orb.MultiPolygon{{{{0, 0}, {0.01, 0}, {0.01, 0.01}, {0, 0.01}, {0, 0}}}}
	b := orb.MultiPolygon{{{{0.01 + gap, 0}, {0.02, 0}, {0.02, 0.01}, {0.01 + gap, 0.01}, {0.01 + gap, 0}}}}
	if len(Adjacent([]orb.MultiPolygon{a, b}, 1)) != 1 || len(Adjacent([]orb.MultiPolygon{a, b}, 0.1)) != 0 {
		t.Fatal("tolerance")
	}
}

// BenchmarkIndexLocate100k: point lookups in 100 000 zones (a 316×316 grid
// of ~100-vertex polygons).
func BenchmarkIndexLocate100k(b *testing.B) {
	const n = 316
	d := 0.002
	polys := make([]orb.MultiPolygon, 0, n*n)
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			c := orb.Point{113 + (float64(i)+0.5)*d, 22 + (float64(j)+0.5)*d}
			polys = append(polys, orb.MultiPolygon{{circle(c, d*0.49, 100)}})
		}
	}
	pi := NewPolygonIndex(polys)
	rng := rand.New(rand.NewPCG(3, 4))
	pts := make([]orb.Point, 4096)
	for i := range pts {
		pts[i] = orb.Point{113 + rng.Float64()*n*d, 22 + rng.Float64()*n*d}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pi.Locate(pts[i%len(pts)])
	}
}

func BenchmarkNewPolygonIndex100k(b *testing.B) {
	polys := grid(orb.Point{113, 22}, 316, 0.002)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		NewPolygonIndex(polys)
	}
}
