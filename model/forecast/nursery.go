package forecast

import "github.com/xuequ/xuequ/model"

// withoutNurseryGrades drops the kindergarten grades below 大班 (−2 小班,
// −1 中班) from a history: the cohort model projects grades 0–12, and
// package preschool projects kindergartens from births. The slice is
// copied only when it holds such records.
func withoutNurseryGrades(recs []model.Enrollment) []model.Enrollment {
	for i, e := range recs {
		if e.Grade >= 0 {
			continue
		}
		out := append([]model.Enrollment(nil), recs[:i]...)
		for _, e := range recs[i+1:] {
			if e.Grade >= 0 {
				out = append(out, e)
			}
		}
		return out
	}
	return recs
}
