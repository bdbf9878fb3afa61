package store

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// nearNeighbours is how many nearest schools count as neighbours when
// colouring catchments: catchments that touch are, nearly always, those of
// schools among each other's nearest few.
const nearNeighbours = 6

// neighbourColours gives each of pts (school sites, lon/lat) one of n
// colours so that a school's nearest schools get other colours wherever n
// allows (greedy, in order, least-used free colour). Cost O(p·k) with a
// grid of about one site per cell.
func neighbourColours(pts []orb.Point, n int) []int {
	nbr := nearestSymmetric(pts, nearNeighbours)
	out := make([]int, len(pts))
	used := make([]int, n)
	for i := range pts {
		out[i] = -1
	}
	for i := range pts {
		taken := make([]bool, n)
		for _, j := range nbr[i] {
			if out[j] >= 0 {
				taken[out[j]] = true
			}
		}
		best := -1
		for c := range n {
			if !taken[c] && (best < 0 || used[c] < used[best]) {
				best = c
			}
		}
		if best < 0 { // more neighbours than colours: the least used
			best = 0
			for c := range n {
				if used[c] < used[best] {
					best = c
				}
			}
		}
		out[i] = best
		used[best]++
	}
	return out
}

// nearestSymmetric lists, per point, its k nearest points and the points
// that have it among theirs.
func nearestSymmetric(pts []orb.Point, k int) [][]int {
	if len(pts) == 0 {
		return nil
	}
	b := orb.MultiPoint(pts).Bound()
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	cell := math.Max(math.Sqrt(w*h/float64(len(pts))), 1e-9)
	if w == 0 || h == 0 {
		cell = math.Max(math.Max(w, h)/float64(len(pts)), 1e-9)
	}
	key := func(p orb.Point) [2]int {
		return [2]int{int((p[0] - b.Min[0]) / cell), int((p[1] - b.Min[1]) / cell)}
	}
	grid := map[[2]int][]int{}
	for i, p := range pts {
		grid[key(p)] = append(grid[key(p)], i)
	}
	nbr := make([][]int, len(pts))
	add := func(a, b int) {
		for _, x := range nbr[a] {
			if x == b {
				return
			}
		}
		nbr[a] = append(nbr[a], b)
	}
	for i, p := range pts {
		c := key(p)
		var cand []int
		for r := 1; len(cand) < k+1 && r < 64; r++ { // rings of cells until k others are in reach
			cand = cand[:0]
			for x := c[0] - r; x <= c[0]+r; x++ {
				for y := c[1] - r; y <= c[1]+r; y++ {
					cand = append(cand, grid[[2]int{x, y}]...)
				}
			}
		}
		sort.Slice(cand, func(a, b int) bool { return dist2(pts[cand[a]], p) < dist2(pts[cand[b]], p) })
		taken := 0
		for _, j := range cand {
			if j == i || taken == k {
				continue
			}
			taken++
			add(i, j)
			add(j, i)
		}
	}
	return nbr
}

func dist2(a, b orb.Point) float64 {
	dx, dy := a[0]-b[0], a[1]-b[1]
	return dx*dx + dy*dy
}
