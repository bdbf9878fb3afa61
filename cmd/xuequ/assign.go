package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	lang "github.com/xuequ/xuequ/app/i18n"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/assign"
)

func init() {
	register(&command{
		name:    "assign",
		summary: "draw 学区 catchments: nearest school or capacity-optimal, with integrity checks",
		run:     runAssign,
	})
}

func runAssign(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("assign", "P.xuequ.gpkg [--method nearest|network|optimal|current] [--stage primary|junior] "+
		"[--contiguity=false] [--stability W] [--apply [--scenario NAME]] [--json]", stdout)
	method := fs.String("method", "optimal", "nearest (closest school), optimal (least travel within seats), "+
		"current (check the project's own catchments) or network (needs a road network: not available)")
	stageFlag := fs.String("stage", "primary", "stage whose catchments to draw: primary (小学) or junior (初中)")
	scenario := fs.String("scenario", "", "use this scenario of the project instead of the base state")
	year := fs.Int("year", 0, "history year whose enrollment and seats size demand and capacity (default: the last)")
	contiguity := fs.Bool("contiguity", true, "optimal: make every catchment one connected set of zones containing its school's own zone "+
		"(--contiguity=false allows catchments in pieces)")
	stability := fs.Float64("stability", 0, "optimal: km of travel per pupil a zone must save to leave its current school (0 = no preference for today's catchments)")
	apply := fs.Bool("apply", false, "write the catchments into the project (the base, or --scenario) as one undoable edit")
	asJSON := fs.Bool("json", false, "print one JSON document (DESIGN.md §7)")
	langFlag := fs.String("lang", "", "language of the table: zh or en (default from LANG)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	m, err := assign.ParseMethod(*method)
	if err != nil {
		return usagef("cli.usage.assign.method", "assign: unknown assignment method {{.Value}}: use nearest, optimal or current", map[string]any{"Value": strconv.Quote(*method)})
	}
	stage, ok := model.ParseLevel(*stageFlag)
	if !ok || (stage != model.LevelPrimary && stage != model.LevelJunior) {
		return usagef("cli.usage.assign.stage", "assign: --stage {{.Value}}: use primary or junior", map[string]any{"Value": strconv.Quote(*stageFlag)})
	}
	if fs.NArg() == 0 {
		return usagef("cli.usage.assign.project", "assign: give the project file (P.xuequ.gpkg)", nil)
	}
	if *stability < 0 || math.IsNaN(*stability) || math.IsInf(*stability, 0) {
		return usagef("cli.usage.assign.stability", "assign: --stability {{.Value}}: give km per pupil moved, 0 or more", map[string]any{"Value": *stability})
	}
	if *apply && m == assign.MethodCurrent {
		return usagef("cli.usage.assign.apply_current", "assign: --apply with --method current changes nothing; choose nearest or optimal", nil)
	}
	opt := assign.Options{Stage: stage, Method: m, Year: *year, AllowPieces: !*contiguity, Stability: *stability}
	var r *assign.Result
	var d *model.District
	if *apply {
		r, d, err = applyAssign(fs.Args(), *scenario, opt)
	} else {
		r, d, err = computeAssign(fs.Args(), *scenario, opt)
	}
	if err != nil {
		return err
	}
	doc := assignJSON(r, d)
	doc.Applied = *apply
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(doc)
	}
	setLanguage(*langFlag)
	if err := printAssign(stdout, r, doc.Changed); err != nil {
		return err
	}
	if *apply {
		where := tr("assign.applied.base", "the base district")
		if *scenario != "" {
			where = lang.X("assign.applied.scenario", "scenario {{.Name}}", map[string]any{"Name": *scenario})
		}
		fmt.Fprintln(stderr, lang.X("assign.applied", "Written into {{.Where}} of {{.File}} as one edit (undo it in Xuequ with Ctrl+Z).",
			map[string]any{"Where": where, "File": fs.Arg(0)}))
	}
	return nil
}

// computeAssign draws the catchments of the project (or its scenario)
// without changing it; d is the district they were drawn on.
func computeAssign(args []string, scenario string, opt assign.Options) (*assign.Result, *model.District, error) {
	in, err := loadInputs(args, "", scenario)
	if err != nil {
		return nil, nil, err
	}
	r, err := runAssign1(in.District, in.Name, opt)
	return r, in.District, err
}

