package render

import (
	"cmp"
	"hash/fnv"
	"image/color"
	"math"
	"slices"
	"sync"
	"unsafe"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/model"
)

// CatchmentPalette is the qualitative palette of catchment fills: twelve
// well-separated hues (from ColorBrewer Set3 and Tableau 10, greys and
// browns left out), light enough for dark labels and none close to the
// 未划片 grey (UnassignedColor). Tests keep every pair at least
// MinPaletteDistance apart (redmean) and every colour at least that far
// from the grey.
var CatchmentPalette = []color.NRGBA{
	{0x8d, 0xd3, 0xc7, 0xff}, // teal
	{0xfd, 0xb4, 0x62, 0xff}, // orange
	{0xff, 0xed, 0x6f, 0xff}, // yellow
	{0x59, 0xa1, 0x4f, 0xff}, // green
	{0xd3, 0x72, 0x95, 0xff}, // rose
	{0xa6, 0xd8, 0x54, 0xff}, // lime
	{0xf6, 0xa6, 0xe0, 0xff}, // pink
	{0xff, 0x9d, 0xa7, 0xff}, // coral pink
	{0x49, 0x98, 0x94, 0xff}, // dark teal
	{0xe1, 0x57, 0x59, 0xff}, // red
	{0x6f, 0x8f, 0xe0, 0xff}, // blue
	{0xb0, 0x7a, 0xd8, 0xff}, // violet
}

// UnassignedColor fills zones without a school for the stage (未划片) on
// every map, screen and paper.
var UnassignedColor = color.NRGBA{0xd0, 0xd0, 0xd0, 0xff}

// MinPaletteDistance is the least redmean distance between two palette
// colours, and between a palette colour and UnassignedColor.
const MinPaletteDistance = 80

// PreferredColor is the palette index a school asks for: a hash (FNV-1a)
// of its id, so the same school asks for the same colour in every session,
// export and edit, whatever the order of the schools.
func PreferredColor(schoolID string) int {
	h := fnv.New32a()
	h.Write([]byte(schoolID))
	return int(h.Sum32() % uint32(len(CatchmentPalette)))
}

// CatchmentColors is THE catchment colour rule, shared by the map window
// and every printed map. group is each zone's school as an index into
// d.Schools (−1: none); the result has one colour per school, zero (A = 0)
// for schools without zones.
//
// Every school asks for its PreferredColor. Schools are settled in the
// order of their ids; a school keeps its preferred colour unless an
// already settled neighbour (a catchment sharing a boundary vertex) has
// it or one alike (AlikeDistance). A school that must give way takes, of the colours no neighbour has
// or asks for, the one furthest from its neighbours' colours (ties: the
// lowest index after its own). Trade-off: colours depend only on ids and
// adjacency, so an edit changes at most the colour of a catchment that
// gains a neighbour of the same colour (and, rarely, what that frees or
// takes) — never the others; in return two neighbours whose ids hash to
// the same colour show it the other way round only after one of them is
// renumbered, and a district's colours are not the fewest possible. With
// more neighbours than colours some neighbours must share one.
func CatchmentColors(d *model.District, group []int32, nSchools int) []color.NRGBA {
	nbr := catchmentNeighbours(d, group, nSchools)
	used := make([]bool, nSchools)
	for _, g := range group {
		if g >= 0 && int(g) < nSchools {
			used[g] = true
		}
	}
	order := make([]int, 0, nSchools)
	for j := range nSchools {
		if used[j] {
			order = append(order, j)
		}
	}
	id := func(j int) string {
		if j < len(d.Schools) {
			return d.Schools[j].ID
		}
		return ""
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(id(a), id(b)) })
	colour := make([]int, nSchools)
	for j := range colour {
		colour[j] = -1
	}
	// Preferences once per school (neighbours are schools with zones).
	pref := make([]int, nSchools)
	for _, j := range order {
		pref[j] = PreferredColor(id(j))
	}
	pt := newPaletteTables()
	for _, j := range order {
		colour[j] = pickColour(pref[j], nbr[j], colour, pref, &pt)
	}
	out := make([]color.NRGBA, nSchools)
	for j, c := range colour {
		if c >= 0 {
			out[j] = CatchmentPalette[c]
		}
	}
	return out
}

// paletteTables holds, per pair of palette colours, whether they are
// alike (markAlike) and their colourDistance/32, with the marks of one
// pickColour call.
type paletteTables struct {
	alike               [][]bool
	sep                 [][]int
	exact, taken, asked []bool
}

func newPaletteTables() paletteTables {
	n := len(CatchmentPalette)
	pt := paletteTables{
		alike: make([][]bool, n), sep: make([][]int, n),
		exact: make([]bool, n), taken: make([]bool, n), asked: make([]bool, n),
	}
	for c := range n {
		pt.alike[c] = make([]bool, n)
		markAlike(pt.alike[c], c)
		pt.sep[c] = make([]int, n)
		for cn := range n {
			pt.sep[c][cn] = colourDistance(CatchmentPalette[c], CatchmentPalette[cn]) / 32
		}
	}
	return pt
}

