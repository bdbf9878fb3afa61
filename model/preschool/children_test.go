package preschool

import (
	"testing"

	"github.com/xuequ/xuequ/model"
)

// TestChildrenPastLastBirths: births recorded 2022–2025 (100, 110, 120,
// 130). Year 2028 = births 2025 + 2024 + 2023 = 130 + 120 + 110 = 360.
// Year 2029 needs 2026, after the last record: taken as 2025's, so
// 130 (2026→2025) + 130 + 120 = 380. Year 2026 needs 2021, before the
// first record: the zone's age count (50) is used instead.
func TestChildrenPastLastBirths(t *testing.T) {
	z := &model.Zone{ID: "Z", Population: 10000, PreschoolAge: 50}
	births := map[string]map[int]int{"Z": {2022: 100, 2023: 110, 2024: 120, 2025: 130}}
	std := model.DefaultStandards()
	for _, c := range []struct {
		year int
		want float64
		src  Source
	}{
		{2028, 360, SourceBirths},
		{2029, 380, SourceBirths},
		{2030, 390, SourceBirths},
		{2026, 50, SourceAgeCount},
	} {
		if got, src := Children(z, births, c.year, std); got != c.want || src != c.src {
			t.Errorf("%d: %v (%v), want %v (%v)", c.year, got, src, c.want, c.src)
		}
	}
}
