package export

import (
	"bufio"
	"encoding/binary"
	"io"
	"math"
	"os"
	"strings"

	"github.com/paulmach/orb"
)

// prjWGS84 is the ESRI WKT of lon/lat WGS 84, as ArcGIS and GDAL write it.
const prjWGS84 = `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`

// writeShapefile writes l as a polygon Shapefile: path (.shp) and its
// .shx, .dbf (dBase III, text in opt.Encoding), .prj (srs) and .cpg.
func writeShapefile(path string, l *Layer, srs outSRS, opt Options) error {
	base := strings.TrimSuffix(path, path[len(path)-4:])
	rows, err := dbfRows(path, l, opt.Encoding == "GBK")
	if err != nil {
		return err
	}
	shapes := make([][]byte, len(l.Features))
	var box orb.Bound
	first := true
	for i, f := range l.Features {
		shapes[i] = shpPolygon(f.Geometry)
		if len(shapes[i]) > 4 {
			b := f.Geometry.Bound()
			if first {
				box, first = b, false
			} else {
				box = box.Union(b)
			}
		}
	}
	files := []struct {
		ext   string
		write func(w io.Writer) error
	}{
		{".dbf", func(w io.Writer) error { return writeDBF(w, l, rows, opt.Encoding == "GBK") }},
		{".shx", func(w io.Writer) error { return writeSHP(w, shapes, box, true) }},
		{".prj", func(w io.Writer) error { _, err := io.WriteString(w, srs.prj()); return err }},
		{".cpg", func(w io.Writer) error { _, err := io.WriteString(w, opt.Encoding); return err }},
		{".shp", func(w io.Writer) error { return writeSHP(w, shapes, box, false) }},
	}
	for _, f := range files {
		if err := atomicFile(base+f.ext, func(o *os.File) error {
			bw := bufio.NewWriter(o)
			if err := f.write(bw); err != nil {
				return err
			}
			return bw.Flush()
		}); err != nil {
			return err
		}
	}
	return nil
}

// shpPolygon is the record content of g as a Shapefile Polygon (type 5):
// outer rings clockwise, holes counter-clockwise (ESRI's rule); a Null
// shape for no geometry.
func shpPolygon(g orb.Geometry) []byte {
	var rings []orb.Ring
	switch g := g.(type) {
	case orb.Polygon:
		rings = polygonRings(g)
	case orb.MultiPolygon:
		for _, p := range g {
			rings = append(rings, polygonRings(p)...)
		}
	}
	if len(rings) == 0 {
		return binary.LittleEndian.AppendUint32(nil, 0)
	}
	n := 0
	for _, r := range rings {
		n += len(r)
	}
	b := g.Bound()
	out := binary.LittleEndian.AppendUint32(make([]byte, 0, 44+4*len(rings)+16*n), 5)
	for _, v := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		out = binary.LittleEndian.AppendUint64(out, math.Float64bits(v))
	}
	out = binary.LittleEndian.AppendUint32(out, uint32(len(rings)))
	out = binary.LittleEndian.AppendUint32(out, uint32(n))
	start := 0
	for _, r := range rings {
		out = binary.LittleEndian.AppendUint32(out, uint32(start))
		start += len(r)
	}
	for _, r := range rings {
		for _, p := range r {
			out = binary.LittleEndian.AppendUint64(out, math.Float64bits(p[0]))
			out = binary.LittleEndian.AppendUint64(out, math.Float64bits(p[1]))
		}
	}
	return out
}

// polygonRings orients p's rings for a Shapefile (closed copies).
func polygonRings(p orb.Polygon) []orb.Ring {
	var out []orb.Ring
	for i, r := range p {
		if len(r) < 3 {
			continue
		}
		r = append(orb.Ring(nil), r...)
		if !r.Closed() {
			r = append(r, r[0])
		}
		cw := r.Orientation() == orb.CW
		if (i == 0) != cw {
			r.Reverse()
		}
		out = append(out, r)
	}
	return out
}

// writeSHP writes the .shp (or with index, the .shx) of the records.
func writeSHP(w io.Writer, shapes [][]byte, box orb.Bound, index bool) error {
	length := 100
	for _, s := range shapes {
		if index {
			length += 8
		} else {
			length += 8 + len(s)
		}
	}
	h := make([]byte, 100)
	binary.BigEndian.PutUint32(h[0:], 9994)
	binary.BigEndian.PutUint32(h[24:], uint32(length/2))
	binary.LittleEndian.PutUint32(h[28:], 1000)
	binary.LittleEndian.PutUint32(h[32:], 5)
	for i, v := range []float64{box.Min[0], box.Min[1], box.Max[0], box.Max[1]} {
		binary.LittleEndian.PutUint64(h[36+8*i:], math.Float64bits(v))
	}
	if _, err := w.Write(h); err != nil {
		return err
	}
	offset := 100
	for i, s := range shapes {
		rec := make([]byte, 8)
		if index {
			binary.BigEndian.PutUint32(rec[0:], uint32(offset/2))
		} else {
			binary.BigEndian.PutUint32(rec[0:], uint32(i+1))
		}
		binary.BigEndian.PutUint32(rec[4:], uint32(len(s)/2))
		if !index {
			rec = append(rec, s...)
		}
		if _, err := w.Write(rec); err != nil {
			return err
		}
		offset += 8 + len(s)
	}
	return nil
}
