package synth

import (
	"math"

	"github.com/paulmach/orb"
)

// The zones are blocks of a lattice of fine cells (cellMetres square before
// jitter). Every lattice vertex and every edge midpoint is stored once and
// used by both cells that share it, so neighbouring zones share their edges
// vertex for vertex.
const (
	cellMetres  = 450.0
	superCell   = 4   // a super cell is 4×4 fine cells: the largest zone
	zonesPerCty = 400 // zones per county seat when the district is big
	earthRadius = 6371008.8
)

// county is one county seat with its rural townships, in fine-cell units.
type county struct {
	x0, y0, side int
	core         [2]float64
	sigma        float64 // spread of the urban core, cells
	towns        []town
}

// town is a rural township seat (集镇).
type town struct {
	x, y float64
	name string
}

// lattice holds the fine grid: vertex and edge-midpoint positions in metres
// (east, north) relative to the main county seat, and the river cells.
type lattice struct {
	nx, ny   int
	vx, vy   []float64 // vertices (i, j), index i + j*(nx+1)
	hx, hy   []float64 // midpoints of edge (i,j)–(i+1,j), index i + j*nx
	wx, wy   []float64 // midpoints of edge (i,j)–(i,j+1), index i + j*(nx+1)
	river    []bool    // fine cell (i, j), index i + j*nx
	origin   [2]float64
	counties []county
	kx, ky   int
}

func (l *lattice) vertex(i, j int) orb.Point {
	k := i + j*(l.nx+1)
	return orb.Point{l.vx[k], l.vy[k]}
}

func (l *lattice) hmid(i, j int) orb.Point {
	k := i + j*l.nx
	return orb.Point{l.hx[k], l.hy[k]}
}

func (l *lattice) vmid(i, j int) orb.Point {
	k := i + j*(l.nx+1)
	return orb.Point{l.wx[k], l.wy[k]}
}

func (l *lattice) isRiver(i, j int) bool { return l.river[i+j*l.nx] }

// countyAt returns the index of the county holding fine cell (i, j).
func (l *lattice) countyAt(x, y float64) int {
	side := float64(l.counties[0].side)
	cx := min(max(int(x/side), 0), l.kx-1)
	cy := min(max(int(y/side), 0), l.ky-1)
	return cx + cy*l.kx
}

// newLattice lays out the counties and builds the jittered, gently warped
// lattice. Jitter bounds (vertex ±0.12, midpoint ±0.15 across and ±0.05
// along the edge, in cells) keep every cell outline simple.
func newLattice(g *gen) *lattice {
	cfg := g.cfg
	k := max(1, int(math.Round(float64(cfg.Zones)/zonesPerCty)))
	kx := int(math.Ceil(math.Sqrt(float64(k))))
	ky := (k + kx - 1) / kx
	n := kx * ky
	gsz := max(1, int(math.Round(math.Sqrt(float64(cfg.Zones)/(float64(n)*3.2)))))
	for gsz > 1 && n*gsz*gsz > cfg.Zones {
		gsz--
	}
	side := gsz * superCell
	l := &lattice{nx: kx * side, ny: ky * side, kx: kx, ky: ky}
	seed := cfg.Seed
	for cy := 0; cy < ky; cy++ {
		for cx := 0; cx < kx; cx++ {
			c := county{x0: cx * side, y0: cy * side, side: side}
			s := float64(side)
			c.core = [2]float64{
				float64(c.x0) + s*(0.5+0.08*signed(seed, 11, cx, cy)),
				float64(c.y0) + s*(0.5+0.08*signed(seed, 12, cx, cy)),
			}
			c.sigma = max(1.2, 0.1*s)
			nt := min(12, int(math.Round(s*s/240)))
			phase := 2 * math.Pi * unit(seed, 13, cx, cy)
			for t := 0; t < nt; t++ {
				a := phase + 2*math.Pi*(float64(t)+0.3*signed(seed, 14, cx, cy, t))/float64(nt)
				r := s * (0.28 + 0.12*unit(seed, 15, cx, cy, t))
				x := min(max(c.core[0]+r*math.Cos(a), float64(c.x0)+1.5), float64(c.x0+side)-1.5)
				y := min(max(c.core[1]+r*math.Sin(a), float64(c.y0)+1.5), float64(c.y0+side)-1.5)
				c.towns = append(c.towns, town{x: x, y: y})
			}
			l.counties = append(l.counties, c)
		}
	}
	main := l.counties[(kx/2)+(ky/2)*kx]
	l.origin = main.core

	// Jittered positions in cells, then warped and scaled to metres.
	nv := (l.nx + 1) * (l.ny + 1)
	l.vx, l.vy = make([]float64, nv), make([]float64, nv)
	for j := 0; j <= l.ny; j++ {
		for i := 0; i <= l.nx; i++ {
			k := i + j*(l.nx+1)
			l.vx[k] = float64(i) + 0.12*signed(seed, saltVertex, i, j, 0)
			l.vy[k] = float64(j) + 0.12*signed(seed, saltVertex, i, j, 1)
		}
	}
	l.hx, l.hy = make([]float64, l.nx*(l.ny+1)), make([]float64, l.nx*(l.ny+1))
	for j := 0; j <= l.ny; j++ {
		for i := 0; i < l.nx; i++ {
			a, b := i+j*(l.nx+1), i+1+j*(l.nx+1)
			k := i + j*l.nx
			l.hx[k] = (l.vx[a]+l.vx[b])/2 + 0.05*signed(seed, saltEdgeH, i, j, 0)
			l.hy[k] = (l.vy[a]+l.vy[b])/2 + 0.15*signed(seed, saltEdgeH, i, j, 1)
		}
	}
	l.wx, l.wy = make([]float64, (l.nx+1)*l.ny), make([]float64, (l.nx+1)*l.ny)
	for j := 0; j < l.ny; j++ {
		for i := 0; i <= l.nx; i++ {
			a, b := i+j*(l.nx+1), i+(j+1)*(l.nx+1)
			k := i + j*(l.nx+1)
			l.wx[k] = (l.vx[a]+l.vx[b])/2 + 0.15*signed(seed, saltEdgeV, i, j, 0)
			l.wy[k] = (l.vy[a]+l.vy[b])/2 + 0.05*signed(seed, saltEdgeV, i, j, 1)
		}
	}
	w := newWarp(seed)
	for _, p := range [][2][]float64{{l.vx, l.vy}, {l.hx, l.hy}, {l.wx, l.wy}} {
		xs, ys := p[0], p[1]
		for k := range xs {
			x, y := w.apply(xs[k], ys[k])
			xs[k] = (x - l.origin[0]) * cellMetres
			ys[k] = (y - l.origin[1]) * cellMetres
		}
	}
	l.river = make([]bool, l.nx*l.ny)
	if cfg.Zones >= 150 {
		l.addRivers(seed)
	}
	return l
}

