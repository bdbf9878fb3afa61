package forecast

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// spareByMap is UseSpareClassrooms as first written (a map of groups):
// the reference the run-finding version must match.
func spareByMap(schools []model.School, std model.Standards, recs []model.Enrollment) {
	std = std.OrDefault()
	rooms := map[string]int{}
	for _, s := range schools {
		if s.Classrooms > 0 {
			rooms[s.ID] = s.Classrooms
		}
	}
	for _, idx := range spareGroupsByMap(recs) {
		spare := rooms[recs[idx[0]].School]
		for _, i := range idx {
			spare -= recs[i].Classes
		}
		for ; spare > 0; spare-- {
			best := largestClassesNeedingRoom(recs, idx, std)
			if best < 0 {
				break
			}
			recs[best].Classes++
		}
	}
}

func TestUseSpareClassroomsAnyOrder(t *testing.T) {
	schools := []model.School{{ID: "A", Classrooms: 20}, {ID: "B", Classrooms: 9}, {ID: "C"}}
	var recs []model.Enrollment
	for _, s := range []string{"A", "B", "C"} {
		for y := 2025; y <= 2027; y++ {
			for g := model.Grade(0); g <= 9; g++ {
				recs = append(recs, model.Enrollment{School: s, Year: y, Grade: g, Students: 60 + 7*int(g) + y - 2025, Classes: 1})
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 4 {
		in := slices.Clone(recs)
		if round > 0 { // projections in runs first, then shuffled
			rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
		}
		want := slices.Clone(in)
		spareByMap(schools, model.Standards{}, want)
		UseSpareClassrooms(schools, model.Standards{}, in)
		if !slices.Equal(in, want) {
			t.Fatalf("round %d: spare classrooms differ from the map version", round)
		}
		if round == 0 && slices.Equal(in, recs) {
			t.Fatal("no spare classroom was used: the test tests nothing")
		}
	}
}
