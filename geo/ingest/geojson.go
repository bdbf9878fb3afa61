package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unique"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/model"
)

// Options controls how one GeoJSON file is read.
type Options struct {
	// Map overrides the guessed field mapping: canonical field → source
	// property name ("" unmaps the field).
	Map Mapping
	// GCJ02 says the coordinates carry the GCJ-02 offset (taken from
	// Amap/Tencent): they are converted to WGS-84 after any reprojection.
	GCJ02 bool
	// CRS forces the coordinate system ("EPSG:4547", "GCJ02"), overriding
	// the file's "crs" member and detection.
	CRS string
	// Values replaces values that match nothing (ValueMap); ReadSchools
	// applies its "schools.level" entries.
	Values ValueMap
	// Layer picks the layer of a multi-layer file: a GeoPackage table, a
	// Shapefile inside a .zip holding several, a KML folder. "" = the only
	// layer, or the one that fits (points for schools, polygons for zones).
	Layer string
}

// prop is one feature property, in file order.
type prop struct {
	key, val string
	null     bool
}

type feature struct {
	index int    // 1-based position in the file
	fid   string // the feature's own "id", if any
	props []prop
	geom  orb.Geometry
}

func (f *feature) get(key string) (string, bool) {
	if key == "" {
		return "", false
	}
	for _, p := range f.props {
		if p.key == key {
			return p.val, !p.null
		}
	}
	return "", false
}

type collection struct {
	file     string
	features []feature
	names    []string // union of property names, first-seen order
	crs      geo.CRS
	encoding string // of the attribute text, as the reader found it
}

type geomWant int

const (
	wantPoints geomWant = iota
	wantPolygons
)

// readGeoJSON splits a FeatureCollection into features in the file's own
// coordinates.
func readGeoJSON(name string, data []byte, want geomWant, rep *Report) (*rawLayer, error) {
	dec, err := decodeTextBad(data)
	if err != nil {
		return nil, model.Inputf(name, "geojson.decode", "cannot decode the text ({{.Err}}); save the file as UTF-8", map[string]any{"Err": err.Error()})
	}
	dec.note(rep, name)
	text, enc := dec.text, dec.enc
	var top struct {
		Type     string
		CRS      []byte
		Features [][]byte
		HasFeats bool
	}
	err = eachMember(text, func(key string, val []byte) error {
		switch {
		case strings.EqualFold(key, "type"):
			top.Type = jsonString(val)
		case strings.EqualFold(key, "crs"):
			top.CRS = val
		case strings.EqualFold(key, "features"):
			top.HasFeats = true
			err := eachElement(val, func(f []byte) error {
				top.Features = append(top.Features, f)
				return nil
			})
			if se, ok := err.(*syntaxError); ok {
				se.off += cap(text) - cap(val) // val is a window into text
			}
			return err
		}
		return nil
	})
	if err != nil {
		return nil, model.Inputf(name, "geojson.invalid", "not valid GeoJSON: {{.Err}}; export it again as GeoJSON (QGIS: Export → Save Features As → GeoJSON)", map[string]any{"Err": jsonErr(text, err)})
	}
	if top.Type != "FeatureCollection" {
		if top.Type == "" {
			return nil, model.Inputf(name, "geojson.no_type", "not a GeoJSON FeatureCollection (no \"type\" member); export it again as GeoJSON", nil)
		}
		return nil, model.Inputf(name, "geojson.not_collection", "a GeoJSON {{.Type}}, not a FeatureCollection; save the layer (all features) as GeoJSON", map[string]any{"Type": top.Type})
	}
	if len(top.Features) == 0 {
		return nil, model.Inputf(name, "geojson.empty", "the FeatureCollection has no features", nil)
	}
	raw := &rawLayer{total: len(top.Features), encoding: enc}
	raw.crsName, _ = crsMember(top.CRS)
	for i, r := range top.Features {
		if f, ok := parseFeature(name, i+1, r, want, rep); ok {
			raw.features = append(raw.features, f)
		}
	}
	return raw, nil
}

func jsonErr(text []byte, err error) string {
	if se, ok := err.(*syntaxError); ok {
		line := 1 + bytes.Count(text[:min(se.off, len(text))], []byte("\n"))
		return fmt.Sprintf("%s (line %d)", se.msg, line)
	}
	return err.Error()
}

