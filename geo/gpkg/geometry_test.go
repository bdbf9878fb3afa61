package gpkg

import (
	"bytes"
	"encoding/binary"
	"math"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
)

var square = orb.Ring{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}
var hole = orb.Ring{{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	geoms := []orb.Geometry{
		orb.Point{117.28, 31.86},
		orb.MultiPoint{{1, 2}, {3, 4}},
		orb.LineString{{1, 2}, {3, 4}, {5, -6}},
		orb.MultiLineString{{{1, 2}, {3, 4}}, {{0, 0}, {1, 1}}},
		orb.Polygon{square, hole},
		orb.MultiPolygon{{square, hole}, {{{10, 10}, {11, 10}, {11, 11}, {10, 10}}}},
		orb.Collection{orb.Point{1, 2}, orb.LineString{{0, 0}, {1, 1}}},
	}
	for _, g := range geoms {
		b, err := Encode(g, 4326)
		if err != nil {
			t.Fatalf("%T: %v", g, err)
		}
		if string(b[:2]) != "GP" || b[2] != 0 || b[3] != 0b0011 {
			t.Errorf("%T: header % x, want GP, version 0, flags 0x03 (LE, xy envelope)", g, b[:4])
		}
		got, h, err := Decode(b)
		if err != nil {
			t.Fatalf("%T: decode: %v", g, err)
		}
		if !reflect.DeepEqual(got, g) {
			t.Errorf("%T: got %v, want %v", g, got, g)
		}
		if h.SRSID != 4326 || !h.HasEnvelope || h.Empty || h.Envelope != g.Bound() {
			t.Errorf("%T: header %+v, want srs 4326 and envelope %v", g, h, g.Bound())
		}
	}
}

func TestEncodeEmptyAndNil(t *testing.T) {
	b, err := Encode(nil, 4326)
	if b != nil || err != nil {
		t.Fatalf("nil geometry: %v %v, want nil blob (SQL NULL)", b, err)
	}
	b, err = Encode(orb.MultiPolygon{}, 4326)
	if err != nil {
		t.Fatal(err)
	}
	g, h, err := Decode(b)
	if err != nil || !h.Empty || h.HasEnvelope {
		t.Fatalf("empty: %v %+v %v", g, h, err)
	}
	if mp, ok := g.(orb.MultiPolygon); !ok || len(mp) != 0 {
		t.Fatalf("empty multipolygon decoded as %#v", g)
	}
}

// GDAL writes points without an envelope, big-endian headers are legal:
// both must decode, and the envelope is computed.
func TestDecodeForeignHeaders(t *testing.T) {
	wkbPoint := []byte{1, 1, 0, 0, 0}
	wkbPoint = binary.LittleEndian.AppendUint64(wkbPoint, math.Float64bits(3))
	wkbPoint = binary.LittleEndian.AppendUint64(wkbPoint, math.Float64bits(4))
	blob := append([]byte{'G', 'P', 0, 0, 0, 0, 0x10, 0xE6}, wkbPoint...) // big-endian header, srs 4326, no envelope
	g, h, err := Decode(blob)
	if err != nil {
		t.Fatal(err)
	}
	if g != (orb.Point{3, 4}) || h.SRSID != 4326 || !h.HasEnvelope || h.Envelope != (orb.Bound{Min: orb.Point{3, 4}, Max: orb.Point{3, 4}}) {
		t.Fatalf("got %v %+v", g, h)
	}
}

func TestDecodeBadBlobs(t *testing.T) {
	good, _ := Encode(orb.Polygon{square}, 4326)
	pointZ := append([]byte{}, good[:40]...)
	pointZ = append(pointZ, 1, 0xE9, 0x03, 0, 0) // WKB type 1001 = Point Z
	pointZ = append(pointZ, make([]byte, 24)...)
	cases := map[string][]byte{
		"empty":            {},
		"short":            []byte("GP"),
		"no magic":         append([]byte("XX"), good[2:]...),
		"version 1":        append([]byte{'G', 'P', 1}, good[3:]...),
		"extended":         append([]byte{'G', 'P', 0, good[3] | flagExtended}, good[4:]...),
		"envelope 7":       append([]byte{'G', 'P', 0, 0x0F}, good[4:]...),
		"truncated header": good[:20],
		"truncated wkb":    good[:len(good)-5],
		"no wkb":           good[:40],
		"Z type":           pointZ,
		"huge ring count":  append(append([]byte{}, good[:45]...), 0xFF, 0xFF, 0xFF, 0x7F),
	}
	for name, b := range cases {
		if _, _, err := Decode(b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, g := range []orb.Geometry{orb.Point{1, 2}, orb.Polygon{square, hole}, orb.MultiPolygon{{square}},
		orb.Collection{orb.Point{1, 2}, orb.MultiPoint{{1, 1}}}} {
		b, _ := Encode(g, 4326)
		f.Add(b)
	}
	// Hostile shapes: nesting at and over the limit, many empty rings,
	// counts larger than the blob.
	f.Add(nestedCollections(MaxNestingDepth))
	f.Add(nestedCollections(MaxNestingDepth + 1))
	f.Add(emptyRings(1000))
	f.Add(emptyRings(0)[:13])
	f.Fuzz(func(t *testing.T, b []byte) {
		g, h, err := Decode(b)
		if err != nil {
			return
		}
		_ = CheckLonLat(g)
		// Whatever decodes must encode and decode again to the same thing.
		b2, err := Encode(g, h.SRSID)
		if err != nil {
			return // e.g. a collection holding a type orb cannot write
		}
		g2, _, err := Decode(b2)
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		// Compare encodings, not values: NaN coordinates are legal and
		// never equal themselves.
		if b3, _ := Encode(g2, h.SRSID); !bytes.Equal(b2, b3) {
			t.Fatalf("round trip changed %v to %v", g, g2)
		}
	})
}
