package ingest

import (
	"archive/zip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/model"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// An ESRI Shapefile (ESRI Shapefile Technical Description, 1998) is a .shp
// of geometries, a .shx index of their offsets, a .dbf (dBase) table of
// attributes, record i describing shape i, a .prj with the CRS as WKT and
// an optional .cpg naming the .dbf's text encoding.

// shapeFiles holds the files of one Shapefile read whole; a sidecar that
// is absent is nil.
type shapeFiles struct {
	name                    string // the .shp as shown in messages
	shp, shx, dbf, prj, cpg []byte
}

// Sizes above which a file is refused rather than read into memory: the
// format's own limit for .shp/.shx/.dbf (2 GB offsets), a few kB for text.
const (
	maxShapeFileBytes = 2 << 30
	maxSidecarBytes   = 1 << 20
)

// readShapefile reads a Shapefile: path is the .shp (sidecars found beside
// it whatever the case of their names), or a .zip holding one or more
// Shapefiles, of which opt.Layer picks one by name (else the only one, or
// the only one whose geometry fits want).
func readShapefile(path string, opt Options, want geomWant, rep *Report) (*rawLayer, error) {
	var files *shapeFiles
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".dbf":
		return nil, &model.InputError{File: path, Msg: "a .dbf holds only the attributes of a Shapefile; open the .shp beside it (keep the .shx, .dbf, .prj and .cpg files of the same name in the same folder)"}
	case ".zip":
		files, err = shapefileFromZip(path, opt.Layer, want)
	default:
		files, err = shapefileFromDir(path)
	}
	if err != nil {
		return nil, err
	}
	return parseShapefile(files, opt, want, rep)
}

// shapefileLayers lists the Shapefiles in a .zip by name (the base name,
// or the path inside the zip when two share a base name), or gives the
// base name of a .shp.
func shapefileLayers(path string) ([]string, error) {
	if strings.ToLower(filepath.Ext(path)) != ".zip" {
		return []string{strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))}, nil
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, &model.InputError{File: path, Msg: fmt.Sprintf("cannot open the zip file: %v", unwrapPathErr(err))}
	}
	defer zr.Close()
	var names []string
	for _, l := range zipLayers(&zr.Reader) {
		names = append(names, l.name)
	}
	return names, nil
}

// shapefileFromDir reads a .shp and the sidecars beside it.
func shapefileFromDir(shpPath string) (*shapeFiles, error) {
	files := &shapeFiles{name: shpPath}
	var err error
	if files.shp, err = readBounded(shpPath, maxShapeFileBytes); err != nil {
		return nil, &model.InputError{File: shpPath, Msg: fmt.Sprintf("cannot read the file: %v", err)}
	}
	dir := filepath.Dir(shpPath)
	base := strings.TrimSuffix(filepath.Base(shpPath), filepath.Ext(shpPath))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, &model.InputError{File: shpPath, Msg: fmt.Sprintf("cannot list its folder: %v", unwrapPathErr(err))}
	}
	for _, side := range []struct {
		ext   string
		dst   *[]byte
		limit int64
	}{{".shx", &files.shx, maxShapeFileBytes}, {".dbf", &files.dbf, maxShapeFileBytes}, {".prj", &files.prj, maxSidecarBytes}, {".cpg", &files.cpg, maxSidecarBytes}} {
		name := sidecarName(entries, base, side.ext)
		if name == "" {
			continue
		}
		if *side.dst, err = readBounded(filepath.Join(dir, name), side.limit); err != nil {
			return nil, &model.InputError{File: filepath.Join(dir, name), Msg: fmt.Sprintf("cannot read the file: %v", err)}
		}
	}
	return files, nil
}

// sidecarName finds base+ext among the entries, preferring the exact case
// (FOO.SHP beside foo.dbf happens).
func sidecarName(entries []os.DirEntry, base, ext string) string {
	found := ""
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.EqualFold(n, base+ext) {
			continue
		}
		if n == base+ext {
			return n
		}
		found = n
	}
	return found
}

func readBounded(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, unwrapPathErr(err)
	}
	defer f.Close()
	return readAllBounded(f, limit)
}

func readAllBounded(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d MB, more than Xuequ reads", limit>>20)
	}
	return data, nil
}

// zipLayer is one Shapefile inside a zip: its .shp entry and sidecars.
type zipLayer struct {
	name  string // what --schools-layer/--zones-layer take
	inner string // path of the .shp inside the zip, without extension
	files map[string]*zip.File
}

