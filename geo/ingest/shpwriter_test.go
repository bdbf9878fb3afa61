package ingest

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// A small Shapefile writer for fixtures and tests: it writes what ArcGIS
// writes (outer rings clockwise, holes counter-clockwise, dBase III with
// names cut to 10 bytes, numbers right-aligned), so the reader is tested
// on files shaped like a bureau's.

// dbfCol is one dBase column: name (cut to 10 bytes in the table's
// encoding), type, width and decimals.
type dbfCol struct {
	name       string
	typ        byte
	width, dec int
}

// shpLayer is what writeShapefile writes. rows hold one value per column
// as text (written as is: C left-aligned, others right-aligned), or raw
// bytes when rawRows is set.
type shpLayer struct {
	shapeType int // 1 Point, 5 Polygon, 3 PolyLine, 8 MultiPoint, 0 Null
	geoms     []orb.Geometry
	cols      []dbfCol
	rows      [][]string
	gbk       bool // encode names and text as GBK (else UTF-8)
	ldid      byte // language driver id byte
	deleted   map[int]bool
	prj, cpg  string // "" = no such file
	noShx     bool
}

func gbkBytes(t testing.TB, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("GBK %q: %v", s, err)
	}
	return b
}

// cutBytes cuts b to n bytes without splitting a GBK or UTF-8 character.
func cutBytes(b []byte, n int, gbk bool) []byte {
	if len(b) <= n {
		return b
	}
	if !gbk {
		for n > 0 && b[n]&0xC0 == 0x80 {
			n--
		}
		return b[:n]
	}
	i := 0
	for i < len(b) {
		w := 1
		if b[i] >= 0x80 {
			w = 2
		}
		if i+w > n {
			break
		}
		i += w
	}
	return b[:i]
}

func (l *shpLayer) text(t testing.TB, s string) []byte {
	if l.gbk {
		return gbkBytes(t, s)
	}
	return []byte(s)
}

// encode returns the .shp, .shx and .dbf bytes.
func (l *shpLayer) encode(t testing.TB) (shp, shx, dbf []byte) {
	var recs [][]byte
	bound := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, g := range l.geoms {
		rec := shapeRecord(g)
		recs = append(recs, rec)
		if g != nil {
			b := g.Bound()
			bound = bound.Union(b)
		}
	}
	header := func(words int) []byte {
		h := make([]byte, 100)
		binary.BigEndian.PutUint32(h[0:], 9994)
		binary.BigEndian.PutUint32(h[24:], uint32(words))
		binary.LittleEndian.PutUint32(h[28:], 1000)
		binary.LittleEndian.PutUint32(h[32:], uint32(l.shapeType))
		for i, v := range []float64{bound.Min[0], bound.Min[1], bound.Max[0], bound.Max[1]} {
			binary.LittleEndian.PutUint64(h[36+8*i:], math.Float64bits(v))
		}
		return h
	}
	size := 100
	for _, r := range recs {
		size += 8 + len(r)
	}
	shp = header(size / 2)
	shx = header((100 + 8*len(recs)) / 2)
	for i, r := range recs {
		var e [8]byte
		binary.BigEndian.PutUint32(e[0:], uint32(len(shp)/2))
		binary.BigEndian.PutUint32(e[4:], uint32(len(r)/2))
		shx = append(shx, e[:]...)
		var h [8]byte
		binary.BigEndian.PutUint32(h[0:], uint32(i+1))
		binary.BigEndian.PutUint32(h[4:], uint32(len(r)/2))
		shp = append(append(shp, h[:]...), r...)
	}
	return shp, shx, l.encodeDBF(t)
}

