package geo

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// Note records one thing a repair did, for the import report. Code is
// stable (for translation in the UI); Msg is English.
type Note struct {
	Code string
	Msg  string
	// Args are the values in Msg, for translating it: Ring (0 = outer
	// ring, k = hole k, as numbered in the input), Hole, N, X, Y (the
	// input's units, lon/lat for imports), Loops, Case, Other (a part
	// number), Before, After, Area (m², see Area), Change (%), Pieces,
	// and Part (1-based, only for a MultiPolygon of several parts).
	Args map[string]any
}

// Repair note codes.
const (
	NoteNonFinite        = "non-finite-dropped"   // NaN/Inf vertices removed
	NoteDuplicates       = "duplicate-points"     // consecutive repeated vertices removed
	NoteRingClosed       = "ring-closed"          // last vertex added to close a ring
	NoteRingDropped      = "ring-dropped"         // ring with < 3 distinct points, or all on one line, removed
	NoteOrientation      = "orientation-fixed"    // outer ring made CCW / hole made CW (N = rings)
	NoteSelfIntersection = "self-intersection"    // ring crossed or touched itself; rebuilt by the even-odd rule
	NoteHoleOutside      = "hole-outside-dropped" // hole not inside its outer ring removed
	NotePolygonDropped   = "polygon-dropped"      // nothing with area was left
	NoteHoleClipped      = "hole-clipped"         // hole crossed its outer ring; only its part inside counts
	NotePartsOverlap     = "parts-overlap"        // two parts of a MultiPolygon overlapped; merged
	NotePartRepaired     = "part-repaired"        // a part was rebuilt: area before/after, pieces
)

// maxCoord bounds usable coordinates: larger values (and NaN/Inf) are
// dropped as garbage; no CRS in use reaches 1e15.
const maxCoord = 1e15

// RepairMultiPolygon returns an OGC-valid version of mp (Validate(out)
// is nil) and what was done. Cheap fixes come first:
//   - vertices with NaN/Inf (or beyond ±1e15) coordinates are dropped;
//   - consecutive duplicate vertices are dropped; unclosed rings closed;
//   - rings with fewer than 3 distinct points, or all of them on one
//     line, are dropped (a dropped outer ring drops its polygon);
//   - outer rings are made counter-clockwise and holes clockwise.
//
// If the result is valid, that is all (so valid input costs one
// Validate). Otherwise the whole multipolygon is rebuilt (see rebuild):
// the area kept is the union over parts of (outer ring minus the union
// of its holes), each ring enclosing what the even-odd rule says. So a
// bow-tie becomes two triangles, a ring touching itself two polygons, a
// hole outside its shell is dropped, a hole crossing it is clipped,
// overlapping holes are merged, overlapping or duplicate parts are merged,
// and spikes and zero-width slivers disappear. Rebuilt vertices lie on a
// lattice of step ≈ extent/2^28 (see lattice). Each ring that met itself,
// each clipped or dropped hole, each overlap and each rebuilt part with
// its area before and after (m², computed as Area does, so meaningful for
// lon/lat input; "before" is the shoelace area of the rings as drawn,
// which is what most GIS show for an invalid ring) gets a Note.
//
// Cost: O(n log n) for n vertices when mp is valid or only needs the
// cheap fixes; O((n + k) log n) with k self-crossings otherwise (a
// 30,000-vertex star with ~10⁴ crossings takes about 0.5 s of CPU; see
// BenchmarkRepair).
func RepairMultiPolygon(mp orb.MultiPolygon) (orb.MultiPolygon, []Note) {
	r := &repairer{multi: len(mp) > 1}
	var parts []cleanPart
	for pi, p := range mp {
		if cp, ok := r.clean(pi, p); ok {
			parts = append(parts, cp)
		}
	}
	out := make(orb.MultiPolygon, len(parts))
	fixed := 0
	for k, cp := range parts {
		poly := make(orb.Polygon, len(cp.rings))
		for j, ring := range cp.rings {
			want := 1
			if j > 0 {
				want = -1
			}
			if ringTurn(ring) != want {
				slices.Reverse(ring) // ring is clean's own copy
				fixed++
			}
			poly[j] = ring
		}
		out[k] = poly
	}
	if Validate(out) == nil {
		if fixed > 0 {
			r.notes = append(r.notes, Note{Code: NoteOrientation, Args: map[string]any{"N": fixed},
				Msg: fmt.Sprintf("reoriented %d ring(s): outer rings counter-clockwise, holes clockwise", fixed)})
		}
		return out, r.notes
	}
	return r.rebuild(parts, out), r.notes
}

