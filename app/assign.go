package app

import (
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/assign"
)

// Reassign redraws every zone's catchment for one stage with a method of
// package model/assign ("nearest school", "capacity-optimal"), as one
// undoable edit. Zones the method cannot assign (no geometry) keep their
// school.
type Reassign struct {
	Stage  model.Level   // model.LevelPrimary or model.LevelJunior
	Method assign.Method // assign.MethodNearest or assign.MethodOptimal ("" = optimal)
	// Year is the history year whose enrollment and seats size the demand
	// (0 = the last history year); Candidates tunes the optimal method
	// (0 = assign.DefaultCandidates).
	Year       int
	Candidates int
	// AllowPieces and Stability tune the optimal method (see
	// assign.Options): by default catchments are connected and no weight
	// keeps today's catchments.
	AllowPieces bool
	Stability   float64

	// Result is the assignment and its checks, set by the first Do, so the
	// caller can show what changed (over capacity, non-contiguous …). A
	// caller that has already drawn the catchments on the same district
	// may set it before Do, which then applies it instead of drawing again.
	Result *assign.Result

	zones, to, old []string
	// resolved: zones/to hold the catchments (after the first Do, or as
	// decoded from a saved scenario), so Do re-applies them unchanged.
	resolved bool
}

// Label names the edit. Method is the method's machine name ("nearest",
// "optimal"), Stage a model.Level (templates may use .Stage.Chinese).
func (c *Reassign) Label() Label {
	m := c.Method
	if m == "" {
		m = assign.MethodOptimal
	}
	return label("reassign", "reassign {{.Stage}} catchments ({{.Method}})", map[string]any{"Stage": c.Stage, "Method": string(m)})
}

// Do computes the catchments (on the first call; Redo re-applies the same
// ones) and assigns every zone.
func (c *Reassign) Do(d *model.District) error {
	if c.Method == assign.MethodCurrent {
		return errorf("reassign_current", `reassign: method {{printf "%q" .Method}} keeps the catchments as they are; choose nearest or optimal`,
			map[string]any{"Method": string(c.Method)})
	}
	if !c.resolved {
		r := c.Result
		if r == nil {
			var err error
			r, err = assign.Assign(d, assign.Options{Stage: c.Stage, Method: c.Method, Year: c.Year, Candidates: c.Candidates,
				AllowPieces: c.AllowPieces, Stability: c.Stability})
			if err != nil {
				return err
			}
		}
		c.Result, c.zones, c.to = r, nil, nil
		for _, a := range r.Assignments {
			if a.School != "" {
				c.zones = append(c.zones, a.Zone)
				c.to = append(c.to, a.School)
			}
		}
		c.resolved = true
	}
	zones := make([]*model.Zone, len(c.zones))
	for i, id := range c.zones {
		if zones[i] = d.Zone(id); zones[i] == nil {
			return errNoZone(id)
		}
	}
	c.old = make([]string, len(zones))
	for i, z := range zones {
		p := zoneSchool(z, c.Stage)
		c.old[i], *p = *p, c.to[i]
	}
	return nil
}

// Undo restores every zone's previous school.
func (c *Reassign) Undo(d *model.District) {
	for i, id := range c.zones {
		if z := d.Zone(id); z != nil && i < len(c.old) {
			*zoneSchool(z, c.Stage) = c.old[i]
		}
	}
}

// Changed is the number of zones whose school the edit changed (valid
// after Do).
func (c *Reassign) Changed() int {
	n := 0
	for i := range c.old {
		if c.old[i] != c.to[i] {
			n++
		}
	}
	return n
}
