package app

import (
	"path/filepath"
	"testing"

	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
)

func sampleSession(t testing.TB) *Session {
	t.Helper()
	d, _, err := LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	return NewSession(d, "", nil)
}

func TestLoadSample(t *testing.T) {
	d, rep, err := LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Schools) < 30 || len(d.Zones) < 300 || len(d.History) == 0 || len(d.Births) == 0 || len(d.Housing) == 0 {
		t.Fatalf("sample too small: %d schools %d zones %d history", len(d.Schools), len(d.Zones), len(d.History))
	}
	if n := rep.Count(ingest.Error); n > 0 { // errors
		t.Errorf("sample import has %d errors:\n%s", n, rep)
	}
	s := NewSession(d, "", nil)
	sum := s.Analysis().Summary
	if sum.Large+sum.VeryLarge == 0 || sum.TargetMet || sum.OversizedSchool == 0 {
		t.Errorf("the sample should show the problems the app is for: %+v", sum)
	}
}

func TestSessionUndoRedo(t *testing.T) {
	s := sampleSession(t)
	changes := 0
	s.OnChange(func() { changes++ })
	// Give the school with the largest seat gap plenty of seats.
	var worst model.SchoolResult
	for _, r := range s.Analysis().Schools {
		if r.SeatGap > worst.SeatGap || worst.School == "" {
			worst = r
		}
	}
	capacity := worst.Students + 500
	if err := s.Do(&SchoolEdit{ID: worst.School, Capacity: &capacity}); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.SchoolResult(worst.School); r.SeatGap != -500 {
		t.Errorf("seat gap after edit %d, want -500", r.SeatGap)
	}
	if !s.Dirty() || s.UndoLabel().IsZero() {
		t.Error("edit should make the session dirty and undoable")
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.SchoolResult(worst.School); r.SeatGap != worst.SeatGap {
		t.Errorf("seat gap after undo %d, want %d", r.SeatGap, worst.SeatGap)
	}
	if err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.SchoolResult(worst.School); r.SeatGap != -500 {
		t.Errorf("seat gap after redo %d", r.SeatGap)
	}
	if changes != 3 {
		t.Errorf("%d change notifications, want 3", changes)
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if err := s.Undo(); err != ErrNothingToUndo {
		t.Errorf("undo on empty stack: %v", err)
	}
}

func TestAssignZonesValidates(t *testing.T) {
	s := sampleSession(t)
	d := s.District()
	z := d.Zones[0]
	var junior string
	for _, sc := range d.Schools {
		if sc.Level == model.LevelJunior {
			junior = sc.ID
		}
	}
	if err := s.Do(&AssignZones{Zones: []string{z.ID}, School: junior, Stage: model.LevelPrimary}); err == nil {
		t.Error("a junior school cannot take a primary catchment")
	}
	if err := s.Do(&AssignZones{Zones: []string{z.ID, "nope"}, School: "", Stage: model.LevelPrimary}); err == nil {
		t.Error("unknown zone should fail")
	}
	if d.Zone(z.ID).PrimarySchool != z.PrimarySchool {
		t.Error("a failed edit must leave the district unchanged")
	}
	if err := s.Do(&AssignZones{Zones: []string{z.ID}, School: junior, Stage: model.LevelJunior}); err != nil {
		t.Fatal(err)
	}
	s.Undo()
	if d.Zone(z.ID).JuniorSchool != z.JuniorSchool {
		t.Error("undo should restore the junior catchment")
	}
}

func TestSetStandardsValidates(t *testing.T) {
	s := sampleSession(t)
	bad := model.DefaultStandards()
	bad.LargeClassMin = 40
	if err := s.Do(&SetStandards{To: bad}); err == nil {
		t.Error("large threshold below standard should be refused")
	}
	strict := model.DefaultStandards()
	strict.StandardClassPrimary = 40
	before := s.Analysis().Summary.OverStandard
	if err := s.Do(&SetStandards{To: strict}); err != nil {
		t.Fatal(err)
	}
	if s.Analysis().Summary.OverStandard <= before {
		t.Error("a stricter standard should flag more classes")
	}
}

func TestSaveAndReopen(t *testing.T) {
	s := sampleSession(t)
	path := filepath.Join(t.TempDir(), "sample.xuequ.gpkg")
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	if s.Dirty() || s.Path() != path {
		t.Error("save should record the path and clear dirty")
	}
	again, err := OpenProject(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.Analysis().Summary, again.Analysis().Summary
	if a != b {
		t.Errorf("analysis differs after round trip:\n%+v\n%+v", a, b)
	}
}

// BenchmarkRecomputeAfterEdit: one edit and its recompute on the sample
// county (target < 20 ms for a 2k-zone / 100-school county).
func BenchmarkRecomputeAfterEdit(b *testing.B) {
	s := sampleSession(b)
	id := s.District().Schools[0].ID
	c1, c2 := 1000, 1200
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		c := &c1
		if i%2 == 1 {
			c = &c2
		}
		if err := s.Do(&SchoolEdit{ID: id, Capacity: c}); err != nil {
			b.Fatal(err)
		}
	}
}
