package forecast

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// series builds history records for one school: counts[g] lists grade g
// from year first on.
func series(school string, first int, counts map[model.Grade][]int) []model.Enrollment {
	var out []model.Enrollment
	for g, cs := range counts {
		for i, c := range cs {
			out = append(out, model.Enrollment{School: school, Year: first + i, Grade: g, Students: c})
		}
	}
	return out
}

// get returns the projected students of a school, year and grade.
func get(t *testing.T, r *Result, school string, year int, g model.Grade) Projection {
	t.Helper()
	for _, p := range r.Projections {
		if p.School == school && p.Year == year && p.Grade == g {
			return p
		}
	}
	t.Fatalf("no projection for %s %d grade %d", school, year, g)
	return Projection{}
}

func ratioOf(t *testing.T, r *Result, school string, g model.Grade) Ratio {
	t.Helper()
	for _, x := range r.Ratios {
		if x.School == school && x.Grade == g {
			return x
		}
	}
	t.Fatalf("no ratio for %s grade %d", school, g)
	return Ratio{}
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.12g, want %.12g", what, got, want)
	}
}

func hasNote(r []string, part string) bool {
	for _, n := range r {
		if strings.Contains(n, part) {
			return true
		}
	}
	return false
}

func mustProject(t *testing.T, in Input, opt Options) *Result {
	t.Helper()
	r, err := Project(in, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func wantInputError(t *testing.T, err error, field string) {
	t.Helper()
	var ie *model.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v is not a *model.InputError", err)
	}
	if ie.Field != field {
		t.Errorf("error field %q, want %q (%v)", ie.Field, field, err)
	}
}
