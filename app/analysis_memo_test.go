package app

import (
	"reflect"
	"testing"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/synth"
)

// AnalysisFor reuses per-school results between edits; every year must
// still be exactly model.Analyze of the records.
func TestAnalysisMemoMatchesAnalyze(t *testing.T) {
	d := synth.Generate(synth.Config{Schools: 30, Zones: 300})
	s := NewSession(d, "", Project)
	var ps []string
	for _, sc := range d.Schools {
		if sc.Level == model.LevelPrimary {
			ps = append(ps, sc.ID)
		}
	}
	check := func(step string) {
		t.Helper()
		first, last := s.YearRange()
		for y := first; y <= last; y++ {
			got := s.AnalysisFor(y)
			want := analyze(s.cur.at(y), s.records(y), y)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: year %d: memoised analysis differs from model.Analyze", step, y)
			}
		}
	}
	check("start")
	for i, z := range []int{10, 20, 10, 150} {
		if err := s.Do(&AssignZones{Zones: []string{d.Zones[z].ID}, School: ps[i%2], Stage: model.LevelPrimary}); err != nil {
			t.Fatal(err)
		}
		check("edit")
	}
	std := s.District().Standards
	std.LargeClassMin--
	s.District().Standards = std // a standards change must not reuse results
	check("standards")
	s.District().Schools[0].Capacity += 100
	check("capacity")
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	check("undo")
}