// warp bends the lattice so that streets and field boundaries curve. Each
// coordinate is shifted by a function of the other one with slope < 0.6,
// which keeps the map one-to-one and every cell outline simple.
type warp struct{ p [4]float64 }

func newWarp(seed uint64) warp {
	var w warp
	for i := range w.p {
		w.p[i] = 2 * math.Pi * unit(seed, 21, i)
	}
	return w
}

func (w warp) apply(x, y float64) (float64, float64) {
	dx := 0.8*math.Sin(2*math.Pi*y/16+w.p[0]) + 0.3*math.Sin(2*math.Pi*y/7+w.p[1])
	dy := 0.8*math.Sin(2*math.Pi*x/16+w.p[2]) + 0.3*math.Sin(2*math.Pi*x/7+w.p[3])
	return x + dx, y + dy
}

// addRivers runs one river west to east through each row of counties,
// passing south of the county seats. The river is x-monotone: column x
// holds the rows between the river's row at x−1 and at x, so the cells form
// one 4-connected strip and zones on opposite banks never touch.
func (l *lattice) addRivers(seed uint64) {
	for cy := 0; cy < l.ky; cy++ {
		side := l.counties[0].side
		lo, hi := cy*side+2, (cy+1)*side-3
		if hi <= lo {
			continue
		}
		base := func(x float64) float64 {
			// Interpolate between the counties' preferred rows.
			pos := x/float64(side) - 0.5
			c0 := min(max(int(math.Floor(pos)), 0), l.kx-1)
			c1 := min(c0+1, l.kx-1)
			t := min(max(pos-float64(c0), 0), 1)
			r := func(c int) float64 {
				ct := l.counties[c+cy*l.kx]
				return ct.core[1] - 1.1*ct.sigma - 1
			}
			return r(c0)*(1-t) + r(c1)*t
		}
		phase := 2 * math.Pi * unit(seed, 31, cy)
		amp := 0.06 * float64(side)
		prev := -1
		for x := 0; x < l.nx; x++ {
			t := base(float64(x)+0.5) + amp*math.Sin(2*math.Pi*float64(x)/(0.8*float64(side))+phase) +
				0.8*signed(seed, 32, cy, x)
			r := min(max(int(math.Round(t)), lo), hi)
			if prev >= 0 {
				r = min(max(r, prev-2), prev+2)
			} else {
				prev = r
			}
			for y := min(r, prev); y <= max(r, prev); y++ {
				l.river[x+y*l.nx] = true
			}
			prev = r
		}
	}
}

// density is the relative residential density at fine-cell coordinates:
// a Gaussian urban core, smaller township seats and a rural floor.
func (l *lattice) density(x, y float64) (total, core, townTerm float64, nearestTown int) {
	c := &l.counties[l.countyAt(x, y)]
	dx, dy := x-c.core[0], y-c.core[1]
	core = math.Exp(-(dx*dx + dy*dy) / (2 * c.sigma * c.sigma))
	nearestTown = -1
	best := math.Inf(1)
	for i, t := range c.towns {
		d2 := (x-t.x)*(x-t.x) + (y-t.y)*(y-t.y)
		townTerm += math.Exp(-d2 / (2 * 1.2 * 1.2))
		if d2 < best {
			best, nearestTown = d2, i
		}
	}
	return 0.04 + core + 0.35*townTerm, core, townTerm, nearestTown
}

// toLonLat converts local metres to lon/lat degrees rounded to 6 decimals
// (about 0.1 m), the precision the GeoJSON files keep.
func toLonLat(center orb.Point, p orb.Point) orb.Point {
	lat0 := center[1] * math.Pi / 180
	lon := center[0] + p[0]/(earthRadius*math.Cos(lat0))*180/math.Pi
	lat := center[1] + p[1]/earthRadius*180/math.Pi
	return orb.Point{math.Round(lon*1e6) / 1e6, math.Round(lat*1e6) / 1e6}
}
