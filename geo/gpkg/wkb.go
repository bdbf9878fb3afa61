package gpkg

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// ErrTooComplex is wrapped by Decode's errors for a geometry over one of
// the limits in limits.go (nesting, vertices, parts).
var ErrTooComplex = errors.New("geometry too complex")

var errTooDeep = fmt.Errorf("gpkg: %w: geometries nested more than %d levels deep; delete the feature, or rebuild it as a plain (Multi)Polygon in QGIS", ErrTooComplex, MaxNestingDepth)

// WKB geometry type codes (2D only).
const (
	wkbPoint              = 1
	wkbLineString         = 2
	wkbPolygon            = 3
	wkbMultiPoint         = 4
	wkbMultiLineString    = 5
	wkbMultiPolygon       = 6
	wkbGeometryCollection = 7
)

// wkbDecoder decodes 2D WKB with bounded stack and memory: nesting is
// limited to MaxNestingDepth, every count is checked against the bytes left
// before anything is allocated, and vertices and parts are counted against
// MaxVertices and MaxParts over the whole geometry.
type wkbDecoder struct {
	b        []byte
	off      int
	vertices int
	parts    int
}

// decodeWKB decodes the WKB geometry at the start of w; trailing bytes are
// ignored, as by orb and GDAL.
func decodeWKB(w []byte) (orb.Geometry, error) {
	d := wkbDecoder{b: w}
	return d.geometry(1, 0)
}

func (d *wkbDecoder) truncated() error {
	return fmt.Errorf("gpkg: bad WKB: truncated at byte %d of %d", d.off, len(d.b))
}

// header reads a byte order marker and a type code, and checks the type
// against want (0 = any of 1–7).
func (d *wkbDecoder) header(want uint32) (binary.ByteOrder, uint32, error) {
	if len(d.b)-d.off < 5 {
		return nil, 0, d.truncated()
	}
	var order binary.ByteOrder
	switch d.b[d.off] {
	case 0:
		order = binary.BigEndian
	case 1:
		order = binary.LittleEndian
	default:
		return nil, 0, fmt.Errorf("gpkg: bad WKB byte order marker %d at byte %d", d.b[d.off], d.off)
	}
	typ := order.Uint32(d.b[d.off+1:])
	d.off += 5
	if typ < 1 || typ > 7 {
		return nil, 0, fmt.Errorf("gpkg: WKB geometry type %d is not supported (only 2D Point … GeometryCollection, codes 1–7)", typ)
	}
	if want != 0 && typ != want {
		return nil, 0, fmt.Errorf("gpkg: bad WKB: a member of type %d where type %d is required", typ, want)
	}
	return order, typ, nil
}

// count reads an element count and checks that n elements of at least
// minSize bytes each fit in the bytes left, and that they stay within the
// parts limit (vertices are checked by points).
func (d *wkbDecoder) count(order binary.ByteOrder, minSize int, parts bool) (int, error) {
	if len(d.b)-d.off < 4 {
		return 0, d.truncated()
	}
	n := int(order.Uint32(d.b[d.off:]))
	d.off += 4
	if left := len(d.b) - d.off; n > left/minSize {
		return 0, fmt.Errorf("gpkg: bad WKB: %d elements claimed at byte %d, but only %d bytes are left", n, d.off-4, left)
	}
	if parts {
		d.parts += n
		if d.parts > MaxParts {
			return 0, fmt.Errorf("gpkg: %w: more than %d parts (rings, polygons, lines or members); simplify or split the feature in QGIS", ErrTooComplex, MaxParts)
		}
	}
	return n, nil
}

func (d *wkbDecoder) point(order binary.ByteOrder) (orb.Point, error) {
	if len(d.b)-d.off < 16 {
		return orb.Point{}, d.truncated()
	}
	p := orb.Point{
		math.Float64frombits(order.Uint64(d.b[d.off:])),
		math.Float64frombits(order.Uint64(d.b[d.off+8:])),
	}
	d.off += 16
	return p, nil
}

// points reads a count and that many points (a line string or a ring).
func (d *wkbDecoder) points(order binary.ByteOrder) ([]orb.Point, error) {
	n, err := d.count(order, 16, false)
	if err != nil {
		return nil, err
	}
	d.vertices += n
	if d.vertices > MaxVertices {
		return nil, fmt.Errorf("gpkg: %w: more than %d vertices; simplify or split the feature in QGIS", ErrTooComplex, MaxVertices)
	}
	ps := make([]orb.Point, n)
	for i := range ps {
		ps[i], _ = d.point(order) // the count check guarantees the bytes
	}
	return ps, nil
}

func (d *wkbDecoder) polygon(order binary.ByteOrder) (orb.Polygon, error) {
	n, err := d.count(order, 4, true)
	if err != nil {
		return nil, err
	}
	p := make(orb.Polygon, n)
	for i := range p {
		ps, err := d.points(order)
		if err != nil {
			return nil, err
		}
		p[i] = orb.Ring(ps)
	}
	return p, nil
}

// geometry decodes the geometry at d.off, of type want (0 = any), nested
// depth levels deep (the outermost geometry is level 1).
func (d *wkbDecoder) geometry(depth int, want uint32) (orb.Geometry, error) {
	if depth > MaxNestingDepth {
		return nil, errTooDeep
	}
	order, typ, err := d.header(want)
	if err != nil {
		return nil, err
	}
	switch typ {
	case wkbPoint:
		return d.point(order)
	case wkbLineString:
		ps, err := d.points(order)
		return orb.LineString(ps), err
	case wkbPolygon:
		return d.polygon(order)
	case wkbMultiPoint:
		n, err := d.count(order, 21, true)
		if err != nil {
			return nil, err
		}
		d.vertices += n
		if d.vertices > MaxVertices {
			return nil, fmt.Errorf("gpkg: %w: more than %d vertices; simplify or split the feature in QGIS", ErrTooComplex, MaxVertices)
		}
		mp := make(orb.MultiPoint, n)
		for i := range mp {
			g, err := d.geometry(depth+1, wkbPoint)
			if err != nil {
				return nil, err
			}
			mp[i] = g.(orb.Point)
		}
		return mp, nil
	case wkbMultiLineString:
		n, err := d.count(order, 9, true)
		if err != nil {
			return nil, err
		}
		if n > 0 && depth == MaxNestingDepth {
			return nil, errTooDeep
		}
		ml := make(orb.MultiLineString, n)
		for i := range ml {
			order, _, err := d.header(wkbLineString)
			if err != nil {
				return nil, err
			}
			ps, err := d.points(order)
			if err != nil {
				return nil, err
			}
			ml[i] = orb.LineString(ps)
		}
		return ml, nil
	case wkbMultiPolygon:
		n, err := d.count(order, 9, true)
		if err != nil {
			return nil, err
		}
		if n > 0 && depth == MaxNestingDepth {
			return nil, errTooDeep
		}
		mp := make(orb.MultiPolygon, n)
		for i := range mp {
			order, _, err := d.header(wkbPolygon)
			if err != nil {
				return nil, err
			}
			if mp[i], err = d.polygon(order); err != nil {
				return nil, err
			}
		}
		return mp, nil
	default: // wkbGeometryCollection
		n, err := d.count(order, 9, true)
		if err != nil {
			return nil, err
		}
		c := make(orb.Collection, n)
		for i := range c {
			if c[i], err = d.geometry(depth+1, 0); err != nil {
				return nil, err
			}
		}
		return c, nil
	}
}