func zipLayers(zr *zip.Reader) []zipLayer {
	byStem := map[string]map[string]*zip.File{} // lower-case stem → ext → entry
	var stems []string
	for _, f := range zr.File {
		n := zipEntryName(f)
		if f.FileInfo().IsDir() || strings.HasPrefix(n, "__MACOSX/") || strings.HasPrefix(path.Base(n), "._") {
			continue
		}
		ext := strings.ToLower(path.Ext(n))
		stem := strings.ToLower(strings.TrimSuffix(n, path.Ext(n)))
		if byStem[stem] == nil {
			byStem[stem] = map[string]*zip.File{}
			stems = append(stems, stem)
		}
		if _, dup := byStem[stem][ext]; !dup {
			byStem[stem][ext] = f
		}
	}
	sort.Strings(stems)
	var out []zipLayer
	bases := map[string]int{}
	for _, s := range stems {
		if shp := byStem[s][".shp"]; shp != nil {
			n := zipEntryName(shp)
			inner := strings.TrimSuffix(n, path.Ext(n))
			out = append(out, zipLayer{name: path.Base(inner), inner: inner, files: byStem[s]})
			bases[strings.ToLower(path.Base(inner))]++
		}
	}
	for i := range out {
		if bases[strings.ToLower(out[i].name)] > 1 {
			out[i].name = out[i].inner
		}
	}
	return out
}

// zipEntryName is the entry's name as UTF-8: zips made by Windows
// Explorer on a Chinese system store names in GBK without saying so.
func zipEntryName(f *zip.File) string {
	if utf8.ValidString(f.Name) {
		return f.Name
	}
	if out, err := simplifiedchinese.GB18030.NewDecoder().String(f.Name); err == nil {
		return out
	}
	return strings.ToValidUTF8(f.Name, "\uFFFD")
}

// shapefileFromZip picks a layer of a zip and reads its files.
func shapefileFromZip(zipPath, layer string, want geomWant) (*shapeFiles, error) {
	fail := func(format string, args ...any) error {
		return &model.InputError{File: zipPath, Msg: fmt.Sprintf(format, args...)}
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return nil, fail("cannot open the zip file: %v", unwrapPathErr(err))
	}
	defer zr.Close()
	layers := zipLayers(&zr.Reader)
	if len(layers) == 0 {
		return nil, fail("the zip holds no Shapefile (.shp); zip the .shp together with its .shx, .dbf, .prj and .cpg files")
	}
	list := func() string {
		var s []string
		for _, l := range layers {
			s = append(s, fmt.Sprintf("%q (%s)", l.name, shapeTypeName(zipShapeType(l))))
		}
		return strings.Join(s, ", ")
	}
	var pick *zipLayer
	switch {
	case layer != "":
		want := strings.TrimSuffix(strings.ToLower(layer), ".shp")
		for i, l := range layers {
			if strings.ToLower(l.name) == want || strings.ToLower(l.inner) == want || strings.ToLower(path.Base(l.inner)) == want {
				pick = &layers[i]
				break
			}
		}
		if pick == nil {
			return nil, fail("the zip has no Shapefile layer %q; its layers are %s", layer, list())
		}
	case len(layers) == 1:
		pick = &layers[0]
	default:
		for i, l := range layers {
			if shapeTypeFits(zipShapeType(l), want) {
				if pick != nil {
					pick = nil
					break
				}
				pick = &layers[i]
			}
		}
		if pick == nil {
			what := "zones"
			if want == wantPoints {
				what = "schools"
			}
			return nil, fail("the zip holds %d Shapefiles: %s; say which holds the %s with --%s-layer NAME (or pick it in the import wizard)", len(layers), list(), what, what)
		}
	}
	files := &shapeFiles{name: zipPath + "/" + zipEntryName(pick.files[".shp"])}
	for ext, dst := range map[string]*[]byte{".shp": &files.shp, ".shx": &files.shx, ".dbf": &files.dbf, ".prj": &files.prj, ".cpg": &files.cpg} {
		f := pick.files[ext]
		if f == nil {
			continue
		}
		limit := int64(maxShapeFileBytes)
		if ext == ".prj" || ext == ".cpg" {
			limit = maxSidecarBytes
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fail("cannot read %s in the zip: %v", f.Name, err)
		}
		*dst, err = readAllBounded(rc, limit)
		rc.Close()
		if err != nil {
			return nil, fail("cannot read %s in the zip: %v", f.Name, err)
		}
	}
	return files, nil
}

// zipShapeType reads the shape type from the header of a layer's .shp
// (-1 when unreadable).
func zipShapeType(l zipLayer) int {
	rc, err := l.files[".shp"].Open()
	if err != nil {
		return -1
	}
	defer rc.Close()
	var h [100]byte
	if _, err := io.ReadFull(rc, h[:]); err != nil {
		return -1
	}
	return int(int32(binary.LittleEndian.Uint32(h[32:36])))
}

func shapeTypeFits(t int, want geomWant) bool {
	switch t {
	case 1, 11, 21, 8, 18, 28:
		return want == wantPoints
	case 5, 15, 25:
		return want == wantPolygons
	}
	return false
}

