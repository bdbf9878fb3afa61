package main

import (
	"fmt"
	"io"

	lang "github.com/xuequ/xuequ/app/i18n"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/estates"
	"github.com/xuequ/xuequ/model/preschool"
)

// The preschool (学前) and estates (配套学校) blocks of analyze --json
// (issue 14); analyze.go calls addPlanningBlocks.

type preschoolDoc struct {
	Year          int                        `json:"year"`
	Projected     bool                       `json:"projected"`
	Targets       preschoolTargets           `json:"targets"`
	County        preschoolAreaDoc           `json:"county"`
	Townships     []preschoolAreaDoc         `json:"townships"`
	Catchments    []preschoolAreaDoc         `json:"catchments"`
	Kindergartens []preschoolKindergartenDoc `json:"kindergartens"`
}

type preschoolTargets struct {
	GrossEnrolment float64 `json:"gross_enrolment"`
	PublicShare    float64 `json:"public_share"`
	InclusiveShare float64 `json:"inclusive_share"`
}

type preschoolAreaDoc struct {
	Area     string `json:"area"` // township name, catchment school id, "" for the county
	Name     string `json:"name"`
	Children int    `json:"children"`
	// ChildrenSource: births (lagged 3–5 years), age_count, estimate
	// (population × share) or none; the worst of the area's zones.
	ChildrenSource string   `json:"children_source"`
	Kindergartens  int      `json:"kindergartens"`
	Places         int      `json:"places"`
	Enrolled       int      `json:"enrolled"`
	GrossEnrolment *float64 `json:"gross_enrolment"` // null without children
	PublicShare    *float64 `json:"public_share"`    // null without pupils
	InclusiveShare *float64 `json:"inclusive_share"`
	PlacesNeeded   int      `json:"places_needed"`
	PlaceGap       int      `json:"place_gap"`
	GrossMet       bool     `json:"gross_enrolment_met"`
	PublicMet      bool     `json:"public_share_met"`
	InclusiveMet   bool     `json:"inclusive_share_met"`
}

type preschoolKindergartenDoc struct {
	School       string    `json:"school"`
	Name         string    `json:"name"`
	Township     string    `json:"township"`
	Catchment    string    `json:"catchment"`
	Public       bool      `json:"public"`
	Inclusive    bool      `json:"inclusive"`
	Places       int       `json:"places"`
	Enrolled     int       `json:"enrolled"`
	Classes      int       `json:"classes"`
	OverStandard int       `json:"over_standard_classes"`
	Grades       []kgGrade `json:"grades"`
}

type kgGrade struct {
	Grade      int    `json:"grade"`
	Students   int    `json:"students"`
	Classes    int    `json:"classes"`
	ClassSizes []int  `json:"class_sizes"`
	Status     string `json:"status"` // standard | over_standard
}

type estateDoc struct {
	Zone              string         `json:"zone"`
	Name              string         `json:"name"`
	Year              int            `json:"year"`
	Dwellings         int            `json:"dwellings"`
	Residents         int            `json:"residents"`
	Needed            stagePair      `json:"needed"`
	SpareWithinRadius *stagePair     `json:"spare_within_radius"` // null: no analysis of the year
	Shortfall         stagePair      `json:"shortfall"`
	NeedsSchool       bool           `json:"needs_school"`
	SuggestedScale    *suggestionDoc `json:"suggested_scale"`
}

type stagePair struct {
	Primary int `json:"primary"`
	Junior  int `json:"junior"`
}

type suggestionDoc struct {
	Level   string `json:"level"`
	Classes int    `json:"classes"`
	Seats   int    `json:"seats"`
}

// addPlanningBlocks fills the preschool and estates blocks of doc for the
// input's district and year.
func addPlanningBlocks(doc *analyzeDoc, in *inputs, year int) {
	p := preschoolJSON(preschool.Assess(in.District, year, yearRecords(in, year)))
	doc.Preschool = &p
	doc.Estates = estatesJSON(estates.Assess(in.District, estateAnalyzer(in)))
}

// yearRecords are the enrolment records analyzeYear analyses for year:
// the history, or past it (a project file only) the projection of
// forecast.District; nil when there are none.
func yearRecords(in *inputs, year int) []model.Enrollment {
	d := in.District
	_, last := d.Years()
	if len(d.History) == 0 || year <= last {
		return d.History
	}
	if in.Project == "" {
		return nil
	}
	res, err := projectFor(in, year-last)
	if err != nil {
		return nil
	}
	return res.Records
}

// estateAnalyzer analyses a year of the history, or of the projection (a
// project file only) through analyzeYear, the same numbers as `analyze`.
func estateAnalyzer(in *inputs) estates.Analyzer {
	d := in.District
	return func(y int) (model.Analysis, bool) {
		first, last := d.Years()
		if len(d.History) == 0 || y < first || (y > last && in.Project == "") {
			return model.Analysis{}, false
		}
		a, err := analyzeYear(in, y)
		return a, err == nil
	}
}

