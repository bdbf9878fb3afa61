package ingest

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/paulmach/orb"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// parseKML reads KML from open() with a streaming decoder: elements are
// matched by local name, so "kml:Placemark" and a default namespace read
// alike and gx: extensions fall through. Nesting is tracked on an explicit
// stack bounded by kmlMaxDepth (no recursion on the file's depth).
// forceGBK decodes undeclared text as GB18030; foldersOnly skips
// coordinates (for listing layers).
func parseKML(open func() (io.ReadCloser, error), forceGBK, foldersOnly bool) (*kmlDoc, error) {
	rc, err := open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var r io.Reader = bomReader(rc)
	p := &kmlParser{doc: &kmlDoc{encoding: EncUTF8}, foldersOnly: foldersOnly}
	if forceGBK {
		r = transform.NewReader(r, simplifiedchinese.GB18030.NewDecoder())
		p.doc.encoding = EncGB18030
	}
	d := xml.NewDecoder(r)
	d.Strict = false // HTML entities and stray tags in descriptions, as Google Earth tolerates
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		enc := kmlCharset(label)
		if forceGBK || enc == EncUTF8 {
			return in, nil
		}
		p.doc.encoding = enc
		if enc == EncGB18030 {
			return transform.NewReader(in, simplifiedchinese.GB18030.NewDecoder()), nil
		}
		e, err := htmlindex.Get(label)
		if err != nil {
			return nil, fmt.Errorf("the XML declares encoding %q, which is not supported; save the file as UTF-8", label)
		}
		return transform.NewReader(in, e.NewDecoder()), nil
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return p.doc, nil
		}
		if err != nil {
			return p.doc, err
		}
		if err := p.token(tok); err != nil {
			return p.doc, err
		}
	}
}

// kmlCharset names a declared encoding as reported: the Chinese national
// encodings all decode as GB18030, their superset.
func kmlCharset(label string) string {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "":
		return EncUTF8
	case "gbk", "gb2312", "gb18030", "cp936", "x-gbk", "euc-cn", "windows-936", "csgb2312", "gb_2312-80", "chinese":
		return EncGB18030
	}
	return strings.ToUpper(label)
}

type kmlParser struct {
	doc         *kmlDoc
	foldersOnly bool
	stack       []string // local names of the open elements
	folders     []string // names of the open Folders ("" until read)
	seenFolder  map[string]bool
	pm          *kmlPlacemark // the open Placemark
	geoms       []*kmlGeom    // open geometry elements of pm

	capture    *strings.Builder // text of the element being captured
	captureAt  int              // its depth
	captureFor string           // what it is: "pm-name", "coords", …
	dataName   string           // name attribute of the open Data/SimpleData
}

// kmlGeom is an open geometry element.
type kmlGeom struct {
	kind     string // Point, LineString, LinearRing, Polygon, MultiGeometry, Track, MultiTrack
	coords   []orb.Point
	outer    orb.Ring
	hasOuter bool
	inner    bool // inside innerBoundaryIs
	holes    []orb.Ring
	parts    []orb.Geometry
}

func (p *kmlParser) parent(up int) string {
	if i := len(p.stack) - 1 - up; i >= 0 {
		return p.stack[i]
	}
	return ""
}

func (p *kmlParser) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		if len(p.stack) >= kmlMaxDepth {
			return fmt.Errorf("elements nested more than %d deep", kmlMaxDepth)
		}
		p.start(t)
	case xml.EndElement:
		if len(p.stack) > 0 {
			p.end(p.stack[len(p.stack)-1])
			p.stack = p.stack[:len(p.stack)-1]
		}
	case xml.CharData:
		// Coordinates are kept whole (bounded by the file); other text is cut.
		if p.capture != nil && (p.captureFor == "coords" || p.capture.Len() < kmlMaxText) {
			p.capture.Write(t)
		}
	case xml.Comment:
		p.addHint(string(t))
	}
	return nil
}