// applyAssign draws the catchments of the project's base district, or of
// its scenario, and writes them into the project as one undoable edit
// (app.Reassign), under the project's lock. The district returned is a
// copy from before the edit, so the report shows what changed.
func applyAssign(args []string, scenario string, opt assign.Options) (*assign.Result, *model.District, error) {
	if len(args) != 1 {
		return nil, nil, usagef("cli.usage.assign.apply_args", "assign --apply: one project file expected, got {{.N}} arguments", map[string]any{"N": len(args)})
	}
	path := args[0]
	var r *assign.Result
	var before model.District
	err := editProject(path, func(s *app.Session) error {
		if err := s.SwitchScenario(scenario); err != nil {
			return fmt.Errorf("%s: %w", tr("cli.err.scenario", "scenario {{.Name}}", map[string]any{"Name": strconv.Quote(scenario)}), err)
		}
		d := s.District()
		before = *d
		before.Zones = append([]model.Zone(nil), d.Zones...)
		var err error
		if r, err = runAssign1(d, path, opt); err != nil {
			return err
		}
		return s.Do(&app.Reassign{Stage: opt.Stage, Method: opt.Method, Year: r.Year, Candidates: opt.Candidates,
			AllowPieces: opt.AllowPieces, Stability: opt.Stability, Result: r})
	})
	if err != nil {
		return nil, nil, err
	}
	return r, &before, nil
}

