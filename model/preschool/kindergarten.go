package preschool

import (
	"github.com/xuequ/xuequ/model"
)

// Grade is one kindergarten grade of a year: 小班 (−2), 中班 (−1), 大班 (0).
type Grade struct {
	Grade      model.Grade
	Students   int
	Classes    int
	ClassSizes []int
	// OverStandard: the largest class is over the grade's standard
	// (Standards.KindergartenClass: 25, 30, 35).
	OverStandard bool
}

// Kindergarten is one kindergarten in one year.
type Kindergarten struct {
	School, Name string
	Township     string // the school's, else its zone's
	Catchment    string // the primary school whose 学区 holds it ("" = none)
	Public       bool   // 公办
	Inclusive    bool   // 普惠: 公办, or 普惠性民办
	// Places is School.Capacity, else Σ classes × standard size of the
	// year's grades (0 = unknown).
	Places   int
	Enrolled int
	Classes  int
	// OverStandard counts the classes over their standard size.
	OverStandard int
	Grades       []Grade
	// Projected: the grades are the projection engine's records of the
	// year (forecast.District), not history (see Assess).
	Projected bool
}

// kindergartenGrades returns the school's records of grades −2…0 in year,
// summed per grade.
func kindergartenGrades(history []model.Enrollment, school string, year int) map[model.Grade]model.Enrollment {
	out := map[model.Grade]model.Enrollment{}
	for _, e := range history {
		if e.School != school || e.Year != year || e.Grade < -2 || e.Grade > 0 {
			continue
		}
		g := out[e.Grade]
		g.Grade, g.Students, g.Classes = e.Grade, g.Students+e.Students, g.Classes+e.Classes
		out[e.Grade] = g
	}
	return out
}

// fillGrades sets the kindergarten's grades, enrolled, classes and class
// statuses from its records of the year (history or projected); a grade
// without classes gets ⌈pupils ÷ standard⌉.
func (k *Kindergarten) fillGrades(recs map[model.Grade]model.Enrollment, std model.Standards) {
	seats := 0
	for g := model.Grade(-2); g <= 0; g++ {
		e, ok := recs[g]
		if !ok {
			continue
		}
		size := std.KindergartenClassSize(g)
		n := e.Students
		gr := Grade{Grade: g, Students: n, Classes: e.Classes}
		if gr.Classes <= 0 && n > 0 && size > 0 {
			gr.Classes = (n + size - 1) / size
		}
		gr.ClassSizes = model.SplitClasses(n, gr.Classes)
		for _, c := range gr.ClassSizes {
			if c > size {
				gr.OverStandard = true
				k.OverStandard++
			}
		}
		if gr.ClassSizes == nil {
			gr.ClassSizes = []int{}
		}
		k.Enrolled += n
		k.Classes += gr.Classes
		seats += gr.Classes * size
		k.Grades = append(k.Grades, gr)
	}
	if k.Places == 0 {
		k.Places = seats
	}
}
