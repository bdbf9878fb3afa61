package gpkg

import (
	"encoding/binary"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// gpHeader is a GeoPackage header without envelope, little-endian, SRS 4326.
func gpHeader() []byte {
	return []byte{'G', 'P', 0, 1, 0xE6, 0x10, 0, 0}
}

// nestedCollections returns a blob of depth GeometryCollections each
// holding the next, the innermost empty (9 bytes a level).
func nestedCollections(depth int) []byte {
	b := gpHeader()
	for i := 0; i < depth; i++ {
		n := uint32(1)
		if i == depth-1 {
			n = 0
		}
		b = append(b, 1)
		b = binary.LittleEndian.AppendUint32(b, 7)
		b = binary.LittleEndian.AppendUint32(b, n)
	}
	return b
}

// emptyRings returns a blob of one polygon claiming n empty rings.
func emptyRings(n int) []byte {
	b := append(gpHeader(), 1)
	b = binary.LittleEndian.AppendUint32(b, 3)
	b = binary.LittleEndian.AppendUint32(b, uint32(n))
	return append(b, make([]byte, 4*n)...)
}

func TestDecodeNestingLimit(t *testing.T) {
	// 2 million levels (18 MB): an error, not a fatal stack overflow.
	for _, depth := range []int{2_000_000, MaxNestingDepth + 1} {
		_, _, err := Decode(nestedCollections(depth))
		if !errors.Is(err, ErrTooComplex) || !strings.Contains(err.Error(), "nested more than 32 levels") {
			t.Errorf("depth %d: err %v, want the nesting limit", depth, err)
		}
	}
	g, _, err := Decode(nestedCollections(MaxNestingDepth))
	if err != nil {
		t.Fatalf("depth %d: %v", MaxNestingDepth, err)
	}
	for i := 1; i < MaxNestingDepth; i++ {
		g = g.(orb.Collection)[0]
	}
	if c, ok := g.(orb.Collection); !ok || len(c) != 0 {
		t.Errorf("innermost %#v, want an empty collection", g)
	}
}

func TestDecodeBoundedMemory(t *testing.T) {
	// 16 million empty rings in a blob under the 64 MiB cap cost 384 MB of
	// ring headers if decoded: refused by the parts limit with little memory.
	blob := emptyRings(16_000_000)
	if len(blob) > MaxGeometryBytes {
		t.Fatalf("blob of %d bytes", len(blob))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err := Decode(blob)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooComplex) || !strings.Contains(err.Error(), "more than 100000 parts") {
		t.Errorf("err %v, want the parts limit", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("decoding allocated %d bytes, want < 1 MiB", alloc)
	}
	// Counts that do not fit in the bytes left are refused before allocating.
	for name, b := range map[string][]byte{
		"rings":      emptyRings(0)[:13],
		"points":     append(append(gpHeader(), 1, 2, 0, 0, 0), 0xff, 0xff, 0xff, 0x0f),
		"collection": append(append(gpHeader(), 1, 7, 0, 0, 0), 0xff, 0xff, 0xff, 0xff),
	} {
		if name == "rings" {
			b = binary.LittleEndian.AppendUint32(b[:13], 1<<30)
		}
		n := testing.AllocsPerRun(1, func() { _, _, err = Decode(b) })
		if err == nil || !strings.Contains(err.Error(), "bytes are left") || n > 10 {
			t.Errorf("%s: err %v, %v allocations", name, err, n)
		}
	}
	if _, _, err := Decode(emptyRings(MaxParts)); err != nil {
		t.Errorf("%d empty rings: %v", MaxParts, err)
	}
}

func TestDecodeVertexLimit(t *testing.T) {
	line := func(n int) []byte {
		b := append(gpHeader(), 1)
		b = binary.LittleEndian.AppendUint32(b, 2)
		b = binary.LittleEndian.AppendUint32(b, uint32(n))
		return append(b, make([]byte, 16*n)...)
	}
	big := line(MaxVertices + 1)
	if len(big) > MaxGeometryBytes {
		t.Fatalf("blob of %d bytes", len(big))
	}
	if _, _, err := Decode(big); !errors.Is(err, ErrTooComplex) || !strings.Contains(err.Error(), "more than 4000000 vertices") {
		t.Errorf("err %v, want the vertex limit", err)
	}
	// The limit counts over all parts of a geometry.
	b := append(gpHeader(), 1)
	b = binary.LittleEndian.AppendUint32(b, 5)
	b = binary.LittleEndian.AppendUint32(b, 2)
	for i := 0; i < 2; i++ {
		b = append(b, line(MaxVertices/2 + 1)[8:]...)
	}
	if _, _, err := Decode(b); !errors.Is(err, ErrTooComplex) {
		t.Errorf("multilinestring: err %v, want the vertex limit", err)
	}
	if g, _, err := Decode(line(1000)); err != nil || len(g.(orb.LineString)) != 1000 {
		t.Errorf("1000 vertices: %v", err)
	}
}