// mark ors colour c's alike row into m.
func (pt *paletteTables) mark(m []bool, c int) {
	for i, a := range pt.alike[c] {
		m[i] = m[i] || a
	}
}

// pickColour is the colour of one school: want unless a settled neighbour
// has it or one alike; else the free colour (not alike a settled
// neighbour's nor an unsettled one's preference) furthest from the
// settled neighbours'.
func pickColour(want int, nbr []int32, colour []int, pref []int, pt *paletteTables) int {
	n := len(CatchmentPalette)
	exact := pt.exact // a settled neighbour's colour
	taken := pt.taken // … or one alike it
	asked := pt.asked // alike an unsettled neighbour's preference
	clear(exact)
	clear(taken)
	clear(asked)
	for _, k := range nbr {
		if c := colour[k]; c >= 0 {
			exact[c] = true
			pt.mark(taken, c)
		} else {
			pt.mark(asked, pref[k])
		}
	}
	if !taken[want] {
		return want
	}
	// Pass 0 keeps clear of alike colours and of what unsettled
	// neighbours ask for, pass 1 of alike colours, pass 2 only of the
	// neighbours' own colours.
	best, bestSep := -1, -1
	for pass := 0; pass < 3 && best < 0; pass++ {
		for i := 1; i < n; i++ {
			c := (want + i) % n
			if exact[c] || (pass < 2 && taken[c]) || (pass == 0 && asked[c]) {
				continue
			}
			sep := math.MaxInt
			for _, k := range nbr {
				if cn := colour[k]; cn >= 0 {
					sep = min(sep, pt.sep[c][cn])
				}
			}
			if sep > bestSep {
				best, bestSep = c, sep
			}
		}
	}
	if best < 0 {
		return want // more neighbours than colours
	}
	return best
}

// AlikeDistance is the redmean distance under which two palette colours
// count as alike: neighbours never get alike colours where the palette
// allows (the pink and coral of the palette are 84 apart).
const AlikeDistance = 100

// markAlike sets m for every palette colour alike colour c (c included).
func markAlike(m []bool, c int) {
	for i, p := range CatchmentPalette {
		if i == c || colourDistance(p, CatchmentPalette[c]) < AlikeDistance {
			m[i] = true
		}
	}
}

// catchmentNeighbours lists, per school, the schools whose catchments
// share a vertex with its own (as in a topologically clean zone layer),
// each list ascending. Zone geometry does not change with edits (a 划片
// edit changes group, not zones), so the zone-level vertex adjacency is
// computed once per zone layer (zoneNeighbours, cached) and each call
// only maps zone pairs to school pairs: O(zone adjacencies).
func catchmentNeighbours(d *model.District, group []int32, nSchools int) [][]int32 {
	adj := zoneNeighbours(d.Zones)
	n := min(len(d.Zones), len(group))
	valid := func(g int32) bool { return g >= 0 && int(g) < nSchools }
	// Zones bucketed by school (counting sort).
	start := make([]int32, nSchools+1)
	for i := range n {
		if g := group[i]; valid(g) {
			start[g+1]++
		}
	}
	for j := range nSchools {
		start[j+1] += start[j]
	}
	byGroup := make([]int32, start[nSchools])
	fill := slices.Clone(start[:nSchools])
	for i := range n {
		if g := group[i]; valid(g) {
			byGroup[fill[g]] = int32(i)
			fill[g]++
		}
	}
	nbr := make([][]int32, nSchools)
	mark := fill // reused: the last school a neighbour was listed for
	for j := range mark {
		mark[j] = -1
	}
	group = group[:n]
	ns := uint32(nSchools)
	for a := range int32(nSchools) {
		for _, i := range byGroup[start[a]:start[a+1]] {
			for _, z := range adj.nb[adj.start[i]:adj.start[i+1]] {
				if uint32(z) >= uint32(n) {
					continue
				}
				// uint32(b) < ns: a school (b ≥ 0).
				if b := group[z]; uint32(b) < ns && b != a && mark[b] != a {
					mark[b] = a
					nbr[a] = append(nbr[a], b)
				}
			}
		}
		slices.Sort(nbr[a])
	}
	return nbr
}

// zoneAdjacency is the zones sharing a vertex with each zone (other than
// itself), ascending: zone i's are nb[start[i]:start[i+1]].
type zoneAdjacency struct {
	start []int32
	nb    []int32
}

// adjKey identifies a zone layer: its backing array, length and a cheap
// checksum of where each zone's geometry lives (its polygon slice's
// array and length), so a replaced, reloaded or reordered layer is never
// taken for another. Geometry is never edited in place.
type adjKey struct {
	first *model.Zone
	n     int
	sum   uint64
}

// adjCacheSize bounds the zone layers kept (the map window's and a
// report's, with room for an edit in flight).
const adjCacheSize = 4

var adjCache struct {
	sync.Mutex
	keys []adjKey // most recently used first
	vals []*zoneAdjacency
}

