package ingest

import (
	"github.com/xuequ/xuequ/geo"
)

// PreviewResult is what the import wizard shows before the user confirms
// the field mapping.
type PreviewResult struct {
	Encoding      string   // EncUTF8, EncUTF8BOM or EncGB18030
	CRS           string   // "EPSG:4326", "EPSG:4547", … as it will be read
	Features      int      // features with a usable geometry
	PropertyNames []string // in order of first appearance
	// Rows holds the first n features' values, aligned with PropertyNames
	// ("" where a feature lacks the property).
	Rows    [][]string
	Mapping Mapping // the guessed mapping for the layer
	Report  *Report // what reading would report so far
}

// Preview reads a geographic file (any FormatOf format; data as for
// ReadSchools) far enough to show its properties and first
// n features, and the guessed mapping for the layer.
func Preview(name string, data []byte, layer Layer, n int, opt Options) (*PreviewResult, error) {
	rep := &Report{}
	want := wantPolygons
	if layer == Schools {
		want = wantPoints
	}
	c, err := readLayerFile(name, data, opt, want, rep)
	if err != nil {
		return nil, err
	}
	p := &PreviewResult{Encoding: c.encoding, CRS: c.crs.String(), Features: len(c.features), PropertyNames: c.names, Report: rep}
	if c.crs.Kind == geo.KindLonLat && c.crs.EPSG == 0 {
		p.CRS = geo.LonLat.String()
	}
	for i := 0; i < n && i < len(c.features); i++ {
		row := make([]string, len(c.names))
		for j, k := range c.names {
			row[j], _ = c.features[i].get(k)
		}
		p.Rows = append(p.Rows, row)
	}
	p.Mapping = GuessMapping(layer, c.names).apply(opt.Map)
	return p, nil
}