func parseFeature(file string, idx int, raw []byte, want geomWant, rep *Report) (feature, bool) {
	f := feature{index: idx}
	issue := func(sev Severity, code string, vals map[string]any, format string, args ...any) {
		rep.add(Issue{Severity: sev, Code: code, File: file, Feature: idx, ID: f.fid, Args: vals, Message: fmt.Sprintf(format, args...)})
	}
	var rf struct{ ID, Properties, Geometry []byte }
	err := eachMember(raw, func(key string, val []byte) error {
		switch {
		case strings.EqualFold(key, "id"):
			rf.ID = val
		case strings.EqualFold(key, "properties"):
			rf.Properties = val
		case strings.EqualFold(key, "geometry"):
			rf.Geometry = val
		}
		return nil
	})
	if err != nil {
		issue(Warning, CodeBadFeature, map[string]any{"Case": "not-feature", "Detail": err.Error()}, "skipped: not a GeoJSON feature object (%v)", err)
		return f, false
	}
	if len(rf.ID) > 0 && string(rf.ID) != "null" {
		f.fid = jsonScalar(rf.ID)
	}
	props, err := decodeProps(rf.Properties)
	if err != nil {
		issue(Warning, CodeBadFeature, map[string]any{"Case": "properties", "Detail": err.Error()}, "properties unreadable (%v); read the feature without them", err)
	}
	f.props = props
	if len(rf.Geometry) == 0 || string(rf.Geometry) == "null" {
		issue(Warning, CodeNullGeometry, map[string]any{"Case": "none"}, "skipped: the feature has no geometry")
		return f, false
	}
	geom, err := decodeGeometry(rf.Geometry)
	if err != nil {
		issue(Warning, CodeBadGeometry, map[string]any{"Case": "unreadable", "Detail": err.Error()}, "skipped: geometry unreadable (%v)", err)
		return f, false
	}
	var ok bool
	if f.geom, ok = fitGeometry(file, idx, f.fid, geom, want, rep); !ok {
		return f, false
	}
	return f, true
}

// fitGeometry checks that a feature's geometry fits the layer (points for
// schools, polygons for zones), keeping the fitting parts of collections
// and reporting what it changed or why it skipped the feature. Every
// format reader passes its geometries through it.
func fitGeometry(file string, idx int, fid string, geom orb.Geometry, want geomWant, rep *Report) (orb.Geometry, bool) {
	issue := func(sev Severity, code string, vals map[string]any, format string, args ...any) {
		rep.add(Issue{Severity: sev, Code: code, File: file, Feature: idx, ID: fid, Args: vals, Message: fmt.Sprintf(format, args...)})
	}
	if geom == nil {
		issue(Warning, CodeNullGeometry, map[string]any{"Case": "none"}, "skipped: the feature has no geometry")
		return nil, false
	}
	if col, ok := geom.(orb.Collection); ok {
		geom = pickParts(col, want)
		if geom == nil {
			issue(Warning, CodeWrongGeometry, wrongGeometry("collection", wantName(want), 0, ""), "skipped: the GeometryCollection has no %s", wantName(want))
			return nil, false
		}
		issue(Info, CodeCollection, map[string]any{"Want": wantName(want)}, "GeometryCollection: kept its %s parts, dropped the rest", wantName(want))
	}
	switch want {
	case wantPoints:
		switch gg := geom.(type) {
		case orb.Point:
		case orb.MultiPoint:
			if len(gg) == 0 {
				issue(Warning, CodeNullGeometry, map[string]any{"Case": "empty-multipoint"}, "skipped: empty MultiPoint")
				return nil, false
			}
			if len(gg) > 1 {
				issue(Warning, CodeWrongGeometry, wrongGeometry("multipoint", wantName(want), len(gg), ""), "MultiPoint with %d points: used the first", len(gg))
			}
			geom = gg[0]
		case orb.Polygon, orb.MultiPolygon:
			// Campus outlines are common; the school is placed inside them
			// after reprojection.
		default:
			issue(Warning, CodeWrongGeometry, wrongGeometry("not-school", wantName(want), 0, geom.GeoJSONType()), "skipped: a %s is not a school location (need Point)", geom.GeoJSONType())
			return nil, false
		}
	case wantPolygons:
		switch gg := geom.(type) {
		case orb.Polygon:
			geom = orb.MultiPolygon{gg}
		case orb.MultiPolygon:
		default:
			issue(Warning, CodeWrongGeometry, wrongGeometry("not-zone", wantName(want), 0, geom.GeoJSONType()), "skipped: a %s is not a zone (need Polygon or MultiPolygon)", geom.GeoJSONType())
			return nil, false
		}
		if len(geom.(orb.MultiPolygon)) == 0 {
			issue(Warning, CodeNullGeometry, map[string]any{"Case": "empty"}, "skipped: empty geometry")
			return nil, false
		}
	}
	return geom, true
}

