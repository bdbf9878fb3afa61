package render

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/model"
)

// Scene is the map data prepared for drawing and picking: zones projected
// to Web Mercator once, stored as float32 metres relative to the scene
// origin (sub-centimetre precision over a province), with per-zone bounds,
// label points and a uniform-grid index. Zone i and school j are the
// indices of the slices given to NewScene. A Scene is read-only after
// NewScene and safe for concurrent use.
type Scene struct {
	ox, oy float64 // Web Mercator metres of the local origin

	pts       []float32 // x, y pairs, metres relative to the origin; rings are not closed
	ringStart []int32   // ring r has points ringStart[r]..ringStart[r+1]-1
	zoneRing  []int32   // zone z has rings zoneRing[z]..zoneRing[z+1]-1
	zoneBox   []box
	zoneLabel [][2]float32 // a point inside the zone for its label
	zoneArea  []float32    // Web Mercator square metres
	// medianSide is the side of a square of the median zone area, metres:
	// how fine the mosaic is, for the level of detail (see overview).
	medianSide float32
	zoneName   []string
	all        box
	index      grid

	schoolPt    [][2]float32
	schoolLevel []model.Level
	schoolName  []string

	scratch []float64 // label-point crossings while building

	nbrOnce  sync.Once
	nbr      []int32   // zone across each half-edge, see boundary.go
	imp      []float32 // vertex importance for simplification, metres
	adj      []int32   // distinct neighbours of zone z: adj[adjStart[z]:adjStart[z+1]]
	adjStart []int32
}

// NewScene prepares zones (Polygon/MultiPolygon, lon/lat degrees) and
// schools (points, lon/lat degrees) for drawing. Rings are re-oriented
// (outer counter-clockwise, holes clockwise) so that holes stay empty;
// empty geometries are kept (drawn as nothing) so indices still match. A
// coordinate that is not a finite lon/lat gives a *model.InputError naming
// the zone or school.
func NewScene(zones []model.Zone, schools []model.School) (*Scene, error) {
	s := &Scene{
		zoneRing:    make([]int32, 1, len(zones)+1),
		zoneBox:     make([]box, len(zones)),
		zoneLabel:   make([][2]float32, len(zones)),
		zoneArea:    make([]float32, len(zones)),
		zoneName:    make([]string, len(zones)),
		schoolPt:    make([][2]float32, len(schools)),
		schoolLevel: make([]model.Level, len(schools)),
		schoolName:  make([]string, len(schools)),
		ringStart:   []int32{0},
	}
	// The origin is the centre of the lon/lat bound of everything.
	var b orb.Bound
	first := true
	add := func(p orb.Point) {
		if first {
			b, first = orb.Bound{Min: p, Max: p}, false
		} else {
			b = b.Extend(p)
		}
	}
	for i := range zones {
		for _, poly := range zones[i].Geometry {
			for _, ring := range poly {
				for _, p := range ring {
					if err := checkLonLat(p); err != nil {
						return nil, &model.InputError{File: "zones", Feature: i + 1, Field: "geometry",
							Msg: fmt.Sprintf("zone %q: %v; give lon/lat in degrees (WGS-84/CGCS2000)", zones[i].ID, err)}
					}
					add(p)
				}
			}
		}
	}
	for i := range schools {
		if err := checkLonLat(schools[i].Location); err != nil {
			return nil, &model.InputError{File: "schools", Feature: i + 1, Field: "geometry",
				Msg: fmt.Sprintf("school %q: %v; give lon/lat in degrees (WGS-84/CGCS2000)", schools[i].ID, err)}
		}
		add(schools[i].Location)
	}
	if !first {
		s.ox, s.oy = toMercator((b.Min[0]+b.Max[0])/2, (b.Min[1]+b.Max[1])/2)
	}
	s.all = emptyBox()
	for i := range zones {
		s.addZone(i, zones[i].Geometry)
		s.zoneName[i] = zones[i].Name
		s.all.union(s.zoneBox[i])
	}
	for i := range schools {
		x, y := s.project(schools[i].Location)
		s.schoolPt[i] = [2]float32{x, y}
		s.schoolLevel[i] = schools[i].Level
		s.schoolName[i] = schools[i].Name
		s.all.extend(x, y)
	}
	s.index = buildGrid(s.zoneBox, s.all)
	s.medianSide = medianSide(s.zoneArea)
	s.scratch = nil
	return s, nil
}

// medianSide is the square root of the median of areas (0 for none).
func medianSide(areas []float32) float32 {
	if len(areas) == 0 {
		return 0
	}
	a := slices.Clone(areas)
	slices.Sort(a)
	return float32(math.Sqrt(float64(a[len(a)/2])))
}

func checkLonLat(p orb.Point) error {
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
		return fmt.Errorf("coordinate %v is not a number", p)
	}
	if p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
		return fmt.Errorf("coordinate %v is outside lon −180…180, lat −90…90 (projected metres?)", p)
	}
	return nil
}

func (s *Scene) project(p orb.Point) (float32, float32) {
	x, y := toMercator(p[0], p[1])
	return float32(x - s.ox), float32(y - s.oy)
}

