package preschool

import (
	"math"

	"github.com/xuequ/xuequ/model"
)

// Source says where a zone's count of children aged 3–5 comes from, best
// first. An area's source is the worst of its zones'.
type Source int

const (
	SourceBirths   Source = iota // births lagged 3, 4 and 5 years
	SourceAgeCount               // the zone's 3–5 age count
	SourceEstimate               // population × PreschoolAgeShare (估算)
	SourceNone                   // no zone at all
)

var sourceNames = [...]string{"births", "age_count", "estimate", "none"}

// String is the stable JSON name.
func (s Source) String() string { return sourceNames[s] }

// Children returns the zone's children aged 3–5 in school year y and where
// the count comes from. A child born in calendar year b is 3 in the autumn
// of b + 3, so the children of year y are the births of y−3, y−4 and y−5.
// Births after the zone's last recorded year are taken as that year's (a
// flat outlook, as births tables end with the last census of births), so
// projected years keep counting from births instead of jumping to another
// source. Without births for all three years the zone's age count is used;
// else Population × PreschoolAgeShare (0.035).
func Children(z *model.Zone, births map[string]map[int]int, y int, std model.Standards) (float64, Source) {
	if by := births[z.ID]; by != nil {
		last := 0
		for yr := range by {
			last = max(last, yr)
		}
		n, all := 0, true
		for lag := 3; lag <= 5; lag++ {
			b, ok := by[min(y-lag, last)]
			n += b
			all = all && ok
		}
		if all {
			return float64(n), SourceBirths
		}
	}
	if z.PreschoolAge > 0 || z.PreschoolAgeKnown {
		return float64(z.PreschoolAge), SourceAgeCount
	}
	return math.Round(float64(z.Population) * std.OrDefault().PreschoolAgeShare), SourceEstimate
}

// birthsByZone indexes births by zone and year (summing duplicates).
func birthsByZone(bs []model.Births) map[string]map[int]int {
	out := map[string]map[int]int{}
	for _, b := range bs {
		if out[b.Zone] == nil {
			out[b.Zone] = map[int]int{}
		}
		out[b.Zone][b.Year] += b.Births
	}
	return out
}
