package render

import (
	"cmp"
	"hash/fnv"
	"image/color"
	"math"
	"slices"

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
	for _, j := range order {
		colour[j] = pickColour(PreferredColor(id(j)), nbr[j], colour, func(n int32) int {
			return PreferredColor(id(int(n)))
		})
	}
	out := make([]color.NRGBA, nSchools)
	for j, c := range colour {
		if c >= 0 {
			out[j] = CatchmentPalette[c]
		}
	}
	return out
}

// pickColour is the colour of one school: want unless a settled neighbour
// has it or one alike; else the free colour (not alike a settled
// neighbour's nor an unsettled one's preference) furthest from the
// settled neighbours'.
func pickColour(want int, nbr []int32, colour []int, pref func(int32) int) int {
	n := len(CatchmentPalette)
	exact := make([]bool, n) // a settled neighbour's colour
	taken := make([]bool, n) // … or one alike it
	asked := make([]bool, n) // alike an unsettled neighbour's preference
	for _, k := range nbr {
		if c := colour[k]; c >= 0 {
			exact[c] = true
			markAlike(taken, c)
		} else {
			markAlike(asked, pref(k))
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
					sep = min(sep, colourDistance(CatchmentPalette[c], CatchmentPalette[cn])/32)
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
// share a vertex with its own (as in a topologically clean zone layer).
func catchmentNeighbours(d *model.District, group []int32, nSchools int) [][]int32 {
	type key [2]int64
	owners := map[key][]int32{}
	for i := range d.Zones {
		if i >= len(group) || group[i] < 0 || int(group[i]) >= nSchools {
			continue
		}
		g := group[i]
		for _, poly := range d.Zones[i].Geometry {
			for _, ring := range poly {
				for _, p := range ring {
					k := key{int64(math.Round(p[0] * 1e7)), int64(math.Round(p[1] * 1e7))}
					if o := owners[k]; !slices.Contains(o, g) {
						owners[k] = append(o, g)
					}
				}
			}
		}
	}
	nbr := make([][]int32, nSchools)
	for _, o := range owners {
		for _, a := range o {
			for _, b := range o {
				if a != b && !slices.Contains(nbr[a], b) {
					nbr[a] = append(nbr[a], b)
				}
			}
		}
	}
	for _, n := range nbr {
		slices.Sort(n)
	}
	return nbr
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