// RepairPolygon repairs one polygon as RepairMultiPolygon does.
func RepairPolygon(p orb.Polygon) (orb.MultiPolygon, []Note) {
	return RepairMultiPolygon(orb.MultiPolygon{p})
}

type repairer struct {
	notes []Note
	multi bool
}

// cleanPart is a polygon after the cheap fixes: its kept rings (shell
// first) and their indices in the input polygon.
type cleanPart struct {
	in    int
	rings []orb.Ring
	orig  []int
}

// add records a note about part pi (0-based), labelling it when the
// multipolygon has several parts.
func (r *repairer) add(pi int, code string, args map[string]any, format string, a ...any) {
	msg := fmt.Sprintf(format, a...)
	if r.multi {
		args["Part"] = pi + 1
		msg = fmt.Sprintf("part %d: %s", pi+1, msg)
	}
	r.notes = append(r.notes, Note{Code: code, Msg: msg, Args: args})
}

func ringName(i int) string {
	if i == 0 {
		return "outer ring"
	}
	return fmt.Sprintf("hole %d", i)
}

func (r *repairer) clean(pi int, p orb.Polygon) (cleanPart, bool) {
	cp := cleanPart{in: pi}
	if len(p) == 0 {
		r.add(pi, NotePolygonDropped, map[string]any{"Case": "outer"}, "polygon dropped: its outer ring is degenerate")
		return cp, false
	}
	for i, ring := range p {
		c, n := cleanRing(ring)
		if n.nonFinite > 0 {
			r.add(pi, NoteNonFinite, map[string]any{"Ring": i, "N": n.nonFinite}, "%s: dropped %d vertices with NaN/Inf coordinates", ringName(i), n.nonFinite)
		}
		if n.closed {
			r.add(pi, NoteRingClosed, map[string]any{"Ring": i}, "%s: was not closed; closed it by repeating the first vertex", ringName(i))
		}
		if n.duplicates > 0 {
			r.add(pi, NoteDuplicates, map[string]any{"Ring": i, "N": n.duplicates}, "%s: dropped %d repeated consecutive vertices", ringName(i), n.duplicates)
		}
		if len(c) < 4 || collinear(c) {
			k := max(len(c)-1, 0)
			r.add(pi, NoteRingDropped, map[string]any{"Ring": i, "N": k}, "%s: dropped, it has %d distinct points or no area (a ring needs 3)", ringName(i), k)
			if i == 0 {
				r.add(pi, NotePolygonDropped, map[string]any{"Case": "outer"}, "polygon dropped: its outer ring is degenerate")
				return cp, false
			}
			continue
		}
		cp.rings = append(cp.rings, c)
		cp.orig = append(cp.orig, i)
	}
	return cp, true
}

type cleanCounts struct {
	nonFinite, duplicates int
	closed                bool
}

