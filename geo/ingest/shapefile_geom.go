package ingest

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// The .shp records (ESRI Shapefile Technical Description, 1998): a
// big-endian header (record number, content length in 16-bit words), then
// little-endian content starting with the shape type.

// recordSpan is where a record's content lies in the .shp; start is -1
// when the index points outside the file, -2 when it points back into an
// earlier record.
type recordSpan struct{ start, end int }

// shapeRecords locates the records: from the .shx index when it is
// usable, else by walking the .shp. A span beyond the file is kept (and
// reported when its shape is read), so indices stay aligned with the .dbf.
func shapeRecords(shp, shx []byte) []recordSpan {
	var spans []recordSpan
	if len(shx) >= 100 && binary.BigEndian.Uint32(shx[0:4]) == 9994 {
		n := (len(shx) - 100) / 8
		spans = make([]recordSpan, 0, n)
		prevEnd := 0
		for i := 0; i < n; i++ {
			e := shx[100+8*i:]
			off := int(binary.BigEndian.Uint32(e[0:4])) * 2
			s := contentSpan(shp, off)
			if s.start >= 0 && s.start < prevEnd {
				// Records never overlap; an index that points twice at one
				// large record must not make us decode it again and again.
				s = recordSpan{start: -2, end: -2}
			}
			if s.start >= 0 && s.end <= len(shp) {
				prevEnd = s.end
			}
			spans = append(spans, s)
		}
		return spans
	}
	for pos := 100; pos+8 <= len(shp); {
		s := contentSpan(shp, pos)
		spans = append(spans, s)
		if s.end > len(shp) || s.end < s.start {
			break
		}
		pos = s.end
	}
	return spans
}

// contentSpan reads the record header at off: content starts 8 bytes on
// and is "content length" 16-bit words long. Bad offsets give an empty
// or out-of-file span, which parseShape reports.
func contentSpan(shp []byte, off int) recordSpan {
	if off < 100 || off+8 > len(shp) {
		return recordSpan{start: -1, end: -1}
	}
	words := int64(int32(binary.BigEndian.Uint32(shp[off+4 : off+8])))
	start := off + 8
	if words < 0 || int64(start)+2*words > int64(len(shp)) {
		return recordSpan{start: start, end: math.MaxInt}
	}
	return recordSpan{start: start, end: start + int(2*words)}
}

// parseShape decodes one record's content. Z and M values are ignored.
func parseShape(shp []byte, s recordSpan) (orb.Geometry, error) {
	if s.start < 0 {
		what := "outside the .shp"
		if s.start == -2 {
			what = "into the previous record"
		}
		return nil, fmt.Errorf("the .shx index points %s; the index is damaged (rebuild it: QGIS Processing → Repair Shapefile)", what)
	}
	if s.end > len(shp) {
		return nil, fmt.Errorf("the record runs past the end of the .shp; the file is truncated")
	}
	b := shp[s.start:s.end]
	if len(b) < 4 {
		return nil, fmt.Errorf("the record is too short to hold a shape type")
	}
	le := binary.LittleEndian
	pt := func(at int) orb.Point {
		return orb.Point{math.Float64frombits(le.Uint64(b[at:])), math.Float64frombits(le.Uint64(b[at+8:]))}
	}
	short := fmt.Errorf("the record is shorter than its shape needs; the file is damaged")
	typ := int(int32(le.Uint32(b)))
	switch typ {
	case 0:
		return nil, nil
	case 1, 11, 21:
		if len(b) < 20 {
			return nil, short
		}
		return pt(4), nil
	case 8, 18, 28:
		if len(b) < 40 {
			return nil, short
		}
		n := int64(int32(le.Uint32(b[36:])))
		if n < 0 || n > int64(len(b)-40)/16 {
			return nil, fmt.Errorf("the record claims %d points, more than it holds", n)
		}
		mp := make(orb.MultiPoint, n)
		for i := range mp {
			mp[i] = pt(40 + 16*i)
		}
		return mp, nil
	case 3, 13, 23, 5, 15, 25:
		rings, err := shapeParts(b)
		if err != nil {
			return nil, err
		}
		if typ%10 == 3 {
			ml := make(orb.MultiLineString, len(rings))
			for i, r := range rings {
				ml[i] = orb.LineString(r)
			}
			return ml, nil
		}
		return assemblePolygons(rings), nil
	case 31:
		return nil, fmt.Errorf("a MultiPatch (3-D surface) is not read; export the layer as polygons")
	}
	return nil, fmt.Errorf("unknown shape type %d", typ)
}

