package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuequ/xuequ/model"
	"github.com/xuequ/xuequ/model/balance"
)

func init() {
	register(&command{
		name:    "balance",
		summary: "优质均衡: the seven resource indicators per school, 6-of-7 rule and 差异系数 per stage",
		run:     runBalance,
	})
}

func runBalance(args []string, stdout, stderr io.Writer) error {
	return runResourceReport("balance", args, stdout, stderr, func(a model.Analysis, d *model.District) (any, func(io.Writer) error) {
		r := balance.Assess(a, d.Resources, d.Standards)
		return balanceJSON(r), func(w io.Writer) error { return printBalance(w, r) }
	})
}

type balanceDoc struct {
	Year   int               `json:"year"`
	Stages []balanceStageDoc `json:"stages"`
}

type balanceStageDoc struct {
	Stage     string              `json:"stage"`
	Schools   []balanceSchoolDoc  `json:"schools"`
	CV        map[string]*float64 `json:"cv"` // null: no school with a value
	CVLimit   float64             `json:"cv_limit"`
	CVOK      bool                `json:"cv_ok"`
	Standards map[string]float64  `json:"standards"`
	Passing   int                 `json:"schools_passing"`
}

type balanceSchoolDoc struct {
	School   string              `json:"school"`
	Name     string              `json:"name"`
	Students int                 `json:"students"`
	Values   map[string]*float64 `json:"values"` // null: resource unknown
	Met      int                 `json:"met"`
	Passes   bool                `json:"passes"`
	// InCV is false for schools under the minimum size (教学点), listed but
	// left out of the CVs.
	InCV bool `json:"in_cv"`
}

func balanceJSON(r balance.Result) balanceDoc {
	doc := balanceDoc{Year: r.Year, Stages: make([]balanceStageDoc, 0, len(r.Stages))}
	for _, st := range r.Stages {
		sd := balanceStageDoc{Stage: st.Stage.String(), Schools: make([]balanceSchoolDoc, 0, len(st.Schools)),
			CV: indicatorMap(st.CV, st.CVKnown), CVLimit: st.CVLimit, CVOK: st.CVOK, Passing: st.Passing,
			Standards: map[string]float64{}}
		for _, ind := range model.Indicators() {
			sd.Standards[ind.Key()] = st.Standard[ind]
		}
		for _, s := range st.Schools {
			sd.Schools = append(sd.Schools, balanceSchoolDoc{School: s.School, Name: s.Name, Students: s.Students,
				Values: indicatorMap(s.Values, s.Known), Met: s.Met, Passes: s.Passes, InCV: s.InCV})
		}
		doc.Stages = append(doc.Stages, sd)
	}
	return doc
}

func indicatorMap(v [model.NumIndicators]float64, known [model.NumIndicators]bool) map[string]*float64 {
	m := make(map[string]*float64, len(v))
	for _, ind := range model.Indicators() {
		if known[ind] {
			x := v[ind]
			m[ind.Key()] = &x
		} else {
			m[ind.Key()] = nil
		}
	}
	return m
}

// indicatorName is the short column title of an indicator.
func indicatorName(i model.Indicator) string {
	return tr("cli.balance."+i.Key(), i.Key())
}

func printBalance(w io.Writer, r balance.Result) error {
	fmt.Fprintf(w, "%s %d\n", tr("cli.balance.title", "High-quality balanced development (优质均衡)"), r.Year)
	for _, st := range r.Stages {
		fmt.Fprintf(w, "\n%s\n", levelName(st.Stage))
		tw := newTabWriter(w, false)
		cols := []string{tr("cli.col.school", "School"), tr("cli.col.students", "Pupils")}
		for _, ind := range model.Indicators() {
			cols = append(cols, indicatorName(ind))
		}
		cols = append(cols, tr("cli.balance.met", "Met"), tr("cli.balance.passes", "Passes"))
		fmt.Fprintln(tw, strings.Join(cols, "\t"))
		std := make([]string, 0, len(cols))
		std = append(std, tr("cli.balance.standard", "standard"), "")
		for _, ind := range model.Indicators() {
			std = append(std, number(st.Standard[ind]))
		}
		fmt.Fprintln(tw, strings.Join(append(std, "", ""), "\t"))
		for _, s := range st.Schools {
			row := []string{cmpOr(s.Name, s.School), fmt.Sprint(s.Students)}
			for _, ind := range model.Indicators() {
				row = append(row, balanceCell(s, ind))
			}
			pass := tr("cli.yes", "yes")
			if !s.Passes {
				pass = tr("cli.no", "no")
			}
			if !s.InCV {
				pass += " " + tr("cli.balance.not_in_cv", "(not in CV)")
			}
			row = append(row, fmt.Sprint(s.Met), pass)
			fmt.Fprintln(tw, strings.Join(row, "\t"))
		}
		cv := []string{tr("cli.balance.cv", "CV (差异系数)"), ""}
		for _, ind := range model.Indicators() {
			cell := "—"
			if st.CVKnown[ind] {
				cell = fmt.Sprintf("%.3f", st.CV[ind])
				if st.CV[ind] > st.CVLimit+1e-9 {
					cell += "✗"
				}
			}
			cv = append(cv, cell)
		}
		fmt.Fprintln(tw, strings.Join(append(cv, "", ""), "\t"))
		if err := tw.Flush(); err != nil {
			return err
		}
		verdict := tr("cli.summary.met", "target met")
		if !st.CVOK {
			verdict = tr("cli.summary.missed", "target missed")
		}
		fmt.Fprintf(w, "%s ≤ %.2f: %s; %s: %d/%d\n", tr("cli.balance.cv", "CV (差异系数)"), st.CVLimit, verdict,
			tr("cli.balance.passing", "schools passing"), st.Passing, len(st.Schools))
	}
	return nil
}

// balanceCell is a school's value of an indicator, ✗ when below the
// standard, "—" when unknown.
func balanceCell(s balance.School, ind model.Indicator) string {
	if !s.Known[ind] {
		return "—"
	}
	c := number(s.Values[ind])
	if !s.Meets[ind] {
		c += "✗"
	}
	return c
}

// number prints up to two decimals without trailing zeros.
func number(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}
