package main

import (
	"fmt"
	"github.com/xuequ/xuequ/model"
	"io"
	"strconv"
	"strings"

	"github.com/xuequ/xuequ/model/staffing"
)

func init() {
	register(&command{
		name:    "staffing",
		summary: "teacher staffing (编制): required by 生师比/班师比 vs actual teachers per school",
		run:     runStaffing,
	})
}

func runStaffing(args []string, stdout, stderr io.Writer) error {
	return runResourceReport("staffing", args, stdout, stderr, func(a model.Analysis, d *model.District) (any, func(io.Writer) error) {
		r := staffing.Compute(a, d.Resources, d.Standards)
		return staffingJSON(r), func(w io.Writer) error { return printStaffing(w, r) }
	})
}

type staffingDoc struct {
	Year    int                `json:"year"`
	Schools []staffingSchool   `json:"schools"`
	Summary staffingSummaryDoc `json:"summary"`
}

type staffingSchool struct {
	School   string `json:"school"`
	Name     string `json:"name"`
	Students int    `json:"students"`
	Classes  int    `json:"classes"`
	Required int    `json:"required"`
	Actual   *int   `json:"actual"` // null: no resources row
	Gap      *int   `json:"gap"`    // null with actual
	Rule     string `json:"rule"`   // ratio | class
	ByRatio  int    `json:"by_ratio"`
	ByClass  int    `json:"by_class"`
	// ActualYear is the year of the teachers used (an earlier year for a
	// projected one); null with actual.
	ActualYear *int `json:"actual_year"`
}

type staffingSummaryDoc struct {
	Required int `json:"required"`
	Actual   int `json:"actual"`
	Gap      int `json:"gap"`
	Shortage int `json:"shortage"`
	Unknown  int `json:"schools_without_teachers"`
}

func staffingJSON(r staffing.Result) staffingDoc {
	doc := staffingDoc{Year: r.Year, Schools: make([]staffingSchool, 0, len(r.Schools))}
	for _, s := range r.Schools {
		sd := staffingSchool{School: s.School, Name: s.Name, Students: s.Students, Classes: s.Classes,
			Required: s.Required, Rule: string(s.Rule), ByRatio: s.ByRatio, ByClass: s.ByClass}
		if s.ActualKnown {
			sd.Actual, sd.Gap, sd.ActualYear = intPtr(s.Actual), intPtr(s.Gap), intPtr(s.ActualYear)
		}
		doc.Schools = append(doc.Schools, sd)
	}
	m := r.Summary
	doc.Summary = staffingSummaryDoc{Required: m.Required, Actual: m.Actual, Gap: m.Gap, Shortage: m.Shortage, Unknown: m.Unknown}
	return doc
}

func printStaffing(w io.Writer, r staffing.Result) error {
	fmt.Fprintf(w, "%s %d\n\n", tr("cli.staffing.title", "Teacher staffing (编制)"), r.Year)
	tw := newTabWriter(w, false)
	fmt.Fprintln(tw, strings.Join([]string{
		tr("cli.col.school", "School"), tr("cli.col.students", "Pupils"), tr("cli.col.classes", "Classes"),
		tr("cli.staffing.required", "Required"), tr("cli.staffing.actual", "Teachers"), tr("cli.staffing.gap", "Gap"),
		tr("cli.staffing.rule", "Rule"),
	}, "\t"))
	for _, s := range r.Schools {
		actual, gap := tr("cli.unknown", "unknown"), tr("cli.unknown", "unknown")
		if s.ActualKnown {
			actual, gap = strconv.Itoa(s.Actual), fmt.Sprintf("%+d", s.Gap)
		}
		rule := tr("cli.staffing.rule_ratio", "pupil-teacher ratio")
		if s.Rule == staffing.RuleClass {
			rule = tr("cli.staffing.rule_class", "small school: class-teacher ratio")
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%s\n", cmpOr(s.Name, s.School), s.Students, s.Classes, s.Required, actual, gap, rule)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	m := r.Summary
	_, err := fmt.Fprintf(w, "\n%s: %d  %s: %d  %s: %+d  %s: %d  %s: %d\n",
		tr("cli.staffing.required", "Required"), m.Required, tr("cli.staffing.actual", "Teachers"), m.Actual,
		tr("cli.staffing.gap", "Gap"), m.Gap, tr("cli.staffing.shortage", "Shortage"), m.Shortage,
		tr("cli.staffing.unknown", "Schools without teachers"), m.Unknown)
	return err
}