// wrongGeometry holds the Args of a CodeWrongGeometry issue: the case, the
// geometry the layer wants ("point", "polygon"), a count and a GeoJSON type.
func wrongGeometry(kase, want string, n int, typ string) map[string]any {
	return map[string]any{"Case": kase, "Want": want, "N": n, "Type": typ}
}

// wantWord is wantName, translatable.
func wantWord(w geomWant) model.Message {
	if w == wantPoints {
		return model.Msg("geom.point", "point", nil)
	}
	return model.Msg("geom.polygon", "polygon", nil)
}

func wantName(w geomWant) string {
	if w == wantPoints {
		return "point"
	}
	return "polygon"
}

// pickParts keeps the parts of a GeometryCollection that fit the layer.
func pickParts(col orb.Collection, want geomWant) orb.Geometry {
	var pts orb.MultiPoint
	var polys orb.MultiPolygon
	var walk func(orb.Collection)
	walk = func(c orb.Collection) {
		for _, g := range c {
			switch gg := g.(type) {
			case orb.Point:
				pts = append(pts, gg)
			case orb.MultiPoint:
				pts = append(pts, gg...)
			case orb.Polygon:
				polys = append(polys, gg)
			case orb.MultiPolygon:
				polys = append(polys, gg...)
			case orb.Collection:
				walk(gg)
			}
		}
	}
	walk(col)
	if want == wantPoints && len(pts) > 0 {
		return pts
	}
	if len(polys) > 0 {
		return polys
	}
	return nil
}

// jsonScalar renders a JSON scalar as text: strings unquoted, numbers as
// written, objects/arrays as compact JSON.
func jsonScalar(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) == nil {
		return buf.String()
	}
	return string(raw)
}

// decodeProps reads a properties object keeping key order.
func decodeProps(raw []byte) ([]prop, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	out := make([]prop, 0, 12)
	err := eachMember(raw, func(key string, v []byte) error {
		p := prop{key: unique.Make(key).Value()} // one copy of each field name, not one per feature
		switch {
		case string(v) == "null":
			p.null = true
		case v[0] == '"':
			p.val = jsonString(v)
		case v[0] == '{' || v[0] == '[':
			p.val = jsonScalar(v)
		default:
			p.val = string(v) // number or true/false, as written
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("properties is not a JSON object")
	}
	return out, nil
}

// crsMember reads the old-style GeoJSON "crs" member:
// {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}} or
// {"type":"EPSG","properties":{"code":3857}}.
func crsMember(raw []byte) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", false
	}
	var m struct {
		Type       string `json:"type"`
		Properties struct {
			Name string          `json:"name"`
			Code json.RawMessage `json:"code"`
		} `json:"properties"`
	}
	if json.Unmarshal(raw, &m) != nil {
		return string(raw), true
	}
	if m.Properties.Name != "" {
		return m.Properties.Name, true
	}
	if len(m.Properties.Code) > 0 {
		return "EPSG:" + strings.Trim(string(m.Properties.Code), `"`), true
	}
	return string(raw), true
}

func (c *collection) bound() orb.Bound {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, f := range c.features {
		forEachPoint(f.geom, func(p *orb.Point) {
			if finitePt(*p) {
				b = b.Extend(*p)
			}
		})
	}
	return b
}

