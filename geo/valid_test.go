package geo

import (
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestValidate(t *testing.T) {
	cw := func(r orb.Ring) orb.Ring { return reversed(r) }
	cases := []struct {
		name string
		mp   orb.MultiPolygon
		want string // "" = valid
	}{
		{"square", orb.MultiPolygon{{sq(0, 0, 1, 1)}}, ""},
		{"empty", nil, ""},
		{"empty polygon", orb.MultiPolygon{{}}, InvalidEmptyPolygon},
		{"nan", orb.MultiPolygon{{{{0, 0}, {1, math.NaN()}, {1, 1}, {0, 0}}}}, InvalidNonFinite},
		{"open", orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}}, InvalidNotClosed},
		{"short", orb.MultiPolygon{{{{0, 0}, {1, 0}, {0, 0}}}}, InvalidTooFewPoints},
		{"repeated", orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 0}}}}, InvalidRepeatedPoint},
		{"bow-tie", orb.MultiPolygon{{{{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}}}, InvalidSelfIntersection},
		{"self-touch", orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {2, 4}, {3, 2}, {1, 2}, {2, 4}, {0, 4}, {0, 0}}}}, InvalidSelfIntersection},
		{"spike", orb.MultiPolygon{{{{0, 0}, {2, 0}, {2, 1}, {3, 1}, {2, 1}, {2, 2}, {0, 2}, {0, 0}}}}, InvalidSelfIntersection},
		{"clockwise shell", orb.MultiPolygon{{cw(sq(0, 0, 1, 1))}}, InvalidOrientation},
		{"hole", orb.MultiPolygon{{sq(0, 0, 4, 4), cw(sq(1, 1, 2, 2))}}, ""},
		{"ccw hole", orb.MultiPolygon{{sq(0, 0, 4, 4), sq(1, 1, 2, 2)}}, InvalidOrientation},
		{"hole touching shell once", orb.MultiPolygon{{sq(0, 0, 4, 4), {{2, 0}, {1, 1}, {3, 1}, {2, 0}}}}, ""},
		{"hole touching shell twice", orb.MultiPolygon{{sq(0, 0, 4, 4), {{0, 2}, {2, 3}, {4, 2}, {2, 1}, {0, 2}}}}, InvalidDisconnected},
		{"hole sharing shell edge", orb.MultiPolygon{{sq(0, 0, 4, 4), cw(sq(1, 0, 2, 1))}}, InvalidOverlappingEdges},
		{"hole outside", orb.MultiPolygon{{sq(0, 0, 1, 1), cw(sq(5, 5, 6, 6))}}, InvalidHoleOutside},
		{"hole crossing", orb.MultiPolygon{{sq(0, 0, 4, 4), cw(sq(3, 1, 5, 2))}}, InvalidRingCrossing},
		{"nested holes", orb.MultiPolygon{{sq(0, 0, 10, 10), cw(sq(1, 1, 8, 8)), cw(sq(2, 2, 3, 3))}}, InvalidNestedHoles},
		{"holes touching twice", orb.MultiPolygon{{sq(0, 0, 10, 10), cw(orb.Ring{{1, 1}, {5, 1}, {5, 5}, {3, 3}, {1, 5}, {1, 1}}), cw(orb.Ring{{5, 5}, {3, 8}, {1, 5}, {3, 6}, {5, 5}})}}, InvalidDisconnected},
		{"overlapping parts", orb.MultiPolygon{{sq(0, 0, 2, 2)}, {sq(1, 1, 3, 3)}}, InvalidRingCrossing},
		{"part inside part", orb.MultiPolygon{{sq(0, 0, 4, 4)}, {sq(1, 1, 2, 2)}}, InvalidOverlappingPolygons},
		{"part in a hole", orb.MultiPolygon{{sq(0, 0, 4, 4), cw(sq(1, 1, 3, 3))}, {sq(1.5, 1.5, 2.5, 2.5)}}, ""},
		{"parts touching at a point", orb.MultiPolygon{{sq(0, 0, 1, 1)}, {sq(1, 1, 2, 2)}}, ""},
		{"parts crossing at shared vertices", orb.MultiPolygon{{sq(0, 0, 4, 4)}, {{{4, 1}, {6, 2}, {4, 3}, {3, 2}, {4, 1}}}}, InvalidOverlappingPolygons},
		{"parts sharing an edge", orb.MultiPolygon{{sq(0, 0, 1, 1)}, {sq(1, 0, 2, 1)}}, InvalidOverlappingEdges},
		{"duplicate parts", orb.MultiPolygon{{sq(0, 0, 1, 1)}, {sq(0, 0, 1, 1)}}, InvalidOverlappingEdges},
		// Nearly collinear: the middle vertex is 1e-15 above the line, which
		// only exact arithmetic sees.
		{"near-collinear triangle", orb.MultiPolygon{{{{0, 0}, {1, 1e-15}, {2, 0}, {0, 0}}}}, InvalidOrientation},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Validate(c.mp)
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ve *ValidityError
			if !errors.As(err, &ve) || ve.Reason != c.want {
				t.Fatalf("got %v, want %s", err, c.want)
			}
		})
	}
}
