package app

import (
	"reflect"
	"slices"
	"sync"

	"github.com/xuequ/xuequ/model"
)

// analysisMemo keeps each school's analysis of each year with what it was
// computed from, so that re-analysing a year after an edit (the summary
// re-analyses every projected year) recomputes only the schools whose
// records changed: a catchment edit changes the intakes of two schools,
// the other results are reused. The results are exactly model.Analyze's.
type analysisMemo struct {
	// mu: an export reads the session (AnalysisFor) off the UI goroutine
	// while it is held; the memo is the one thing a read writes.
	mu      sync.Mutex
	std     model.Standards
	years   map[int]map[string]*memoEntry
	entries int

	// scratch, reused between calls
	index map[string]int
	recs  [][]model.Enrollment
}

// memoEntry is one school's result and its inputs: the school fields
// model.AnalyzeSchool reads and the school's records of the year, in
// record order.
type memoEntry struct {
	key  memoKey
	recs []model.Enrollment
	res  model.SchoolResult
	ok   bool // the school had records: res is in the analysis
}

type memoKey struct {
	ID, Name             string
	Level                model.Level
	Capacity, Classrooms int
}

// maxMemoEntries bounds the memo (school-years): a province of 10 000
// schools over 16 years would keep hundreds of megabytes of results.
const maxMemoEntries = 40000

// analyze is model.Analyze(schools, records, year, std), reusing the
// results of schools whose inputs did not change since the last call for
// year.
func (m *analysisMemo) analyze(schools []model.School, records []model.Enrollment, year int, std model.Standards) model.Analysis {
	m.mu.Lock()
	defer m.mu.Unlock()
	std = std.OrDefault()
	if !reflect.DeepEqual(std, m.std) || m.years == nil {
		m.std, m.years, m.entries = std, map[int]map[string]*memoEntry{}, 0
	}
	memo := m.years[year]
	if memo == nil {
		if len(schools) > maxMemoEntries {
			return model.Analyze(schools, records, year, std)
		}
		if m.entries+len(schools) > maxMemoEntries {
			// Full (a province over many years): start again.
			m.years, m.entries = map[int]map[string]*memoEntry{}, 0
		}
		memo = make(map[string]*memoEntry, len(schools))
		m.years[year] = memo
	}
	if !m.group(schools, records, year) {
		// Records of unknown schools, or two schools with one ID: the
		// cases model.Analyze orders and sums specially.
		return model.Analyze(schools, records, year, std)
	}
	a := model.Analysis{Year: year, Schools: make([]model.SchoolResult, 0, len(schools))}
	for i := range schools {
		s := &schools[i]
		key := memoKey{s.ID, s.Name, s.Level, s.Capacity, s.Classrooms}
		e := memo[s.ID]
		if e == nil || e.key != key || !slices.Equal(e.recs, m.recs[i]) {
			if e == nil {
				e = &memoEntry{}
				memo[s.ID] = e
				m.entries++
			}
			e.key, e.recs = key, append(e.recs[:0], m.recs[i]...)
			e.res, e.ok = model.SchoolResult{}, false
			if r := model.Analyze(schools[i:i+1], e.recs, year, std); len(r.Schools) == 1 {
				e.res, e.ok = r.Schools[0], true
			}
		}
		if e.ok {
			a.Schools = append(a.Schools, e.res)
		}
	}
	a.Summary = model.Summarize(a.Schools, std)
	return a
}

// group puts the valid records of year into m.recs by school index; false
// when a record's school is unknown or a school ID repeats.
func (m *analysisMemo) group(schools []model.School, records []model.Enrollment, year int) bool {
	if m.index == nil {
		m.index = map[string]int{}
	}
	clear(m.index)
	for i := range schools {
		m.index[schools[i].ID] = i
	}
	if len(m.index) != len(schools) {
		return false
	}
	for len(m.recs) < len(schools) {
		m.recs = append(m.recs, nil)
	}
	for i := range m.recs {
		m.recs[i] = m.recs[i][:0]
	}
	for i := range records {
		e := &records[i]
		if e.Year != year || !e.Grade.Analysed() {
			continue
		}
		k, ok := m.index[e.School]
		if !ok {
			return false
		}
		m.recs[k] = append(m.recs[k], *e)
	}
	return true
}