func shapeTypeName(t int) string {
	switch t {
	case 0:
		return "no geometry"
	case 1, 11, 21:
		return "points"
	case 8, 18, 28:
		return "multipoints"
	case 3, 13, 23:
		return "lines"
	case 5, 15, 25:
		return "polygons"
	case 31:
		return "multipatch"
	}
	return "unreadable"
}

// parseShapefile turns the files of one Shapefile into a rawLayer:
// feature i is .shp record i with .dbf record i.
func parseShapefile(files *shapeFiles, opt Options, want geomWant, rep *Report) (*rawLayer, error) {
	name := files.name
	shp := files.shp
	if len(shp) < 100 || binary.BigEndian.Uint32(shp[0:4]) != 9994 {
		return nil, &model.InputError{File: name, Msg: "not a Shapefile .shp (its header is missing or damaged); export the layer again as ESRI Shapefile"}
	}
	spans := shapeRecords(shp, files.shx)
	raw := &rawLayer{total: len(spans), encoding: EncUTF8}
	var table *dbfTable
	decode := decoderFor(EncUTF8)
	if files.dbf == nil {
		rep.add(Issue{Severity: Warning, Code: CodeDBFMissing, File: name, Args: map[string]any{},
			Message: "no .dbf beside the .shp: the features have no attributes (names, ids, population); copy the .dbf of the same name next to it"})
	} else {
		var err error
		if table, err = parseDBF(files.dbf); err != nil {
			return nil, &model.InputError{File: strings.TrimSuffix(name, filepath.Ext(name)) + ".dbf", Msg: err.Error()}
		}
		raw.encoding = dbfEncoding(files.cpg, table)
		noteEncoding(rep, name, raw.encoding)
		decode = decoderFor(raw.encoding)
		for _, f := range table.prepare(decode) {
			rep.add(Issue{Severity: Info, Code: CodeDBFFieldSkipped, File: name, Field: f.name, Args: map[string]any{"Type": string(rune(f.typ))},
				Message: fmt.Sprintf("field of dBase type %q (memo or binary) not read", string(rune(f.typ)))})
		}
		if table.records != len(spans) || table.declared != table.records {
			rep.add(Issue{Severity: Warning, Code: CodeDBFCountMismatch, File: name, Args: map[string]any{"Shapes": len(spans), "Records": table.records},
				Message: fmt.Sprintf("the .shp has %d shapes but the .dbf %d readable records; attributes were paired by position — check that the two files belong together", len(spans), table.records)})
		}
	}
	deleted := 0
	for i, span := range spans {
		idx := i + 1
		f := feature{index: idx}
		if table != nil && i < table.records {
			if table.deleted(i) {
				deleted++
				continue
			}
			rec := table.record(i)
			for j := range table.fields {
				fd := &table.fields[j]
				if fd.skipped {
					continue
				}
				v, ok := fd.value(rec, decode)
				f.props = append(f.props, prop{key: fd.name, val: v, null: !ok})
			}
		}
		geom, err := parseShape(shp, span)
		if err != nil {
			rep.add(Issue{Severity: Warning, Code: CodeBadGeometry, File: name, Feature: idx, Args: map[string]any{"Case": "unreadable", "Detail": err.Error()},
				Message: fmt.Sprintf("skipped: geometry unreadable (%v)", err)})
			continue
		}
		var ok bool
		if f.geom, ok = fitGeometry(name, idx, "", geom, want, rep); ok {
			raw.features = append(raw.features, f)
		}
	}
	if deleted > 0 {
		rep.add(Issue{Severity: Info, Code: CodeDBFDeleted, File: name, Args: map[string]any{"N": deleted},
			Message: fmt.Sprintf("skipped %d record(s) marked as deleted in the .dbf", deleted)})
	}
	if len(strings.TrimSpace(string(files.prj))) > 0 {
		crs, err := geo.CRSFromWKT(string(files.prj))
		switch {
		case err == nil:
			raw.crs, raw.crsName = &crs, crs.Name
		case opt.CRS == "": // with --crs the .prj is not needed
			return nil, &model.InputError{File: strings.TrimSuffix(name, filepath.Ext(name)) + ".prj", Field: "crs", Msg: err.Error()}
		}
	}
	return raw, nil
}

// dbfEncoding decides the text encoding of a .dbf: the .cpg, else the
// language driver id, else detection over all its text.
func dbfEncoding(cpg []byte, t *dbfTable) string {
	if enc := cpgEncoding(cpg); enc != "" {
		return enc
	}
	if enc := ldidEncoding(t.ldid); enc != "" {
		return enc
	}
	if _, enc, err := decodeText(t.textBytes()); err == nil && enc == EncGB18030 {
		return EncGB18030
	}
	return EncUTF8
}

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