func preschoolJSON(r preschool.Result) preschoolDoc {
	doc := preschoolDoc{Year: r.Year, Projected: r.Projected,
		Targets: preschoolTargets{GrossEnrolment: r.GrossTarget, PublicShare: r.PublicTarget, InclusiveShare: r.InclusiveTarget},
		County:  areaJSON(r.County), Townships: []preschoolAreaDoc{}, Catchments: []preschoolAreaDoc{}, Kindergartens: []preschoolKindergartenDoc{}}
	for _, a := range r.Townships {
		doc.Townships = append(doc.Townships, areaJSON(a))
	}
	for _, a := range r.Catchments {
		doc.Catchments = append(doc.Catchments, areaJSON(a))
	}
	for _, k := range r.Kindergartens {
		kd := preschoolKindergartenDoc{School: k.School, Name: k.Name, Township: k.Township, Catchment: k.Catchment, Public: k.Public,
			Inclusive: k.Inclusive, Places: k.Places, Enrolled: k.Enrolled, Classes: k.Classes, OverStandard: k.OverStandard,
			Grades: []kgGrade{}}
		for _, g := range k.Grades {
			st := model.StatusStandard
			if g.OverStandard {
				st = model.StatusOverStandard
			}
			kd.Grades = append(kd.Grades, kgGrade{Grade: int(g.Grade), Students: g.Students, Classes: g.Classes,
				ClassSizes: g.ClassSizes, Status: st.String()})
		}
		doc.Kindergartens = append(doc.Kindergartens, kd)
	}
	return doc
}

func areaJSON(a preschool.Area) preschoolAreaDoc {
	d := preschoolAreaDoc{Area: a.Key, Name: a.Name, Children: a.Children, ChildrenSource: a.Source.String(),
		Kindergartens: a.Kindergartens, Places: a.Places, Enrolled: a.Enrolled, PlacesNeeded: a.PlacesNeeded,
		PlaceGap: a.PlaceGap, GrossMet: a.GrossMet, PublicMet: a.PublicMet, InclusiveMet: a.InclusiveMet}
	if a.GrossKnown {
		d.GrossEnrolment = floatPtr(a.GrossEnrolment)
	}
	if a.ShareKnown {
		d.PublicShare, d.InclusiveShare = floatPtr(a.PublicShare), floatPtr(a.InclusiveShare)
	}
	return d
}

func floatPtr(x float64) *float64 { return &x }

func estatesJSON(es []estates.Estate) []estateDoc {
	out := make([]estateDoc, 0, len(es))
	for _, e := range es {
		ed := estateDoc{Zone: e.Zone, Name: e.Name, Year: e.Year, Dwellings: e.Dwellings, Residents: e.Residents,
			Needed: stagePair{e.Needed[0], e.Needed[1]}, Shortfall: stagePair{e.Shortfall[0], e.Shortfall[1]},
			NeedsSchool: e.NeedsSchool}
		if e.SpareKnown {
			ed.SpareWithinRadius = &stagePair{e.Spare[0], e.Spare[1]}
		}
		if s := e.Suggested; s != nil {
			ed.SuggestedScale = &suggestionDoc{Level: s.Level.String(), Classes: s.Classes, Seats: s.Seats}
		}
		out = append(out, ed)
	}
	return out
}

// printPlanning adds the 学前 and 配套 lines to analyze's table: the
// county's rates against their targets, and each estate that needs a
// school as it stands in the year.
func printPlanning(w io.Writer, in *inputs, year int) error {
	r := preschool.Assess(in.District, year, yearRecords(in, year))
	c := r.County
	if c.Kindergartens > 0 || c.Children > 0 {
		fmt.Fprintf(w, "\n%s: %s %s  %s %s  %s %s  %s %d/%d\n", tr("cli.preschool.title", "Pre-school"),
			tr("cli.preschool.gross", "gross enrolment"), rate(c.GrossEnrolment, c.GrossKnown, r.GrossTarget),
			tr("cli.preschool.public", "public"), rate(c.PublicShare, c.ShareKnown, r.PublicTarget),
			tr("cli.preschool.inclusive", "inclusive"), rate(c.InclusiveShare, c.ShareKnown, r.InclusiveTarget),
			tr("cli.preschool.places", "places/needed"), c.Places, c.PlacesNeeded)
	}
	an := estateAnalyzer(in)
	var a *model.Analysis
	if x, ok := an(year); ok {
		a = &x
	}
	for _, e := range estates.AssessYear(in.District, year, a) {
		if !e.NeedsSchool {
			continue
		}
		s := e.Suggested
		scale := lang.X("cli.estates.scale", "{{.Level}}, {{.C}} classes, {{.S}} seats",
			map[string]any{"Level": levelName(s.Level), "C": s.Classes, "S": s.Seats})
		if _, err := fmt.Fprintf(w, "%s %s: %d %s, %s %d/%d; %s %s\n", tr("cli.estates.title", "New estate"), e.Name,
			e.Dwellings, tr("cli.estates.dwellings", "dwellings"), tr("cli.estates.needed", "places needed primary/junior"),
			e.Needed[0], e.Needed[1], tr("cli.estates.suggest", "needs a school:"), scale); err != nil {
			return err
		}
	}
	return nil
}

// rate is "94.1% (95%)", ✗ when below the target, "—" when unknown.
func rate(v float64, known bool, target float64) string {
	if !known {
		return "—"
	}
	s := fmt.Sprintf("%.1f%% (%.0f%%)", 100*v, 100*target)
	if v < target-1e-9 {
		s += "✗"
	}
	return s
}