// addZone appends the rings of zone i and computes its bound, area and
// label point.
func (s *Scene) addZone(i int, mp orb.MultiPolygon) {
	bb := emptyBox()
	var area float64
	bestArea, bestRings := -1.0, [2]int{}
	for _, poly := range mp {
		polyFirst := len(s.ringStart) - 1
		var polyArea float64
		for r, ring := range poly {
			start := len(s.pts) / 2
			for k, p := range ring {
				if k == len(ring)-1 && len(ring) > 1 && p == ring[0] {
					break // GeoJSON repeats the first point; we close implicitly
				}
				x, y := s.project(p)
				s.pts = append(s.pts, x, y)
				bb.extend(x, y)
			}
			n := len(s.pts)/2 - start
			if n < 3 {
				s.pts = s.pts[:2*start]
				continue
			}
			a := ringArea(s.pts[2*start : 2*(start+n)])
			// Outer rings counter-clockwise (positive), holes clockwise, so
			// the rasterizer's winding leaves holes empty.
			if (r == 0) != (a > 0) {
				reverseRing(s.pts[2*start : 2*(start+n)])
				a = -a
			}
			polyArea += a
			s.ringStart = append(s.ringStart, int32(len(s.pts)/2))
		}
		if polyArea > bestArea && len(s.ringStart)-1 > polyFirst {
			bestArea, bestRings = polyArea, [2]int{polyFirst, len(s.ringStart) - 1}
		}
		area += polyArea
	}
	s.zoneRing = append(s.zoneRing, int32(len(s.ringStart)-1))
	s.zoneBox[i] = bb
	s.zoneArea[i] = float32(math.Abs(area))
	if bestArea >= 0 {
		s.zoneLabel[i] = s.labelPoint(bestRings[0], bestRings[1], bb)
	} else if !bb.empty() {
		s.zoneLabel[i] = [2]float32{(bb.minX + bb.maxX) / 2, (bb.minY + bb.maxY) / 2}
	}
}

// ringArea is the signed shoelace area of an open ring (positive when
// counter-clockwise with y up).
func ringArea(p []float32) float64 {
	n := len(p) / 2
	var a float64
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		a += float64(p[2*j])*float64(p[2*i+1]) - float64(p[2*i])*float64(p[2*j+1])
	}
	return a / 2
}

func reverseRing(p []float32) {
	n := len(p) / 2
	for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
		p[2*i], p[2*j] = p[2*j], p[2*i]
		p[2*i+1], p[2*j+1] = p[2*j+1], p[2*i+1]
	}
}

// labelPoint returns a point inside the polygon made of rings r0..r1-1:
// the area centroid when it is inside, else the middle of the widest
// inside span of the horizontal line through the centroid.
func (s *Scene) labelPoint(r0, r1 int, bb box) [2]float32 {
	var cx, cy, a float64
	for r := r0; r < r1; r++ {
		p := s.pts[2*s.ringStart[r] : 2*s.ringStart[r+1]]
		n := len(p) / 2
		for i, j := 0, n-1; i < n; j, i = i, i+1 {
			xj, yj, xi, yi := float64(p[2*j]), float64(p[2*j+1]), float64(p[2*i]), float64(p[2*i+1])
			c := xj*yi - xi*yj
			a += c
			cx += (xj + xi) * c
			cy += (yj + yi) * c
		}
	}
	if a == 0 {
		return [2]float32{(bb.minX + bb.maxX) / 2, (bb.minY + bb.maxY) / 2}
	}
	cx, cy = cx/(3*a), cy/(3*a)
	xs := s.scratch[:0]
	defer func() { s.scratch = xs[:0] }()
	for r := r0; r < r1; r++ {
		p := s.pts[2*s.ringStart[r] : 2*s.ringStart[r+1]]
		n := len(p) / 2
		for i, j := 0, n-1; i < n; j, i = i, i+1 {
			xj, yj, xi, yi := float64(p[2*j]), float64(p[2*j+1]), float64(p[2*i]), float64(p[2*i+1])
			if (yi > cy) != (yj > cy) {
				xs = append(xs, xi+(cy-yi)*(xj-xi)/(yj-yi))
			}
		}
	}
	slices.Sort(xs)
	bestW, bestX := -1.0, cx
	for k := 0; k+1 < len(xs); k += 2 {
		if cx >= xs[k] && cx <= xs[k+1] {
			return [2]float32{float32(cx), float32(cy)}
		}
		if w := xs[k+1] - xs[k]; w > bestW {
			bestW, bestX = w, (xs[k]+xs[k+1])/2
		}
	}
	return [2]float32{float32(bestX), float32(cy)}
}

// NumZones and NumSchools return the sizes the scene was built with.
func (s *Scene) NumZones() int   { return len(s.zoneBox) }
func (s *Scene) NumSchools() int { return len(s.schoolPt) }

// Bounds returns the lon/lat bound of all zones and schools.
func (s *Scene) Bounds() orb.Bound {
	if s.all.empty() {
		return orb.Bound{}
	}
	x0, y0 := fromMercator(float64(s.all.minX)+s.ox, float64(s.all.minY)+s.oy)
	x1, y1 := fromMercator(float64(s.all.maxX)+s.ox, float64(s.all.maxY)+s.oy)
	return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}
}

// ZoneBounds returns the lon/lat bound of zone i (for "zoom to zone").
func (s *Scene) ZoneBounds(i int) orb.Bound {
	b := s.zoneBox[i]
	if b.empty() {
		return orb.Bound{}
	}
	x0, y0 := fromMercator(float64(b.minX)+s.ox, float64(b.minY)+s.oy)
	x1, y1 := fromMercator(float64(b.maxX)+s.ox, float64(b.maxY)+s.oy)
	return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}
}

// ZoneLabelPoint returns the lon/lat point inside zone i where its label
// goes (the centroid when it is inside the zone).
func (s *Scene) ZoneLabelPoint(i int) orb.Point {
	lon, lat := fromMercator(float64(s.zoneLabel[i][0])+s.ox, float64(s.zoneLabel[i][1])+s.oy)
	return orb.Point{lon, lat}
}
