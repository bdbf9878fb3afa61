package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/model"
)

// Limits of the KML reader. A KMZ is a zip: its doc.kml is read through a
// counting reader, so a small archive cannot unpack into unbounded memory.
const (
	kmlMaxDepth = 200     // element nesting; real files stay under ~30
	kmlMaxText  = 1 << 20 // bytes kept of one name, description or value
)

// kmzMaxUnzipped is the most KML read out of a KMZ (a variable for tests).
var kmzMaxUnzipped int64 = 512 << 20

// kmlPlacemark is one Placemark as read, before the layer is chosen.
type kmlPlacemark struct {
	index   int      // 1-based position among the file's Placemarks
	id      string   // its id attribute
	folders []string // names of the enclosing Folders, outermost first
	props   []prop
	geom    orb.Geometry
	geomErr error // the first unreadable geometry, reported on use
}

// kmlDoc is everything kept of a KML file.
type kmlDoc struct {
	placemarks []kmlPlacemark
	folders    []string // distinct Folder names, document order
	root       string   // local name of the root element
	encoding   string
	hint       string // document-level text: name, description, author, comments
}

// readKML reads the Placemarks of a .kml or .kmz file (KML 2.2, OGC
// 07-147r2). Coordinates are WGS 84 lon/lat by the specification, so the
// layer declares EPSG:4326; a document made with 奥维互动地图 (Ovi) or
// saying GCJ-02 gets the GCJ-02 hint (Ovi draws on GCJ-02 base maps).
//
// opt.Layer picks the Placemarks of one Folder (at any depth) by name.
// Without it the Placemarks of the other kind are left out (polygons when
// reading schools, if the file has points; points when reading zones) and
// summarised in one issue; every other Placemark goes through fitGeometry.
func readKML(path string, opt Options, want geomWant, rep *Report) (*rawLayer, error) {
	doc, err := loadKML(path, false)
	if err != nil {
		return nil, err
	}
	noteEncoding(rep, path, doc.encoding)
	if len(doc.placemarks) == 0 {
		return nil, model.Inputf(path, "kml.no_placemark", "no Placemark in the file (root element <{{.Root}}>); export the layer again as KML from Google Earth, 奥维互动地图 or QGIS", map[string]any{"Root": doc.root})
	}
	picked, err := doc.pick(path, opt.Layer, want, rep)
	if err != nil {
		return nil, err
	}
	if len(picked) == 0 { // every Placemark is of the other kind
		return nil, model.Inputf(path, "kml.wrong_layer", "none of the {{.N}} Placemarks is a {{.Want}}; this looks like the other layer's file (schools are points, zones polygons)", map[string]any{"N": len(doc.placemarks), "Want": wantWord(want)})
	}
	raw := &rawLayer{total: len(picked), crsName: "EPSG:4326", crs: &geo.LonLat, encoding: doc.encoding}
	for _, pm := range picked {
		label := pm.id // what the report calls it: Google Earth and 奥维 show names, not ids
		if label == "" {
			label, _ = (&feature{props: pm.props}).get("name")
		}
		if pm.geomErr != nil {
			rep.add(Issue{Severity: Warning, Code: CodeBadGeometry, File: path, Feature: pm.index, ID: label,
				Args:    map[string]any{"Case": "unreadable", "Detail": pm.geomErr.Error()},
				Message: fmt.Sprintf("skipped: geometry unreadable (%v)", pm.geomErr)})
			continue
		}
		g, ok := fitGeometry(path, pm.index, label, pm.geom, want, rep)
		if !ok {
			continue
		}
		raw.features = append(raw.features, feature{index: pm.index, fid: pm.id, props: pm.props, geom: g})
	}
	if kase := doc.gcj02Case(); kase != "" && !opt.GCJ02 && opt.CRS == "" && !geo.GCJ02Hint(path) {
		msg := "the KML was made with 奥维互动地图 (Ovi), whose Chinese base maps use GCJ-02 (offset 100–700 m); if the shapes were drawn on such a map, import again with --gcj02"
		if kase == "declared" {
			msg = "the KML document mentions GCJ-02 or an online Chinese map (offset 100–700 m); if so, import again with --gcj02"
		}
		rep.add(Issue{Severity: Warning, Code: CodeGCJ02Hint, File: path, Field: "crs", Args: map[string]any{"Case": kase}, Message: msg})
	}
	return raw, nil
}