// cleanRing returns a copy of r without non-finite or repeated vertices,
// closed.
func cleanRing(r orb.Ring) (orb.Ring, cleanCounts) {
	var c cleanCounts
	out := make(orb.Ring, 0, len(r)+1)
	for _, pt := range r {
		if !finite(pt) || math.Abs(pt[0]) > maxCoord || math.Abs(pt[1]) > maxCoord {
			c.nonFinite++
			continue
		}
		if len(out) > 0 && out[len(out)-1] == pt {
			c.duplicates++
			continue
		}
		out = append(out, pt)
	}
	if len(out) > 1 && out[0] != out[len(out)-1] {
		out = append(out, out[0])
		c.closed = true
	}
	return out, c
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

// collinear reports whether every vertex of r lies on one line (exactly).
func collinear(r orb.Ring) bool {
	a, b := r[0], r[1]
	for _, c := range r[2:] {
		if orientation(a, b, c) != 0 {
			return false
		}
	}
	return true
}

// rebuild runs the full repair on the cleaned parts and reports it. The
// result is checked with Validate; should a lattice artefact slip
// through, the output is rebuilt once more, and as a last resort the
// zone is dropped with a note rather than stored invalid.
func (r *repairer) rebuild(parts []cleanPart, oriented orb.MultiPolygon) orb.MultiPolygon {
	in := make([][]orb.Ring, len(parts))
	for k, cp := range parts {
		in[k] = cp.rings
	}
	rb := rebuild(in)
	r.report(parts, oriented, rb)
	out := rb.mp
	for try := 0; try < 2 && Validate(out) != nil; try++ {
		again := make([][]orb.Ring, len(out))
		for k, p := range out {
			again[k] = p
		}
		out = rebuild(again).mp
	}
	if err := Validate(out); err != nil {
		r.notes = append(r.notes, Note{Code: NotePolygonDropped, Args: map[string]any{"Case": "empty"},
			Msg: "polygon dropped: nothing with area was left after repair (" + err.Error() + ")"})
		return nil
	}
	return out
}

// report notes what the rebuild did to each part. A part counts as
// repaired if it was invalid on its own, met itself, lost or clipped a
// hole, overlapped or merged with another part, or changed area.
func (r *repairer) report(parts []cleanPart, oriented orb.MultiPolygon, rb *rebuilt) {
	involved := make([]bool, len(parts))
	for p := range parts {
		// With one part, it was invalid (or there would be no rebuild).
		involved[p] = rb.merged[p] || len(parts) == 1 || Validate(orb.MultiPolygon{oriented[p]}) != nil
	}
	for id, ring := range rb.rings {
		cp := parts[ring.part]
		orig := cp.orig[ring.orig]
		if h := rb.self[int32(id)]; h != nil {
			involved[ring.part] = true
			at := rb.lat.point(h.first)
			r.add(cp.in, NoteSelfIntersection, map[string]any{"Ring": orig, "N": h.n, "X": at[0], "Y": at[1], "Loops": rb.pieces[ring.part]},
				"%s: crosses or touches itself at %d point(s), first at (%.7g, %.7g); rebuilt as %d polygon(s)", ringName(orig), h.n, at[0], at[1], rb.pieces[ring.part])
		}
		if !ring.hole {
			continue
		}
		switch {
		case !rb.holeIn[id]:
			involved[ring.part] = true
			r.add(cp.in, NoteHoleOutside, map[string]any{"Hole": orig}, "hole %d: dropped, it is not inside the outer ring", orig)
		case rb.holeOut[id]:
			involved[ring.part] = true
			r.add(cp.in, NoteHoleClipped, map[string]any{"Hole": orig}, "hole %d: crosses the outer ring; only its part inside counts", orig)
		}
	}
	pairs := slices.SortedFunc(maps.Keys(rb.overlap), func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	for _, pq := range pairs {
		p, q := pq[0], pq[1]
		a := rb.overlap[pq]
		involved[p], involved[q] = true, true
		r.add(parts[q].in, NotePartsOverlap, map[string]any{"Other": parts[p].in + 1, "Area": a},
			"overlaps part %d by %.0f m²; merged them", parts[p].in+1, a)
	}
	for p, cp := range parts {
		before := Area(orb.MultiPolygon{orb.Polygon(cp.rings)})
		after := rb.after[p]
		if !rb.present[p] {
			r.add(cp.in, NotePolygonDropped, map[string]any{"Case": "empty"}, "polygon dropped: nothing with area was left after repair")
			continue
		}
		if rb.pieces[p] == 0 {
			continue // lies inside another part: the overlap note says so
		}
		if !involved[p] && rb.pieces[p] == 1 && math.Abs(after-before) <= 1e-6*before {
			continue
		}
		change := 0.0
		if before > 0 {
			change = 100 * (after - before) / before
		}
		r.add(cp.in, NotePartRepaired, map[string]any{"Before": before, "After": after, "Change": change, "Pieces": rb.pieces[p]},
			"rebuilt as %d valid polygon(s); area %.0f m² → %.0f m² (%+.2f%%)", rb.pieces[p], before, after, change)
	}
}
