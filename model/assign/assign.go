package assign

import (
	"errors"
	"fmt"
	"math"

	"github.com/xuequ/xuequ/model"
)

// Method is how zones are put into catchments. Its value is the stable
// machine name used on the command line and in JSON.
type Method string

const (
	// MethodNearest puts each zone into the catchment of the nearest school
	// of the stage, whatever its seats.
	MethodNearest Method = "nearest"
	// MethodNetwork would use road distances; see ErrNoRoadNetwork.
	MethodNetwork Method = "network"
	// MethodOptimal minimises total pupil-kilometres subject to the
	// schools' seats (see Problem.Optimal).
	MethodOptimal Method = "optimal"
	// MethodCurrent keeps the district's own catchments (Zone.PrimarySchool
	// / JuniorSchool) and only checks them.
	MethodCurrent Method = "current"
)

// ErrNoRoadNetwork is returned for MethodNetwork.
var ErrNoRoadNetwork = errors.New("network distances need a road network, which Xuequ does not have offline; " +
	"use the nearest or optimal method (straight-line distances)")

// ParseMethod reads a method name (nearest, network, optimal, current).
func ParseMethod(s string) (Method, error) {
	switch m := Method(s); m {
	case MethodNearest, MethodNetwork, MethodOptimal, MethodCurrent:
		return m, nil
	}
	return "", fmt.Errorf("unknown assignment method %q: use nearest, optimal or current", s)
}

// DefaultCandidates is how many nearest schools per zone the optimal method
// considers at first; it widens the choice when that forces avoidable
// overflow.
const DefaultCandidates = 8

// DefaultTolerance is the gap in metres up to which two zones count as
// neighbours for the contiguity check (digitised boundaries rarely match
// exactly).
const DefaultTolerance = 5.0

// Options chooses what Assign does.
type Options struct {
	Stage  model.Level // model.LevelPrimary or model.LevelJunior
	Method Method      // "" = MethodOptimal
	// Year is the history year whose enrollment and seats are used (0 = the
	// last year of the history).
	Year int
	// Candidates is the number of nearest schools per zone the optimal
	// method starts from (0 = DefaultCandidates).
	Candidates int
	// Tolerance is the adjacency tolerance in metres (0 = DefaultTolerance).
	Tolerance float64
	// AllowPieces lets the optimal method leave catchments in several
	// pieces; by default every catchment is connected (see Problem.Solve).
	AllowPieces bool
	// Stability is the cost in kilometres per pupil of moving a zone away
	// from its current school (optimal method): today's catchments stay
	// unless a move saves at least that much travel per pupil. 0 = none.
	Stability float64
}

// Assign computes catchments for one stage of district d and checks them.
// It does not modify d; apply the result with app.Reassign.
func Assign(d *model.District, opt Options) (*Result, error) {
	if opt.Method == "" {
		opt.Method = MethodOptimal
	}
	if opt.Method == MethodNetwork {
		return nil, ErrNoRoadNetwork
	}
	if _, err := ParseMethod(string(opt.Method)); err != nil {
		return nil, err
	}
	p, err := Prepare(d, opt.Stage, opt.Year)
	if err != nil {
		return nil, err
	}
	if opt.Tolerance > 0 {
		p.tol = opt.Tolerance
	}
	if len(p.Schools) == 0 && opt.Method != MethodCurrent {
		return nil, fmt.Errorf("district %q has no %s school: add schools of that stage (学段) before drawing catchments",
			d.Name, opt.Stage)
	}
	if opt.Stability < 0 || math.IsNaN(opt.Stability) || math.IsInf(opt.Stability, 0) {
		return nil, fmt.Errorf("stability %v: give a cost in kilometres per pupil moved, 0 or more", opt.Stability)
	}
	var schoolOf []int
	var sol *Solution
	switch opt.Method {
	case MethodNearest:
		schoolOf = p.Nearest()
	case MethodOptimal:
		so := OptimalOptions{Candidates: opt.Candidates, Contiguity: !opt.AllowPieces, Stability: opt.Stability}
		if opt.Stability > 0 {
			so.Current = p.Current(d)
		}
		sol = p.Solve(so)
		schoolOf = sol.SchoolOf
	case MethodCurrent:
		schoolOf = p.Current(d)
	}
	r := p.Evaluate(schoolOf)
	r.Method = opt.Method
	if sol != nil {
		r.setBound(sol, opt.Stability)
		r.Contiguous = !opt.AllowPieces
	}
	return r, nil
}

// Current returns the district's own catchments as school indices into
// p.Schools (−1 where a zone has no school of the stage or an unknown one).
// d must be the district p was prepared from.
func (p *Problem) Current(d *model.District) []int {
	index := make(map[string]int, len(p.Schools))
	for j, s := range p.Schools {
		index[s.ID] = j
	}
	out := make([]int, len(p.Zones))
	for i := range out {
		out[i] = -1
		if i < len(d.Zones) {
			if j, ok := index[d.Zones[i].SchoolFor(p.Stage)]; ok {
				out[i] = j
			}
		}
	}
	return out
}

// Nearest returns, for each zone, the index into p.Schools of the nearest
// school (−1 for a zone without geometry or when there are no schools).
func (p *Problem) Nearest() []int {
	out := make([]int, len(p.Zones))
	f := newNearestFinder(p.Schools)
	var buf []candidate
	for i, z := range p.Zones {
		out[i] = -1
		if !z.Located {
			continue
		}
		if buf = f.nearest(z.Point, 1, buf); len(buf) > 0 {
			out[i] = int(buf[0].school)
		}
	}
	return out
}