// zoneNeighbours is the vertex adjacency of zones, cached per zone layer.
// Safe for concurrent use.
func zoneNeighbours(zones []model.Zone) *zoneAdjacency {
	var k adjKey
	if len(zones) > 0 {
		k = adjKey{&zones[0], len(zones), zonesChecksum(zones)}
	}
	adjCache.Lock()
	for i, kk := range adjCache.keys {
		if kk == k {
			v := adjCache.vals[i]
			if i > 0 { // move to front
				copy(adjCache.keys[1:i+1], adjCache.keys[:i])
				copy(adjCache.vals[1:i+1], adjCache.vals[:i])
				adjCache.keys[0], adjCache.vals[0] = k, v
			}
			adjCache.Unlock()
			return v
		}
	}
	adjCache.Unlock()
	v := computeZoneNeighbours(zones)
	adjCache.Lock()
	if !slices.Contains(adjCache.keys, k) {
		adjCache.keys = slices.Insert(adjCache.keys, 0, k)
		adjCache.vals = slices.Insert(adjCache.vals, 0, v)
		if len(adjCache.keys) > adjCacheSize {
			clear(adjCache.vals[adjCacheSize:])
			adjCache.keys = adjCache.keys[:adjCacheSize]
			adjCache.vals = adjCache.vals[:adjCacheSize]
		}
	}
	adjCache.Unlock()
	return v
}

// zonesChecksum hashes, per zone, its geometry's backing array and
// length: O(zones), reading only the zone slice itself.
func zonesChecksum(zones []model.Zone) uint64 {
	h := uint64(14695981039346656037)
	for i := range zones {
		g := zones[i].Geometry
		h = (h ^ uint64(uintptr(unsafe.Pointer(unsafe.SliceData(g))))) * 1099511628211
		h = (h ^ uint64(len(g))) * 1099511628211
	}
	return h
}

// vertexKey is a vertex rounded to 1e-7 degree, as catchments are matched.
func vertexKey(p orb.Point) (int64, int64) {
	return int64(math.Round(p[0] * 1e7)), int64(math.Round(p[1] * 1e7))
}

// computeZoneNeighbours finds the zones sharing a rounded vertex: the
// (vertex, zone) pairs sorted by vertex, runs scanned for zone pairs.
func computeZoneNeighbours(zones []model.Zone) *zoneAdjacency {
	type vz struct {
		x, y int64
		z    int32
	}
	total := 0
	for i := range zones {
		for _, poly := range zones[i].Geometry {
			for _, ring := range poly {
				total += len(ring)
			}
		}
	}
	vs := make([]vz, 0, total)
	for i := range zones {
		for _, poly := range zones[i].Geometry {
			for _, ring := range poly {
				for _, p := range ring {
					x, y := vertexKey(p)
					vs = append(vs, vz{x, y, int32(i)})
				}
			}
		}
	}
	slices.SortFunc(vs, func(a, b vz) int {
		if c := cmp.Compare(a.x, b.x); c != 0 {
			return c
		}
		if c := cmp.Compare(a.y, b.y); c != 0 {
			return c
		}
		return cmp.Compare(a.z, b.z)
	})
	var pairs []uint64 // a<<32 | b, both directions
	run := make([]int32, 0, 8)
	for s := 0; s < len(vs); {
		e := s + 1
		for e < len(vs) && vs[e].x == vs[s].x && vs[e].y == vs[s].y {
			e++
		}
		if e-s > 1 {
			run = run[:0]
			for _, v := range vs[s:e] {
				if len(run) == 0 || run[len(run)-1] != v.z {
					run = append(run, v.z)
				}
			}
			for ai, a := range run {
				for _, b := range run[ai+1:] {
					pairs = append(pairs, uint64(a)<<32|uint64(b), uint64(b)<<32|uint64(a))
				}
			}
		}
		s = e
	}
	// CSR by counting sort on the first zone, then each zone's short
	// list sorted and deduplicated in place.
	cnt := make([]int32, len(zones)+1)
	for _, p := range pairs {
		cnt[p>>32+1]++
	}
	for i := range zones {
		cnt[i+1] += cnt[i]
	}
	nb := make([]int32, len(pairs))
	fill := slices.Clone(cnt[:len(zones)])
	for _, p := range pairs {
		a := p >> 32
		nb[fill[a]] = int32(uint32(p))
		fill[a]++
	}
	adj := &zoneAdjacency{start: make([]int32, len(zones)+1), nb: nb[:0]}
	for i := range zones {
		l := nb[cnt[i]:cnt[i+1]]
		slices.Sort(l)
		adj.nb = append(adj.nb, slices.Compact(l)...) // never overtakes cnt[i]
		adj.start[i+1] = int32(len(adj.nb))
	}
	return adj
}

// colourDistance is a cheap perceptual distance ("redmean") between two
// colours, 0 … about 765.
func colourDistance(a, b color.NRGBA) int {
	rm := (int(a.R) + int(b.R)) / 2
	dr, dg, db := int(a.R)-int(b.R), int(a.G)-int(b.G), int(a.B)-int(b.B)
	return int(math.Sqrt(float64((512+rm)*dr*dr>>8 + 4*dg*dg + (767-rm)*db*db>>8)))
}

// ColourDistance is colourDistance for tests and callers that check a
// colour against the palette.
func ColourDistance(a, b color.NRGBA) int { return colourDistance(a, b) }
