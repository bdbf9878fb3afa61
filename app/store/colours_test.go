package store

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// Schools on a grid: every school's nearest neighbours have other colours.
func TestNeighbourColours(t *testing.T) {
	var pts []orb.Point
	r := rand.New(rand.NewPCG(1, 2))
	for x := range 30 {
		for y := range 30 {
			pts = append(pts, orb.Point{114 + float64(x)*0.01 + r.Float64()*0.002, 30 + float64(y)*0.01 + r.Float64()*0.002})
		}
	}
	col := neighbourColours(pts, 10)
	nbr := nearestSymmetric(pts, nearNeighbours)
	clashes := 0
	for i := range pts {
		for _, j := range nbr[i] {
			if col[i] == col[j] {
				clashes++
			}
		}
	}
	if clashes > 0 {
		t.Errorf("%d neighbour pairs share a colour", clashes/2)
	}
	if got := neighbourColours(nil, 10); len(got) != 0 {
		t.Errorf("no schools: %v", got)
	}
}
