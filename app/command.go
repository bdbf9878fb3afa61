package app

import (
	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/model"
)

// Command is one undoable edit of a district. Do applies it and returns an
// error (leaving the district unchanged) when it cannot; Undo reverts a
// successful Do. Label names the edit for the Edit menu ("Undo: …"); it
// may name the school only after Do has looked it up. Do's errors are
// *Error where the edit is at fault, so a UI can translate them.
type Command interface {
	Do(d *model.District) error
	Undo(d *model.District)
	Label() Label
}

// SchoolEdit changes the editable attributes of one school. Fields left nil
// are not changed.
type SchoolEdit struct {
	ID         string
	Name       *string
	Level      *model.Level
	Capacity   *int
	Classrooms *int
	Address    *string // 学校地址
	Phone      *string // 咨询电话
	old        model.School
	name       string // the school's name after Do, for Label
}

// Label names the edit.
func (c *SchoolEdit) Label() Label {
	return label("edit_school", "edit school {{.School}}", map[string]any{"School": orID(c.name, c.ID)})
}

// Do applies the edit.
func (c *SchoolEdit) Do(d *model.District) error {
	s := d.School(c.ID)
	if s == nil {
		return errNoSchool(c.ID)
	}
	if c.Capacity != nil && *c.Capacity < 0 || c.Classrooms != nil && *c.Classrooms < 0 {
		return errorf("negative_counts", "school {{.ID}}: capacity and classrooms must not be negative",
			map[string]any{"ID": c.ID, "Name": orID(s.Name, c.ID)})
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
	if c.Address != nil {
		s.Address = *c.Address
	}
	if c.Phone != nil {
		s.Phone = *c.Phone
	}
	c.name = s.Name
	return nil
}

// orID is a school's name for labels and messages, its id when unnamed.
func orID(name, id string) string {
	if name == "" {
		return id
	}
	return name
}

func errNoSchool(id string) error {
	return errorf("no_school", `no school with id {{printf "%q" .ID}}`, map[string]any{"ID": id})
}

func errNoZone(id string) error {
	return errorf("no_zone", `no zone with id {{printf "%q" .ID}}`, map[string]any{"ID": id})
}

// Undo restores the school as it was.
func (c *SchoolEdit) Undo(d *model.District) {
	if s := d.School(c.ID); s != nil {
		*s = c.old
	}
}

// MoveSchool moves a school to a new site (lon/lat degrees).
type MoveSchool struct {
	ID   string
	To   orb.Point
	old  orb.Point
	name string // set by Do, for Label
}

// Label names the edit.
func (c *MoveSchool) Label() Label {
	return label("move_school", "move school {{.School}}", map[string]any{"School": orID(c.name, c.ID)})
}

// Do applies the edit.
func (c *MoveSchool) Do(d *model.District) error {
	s := d.School(c.ID)
	if s == nil {
		return errNoSchool(c.ID)
	}
	c.name = s.Name
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
	name   string // the school's name, set by Do, for Label
}

// Label names the edit.
func (c *AssignZones) Label() Label {
	if c.School == "" {
		return label("unassign_zones", "remove {{.N}} zone(s) from their catchment", map[string]any{"N": len(c.Zones)})
	}
	return label("assign_zones", "assign {{.N}} zone(s) to {{.School}}",
		map[string]any{"N": len(c.Zones), "School": orID(c.name, c.School)})
}

// Do applies the edit.
func (c *AssignZones) Do(d *model.District) error {
	if err := checkStage(c.Stage); err != nil {
		return err
	}
	if c.School != "" {
		s := d.School(c.School)
		if s == nil {
			return errNoSchool(c.School)
		}
		if s.Closed {
			return errorf("school_closed", "school {{.Name}} is closed already", map[string]any{"Name": orID(s.Name, s.ID)})
		}
		if s.Level != model.LevelUnknown && !teachesStage(s.Level, c.Stage) {
			return errorf("wrong_stage", "school {{.Name}} ({{.Level}}) does not teach {{.Stage}} grades",
				map[string]any{"Name": s.Name, "Level": s.Level, "Stage": c.Stage})
		}
		c.name = s.Name
	}
	zones := make([]*model.Zone, len(c.Zones))
	for i, id := range c.Zones {
		if zones[i] = d.Zone(id); zones[i] == nil {
			return errNoZone(id)
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

// checkStage refuses a stage catchments are not drawn for.
func checkStage(stage model.Level) error {
	if stage != model.LevelPrimary && stage != model.LevelJunior {
		return errorf("stage", "catchments are drawn for primary or junior, not {{.Stage}}", map[string]any{"Stage": stage})
	}
	return nil
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
func (c *SetStandards) Label() Label { return label("edit_standards", "edit standards", nil) }

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
		return errorf("std.standard_class", "standard class sizes must be positive", nil)
	case s.LargeClassMin <= s.StandardClassPrimary || s.LargeClassMin <= s.StandardClassJunior:
		return errorf("std.large_class", "the large-class threshold ({{.Large}}) must exceed the standard class sizes",
			map[string]any{"Large": s.LargeClassMin})
	case s.VeryLargeClassMin < s.LargeClassMin:
		return errorf("std.very_large_class", "the very-large-class threshold ({{.VeryLarge}}) must not be below the large-class threshold ({{.Large}})",
			map[string]any{"VeryLarge": s.VeryLargeClassMin, "Large": s.LargeClassMin})
	case s.LargeShareTarget < 0 || s.LargeShareTarget > 1:
		return errorf("std.large_share", "the large-class share target must be between 0 and 1", nil)
	case s.OversizedSchool <= 0 || s.OversizedNineYear <= 0:
		return errorf("std.oversized", "oversized-school limits must be positive", nil)
	}
	return validatePlanningStandards(s) // planning.go
}
