package app

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/assign"
)

// OpenSchool opens a new school (新建). It has no history: its pupils come
// from the zones later put into its catchment (AssignZones, Reassign),
// whose births and new housing feed its entry grades in the projection.
// Expanding a school (改扩建) is a SchoolEdit of Capacity or Classrooms.
type OpenSchool struct {
	// ID is the new school's id; empty means "make one up" (N001, N002 …,
	// unused in the district). Do fills it in, so Redo and a saved
	// scenario bring back the same id.
	ID       string
	Name     string
	Level    model.Level
	Location orb.Point // lon/lat degrees (EPSG:4326)
	// Capacity is the approved seats (学位), Classrooms the general
	// classrooms (普通教室); 0 = unknown, as for model.School.
	Capacity, Classrooms int
	Township             string
	Public               bool // 公办
}

// Label names the edit.
func (c *OpenSchool) Label() Label {
	return label("open_school", "open school {{.School}}", map[string]any{"School": orID(c.Name, c.ID)})
}

// Do adds the school at the end of the district's school list.
func (c *OpenSchool) Do(d *model.District) error {
	name := strings.TrimSpace(c.Name)
	switch {
	case name == "":
		return errorf("school_name", "a new school needs a name", nil)
	case c.Level == model.LevelUnknown:
		return errorf("school_level", "school {{.Name}}: choose its level (primary, junior, nine-year …)", map[string]any{"Name": name})
	case c.Capacity < 0 || c.Classrooms < 0:
		return errorf("negative_counts", "school {{.ID}}: capacity and classrooms must not be negative",
			map[string]any{"ID": orID(c.ID, name), "Name": name})
	case !validLonLat(c.Location):
		return errorf("school_location", "school {{.Name}}: the location {{.Location}} is not a lon/lat in degrees",
			map[string]any{"Name": name, "Location": fmt.Sprintf("%.6f, %.6f", c.Location[0], c.Location[1])})
	}
	if c.ID == "" {
		c.ID = newSchoolID(d)
	} else if d.School(c.ID) != nil {
		return errorf("school_exists", `a school with id {{printf "%q" .ID}} already exists`, map[string]any{"ID": c.ID})
	}
	c.Name = name
	d.Schools = append(d.Schools, model.School{ID: c.ID, Name: name, Level: c.Level, Location: c.Location,
		Capacity: c.Capacity, Classrooms: c.Classrooms, Township: c.Township, Public: c.Public})
	return nil
}

// Undo removes the school again.
func (c *OpenSchool) Undo(d *model.District) {
	d.Schools = slices.DeleteFunc(d.Schools, func(s model.School) bool { return s.ID == c.ID })
}