func (p *kmlParser) start(t xml.StartElement) {
	name := t.Name.Local
	parent := p.parent(0)
	p.stack = append(p.stack, name)
	if len(p.stack) == 1 {
		p.doc.root = name
		for _, a := range t.Attr {
			p.addHint(a.Value)
		}
	}
	if p.capture != nil {
		if p.captureFor == "pm-desc" || p.captureFor == "doc-desc" { // raw HTML in a description
			fmt.Fprintf(p.capture, "<%s>", name)
		}
		return
	}
	switch name {
	case "Folder":
		p.folders = append(p.folders, "")
		return
	case "Placemark":
		if p.pm == nil {
			p.pm = &kmlPlacemark{index: len(p.doc.placemarks) + 1, id: attr(t, "id")}
			p.pm.folders = append([]string(nil), p.folders...)
		}
		return
	case "name":
		switch {
		case parent == "Placemark" && p.pm != nil:
			p.begin("pm-name")
		case parent == "Folder" && len(p.folders) > 0:
			p.begin("folder-name")
		case parent == "Document", parent == "author":
			p.begin("hint")
		}
		return
	case "description":
		switch {
		case parent == "Placemark" && p.pm != nil:
			p.begin("pm-desc")
		case parent == "Document":
			p.begin("doc-desc")
		}
		return
	case "Snippet":
		if parent == "Document" {
			p.begin("hint")
		}
		return
	}
	if p.pm == nil {
		return
	}
	switch name {
	case "Data":
		p.dataName = attr(t, "name")
	case "displayName":
		if parent == "Data" && p.dataName == "" {
			p.begin("data-display")
		}
	case "value":
		if parent == "Data" {
			p.begin("data")
		}
	case "SimpleData":
		p.dataName = attr(t, "name")
		p.begin("data")
	case "Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "Track", "MultiTrack":
		p.geoms = append(p.geoms, &kmlGeom{kind: name})
	case "outerBoundaryIs", "innerBoundaryIs":
		if g := p.openGeom("Polygon"); g != nil {
			g.inner = name == "innerBoundaryIs"
		}
	case "coordinates":
		if len(p.geoms) > 0 && !p.foldersOnly {
			p.begin("coords")
		}
	}
}

func (p *kmlParser) begin(what string) {
	p.capture, p.captureAt, p.captureFor = &strings.Builder{}, len(p.stack), what
}

// openGeom returns the innermost open geometry if it is of kind.
func (p *kmlParser) openGeom(kind string) *kmlGeom {
	if n := len(p.geoms); n > 0 && p.geoms[n-1].kind == kind {
		return p.geoms[n-1]
	}
	return nil
}

func (p *kmlParser) end(name string) {
	if p.capture != nil {
		if len(p.stack) > p.captureAt {
			if p.captureFor == "pm-desc" || p.captureFor == "doc-desc" {
				fmt.Fprintf(p.capture, "</%s>", name)
			}
			return
		}
		text := p.capture.String()
		p.capture = nil
		p.captured(p.captureFor, text)
		return
	}
	switch name {
	case "Folder":
		if n := len(p.folders); n > 0 {
			p.folders = p.folders[:n-1]
		}
	case "Placemark":
		if p.pm != nil && len(p.stack) > 0 {
			p.finishPlacemark()
		}
	case "Data", "SimpleData":
		p.dataName = ""
	case "Point", "LineString", "LinearRing", "Polygon", "MultiGeometry", "Track", "MultiTrack":
		if n := len(p.geoms); n > 0 && p.geoms[n-1].kind == name {
			g := p.geoms[n-1]
			p.geoms = p.geoms[:n-1]
			p.attach(g)
		}
	}
}

// captured stores the text of a finished element.
func (p *kmlParser) captured(what, text string) {
	switch what {
	case "pm-name":
		p.pm.addProp("name", strings.TrimSpace(text))
	case "pm-desc":
		plain, pairs := descriptionFields(text)
		if plain != "" {
			p.pm.addProp("description", plain)
		}
		for _, kv := range pairs {
			p.pm.addProp(kv[0], kv[1])
		}
	case "folder-name":
		name := strings.TrimSpace(text)
		p.folders[len(p.folders)-1] = name
		if name != "" && !p.seenFolder[name] {
			if p.seenFolder == nil {
				p.seenFolder = map[string]bool{}
			}
			p.seenFolder[name] = true
			p.doc.folders = append(p.doc.folders, name)
		}
	case "hint", "doc-desc":
		p.addHint(text)
	case "data-display":
		p.dataName = strings.TrimSpace(text)
	case "data":
		p.pm.addProp(strings.TrimSpace(p.dataName), strings.TrimSpace(text))
	case "coords":
		g := p.geoms[len(p.geoms)-1]
		pts, err := parseKMLCoords(text)
		if err != nil && p.pm.geomErr == nil {
			p.pm.geomErr = fmt.Errorf("<%s> coordinates: %v", g.kind, err)
		}
		g.coords = pts
	}
}