// shapeParts reads the parts of a PolyLine or Polygon record as rings.
func shapeParts(b []byte) ([]orb.Ring, error) {
	if len(b) < 44 {
		return nil, fmt.Errorf("the record is shorter than its shape needs; the file is damaged")
	}
	le := binary.LittleEndian
	nParts := int64(int32(le.Uint32(b[36:])))
	nPoints := int64(int32(le.Uint32(b[40:])))
	room := int64(len(b) - 44)
	if nParts < 0 || nPoints < 0 || nParts > room/4 || nPoints > (room-4*nParts)/16 {
		return nil, fmt.Errorf("the record claims %d parts and %d points, more than it holds", nParts, nPoints)
	}
	pts := 44 + 4*int(nParts)
	rings := make([]orb.Ring, 0, nParts)
	for p := 0; p < int(nParts); p++ {
		from := int64(int32(le.Uint32(b[44+4*p:])))
		to := nPoints
		if p+1 < int(nParts) {
			to = int64(int32(le.Uint32(b[44+4*(p+1):])))
		}
		if from < 0 || to < from || to > nPoints {
			return nil, fmt.Errorf("part %d has point indices %d…%d outside 0…%d", p, from, to, nPoints)
		}
		r := make(orb.Ring, 0, to-from)
		for i := from; i < to; i++ {
			at := pts + 16*int(i)
			r = append(r, orb.Point{math.Float64frombits(le.Uint64(b[at:])), math.Float64frombits(le.Uint64(b[at+8:]))})
		}
		rings = append(rings, r)
	}
	return rings, nil
}

// assemblePolygons groups a Polygon record's rings: outer rings are
// clockwise, holes counter-clockwise (y up); each hole goes to the
// smallest outer ring containing it. A hole inside no outer ring is kept
// as a polygon of its own. When no ring is clockwise (writers that ignore
// the rule), rings inside another ring are the holes.
func assemblePolygons(rings []orb.Ring) orb.Geometry {
	type ring struct {
		r    orb.Ring
		area float64 // absolute
		b    orb.Bound
	}
	var outers, holes []ring
	for _, r := range rings {
		a := signedArea(r)
		rr := ring{r: r, area: math.Abs(a), b: r.Bound()}
		if a > 0 {
			holes = append(holes, rr)
		} else {
			outers = append(outers, rr)
		}
	}
	if len(outers) == 0 {
		all := holes
		holes = nil
		for i, h := range all {
			inside := false
			for j, o := range all {
				if i != j && o.area > h.area && ringInside(h.r, h.b, o.r, o.b) {
					inside = true
					break
				}
			}
			if inside {
				holes = append(holes, h)
			} else {
				outers = append(outers, h)
			}
		}
	}
	polys := make(orb.MultiPolygon, len(outers))
	for i, o := range outers {
		polys[i] = orb.Polygon{o.r}
	}
	for _, h := range holes {
		best := -1
		for i, o := range outers {
			if (best < 0 || o.area < outers[best].area) && ringInside(h.r, h.b, o.r, o.b) {
				best = i
			}
		}
		if best < 0 {
			polys = append(polys, orb.Polygon{h.r})
			continue
		}
		polys[best] = append(polys[best], h.r)
	}
	if len(polys) == 1 {
		return polys[0]
	}
	return polys
}

// ringInside: inner lies in outer, judged by its bound and its first
// vertices (a hole may touch its outer ring at a vertex).
func ringInside(inner orb.Ring, ib orb.Bound, outer orb.Ring, ob orb.Bound) bool {
	if !ob.Contains(ib.Min) || !ob.Contains(ib.Max) {
		return false
	}
	for i := 0; i < len(inner) && i < 4; i++ {
		if planar.RingContains(outer, inner[i]) {
			return true
		}
	}
	return false
}

// signedArea is the shoelace area, positive for counter-clockwise rings
// with y up.
func signedArea(r orb.Ring) float64 {
	if len(r) < 3 {
		return 0
	}
	o := r[0] // relative to a vertex: Gauss-Krüger eastings are ~10⁷ m
	var s float64
	for i := 1; i+1 < len(r); i++ {
		x0, y0, x1, y1 := r[i][0]-o[0], r[i][1]-o[1], r[i+1][0]-o[0], r[i+1][1]-o[1]
		s += x0*y1 - x1*y0
	}
	return s / 2
}