func validLonLat(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

// newSchoolID returns the first of N001, N002 … that no school uses.
func newSchoolID(d *model.District) string {
	for i := 1; ; i++ {
		id := fmt.Sprintf("N%03d", i)
		if d.School(id) == nil {
			return id
		}
	}
}

// CloseSchool closes a school (撤并). For each stage (primary, junior) the
// school teaches, its zones move to To when To teaches that stage, else
// each zone to the nearest open school teaching it (distance from the
// zone's label point; from the closed school's site for a zone without
// geometry). The school and its history stay: past years are analysed as
// they were, and from the first projected year on its pupils go to the
// receiving schools (model.School.MergedInto, see Project) in proportion
// to the population of the zones each received (the closed school's site
// decides when it had no zones).
type CloseSchool struct {
	ID string
	To string // receiving school; "" = nearest open school per zone

	moves []zoneMove
	old   model.School
	name  string // set by Do, for Label
}

type zoneMove struct {
	zone     string
	stage    model.Level
	from, to string
}

// Label names the edit.
func (c *CloseSchool) Label() Label {
	return label("close_school", "close school {{.School}}", map[string]any{"School": orID(c.name, c.ID)})
}

// Do moves the zones and marks the school closed.
func (c *CloseSchool) Do(d *model.District) error {
	s := d.School(c.ID)
	if s == nil {
		return errNoSchool(c.ID)
	}
	c.name = s.Name
	if s.Closed {
		return errorf("school_closed", "school {{.Name}} is closed already", map[string]any{"Name": orID(s.Name, s.ID)})
	}
	var to *model.School
	if c.To != "" {
		if to = d.School(c.To); to == nil {
			return errNoSchool(c.To)
		}
		if to.Closed || to.ID == c.ID {
			return errorf("receiver_closed", "school {{.Name}} cannot take the pupils: it is closed",
				map[string]any{"Name": orID(to.Name, to.ID)})
		}
	}
	var moves []zoneMove
	var merges []model.Merge
	for _, stage := range []model.Level{model.LevelPrimary, model.LevelJunior} {
		if !teachesStage(s.Level, stage) {
			continue
		}
		pick := func(p orb.Point) *model.School { return nearestOpen(d, stage, c.ID, p) }
		if to != nil && teachesStage(to.Level, stage) {
			pick = func(orb.Point) *model.School { return to }
		}
		weight := map[string]float64{}
		var order []string
		for i := range d.Zones {
			z := &d.Zones[i]
			if z.SchoolFor(stage) != c.ID {
				continue
			}
			p := s.Location
			if len(z.Geometry) > 0 {
				p = geo.LabelPoint(z.Geometry)
			}
			r := pick(p)
			if r == nil {
				return errNoReceiver(s, stage)
			}
			moves = append(moves, zoneMove{zone: z.ID, stage: stage, from: c.ID, to: r.ID})
			if _, ok := weight[r.ID]; !ok {
				order = append(order, r.ID)
			}
			weight[r.ID] += float64(max(z.Population, 0)) + 1e-9 // zones without population still count
		}
		if len(order) == 0 { // no catchment: the pupils go where the site is
			r := pick(s.Location)
			if r == nil {
				return errNoReceiver(s, stage)
			}
			order, weight[r.ID] = []string{r.ID}, 1
		}
		total := 0.0
		for _, id := range order {
			total += weight[id]
		}
		for _, id := range order {
			merges = append(merges, model.Merge{School: id, Stage: stage, Share: weight[id] / total})
		}
	}
	c.old, c.moves = *s, moves
	for _, m := range moves {
		*zoneSchool(d.Zone(m.zone), m.stage) = m.to
	}
	s.Closed, s.MergedInto = true, merges
	return nil
}

// Undo reopens the school and gives its zones back.
func (c *CloseSchool) Undo(d *model.District) {
	for _, m := range c.moves {
		if z := d.Zone(m.zone); z != nil {
			*zoneSchool(z, m.stage) = m.from
		}
	}
	if s := d.School(c.ID); s != nil {
		*s = c.old
	}
}

// Moved is the number of zone catchments the edit changed (valid after
// Do; a zone moved for both stages counts twice).
func (c *CloseSchool) Moved() int { return len(c.moves) }

func errNoReceiver(s *model.School, stage model.Level) error {
	return errorf("no_receiver", "school {{.Name}} cannot close: no other open school teaches {{.Stage}} grades",
		map[string]any{"Name": orID(s.Name, s.ID), "Stage": stage})
}

// nearestOpen is the open school nearest to p (great-circle distance)
// that teaches stage, other than except; nil when there is none.
func nearestOpen(d *model.District, stage model.Level, except string, p orb.Point) *model.School {
	var best *model.School
	bestDist := math.Inf(1)
	for i := range d.Schools {
		s := &d.Schools[i]
		if s.ID == except || s.Closed || !teachesStage(s.Level, stage) {
			continue
		}
		if dist := assign.Distance(p, s.Location); dist < bestDist {
			best, bestDist = s, dist
		}
	}
	return best
}

// SchoolLevel sets a school's 学段 (the detail panel's level picker). It
// is a SchoolEdit of Level only, so that it is saved in scenarios like any
// other school edit, with a label of its own for the Edit menu.
type SchoolLevel struct {
	SchoolEdit
}

// SetSchoolLevel returns the undoable edit that sets school id's level
// to l (LevelUnknown included: "not known").
func SetSchoolLevel(id string, l model.Level) Command {
	return &SchoolLevel{SchoolEdit{ID: id, Level: &l}}
}

// Label names the edit.
func (c *SchoolLevel) Label() Label {
	return label("set_school_level", "set the level of school {{.School}} to {{.Level}}",
		map[string]any{"School": orID(c.name, c.ID), "Level": *c.Level})
}

// Do checks the level and applies it.
func (c *SchoolLevel) Do(d *model.District) error {
	if c.Level == nil || *c.Level < model.LevelUnknown || *c.Level > model.LevelOther {
		return errorf("bad_level", "school {{.ID}}: not a school level", map[string]any{"ID": c.ID})
	}
	return c.SchoolEdit.Do(d)
}
