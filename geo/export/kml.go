package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/paulmach/orb"
)

// kmlColours are the fill colours of the placemarks, KML aabbggrr with
// 50 % opacity (Tableau 10).
var kmlColours = []string{"80a7794e", "802b8ef2", "805957e1", "80b2b776", "804fa159", "8048c9ed",
	"80a17ab0", "80a79dff", "805f759c", "80acb0ba"}

// writeKML writes l as KML 2.2: one Placemark per feature, named by its
// Label, with the fields as ExtendedData (typed by a Schema) and a fill
// colour per feature so Google Earth and 奥维 show the areas apart.
func writeKML(w io.Writer, l *Layer) error {
	b := bufio.NewWriter(w)
	esc := func(s string) string {
		var e xmlText
		xml.EscapeText(&e, []byte(s))
		return string(e)
	}
	fmt.Fprintf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document id=\"root\">\n<name>%s</name>\n", esc(l.Title))
	fmt.Fprintf(b, "<Schema name=\"%s\" id=\"%s\">\n", esc(l.Name), esc(l.Name))
	for _, f := range l.Fields {
		typ := map[Kind]string{Text: "string", Int: "int", Real: "double"}[f.Kind]
		fmt.Fprintf(b, "<SimpleField name=\"%s\" type=\"%s\"><displayName>%s</displayName></SimpleField>\n", esc(f.Name), typ, esc(f.Title))
	}
	b.WriteString("</Schema>\n")
	for i, c := range kmlColours {
		fmt.Fprintf(b, "<Style id=\"c%d\"><LineStyle><color>ffffffff</color><width>1</width></LineStyle><PolyStyle><color>%s</color></PolyStyle></Style>\n", i, c)
	}
	fmt.Fprintf(b, "<Folder><name>%s</name>\n", esc(l.Title))
	for i, f := range l.Features {
		fmt.Fprintf(b, "<Placemark>\n<name>%s</name>\n<styleUrl>#c%d</styleUrl>\n<ExtendedData><SchemaData schemaUrl=\"#%s\">\n", esc(f.Label), i%len(kmlColours), esc(l.Name))
		for j, fd := range l.Fields {
			if j < len(f.Values) && f.Values[j] != nil {
				fmt.Fprintf(b, "<SimpleData name=\"%s\">%s</SimpleData>\n", esc(fd.Name), esc(fmt.Sprint(f.Values[j])))
			}
		}
		b.WriteString("</SchemaData></ExtendedData>\n")
		kmlGeometry(b, f.Geometry)
		b.WriteString("</Placemark>\n")
	}
	b.WriteString("</Folder>\n</Document>\n</kml>\n")
	return b.Flush()
}

type xmlText []byte

func (t *xmlText) Write(p []byte) (int, error) { *t = append(*t, p...); return len(p), nil }

func kmlGeometry(b *bufio.Writer, g orb.Geometry) {
	var polys []orb.Polygon
	switch g := g.(type) {
	case orb.Polygon:
		polys = []orb.Polygon{g}
	case orb.MultiPolygon:
		polys = g
	}
	if len(polys) == 0 {
		return
	}
	b.WriteString("<MultiGeometry>")
	for _, p := range polys {
		b.WriteString("<Polygon>")
		for i, r := range p {
			tag := "innerBoundaryIs"
			if i == 0 {
				tag = "outerBoundaryIs"
			}
			fmt.Fprintf(b, "<%s><LinearRing><coordinates>", tag)
			for k, pt := range r {
				if k > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(strconv.FormatFloat(pt[0], 'f', -1, 64) + "," + strconv.FormatFloat(pt[1], 'f', -1, 64))
			}
			fmt.Fprintf(b, "</coordinates></LinearRing></%s>", tag)
		}
		b.WriteString("</Polygon>")
	}
	b.WriteString("</MultiGeometry>\n")
}
