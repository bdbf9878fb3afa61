package forecast

import (
	"testing"

	"github.com/xuequ/xuequ/model"
)

// A history with 小班/中班 records (grades −2, −1) projects as without them.
func TestNurseryGradesLeftOut(t *testing.T) {
	recs := []model.Enrollment{
		{School: "K", Year: 2024, Grade: -2, Students: 25, Classes: 1},
		{School: "A", Year: 2024, Grade: 1, Students: 40},
		{School: "K", Year: 2024, Grade: -1, Students: 30, Classes: 1},
	}
	got := withoutNurseryGrades(recs)
	if len(got) != 1 || got[0].School != "A" || len(recs) != 3 {
		t.Fatalf("got %+v", got)
	}
	clean := recs[1:2]
	if out := withoutNurseryGrades(clean); &out[0] != &clean[0] {
		t.Error("a history without nursery grades must not be copied")
	}
}