// kmlLayers lists the Folder names of a .kml or .kmz file in document
// order (each once): the layers opt.Layer can pick. A file without
// Folders has none.
func kmlLayers(path string) ([]string, error) {
	doc, err := loadKML(path, true)
	if err != nil {
		return nil, err
	}
	return doc.folders, nil
}

// pick chooses the Placemarks of the layer (see readKML).
func (d *kmlDoc) pick(path, layer string, want geomWant, rep *Report) ([]kmlPlacemark, error) {
	if layer = strings.TrimSpace(layer); layer != "" {
		var out []kmlPlacemark
		for _, pm := range d.placemarks {
			for _, f := range pm.folders {
				if strings.EqualFold(strings.TrimSpace(f), layer) {
					out = append(out, pm)
					break
				}
			}
		}
		if len(out) == 0 {
			if len(d.folders) == 0 {
				return nil, model.Inputf(path, "kml.no_folders", "no folder {{.Layer}}: the file has no folders; leave the layer empty to read every Placemark", map[string]any{"Layer": strconv.Quote(layer)}).At(0, "layer")
			}
			return nil, model.Inputf(path, "kml.no_folder", "no folder {{.Layer}} with Placemarks; the file's folders are {{.Folders}}", map[string]any{"Layer": strconv.Quote(layer), "Folders": quoteList(d.folders)}).At(0, "layer")
		}
		return out, nil
	}
	hasPoint := false
	for _, pm := range d.placemarks {
		if p, _ := geomKinds(pm.geom); p {
			hasPoint = true
			break
		}
	}
	var out []kmlPlacemark
	left := 0
	for _, pm := range d.placemarks {
		p, poly := geomKinds(pm.geom)
		if (want == wantPoints && hasPoint && poly && !p) || (want == wantPolygons && p && !poly) {
			left++
			continue
		}
		out = append(out, pm)
	}
	if left > 0 {
		flag, other := "schools", "polygons (zones)"
		if want == wantPolygons {
			flag, other = "zones", "points (schools)"
		}
		rep.add(Issue{Severity: Info, Code: CodeLeftOut, File: path, Args: map[string]any{"N": left, "Want": wantName(want)},
			Message: fmt.Sprintf("left out %d placemark(s) that are %s; pass --%s-layer FOLDER to read one folder only", left, other, flag)})
	}
	return out, nil
}

// geomKinds tells whether g has point parts and polygon parts.
func geomKinds(g orb.Geometry) (points, polygons bool) {
	switch gg := g.(type) {
	case orb.Point, orb.MultiPoint:
		return true, false
	case orb.Polygon, orb.MultiPolygon:
		return false, true
	case orb.Collection:
		for _, part := range gg {
			p, q := geomKinds(part)
			points, polygons = points || p, polygons || q
		}
	}
	return points, polygons
}

// gcj02Case tells why the document looks drawn on a GCJ-02 map: "ovital"
// (made with 奥维互动地图), "declared" (its text names GCJ-02 or an online
// Chinese map) or "" (no sign).
func (d *kmlDoc) gcj02Case() string {
	s := strings.ToLower(d.hint)
	for _, k := range []string{"ovital", "奥维", "ovimap"} {
		if strings.Contains(s, k) {
			return "ovital"
		}
	}
	if geo.GCJ02Hint(s) {
		return "declared"
	}
	return ""
}

