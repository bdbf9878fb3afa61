package gpkg

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// Flag bits of the GeoPackage binary header (GPKG 1.3 §2.1.3.1.1).
const (
	flagLittleEndian = 1 << 0
	flagEnvelopeMask = 0b111 << 1
	flagEmpty        = 1 << 4
	flagExtended     = 1 << 5
	flagReserved     = 0b11 << 6
)

// envelopeSizes are the envelope lengths in bytes for the envelope
// contents indicator 0–4: none, xy, xyz, xym, xyzm.
var envelopeSizes = [...]int{0, 32, 48, 48, 64}

// Header is the GeoPackage binary header in front of a geometry's WKB.
type Header struct {
	SRSID int32
	// Empty is the header's empty-geometry flag.
	Empty bool
	// Envelope is the x/y bounding box stored in the header; HasEnvelope is
	// false when the header carries none (it is then computed from the
	// geometry by Decode, and left zero by DecodeHeader).
	Envelope    orb.Bound
	HasEnvelope bool
	// WKBOffset is where the WKB starts in the blob.
	WKBOffset int
}

// ErrEmptyBlob is returned for a zero-length geometry blob.
var ErrEmptyBlob = errors.New("gpkg: empty geometry blob")

// Encode returns g as a GeoPackage geometry blob in SRS srsID: a version-0
// header in little-endian order with an x/y envelope (none when g is empty),
// followed by little-endian WKB. A nil g encodes as nil (SQL NULL).
func Encode(g orb.Geometry, srsID int32) ([]byte, error) {
	return AppendEncode(nil, g, srsID)
}

// AppendEncode is Encode appending to dst, so that a caller writing many
// rows can reuse one buffer.
func AppendEncode(dst []byte, g orb.Geometry, srsID int32) ([]byte, error) {
	if g == nil {
		return nil, nil
	}
	empty := isEmpty(g)
	flags := byte(flagLittleEndian)
	if empty {
		flags |= flagEmpty
	} else {
		flags |= 1 << 1 // envelope [minx, maxx, miny, maxy]
	}
	dst = append(dst, 'G', 'P', 0, flags)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(srsID))
	if !empty {
		b := g.Bound()
		for _, v := range [4]float64{b.Min[0], b.Max[0], b.Min[1], b.Max[1]} {
			dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(v))
		}
	}
	w := bytes.NewBuffer(dst)
	if err := wkb.NewEncoder(w).SetByteOrder(binary.LittleEndian).Encode(g); err != nil {
		return nil, fmt.Errorf("gpkg: encode %s: %w", g.GeoJSONType(), err)
	}
	return w.Bytes(), nil
}

// isEmpty reports whether g has no coordinates (GeoPackage "empty" geometry).
func isEmpty(g orb.Geometry) bool {
	switch g := g.(type) {
	case orb.Point:
		return false
	case orb.MultiPoint:
		return len(g) == 0
	case orb.LineString:
		return len(g) == 0
	case orb.MultiLineString:
		for _, l := range g {
			if len(l) > 0 {
				return false
			}
		}
		return true
	case orb.Ring:
		return len(g) == 0
	case orb.Polygon:
		for _, r := range g {
			if len(r) > 0 {
				return false
			}
		}
		return true
	case orb.MultiPolygon:
		for _, p := range g {
			if !isEmpty(p) {
				return false
			}
		}
		return true
	case orb.Collection:
		for _, c := range g {
			if !isEmpty(c) {
				return false
			}
		}
		return true
	case orb.Bound:
		return false
	}
	return false
}

// DecodeHeader parses and checks the GeoPackage binary header of b without
// touching the WKB. It never panics: a bad blob gives an error.
func DecodeHeader(b []byte) (Header, error) {
	var h Header
	if len(b) == 0 {
		return h, ErrEmptyBlob
	}
	if len(b) > MaxGeometryBytes {
		return h, fmt.Errorf("gpkg: geometry blob of %d bytes is larger than the %d byte limit", len(b), MaxGeometryBytes)
	}
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		return h, errors.New("gpkg: not a GeoPackage geometry (no \"GP\" magic)")
	}
	if b[2] != 0 {
		return h, fmt.Errorf("gpkg: unsupported GeoPackage geometry version %d (want 0)", b[2])
	}
	flags := b[3]
	if flags&flagReserved != 0 {
		return h, fmt.Errorf("gpkg: reserved geometry header flag bits set (flags 0x%02x)", flags)
	}
	if flags&flagExtended != 0 {
		return h, errors.New("gpkg: extended GeoPackage geometry types are not supported")
	}
	env := int(flags&flagEnvelopeMask) >> 1
	if env >= len(envelopeSizes) {
		return h, fmt.Errorf("gpkg: invalid envelope contents indicator %d", env)
	}
	var order binary.ByteOrder = binary.BigEndian
	if flags&flagLittleEndian != 0 {
		order = binary.LittleEndian
	}
	h.SRSID = int32(order.Uint32(b[4:8]))
	h.Empty = flags&flagEmpty != 0
	h.WKBOffset = 8 + envelopeSizes[env]
	if len(b) < h.WKBOffset {
		return h, fmt.Errorf("gpkg: geometry blob of %d bytes is shorter than its %d byte header", len(b), h.WKBOffset)
	}
	if env > 0 {
		f := func(i int) float64 { return math.Float64frombits(order.Uint64(b[8+8*i:])) }
		minX, maxX, minY, maxY := f(0), f(1), f(2), f(3)
		// An empty geometry may carry a NaN envelope; only a real one counts.
		if !math.IsNaN(minX) && !math.IsNaN(maxX) && !math.IsNaN(minY) && !math.IsNaN(maxY) {
			h.Envelope = orb.Bound{Min: orb.Point{minX, minY}, Max: orb.Point{maxX, maxY}}
			h.HasEnvelope = true
		}
	}
	return h, nil
}

// Decode parses a GeoPackage geometry blob into an orb geometry and its
// header. Only 2D WKB types 1–7 are supported (no Z/M). When the header has
// no envelope, Header.Envelope is computed from the geometry. Bad blobs give
// an error, never a panic; a nil or empty blob is an error too (callers map
// SQL NULL themselves).
func Decode(b []byte) (orb.Geometry, Header, error) {
	h, err := DecodeHeader(b)
	if err != nil {
		return nil, h, err
	}
	g, err := decodeWKB(b[h.WKBOffset:])
	if err != nil {
		return nil, h, err
	}
	if !h.HasEnvelope && !isEmpty(g) {
		h.Envelope = g.Bound()
		h.HasEnvelope = true
	}
	return g, h, nil
}

// GeometryTypeName returns the GeoPackage geometry type name of g as used in
// gpkg_geometry_columns (POINT, MULTIPOLYGON, …).
func GeometryTypeName(g orb.Geometry) string {
	switch g.(type) {
	case orb.Point:
		return "POINT"
	case orb.MultiPoint:
		return "MULTIPOINT"
	case orb.LineString:
		return "LINESTRING"
	case orb.MultiLineString:
		return "MULTILINESTRING"
	case orb.Polygon, orb.Ring, orb.Bound:
		return "POLYGON"
	case orb.MultiPolygon:
		return "MULTIPOLYGON"
	case orb.Collection:
		return "GEOMETRYCOLLECTION"
	}
	return "GEOMETRY"
}