func runAssign1(d *model.District, name string, opt assign.Options) (*assign.Result, error) {
	if opt.Year == 0 {
		opt.Year = app.DefaultYear(d) // without history: the current school year, not 0
	}
	r, err := assign.Assign(d, opt)
	if errors.Is(err, assign.ErrNoRoadNetwork) {
		return nil, &wrapped{tr("cli.err.no_road_network", "assign --method network: network distances need a road network, which Xuequ does not have offline; use the nearest or optimal method (straight-line distances)"), err}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return r, nil
}

type assignDoc struct {
	Method      string          `json:"method"`
	Stage       string          `json:"stage"`
	Year        int             `json:"year"`
	Assignments []zoneAssignDoc `json:"assignments"`
	Schools     []schoolLoadDoc `json:"schools"`
	Checks      checksDoc       `json:"checks"`
	// Cost is Σ pupils × distance in pupil-kilometres.
	Cost     float64 `json:"cost"`
	Demand   int     `json:"demand"`
	Capacity int     `json:"capacity"`
	// CapacityUnknown counts the schools whose seats are unknown: they are
	// not in capacity, have no seat limit (optimal) and are never over
	// capacity; CapacityNote says so in words when there are any.
	CapacityUnknown int     `json:"capacity_unknown"`
	CapacityNote    string  `json:"capacity_note,omitempty"`
	Yield           float64 `json:"yield"`
	YieldSource     string  `json:"yield_source"`
	ServiceRadius   float64 `json:"service_radius_m"`
	// Changed is the number of zones whose school differs from the
	// project's current catchment.
	Changed int `json:"changed"`
	// The optimal method's bound (null for the other methods), in
	// pupil-km: LowerBound is the fractional optimum, which no whole-zone
	// catchments seating as many pupils can beat; Gap = (Objective −
	// LowerBound) / LowerBound, Objective being Cost plus the stability
	// cost; ContiguityCost is what connected catchments added; Unseated
	// the pupils no seat can take (kept out of the gap).
	LowerBound     *float64 `json:"lower_bound"`
	Gap            *float64 `json:"gap"`
	Objective      *float64 `json:"objective,omitempty"`
	ContiguityCost *float64 `json:"contiguity_cost,omitempty"`
	Contiguous     bool     `json:"contiguous"`
	Stability      float64  `json:"stability_km,omitempty"`
	Unseated       int      `json:"unseated,omitempty"`
	// SeatPenaltyM is the metres each pupil beyond the seats counts in
	// objective and lower_bound when seats are short (0 otherwise).
	SeatPenaltyM float64 `json:"seat_penalty_m,omitempty"`
	// Applied is true when --apply wrote the catchments into the project.
	Applied bool `json:"applied,omitempty"`
}

type zoneAssignDoc struct {
	Zone      string `json:"zone"`
	School    string `json:"school"`
	Current   string `json:"current"`
	Students  int    `json:"students"`
	Estimated bool   `json:"estimated,omitempty"`
	Distance  int    `json:"distance_m"`
	Split     bool   `json:"split,omitempty"`
}

type schoolLoadDoc struct {
	School   string `json:"school"`
	Name     string `json:"name"`
	Students int    `json:"students"`
	Capacity int    `json:"capacity"`
	// CapacityKnown is false when the school's seats are unknown (capacity
	// is then 0 and not a limit).
	CapacityKnown bool `json:"capacity_known"`
	Zones         int  `json:"zones"`
	Pieces        int  `json:"pieces"`
	MaxDistance   int  `json:"max_distance_m"`
}

type checksDoc struct {
	Unassigned           int `json:"unassigned"`
	OverCapacity         int `json:"over_capacity"`
	OverCapacityStudents int `json:"over_capacity_students"`
	NonContiguous        int `json:"non_contiguous"`
	DetachedZones        int `json:"detached_zones"`
	BeyondRadius         int `json:"beyond_radius"`
	BeyondRadiusStudents int `json:"beyond_radius_students"`
}

func assignJSON(r *assign.Result, d *model.District) assignDoc {
	doc := assignDoc{
		Method: string(r.Method), Stage: r.Stage.String(), Year: r.Year,
		Assignments: make([]zoneAssignDoc, len(r.Assignments)),
		Schools:     make([]schoolLoadDoc, len(r.Schools)),
		Cost:        math.Round(r.Cost*10) / 10, Demand: r.Demand, Capacity: r.Capacity,
		Yield: math.Round(r.Yield*1e6) / 1e6, YieldSource: r.YieldSource, ServiceRadius: r.Radius,
		CapacityUnknown: r.CapacityUnknown,
	}
	if r.Method == assign.MethodOptimal {
		round := func(x float64) *float64 { v := math.Round(x*10) / 10; return &v }
		gap := math.Round(r.Gap*1e5) / 1e5
		doc.LowerBound, doc.Gap, doc.Objective = round(r.LowerBound), &gap, round(r.Objective)
		doc.ContiguityCost, doc.Contiguous = round(r.ContiguityCost), r.Contiguous
		doc.Stability, doc.Unseated, doc.SeatPenaltyM = r.Stability, r.Unseated, math.Round(r.SeatPenalty)
	} else {
		doc.Contiguous = r.Checks.NonContiguous == 0
	}
	if r.CapacityUnknown > 0 {
		doc.CapacityNote = "schools with capacity_known false have no seat count in the source: " +
			"they are left out of capacity, have no seat limit and are never over capacity"
	}
	for i, a := range r.Assignments {
		cur := ""
		if i < len(d.Zones) {
			cur = d.Zones[i].SchoolFor(r.Stage)
		}
		if a.School != cur {
			doc.Changed++
		}
		doc.Assignments[i] = zoneAssignDoc{
			Zone: a.Zone, School: a.School, Current: cur, Students: a.Students, Estimated: a.Estimated,
			Distance: int(math.Round(a.Distance)), Split: a.Split,
		}
	}
	for j, s := range r.Schools {
		doc.Schools[j] = schoolLoadDoc{
			School: s.School, Name: s.Name, Students: s.Students, Capacity: s.Capacity,
			CapacityKnown: !s.CapacityUnknown, Zones: s.Zones, Pieces: s.Pieces, MaxDistance: int(math.Round(s.MaxDistance)),
		}
	}
	c := r.Checks
	doc.Checks = checksDoc{
		Unassigned: c.Unassigned, OverCapacity: c.OverCapacity, OverCapacityStudents: c.OverCapacityStudents,
		NonContiguous: c.NonContiguous, DetachedZones: c.DetachedZones,
		BeyondRadius: c.BeyondRadius, BeyondRadiusStudents: c.BeyondRadiusStudents,
	}
	return doc
}

// boundLines are the optimal method's objective, lower bound, gap, cost of
// contiguity and unseated pupils in words.
func boundLines(r *assign.Result) []string {
	x := func(key, fallback string, data map[string]any) string { return lang.X(key, fallback, data) }
	var out []string
	if r.Stability > 0 {
		out = append(out, x("assign.stability", "Stability: a zone leaves its current school only to save {{.W}} km per pupil",
			map[string]any{"W": fmt.Sprintf("%g", r.Stability)}))
	}
	if math.Abs(r.Objective-r.Cost) >= 0.05 {
		out = append(out, x("assign.objective", "Objective (travel, stability, pupils beyond the seats): {{.Objective}} pupil-km",
			map[string]any{"Objective": fmt.Sprintf("%.1f", r.Objective)}))
	}
	out = append(out, x("assign.bound", "Lower bound: {{.Bound}} pupil-km; gap {{.Gap}} %",
		map[string]any{"Bound": fmt.Sprintf("%.1f", r.LowerBound), "Gap": fmt.Sprintf("%.2f", 100*r.Gap)}))
	if r.Contiguous {
		out = append(out, x("assign.contiguity_cost", "Cost of connected catchments: {{.Cost}} pupil-km of the objective",
			map[string]any{"Cost": fmt.Sprintf("%.1f", r.ContiguityCost)}))
	}
	if r.Unseated > 0 {
		out = append(out, x("assign.unseated", "Pupils no seat can take: {{.N}} (outside the gap; each other pupil beyond the seats counts {{.Penalty}} m)",
			map[string]any{"N": r.Unseated, "Penalty": fmt.Sprintf("%.0f", r.SeatPenalty)}))
	}
	return out
}

// printAssign writes the human-readable report: one row per school, then
// the checks and the totals.
func printAssign(w io.Writer, r *assign.Result, changed int) error {
	fmt.Fprintf(w, "%s — %s, %s, %d\n\n", tr("assign.title", "Catchments"),
		tr("assign.method."+string(r.Method), string(r.Method)), levelName(r.Stage), r.Year)
	tw := newTabWriter(w, false)
	fmt.Fprintln(tw, strings.Join([]string{
		tr("assign.col.school", "School"), tr("assign.col.seats", "Seats"), tr("assign.col.pupils", "Pupils"),
		tr("assign.col.over", "Over"), tr("assign.col.zones", "Zones"), tr("assign.col.pieces", "Pieces"),
		tr("assign.col.farthest", "Farthest (m)"),
	}, "\t"))
	for _, s := range r.Schools {
		over := ""
		if n := s.Over(); n > 0 {
			over = fmt.Sprintf("+%d", n)
		}
		seats := strconv.Itoa(s.Capacity)
		if s.CapacityUnknown {
			seats = tr("cli.unknown", "unknown")
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%d\t%d\t%.0f\n", s.Name, seats, s.Students, over, s.Zones, s.Pieces, s.MaxDistance)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	c := r.Checks
	x := func(key, fallback string, data map[string]any) string { return lang.X(key, fallback, data) }
	lines := []string{
		"",
		x("assign.demand", "Pupils {{.Demand}}, seats {{.Seats}} (pupil yield {{.Yield}} per resident, from {{.Source}})",
			map[string]any{"Demand": r.Demand, "Seats": r.Capacity, "Yield": fmt.Sprintf("%.4f", r.Yield),
				"Source": tr("assign.yield."+r.YieldSource, r.YieldSource)}),
		x("assign.check.unassigned", "Zones without a school: {{.N}}", map[string]any{"N": c.Unassigned}),
		x("assign.check.over", "Schools over capacity: {{.N}} ({{.Pupils}} pupils without a seat)",
			map[string]any{"N": c.OverCapacity, "Pupils": c.OverCapacityStudents}),
		x("assign.check.contiguous", "Catchments in several pieces: {{.N}} ({{.Zones}} zones cut off)",
			map[string]any{"N": c.NonContiguous, "Zones": c.DetachedZones}),
		x("assign.check.radius", "Zones beyond the {{.Radius}} m service radius: {{.N}} ({{.Pupils}} pupils)",
			map[string]any{"Radius": fmt.Sprintf("%.0f", r.Radius), "N": c.BeyondRadius, "Pupils": c.BeyondRadiusStudents}),
		x("assign.cost", "Total travel: {{.Cost}} pupil-km", map[string]any{"Cost": fmt.Sprintf("%.1f", r.Cost)}),
	}
	if r.Method == assign.MethodOptimal {
		lines = append(lines, boundLines(r)...)
	}
	lines = append(lines, x("assign.changed", "Zones that change school: {{.N}}", map[string]any{"N": changed}))
	if r.CapacityUnknown > 0 {
		lines = append(lines[:2], append([]string{x("assign.capacity_unknown",
			"Schools of unknown capacity: {{.N}} (no seat limit, never over capacity)",
			map[string]any{"N": r.CapacityUnknown})}, lines[2:]...)...)
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n")+"\n")
	return err
}
