package forecast

import (
	"math"

	"github.com/xuequ/xuequ/model"
)

// Kindergartens (幼儿园) are projected like the other schools, with their
// own entry grade −2 (小班):
//
//   - 小班 of year t = ρ × B(t − lag), where lag = Options.BirthLag − 3
//     (小班 children are 3 when grade-1 children are 6: lag 3 by default;
//     the same BirthCutoff blend), B the births of the zones of the
//     kindergarten's township (School.Township; every zone when it has
//     none or its township has no births), and ρ the kindergarten's mean
//     小班/B(t − lag) over the window (Options.Method), as for a grade-1
//     intake (the district ρ of kindergartens when it has no such year);
//   - 中班 and 大班 progress from the grade below a year before by their
//     progression ratios, like every other grade;
//   - classes: each projected kindergarten grade opens ceil(pupils /
//     standard) classes, the standard being Standards.KindergartenClass
//     (25/30/35, 幼儿园工作规程 art. 11): kindergartens form their classes
//     every year (see kindergartenClasses).
//
// Kindergartens whose history has no 小班/中班 (only 大班 records) project
// grade 0 alone, carried forward as before (classes at the standard).
//
// Worked example (TestKindergartenChain, BirthCutoff 1): township births
// 130 (2020), 140 (2021), 160 (2022); 小班 50, 55, 60, 65 in 2020–2023 against births
// 100, 110, 120, 130 of 2017–2020 ⇒ ρ = 0.5; 小班 2024 = 0.5 × 140 = 70,
// 2025 = 0.5 × 160 = 80. 中班 ratio = mean(49/50, 55/55, 57/60) = 2.93/3;
// 大班 ratio 1. 中班 2024 = 65 × 2.93/3 ≈ 63.48, 2025 = 70 × 2.93/3 ≈
// 68.37; 大班 2024 = 57, 2025 ≈ 63.48. Rounded 70 + 63 + 57 = 190 and
// 80 + 68 + 63 = 211 pupils; classes at 25/30/35: 2024 3 + 3 + 2 = 8,
// 2025 4 + 3 + 2 = 9.

// nurseryLag is the births lag of a kindergarten's 小班 intake.
func nurseryLag(opt Options) int { return max(opt.BirthLag-3, 0) }

// kindergartenIDs are the schools whose 小班/中班 records are projected:
// schools of level kindergarten (by id or name), and schools not in
// in.Schools (or of unknown level) whose history has only grades −2…0.
func kindergartenIDs(in Input) map[string]bool {
	kg := map[string]bool{}
	level := map[string]model.Level{}
	for _, s := range in.Schools {
		level[s.ID] = s.Level
		if s.Name != "" {
			if _, ok := level[s.Name]; !ok {
				level[s.Name] = s.Level
			}
		}
		if s.Level == model.LevelKindergarten {
			kg[s.ID] = true
			if s.Name != "" {
				kg[s.Name] = true
			}
		}
	}
	only := map[string]bool{}
	for _, e := range in.History {
		if l, ok := level[e.School]; ok && l != model.LevelUnknown {
			continue
		}
		k, seen := only[e.School]
		only[e.School] = (k || !seen) && e.Grade <= 0
	}
	for id, k := range only {
		if k {
			kg[id] = true
		}
	}
	return kg
}

// withoutNurseryGrades drops the records of grades −2 (小班) and −1 (中班)
// of schools that are not kindergartens (kg): the cohort model projects
// kindergartens' −2…0 and other schools' 0–12. The slice is copied only
// when it holds such records.
func withoutNurseryGrades(recs []model.Enrollment, kg map[string]bool) []model.Enrollment {
	drop := func(e model.Enrollment) bool { return e.Grade < 0 && !kg[e.School] }
	for i, e := range recs {
		if !drop(e) {
			continue
		}
		out := append([]model.Enrollment(nil), recs[:i]...)
		for _, e := range recs[i+1:] {
			if !drop(e) {
				out = append(out, e)
			}
		}
		return out
	}
	return recs
}

// hasNurseryGrades lists the schools with 小班/中班 records.
func hasNurseryGrades(recs []model.Enrollment) map[string]bool {
	out := map[string]bool{}
	for _, e := range recs {
		if e.Grade < 0 {
			out[e.School] = true
		}
	}
	return out
}

// fillNurseryBirths gives each kindergarten projected from 小班 the births
// of its township's zones (every zone's when it has no township or its
// township has none), over the same years as fillBirths (r.bLo on). A year
// counts only when every zone of the area that has births has that year.
func (r *run) fillNurseryBirths(in Input) {
	if len(in.Births) == 0 {
		return
	}
	hi := r.bLo
	for _, b := range in.Births {
		hi = max(hi, b.Year)
	}
	n := hi - r.bLo + 1
	township := make(map[string]string, len(in.Zones))
	for _, z := range in.Zones {
		township[z.ID] = z.Township
	}
	// Births by area ("" = the county) and year, and zones per area.
	type area struct {
		births []float64
		counts []int
		zones  map[string]bool
	}
	areas := map[string]*area{}
	add := func(key, zone string, b model.Births) {
		a := areas[key]
		if a == nil {
			a = &area{births: make([]float64, n), counts: make([]int, n), zones: map[string]bool{}}
			areas[key] = a
		}
		a.births[b.Year-r.bLo] += float64(b.Births)
		a.counts[b.Year-r.bLo]++
		a.zones[zone] = true
	}
	for _, b := range in.Births {
		t, ok := township[b.Zone]
		if !ok {
			continue // births of unknown zones: noted by fillBirths
		}
		add("", b.Zone, b)
		if t != "" {
			add(t, b.Zone, b)
		}
	}
	townOf := map[string]string{}
	for _, s := range in.Schools {
		townOf[s.ID] = s.Township
	}
	for i := range r.schools {
		s := &r.schools[i]
		if s.first != -2 {
			continue
		}
		a := areas[townOf[s.id]]
		if a == nil {
			a = areas[""]
		}
		if a == nil {
			continue
		}
		s.births = make([]float64, n)
		for y := range s.births {
			s.births[y] = a.births[y]
			if a.counts[y] < len(a.zones) {
				s.births[y] = math.NaN()
			}
		}
	}
}

// kindergartenClasses sets the classes of projected kindergarten grades
// (−2…0 of kindergartens) to ceil(pupils / KindergartenClassSize).
func kindergartenClasses(schools []model.School, std model.Standards, recs []model.Enrollment) {
	kg := map[string]bool{}
	for _, s := range schools {
		if s.Level == model.LevelKindergarten {
			kg[s.ID] = true
		}
	}
	for i := range recs {
		e := &recs[i]
		if e.Grade > 0 || e.Grade < -2 || (!kg[e.School] && e.Grade == 0) {
			continue
		}
		e.Classes = 0
		if size := std.KindergartenClassSize(e.Grade); size > 0 && e.Students > 0 {
			e.Classes = (e.Students + size - 1) / size
		}
	}
}
