package report

import (
	"image/color"
	"math"
	"slices"
	"testing"

	"github.com/xuequ/xuequ/geo/render"
	"github.com/xuequ/xuequ/model"
)

// stageGroups is each zone's school index for the stage (−1 none).
func stageGroups(d *model.District, stage model.Level) []int32 {
	idx := map[string]int32{}
	for j := range d.Schools {
		if !d.Schools[j].Closed && servesStage(d.Schools[j].Level, stage) {
			idx[d.Schools[j].ID] = int32(j)
		}
	}
	g := make([]int32, len(d.Zones))
	for i := range d.Zones {
		g[i] = -1
		if j, ok := idx[d.Zones[i].SchoolFor(stage)]; ok {
			g[i] = j
		}
	}
	return g
}

// sharedVertexClashes counts vertices shared by two catchments of the same
// or an alike colour (render.AlikeDistance).
func sharedVertexClashes(d *model.District, group []int32, colors []color.NRGBA) int {
	type key [2]int64
	owner := map[key]int32{}
	clash := 0
	for i := range d.Zones {
		g := group[i]
		if g < 0 {
			continue
		}
		for _, poly := range d.Zones[i].Geometry {
			for _, ring := range poly {
				for _, p := range ring {
					k := key{int64(math.Round(p[0] * 1e7)), int64(math.Round(p[1] * 1e7))}
					if o, ok := owner[k]; ok && o != g && render.ColourDistance(colors[o], colors[g]) < render.AlikeDistance {
						clash++
					}
					owner[k] = g
				}
			}
		}
	}
	return clash
}

// TestCatchmentColours: on the sample, no two catchments sharing a
// boundary have the same colour, for either stage.
func TestCatchmentColours(t *testing.T) {
	d := session(t).District()
	for _, stage := range []model.Level{model.LevelPrimary, model.LevelJunior} {
		g := stageGroups(d, stage)
		colors := render.CatchmentColors(d, g, len(d.Schools))
		if n := sharedVertexClashes(d, g, colors); n > 0 {
			t.Errorf("%v: %d shared vertices between different catchments of the same colour", stage, n)
		}
	}
}

// TestCatchmentColoursStable paints single zones into a neighbouring
// catchment (the 划片 brush) and checks that no catchment other than the
// two involved changes colour, and that in most cases none does.
func TestCatchmentColoursStable(t *testing.T) {
	d := session(t).District()
	g := stageGroups(d, model.LevelPrimary)
	before := render.CatchmentColors(d, g, len(d.Schools))
	// Neighbouring catchments of each zone, by shared vertices.
	type key [2]int64
	at := map[key][]int{}
	for i := range d.Zones {
		for _, poly := range d.Zones[i].Geometry {
			for _, p := range poly[0] {
				k := key{int64(math.Round(p[0] * 1e7)), int64(math.Round(p[1] * 1e7))}
				at[k] = append(at[k], i)
			}
		}
	}
	moves, changedAny := 0, 0
	for i := 0; i < len(d.Zones) && moves < 60; i += 3 {
		if g[i] < 0 {
			continue
		}
		to := int32(-1)
		for _, p := range d.Zones[i].Geometry[0][0] {
			for _, n := range at[key{int64(math.Round(p[0] * 1e7)), int64(math.Round(p[1] * 1e7))}] {
				if g[n] >= 0 && g[n] != g[i] {
					to = g[n]
				}
			}
		}
		if to < 0 {
			continue
		}
		moves++
		g2 := slices.Clone(g)
		g2[i] = to
		after := render.CatchmentColors(d, g2, len(d.Schools))
		if n := sharedVertexClashes(d, g2, after); n > 0 {
			t.Errorf("zone %d → school %d: %d clashes", i, to, n)
		}
		changed := 0
		for j := range before {
			if after[j] == before[j] || after[j].A == 0 || before[j].A == 0 {
				continue
			}
			changed++
			if int32(j) != g[i] && int32(j) != to {
				t.Errorf("zone %d (%s) from %s to %s: uninvolved catchment %s changed colour",
					i, d.Zones[i].ID, d.Schools[g[i]].ID, d.Schools[to].ID, d.Schools[j].ID)
			}
		}
		if changed > 0 {
			changedAny++
		}
	}
	if moves < 20 {
		t.Fatalf("only %d boundary zones tried", moves)
	}
	if changedAny*5 > moves {
		t.Errorf("%d of %d single-zone edits changed some colour", changedAny, moves)
	}
	t.Logf("%d single-zone edits, %d changed a colour", moves, changedAny)
}

// TestCatchmentColoursOrderFree: the colours depend on the school ids,
// not the order of the schools in the file.
func TestCatchmentColoursOrderFree(t *testing.T) {
	d := session(t).District()
	g := stageGroups(d, model.LevelPrimary)
	want := render.CatchmentColors(d, g, len(d.Schools))
	rev := *d
	rev.Schools = slices.Clone(d.Schools)
	slices.Reverse(rev.Schools)
	n := len(d.Schools)
	g2 := make([]int32, len(g))
	for i, j := range g {
		g2[i] = -1
		if j >= 0 {
			g2[i] = int32(n-1) - j
		}
	}
	got := render.CatchmentColors(&rev, g2, n)
	for j := range want {
		if got[n-1-j] != want[j] {
			t.Errorf("school %s: %v after reordering, %v before", d.Schools[j].ID, got[n-1-j], want[j])
		}
	}
}