// attach hands a finished geometry to its parent (a Polygon boundary, a
// MultiGeometry) or to the Placemark.
func (p *kmlParser) attach(g *kmlGeom) {
	var out orb.Geometry
	switch g.kind {
	case "Point":
		if len(g.coords) == 0 {
			p.setErr("a Point without coordinates")
			return
		}
		out = g.coords[0]
	case "LineString", "Track":
		out = orb.LineString(g.coords)
	case "LinearRing":
		ring := orb.Ring(g.coords)
		if parent := p.openGeom("Polygon"); parent != nil {
			switch {
			case parent.inner:
				parent.holes = append(parent.holes, ring)
			case parent.hasOuter: // a second outer boundary is a polygon of its own
				parent.parts = append(parent.parts, orb.Polygon{ring})
			default:
				parent.outer, parent.hasOuter = ring, true
			}
			return
		}
		out = orb.Polygon{ring} // a bare LinearRing outlines an area
	case "Polygon":
		if !g.hasOuter {
			p.setErr("a Polygon without outerBoundaryIs")
			return
		}
		poly := append(orb.Polygon{g.outer}, g.holes...)
		if len(g.parts) > 0 {
			out = append(orb.MultiPolygon{poly}, toPolygons(g.parts)...)
		} else {
			out = poly
		}
	case "MultiGeometry", "MultiTrack":
		out = simplifyParts(g.parts)
		if out == nil {
			return
		}
	}
	if n := len(p.geoms); n > 0 {
		p.geoms[n-1].parts = append(p.geoms[n-1].parts, out)
		return
	}
	switch prev := p.pm.geom.(type) {
	case nil:
		p.pm.geom = out
	case orb.Collection:
		p.pm.geom = append(prev, out)
	default:
		p.pm.geom = orb.Collection{prev, out}
	}
}

// addHint keeps document-level text for the GCJ-02 hint, at most 64 KiB
// of it in pieces of at most 4 KiB.
func (p *kmlParser) addHint(text string) {
	if len(p.doc.hint) >= 64<<10 {
		return
	}
	if len(text) > 4<<10 {
		text = text[:4<<10]
	}
	p.doc.hint += " " + text
}

func (p *kmlParser) setErr(msg string) {
	if p.pm != nil && p.pm.geomErr == nil {
		p.pm.geomErr = fmt.Errorf("%s", msg)
	}
}

func toPolygons(parts []orb.Geometry) []orb.Polygon {
	var out []orb.Polygon
	for _, g := range parts {
		if pg, ok := g.(orb.Polygon); ok {
			out = append(out, pg)
		}
	}
	return out
}

// simplifyParts turns the parts of a MultiGeometry into a MultiPolygon or
// MultiPoint when they are all of that kind (nested MultiGeometries
// flattened), else a Collection for fitGeometry to pick from; nil if none.
func simplifyParts(parts []orb.Geometry) orb.Geometry {
	var polys orb.MultiPolygon
	var pts orb.MultiPoint
	other := false
	for _, g := range parts {
		switch gg := g.(type) {
		case orb.Polygon:
			polys = append(polys, gg)
		case orb.MultiPolygon:
			polys = append(polys, gg...)
		case orb.Point:
			pts = append(pts, gg)
		case orb.MultiPoint:
			pts = append(pts, gg...)
		default:
			other = true
		}
	}
	switch {
	case len(parts) == 0:
		return nil
	case !other && len(pts) == 0:
		return polys
	case !other && len(polys) == 0:
		return pts
	}
	return orb.Collection(parts)
}

func (p *kmlParser) finishPlacemark() {
	pm := p.pm
	p.pm, p.geoms, p.dataName = nil, nil, ""
	if f := pm.folders; len(f) > 0 && f[len(f)-1] != "" {
		pm.addProp("folder", f[len(f)-1])
	}
	if p.foldersOnly {
		pm.props, pm.geom = nil, nil
	}
	p.doc.placemarks = append(p.doc.placemarks, *pm)
}

// addProp adds a field unless one of that name is there already (the
// Placemark's own name wins over a description table's "name" row).
func (pm *kmlPlacemark) addProp(key, val string) {
	if key == "" {
		return
	}
	for _, q := range pm.props {
		if q.key == key {
			return
		}
	}
	pm.props = append(pm.props, prop{key: key, val: val})
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
