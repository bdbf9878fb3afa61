package app

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/model"
)

// Command is one undoable edit of a district. Do applies it and returns an
// error (leaving the district unchanged) when it cannot; Undo reverts a
// successful Do. Label names the edit for the Edit menu ("Undo: …").
type Command interface {
	Do(d *model.District) error
	Undo(d *model.District)
	Label() string
}

// SchoolEdit changes the editable attributes of one school. Fields left nil
// are not changed.
type SchoolEdit struct {
	ID         string
	Name       *string
	Level      *model.Level
	Capacity   *int
	Classrooms *int
	old        model.School
}

// Label names the edit.
func (c *SchoolEdit) Label() string { return "edit school " + c.ID }

// Do applies the edit.
func (c *SchoolEdit) Do(d *model.District) error {
	s := d.School(c.ID)
	if s == nil {
		return fmt.Errorf("no school with id %q", c.ID)
	}
	if c.Capacity != nil && *c.Capacity < 0 || c.Classrooms != nil && *c.Classrooms < 0 {
		return fmt.Errorf("school %s: capacity and classrooms must not be negative", c.ID)
	}
	c.old = *s
	if c.Name != nil {
		s.Name = *c.Name
	}
	if c.Level != nil {
		s.Level = *c.Level
	}
	if c.Capacity != nil {
		s.Capacity = *c.Capacity
	}
	if c.Classrooms != nil {
		s.Classrooms = *c.Classrooms
	}
	return nil
}

// Undo restores the school as it was.
func (c *SchoolEdit) Undo(d *model.District) {
	if s := d.School(c.ID); s != nil {
		*s = c.old
	}
}

// MoveSchool moves a school to a new site (lon/lat degrees).
type MoveSchool struct {
	ID  string
	To  orb.Point
	old orb.Point
}

// Label names the edit.
func (c *MoveSchool) Label() string { return "move school " + c.ID }

// Do applies the edit.
func (c *MoveSchool) Do(d *model.District) error {
	s := d.School(c.ID)
	if s == nil {
		return fmt.Errorf("no school with id %q", c.ID)
	}
	c.old, s.Location = s.Location, c.To
	return nil
}

// Undo moves the school back.
func (c *MoveSchool) Undo(d *model.District) {
	if s := d.School(c.ID); s != nil {
		s.Location = c.old
	}
}

// AssignZones puts zones into the catchment (学区) of School for one stage
// (LevelPrimary or LevelJunior). An empty School removes them from any
// catchment.
type AssignZones struct {
	Zones  []string
	School string
	Stage  model.Level
	old    []string
}

// Label names the edit.
func (c *AssignZones) Label() string {
	return fmt.Sprintf("assign %d zone(s) to %s", len(c.Zones), c.School)
}

// Do applies the edit.
func (c *AssignZones) Do(d *model.District) error {
	if c.Stage != model.LevelPrimary && c.Stage != model.LevelJunior {
		return fmt.Errorf("catchments are drawn for primary or junior, not %s", c.Stage)
	}
	if c.School != "" {
		s := d.School(c.School)
		if s == nil {
			return fmt.Errorf("no school with id %q", c.School)
		}
		if s.Level != model.LevelUnknown && !teachesStage(s.Level, c.Stage) {
			return fmt.Errorf("school %s (%s) does not teach %s grades", s.Name, s.Level, c.Stage)
		}
	}
	zones := make([]*model.Zone, len(c.Zones))
	for i, id := range c.Zones {
		if zones[i] = d.Zone(id); zones[i] == nil {
			return fmt.Errorf("no zone with id %q", id)
		}
	}
	c.old = make([]string, len(zones))
	for i, z := range zones {
		p := zoneSchool(z, c.Stage)
		c.old[i], *p = *p, c.School
	}
	return nil
}

// Undo restores the previous assignments.
func (c *AssignZones) Undo(d *model.District) {
	for i, id := range c.Zones {
		if z := d.Zone(id); z != nil && i < len(c.old) {
			*zoneSchool(z, c.Stage) = c.old[i]
		}
	}
}

func zoneSchool(z *model.Zone, stage model.Level) *string {
	if stage == model.LevelJunior {
		return &z.JuniorSchool
	}
	return &z.PrimarySchool
}

func teachesStage(l model.Level, stage model.Level) bool {
	first, last := stage.Grades()
	return l.Teaches(first) || l.Teaches(last)
}

// SetStandards replaces the district's standards (DESIGN.md §4 numbers).
type SetStandards struct {
	To  model.Standards
	old model.Standards
}

// Label names the edit.
func (c *SetStandards) Label() string { return "edit standards" }

// Do applies the edit.
func (c *SetStandards) Do(d *model.District) error {
	if err := ValidateStandards(c.To); err != nil {
		return err
	}
	c.old, d.Standards = d.Standards, c.To
	return nil
}

// Undo restores the previous standards.
func (c *SetStandards) Undo(d *model.District) { d.Standards = c.old }

// ValidateStandards checks that the thresholds are in a sensible order:
// 0 < standard < large ≤ very large, 0 ≤ share ≤ 1.
func ValidateStandards(s model.Standards) error {
	switch {
	case s.StandardClassPrimary <= 0 || s.StandardClassJunior <= 0:
		return fmt.Errorf("standard class sizes must be positive")
	case s.LargeClassMin <= s.StandardClassPrimary || s.LargeClassMin <= s.StandardClassJunior:
		return fmt.Errorf("the large-class threshold (%d) must exceed the standard class sizes", s.LargeClassMin)
	case s.VeryLargeClassMin < s.LargeClassMin:
		return fmt.Errorf("the very-large-class threshold (%d) must not be below the large-class threshold (%d)", s.VeryLargeClassMin, s.LargeClassMin)
	case s.LargeShareTarget < 0 || s.LargeShareTarget > 1:
		return fmt.Errorf("the large-class share target must be between 0 and 1")
	case s.OversizedSchool <= 0 || s.OversizedNineYear <= 0:
		return fmt.Errorf("oversized-school limits must be positive")
	}
	return nil
}