// loadKML opens path (.kml, or .kmz: its doc.kml, else its first .kml)
// and parses it. Text with no encoding declaration that is not UTF-8 is
// read again as GB18030.
func loadKML(path string, foldersOnly bool) (*kmlDoc, error) {
	open, err := kmlOpener(path)
	if err != nil {
		return nil, err
	}
	doc, err := parseKML(open, false, foldersOnly)
	var se *xml.SyntaxError
	if errors.As(err, &se) && strings.Contains(se.Msg, "invalid UTF-8") && doc != nil && doc.encoding == EncUTF8 {
		doc, err = parseKML(open, true, foldersOnly)
	}
	if err != nil {
		if errors.Is(err, errKMZTooBig) {
			return nil, model.Inputf(path, "kml.too_big", "the KML inside the KMZ unpacks to more than {{.Max}} MiB; split the layer into smaller files", map[string]any{"Max": kmzMaxUnzipped >> 20})
		}
		if errors.As(err, &se) {
			return nil, model.Inputf(path, "kml.invalid", "not valid KML (XML error: {{.Err}}); export the layer again as KML", map[string]any{"Err": se.Msg}).At(se.Line, "")
		}
		return nil, model.Inputf(path, "kml.cannot_read", "cannot read the KML: {{.Err}}", map[string]any{"Err": err.Error()})
	}
	return doc, nil
}

var errKMZTooBig = errors.New("KMZ content too large")

// kmlOpener returns a function opening the KML text of path: the file
// itself, or the KML member of a KMZ. A .kmz that is not a zip but KML
// text (some tools name it so) is read as KML.
func kmlOpener(path string) (func() (io.ReadCloser, error), error) {
	plain := func() (io.ReadCloser, error) { return os.Open(path) }
	f, err := os.Open(path)
	if err != nil {
		return nil, model.Inputf(path, "input.cannot_read", "cannot read the file: {{.Err}}", map[string]any{"Err": unwrapPathErr(err).Error()})
	}
	var magic [2]byte
	_, _ = io.ReadFull(f, magic[:])
	f.Close()
	if string(magic[:]) != "PK" {
		return plain, nil
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, model.Inputf(path, "kml.bad_kmz", "not a readable KMZ (zip) archive: {{.Err}}; export it again, or unzip it and import its .kml", map[string]any{"Err": err.Error()})
	}
	defer z.Close()
	name := ""
	for _, zf := range z.File {
		if strings.EqualFold(zf.Name, "doc.kml") {
			name = zf.Name
			break
		}
	}
	for _, zf := range z.File {
		if name == "" && strings.EqualFold(filepath.Ext(zf.Name), ".kml") && !zf.FileInfo().IsDir() {
			name = zf.Name
		}
	}
	if name == "" {
		return nil, model.Inputf(path, "kml.no_kml", "the KMZ holds no .kml file; export the layer again as KMZ or KML", nil)
	}
	return func() (io.ReadCloser, error) {
		z, err := zip.OpenReader(path)
		if err != nil {
			return nil, err
		}
		for _, zf := range z.File {
			if zf.Name != name {
				continue
			}
			if zf.UncompressedSize64 > uint64(kmzMaxUnzipped) {
				z.Close()
				return nil, errKMZTooBig
			}
			r, err := zf.Open()
			if err != nil {
				z.Close()
				return nil, fmt.Errorf("%s in the KMZ: %w", name, err)
			}
			return &kmzMember{r: r, z: z, left: kmzMaxUnzipped}, nil
		}
		z.Close()
		return nil, fmt.Errorf("%s vanished from the KMZ", name)
	}, nil
}

// kmzMember reads one zip member, failing with errKMZTooBig past the
// limit whatever the member's header claims.
type kmzMember struct {
	r    io.ReadCloser
	z    *zip.ReadCloser
	left int64
}

func (m *kmzMember) Read(p []byte) (int, error) {
	if m.left <= 0 { // at the limit: fine if the member ends here
		var one [1]byte
		if n, _ := io.ReadFull(m.r, one[:]); n > 0 {
			return 0, errKMZTooBig
		}
		return 0, io.EOF
	}
	if int64(len(p)) > m.left {
		p = p[:m.left]
	}
	n, err := m.r.Read(p)
	m.left -= int64(n)
	return n, err
}

func (m *kmzMember) Close() error {
	m.r.Close()
	return m.z.Close()
}

// bomReader strips a UTF-8 byte-order mark, which encoding/xml rejects.
func bomReader(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		_, _ = br.Discard(3)
	}
	return br
}
