package render

import (
	"image/color"
	"math"
	"slices"

	"github.com/xuequ/xuequ/model"
)

// CatchmentPalette is a categorical palette (Tableau 10 and its light
// companions) from which CatchmentColors gives neighbouring catchments
// different colours.
var CatchmentPalette = []color.NRGBA{
	{0x4e, 0x79, 0xa7, 0xff}, {0xf2, 0x8e, 0x2b, 0xff}, {0xe1, 0x57, 0x59, 0xff},
	{0x76, 0xb7, 0xb2, 0xff}, {0x59, 0xa1, 0x4f, 0xff}, {0xed, 0xc9, 0x48, 0xff},
	{0xb0, 0x7a, 0xa1, 0xff}, {0xff, 0x9d, 0xa7, 0xff}, {0x9c, 0x75, 0x5f, 0xff},
	{0xba, 0xb0, 0xac, 0xff}, {0xa0, 0xcb, 0xe8, 0xff}, {0xff, 0xbe, 0x7d, 0xff},
	{0x8c, 0xd1, 0x7d, 0xff}, {0xb6, 0x99, 0x2d, 0xff}, {0x86, 0xbc, 0xb6, 0xff},
	{0xd4, 0xa6, 0xc8, 0xff},
}

// CatchmentColors gives every school with zones a palette colour such
// that catchments sharing a boundary differ wherever the palette allows
// (greedy, most-connected first, least-used colour among the free ones).
// Neighbours are found by shared vertices, as in a topologically clean
// zone layer. It returns one colour per school index.
func CatchmentColors(d *model.District, group []int32, nSchools int) []color.NRGBA {
	type key [2]int64
	owners := map[key][]int32{}
	for i := range d.Zones {
		g := group[i]
		if g < 0 {
			continue
		}
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
	used := make([]bool, nSchools)
	for _, g := range group {
		if g >= 0 {
			used[g] = true
		}
	}
	order := make([]int, 0, nSchools)
	for j := range nSchools {
		if used[j] {
			order = append(order, j)
		}
	}
	// Most neighbours first; ties in school order, so the result is
	// stable from run to run.
	slices.SortStableFunc(order, func(a, b int) int { return len(nbr[b]) - len(nbr[a]) })
	colour := make([]int, nSchools)
	for j := range colour {
		colour[j] = -1
	}
	uses := make([]int, len(CatchmentPalette))
	for _, j := range order {
		taken := make([]bool, len(CatchmentPalette))
		for _, n := range nbr[j] {
			if c := colour[n]; c >= 0 {
				taken[c] = true
			}
		}
		// Among the free colours, the one least like the neighbours'
		// (the palette has light and dark companions of some hues), then
		// the least used.
		best, bestSep := -1, -1
		for c := range CatchmentPalette {
			if taken[c] {
				continue
			}
			sep := 1 << 30
			for _, n := range nbr[j] {
				if cn := colour[n]; cn >= 0 {
					sep = min(sep, colourDistance(CatchmentPalette[c], CatchmentPalette[cn])/48)
				}
			}
			if best < 0 || sep > bestSep || sep == bestSep && uses[c] < uses[best] {
				best, bestSep = c, sep
			}
		}
		if best < 0 {
			best = j % len(CatchmentPalette) // more neighbours than colours
		}
		colour[j] = best
		uses[best]++
	}
	out := make([]color.NRGBA, nSchools)
	for j, c := range colour {
		if c >= 0 {
			out[j] = CatchmentPalette[c]
		}
	}
	return out
}

// colourDistance is a cheap perceptual distance ("redmean") between two
// colours, 0 … about 765.
func colourDistance(a, b color.NRGBA) int {
	rm := (int(a.R) + int(b.R)) / 2
	dr, dg, db := int(a.R)-int(b.R), int(a.G)-int(b.G), int(a.B)-int(b.B)
	return int(math.Sqrt(float64((512+rm)*dr*dr>>8 + 4*dg*dg + (767-rm)*db*db>>8)))
}