func finitePt(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

func forEachPoint(g orb.Geometry, fn func(*orb.Point)) {
	switch gg := g.(type) {
	case orb.Point:
		// Points are values: callers handle them via setPoint.
	case orb.MultiPoint:
		for i := range gg {
			fn(&gg[i])
		}
	case orb.MultiPolygon:
		for _, p := range gg {
			for _, r := range p {
				for i := range r {
					fn(&r[i])
				}
			}
		}
	case orb.Polygon:
		for _, r := range gg {
			for i := range r {
				fn(&r[i])
			}
		}
	}
}

// mapPoints applies fn to every coordinate of every feature in place.
func (c *collection) mapPoints(fn func(orb.Point) orb.Point) {
	for i := range c.features {
		f := &c.features[i]
		if p, ok := f.geom.(orb.Point); ok {
			f.geom = fn(p)
			continue
		}
		forEachPoint(f.geom, func(p *orb.Point) { *p = fn(*p) })
	}
}

// toLonLat decides the file's CRS (override, "crs" member, or detection)
// and converts every coordinate to WGS-84 lon/lat.
func (c *collection) toLonLat(raw *rawLayer, opt Options, rep *Report) error {
	for i := range c.features { // Points are values, so bound() needs them as MultiPoint.
		if p, ok := c.features[i].geom.(orb.Point); ok {
			c.features[i].geom = orb.MultiPoint{p}
		}
	}
	defer func() {
		for i := range c.features {
			if mp, ok := c.features[i].geom.(orb.MultiPoint); ok && len(mp) == 1 {
				c.features[i].geom = mp[0]
			}
		}
	}()
	b := c.bound()
	info := func(sev Severity, code string, args map[string]any, msg string) {
		rep.add(Issue{Severity: sev, Code: code, File: c.file, Field: "crs", Args: args, Message: msg})
	}
	crsArgs := func(cc geo.CRS) map[string]any { return map[string]any{"CRS": cc.String(), "CRSName": cc.Name} }
	var crs geo.CRS
	switch {
	case opt.CRS != "":
		cc, err := geo.ParseCRS(opt.CRS)
		if err != nil {
			return &model.InputError{File: c.file, Field: "--crs", Msg: err.Error()}
		}
		crs = cc
		info(Info, CodeCRSOverride, crsArgs(cc), fmt.Sprintf("coordinates read as %s (%s), as given by --crs", cc, cc.Name))
	default:
		name, has := raw.crsName, raw.crsName != "" || raw.crs != nil
		if has {
			var cc geo.CRS
			if raw.crs != nil {
				cc = *raw.crs
			} else {
				var err error
				if cc, err = geo.ParseCRS(name); err != nil {
					return &model.InputError{File: c.file, Field: "crs", Msg: fmt.Sprintf("%v (declared %q); reproject the file to EPSG:4326 or pass --crs", err, name)}
				}
			}
			crs = cc
			if !cc.IsLonLat() {
				info(Info, CodeCRSDeclared, crsArgs(cc), fmt.Sprintf("file declares %s (%s); reprojected to lon/lat", cc, cc.Name))
			}
			if cc.IsLonLat() && !looksSwapped(b) && !(b.Min[0] >= -180 && b.Max[0] <= 180 && b.Min[1] >= -90 && b.Max[1] <= 90) {
				d, err := geo.DetectCRS(b)
				if err != nil {
					return &model.InputError{File: c.file, Field: "crs", Msg: fmt.Sprintf("file declares %q but its coordinates are not lon/lat: %v", name, err)}
				}
				crs = d.CRS
				info(Warning, CodeCRSDetected, detected(name, d), fmt.Sprintf("file declares %q but the coordinates are not degrees; %s", name, d.Reason))
			}
		} else if looksSwapped(b) {
			crs = geo.LonLat
		} else {
			d, err := geo.DetectCRS(b)
			if err != nil {
				return model.Inputf(c.file, "geojson.no_crs", "the file declares no coordinate system (no \"crs\" member or .prj) and {{.Err}}", map[string]any{"Err": err.Error()}).At(0, "crs")
			}
			crs = d.CRS
			if !crs.IsLonLat() {
				info(Warning, CodeCRSDetected, detected("", d), "the file declares no coordinate system (no \"crs\" member or .prj); "+d.Reason+"; reprojected to lon/lat (pass --crs if this is wrong)")
			}
		}
	}
	if crs.IsLonLat() && looksSwapped(b) {
		c.mapPoints(func(p orb.Point) orb.Point { return orb.Point{p[1], p[0]} })
		info(Warning, CodeAxisSwapped, map[string]any{"Min": b.Min[0], "Max": b.Max[0]}, fmt.Sprintf("coordinates look like latitude, longitude (first values %.3f…%.3f); swapped them to longitude, latitude", b.Min[0], b.Max[0]))
	}
	if !crs.IsLonLat() {
		c.mapPoints(crs.ToLonLat)
	}
	c.crs = crs
	if note := crs.DatumNote(); note != "" {
		info(Warning, CodeDatumNotShifted, map[string]any{"CRS": crs.String(), "CRSName": crs.Name, "Datum": crs.Datum},
			fmt.Sprintf("%s (%s): %s; for exact positions reproject the file to CGCS2000 (EPSG:4490) in the source GIS with a local transformation", crs, crs.Name, note))
	}
	switch {
	case opt.GCJ02 && crs.Kind != geo.KindGCJ02 && crs.Kind != geo.KindBD09:
		c.mapPoints(geo.GCJ02ToWGS84)
		info(Info, CodeGCJ02, map[string]any{}, "removed the GCJ-02 offset (--gcj02): coordinates moved by up to ~700 m to WGS-84")
	case !opt.GCJ02 && crs.Kind != geo.KindGCJ02 && geo.GCJ02Hint(c.file):
		info(Warning, CodeGCJ02Hint, map[string]any{"Case": "name"}, "the file name suggests an online Chinese map (GCJ-02 offset, 100–700 m); if so, import again with --gcj02")
	}
	return nil
}

// detected holds the Args of a CodeCRSDetected issue; declared is the
// file's "crs" member ("" when it has none).
func detected(declared string, d geo.Detection) map[string]any {
	return map[string]any{"Declared": declared, "CRS": d.CRS.String(), "CRSName": d.CRS.Name, "Reason": d.Reason}
}

// looksSwapped: every first value fits a latitude, and the second values
// do not, yet fit longitudes — a lat,lon file.
func looksSwapped(b orb.Bound) bool {
	return b.Min[0] >= -90 && b.Max[0] <= 90 && (b.Max[1] > 90 || b.Min[1] < -90) && b.Min[1] >= -180 && b.Max[1] <= 180
}

// number reads a count field of feature f, reporting a bad value.
func (c *collection) count(f *feature, id, field string, rep *Report) (int, bool) {
	s, ok := f.get(field)
	if !ok {
		return 0, false
	}
	n, ok, err := parseCount(s)
	if err != nil {
		rep.add(Issue{Severity: Warning, Code: CodeBadNumber, File: c.file, Feature: f.index, ID: id, Field: field,
			Args:    badNumber(countProblem(s), s, err.Error()),
			Message: fmt.Sprintf("%v; used 0 — correct the value in the source file", err)})
		return 0, false
	}
	return n, ok
}

// attrs returns the properties not used by the mapping.
func attrs(f *feature, m Mapping) map[string]string {
	used := map[string]bool{}
	for _, v := range m {
		used[v] = true
	}
	var out map[string]string
	for _, p := range f.props {
		if used[p.key] || p.null {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[p.key] = p.val
	}
	return out
}

// ids gives each feature a unique id: the mapped field, else the
// feature's own id, else a generated prefix+number; duplicates get a
// suffix.
type idMaker struct {
	file, prefix string
	width        int
	seen         map[string]bool
	generated    int
	field        string // the mapped id field, "" when there is none
	missing      []int  // 1-based positions of features whose id field is empty
}

func newIDMaker(file, prefix string, width int) *idMaker {
	return &idMaker{file: file, prefix: prefix, width: width, seen: map[string]bool{}}
}

func (m *idMaker) id(f *feature, field string, rep *Report) string {
	id, _ := f.get(field)
	id = strings.TrimSpace(id)
	if id == "" {
		id = strings.TrimSpace(f.fid)
	}
	if id == "" {
		for n := f.index; ; n++ {
			id = fmt.Sprintf("%s%0*d", m.prefix, m.width, n)
			if !m.seen[id] {
				break
			}
		}
		m.generated++
		if field != "" {
			m.field = field
			m.missing = append(m.missing, f.index)
		}
	}
	if m.seen[id] {
		base := id
		for n := 2; ; n++ {
			id = base + "-" + strconv.Itoa(n)
			if !m.seen[id] {
				break
			}
		}
		rep.add(Issue{Severity: Warning, Code: CodeDuplicateID, File: m.file, Feature: f.index, ID: id, Field: field,
			Args:    map[string]any{"ID": base, "NewID": id},
			Message: fmt.Sprintf("id %q is used by an earlier feature; renamed this one %q (give each feature its own id)", base, id)})
	}
	m.seen[id] = true
	return id
}

func (m *idMaker) summary(rep *Report, layer string) {
	if m.generated > 0 {
		rep.add(Issue{Severity: Warning, Code: CodeGeneratedID, File: m.file,
			Args:    map[string]any{"N": m.generated, "Layer": layer, "Example": fmt.Sprintf("%s%0*d", m.prefix, m.width, 1), "Features": zeroBased(m.missing, maxListed)},
			Message: generatedIDMessage(m.generated, layer, fmt.Sprintf("%s%0*d", m.prefix, m.width, 1), zeroBased(m.missing, maxListed))})
	}
}

// generatedIDMessage is the English text of a CodeGeneratedID issue;
// feats lists the features whose mapped id field is empty ("" when the
// file has no id field at all).
func generatedIDMessage(n int, layer, example, feats string) string {
	if feats != "" {
		return fmt.Sprintf("%d %s have an empty id (feature index %s); generated ids like %s for them — fill in the ids in the source file", n, layer, feats, example)
	}
	return fmt.Sprintf("%d %s had no id; generated ids like %s (map an id field with --map %s.id=字段 to keep your own)", n, layer, example, layer)
}