func (l *shpLayer) encodeDBF(t testing.TB) []byte {
	recLen := 1
	for _, c := range l.cols {
		recLen += c.width
	}
	headerLen := 32 + 32*len(l.cols) + 1
	h := make([]byte, 32, headerLen)
	h[0], h[1], h[2], h[3] = 0x03, 126, 11, 29
	binary.LittleEndian.PutUint32(h[4:], uint32(len(l.rows)))
	binary.LittleEndian.PutUint16(h[8:], uint16(headerLen))
	binary.LittleEndian.PutUint16(h[10:], uint16(recLen))
	h[29] = l.ldid
	for _, c := range l.cols {
		d := make([]byte, 32)
		copy(d[:10], cutBytes(l.text(t, c.name), 10, l.gbk))
		d[11], d[16], d[17] = c.typ, byte(c.width), byte(c.dec)
		h = append(h, d...)
	}
	h = append(h, 0x0D)
	for i, row := range l.rows {
		rec := bytes.Repeat([]byte{' '}, recLen)
		if l.deleted[i] {
			rec[0] = '*'
		}
		off := 1
		for j, c := range l.cols {
			v := cutBytes(l.text(t, row[j]), c.width, l.gbk)
			if c.typ == 'C' || c.typ == 'D' || c.typ == 'L' {
				copy(rec[off:], v)
			} else {
				copy(rec[off+c.width-len(v):], v)
			}
			off += c.width
		}
		h = append(h, rec...)
	}
	return append(h, 0x1A)
}

// shapeRecord encodes one geometry's record content; polygon rings are
// oriented as ArcGIS writes them.
func shapeRecord(g orb.Geometry) []byte {
	le := binary.LittleEndian
	put := func(b []byte, vals ...float64) []byte {
		for _, v := range vals {
			b = le.AppendUint64(b, math.Float64bits(v))
		}
		return b
	}
	bbox := func(b []byte, g orb.Geometry) []byte {
		bd := g.Bound()
		return put(b, bd.Min[0], bd.Min[1], bd.Max[0], bd.Max[1])
	}
	switch gg := g.(type) {
	case nil:
		return le.AppendUint32(nil, 0)
	case orb.Point:
		return put(le.AppendUint32(nil, 1), gg[0], gg[1])
	case orb.MultiPoint:
		b := bbox(le.AppendUint32(nil, 8), gg)
		b = le.AppendUint32(b, uint32(len(gg)))
		for _, p := range gg {
			b = put(b, p[0], p[1])
		}
		return b
	case orb.LineString:
		return partsRecord(3, g, []orb.Ring{orb.Ring(gg)})
	case orb.Polygon:
		return partsRecord(5, g, orientedRings(orb.MultiPolygon{gg}))
	case orb.MultiPolygon:
		return partsRecord(5, g, orientedRings(gg))
	}
	panic("shapeRecord: unsupported geometry")
}

func orientedRings(mp orb.MultiPolygon) []orb.Ring {
	var out []orb.Ring
	for _, p := range mp {
		for i, r := range p {
			r = append(orb.Ring(nil), r...)
			if len(r) > 0 && r[0] != r[len(r)-1] {
				r = append(r, r[0])
			}
			if (signedArea(r) > 0) == (i == 0) { // outer must be clockwise
				for a, b := 0, len(r)-1; a < b; a, b = a+1, b-1 {
					r[a], r[b] = r[b], r[a]
				}
			}
			out = append(out, r)
		}
	}
	return out
}

func partsRecord(typ uint32, g orb.Geometry, rings []orb.Ring) []byte {
	le := binary.LittleEndian
	b := le.AppendUint32(nil, typ)
	bd := g.Bound()
	for _, v := range []float64{bd.Min[0], bd.Min[1], bd.Max[0], bd.Max[1]} {
		b = le.AppendUint64(b, math.Float64bits(v))
	}
	n := 0
	for _, r := range rings {
		n += len(r)
	}
	b = le.AppendUint32(b, uint32(len(rings)))
	b = le.AppendUint32(b, uint32(n))
	at := 0
	for _, r := range rings {
		b = le.AppendUint32(b, uint32(at))
		at += len(r)
	}
	for _, r := range rings {
		for _, p := range r {
			b = le.AppendUint64(b, math.Float64bits(p[0]))
			b = le.AppendUint64(b, math.Float64bits(p[1]))
		}
	}
	return b
}

// write puts base.shp/.shx/.dbf (and .prj/.cpg when set) in dir.
func (l *shpLayer) write(t testing.TB, dir, base string) {
	t.Helper()
	shp, shx, dbf := l.encode(t)
	files := map[string][]byte{".shp": shp, ".dbf": dbf}
	if !l.noShx {
		files[".shx"] = shx
	}
	if l.prj != "" {
		files[".prj"] = []byte(l.prj)
	}
	if l.cpg != "" {
		files[".cpg"] = []byte(l.cpg)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for ext, data := range files {
		if err := os.WriteFile(filepath.Join(dir, base+ext), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
