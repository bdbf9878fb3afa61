package export

import (
	"encoding/json"
	"io"

	"github.com/paulmach/orb/geojson"
)

// writeGeoJSON writes l as an RFC 7946 FeatureCollection (lon/lat, UTF-8)
// with the fields' full names as properties; a value of nil is left out.
func writeGeoJSON(w io.Writer, l *Layer) error {
	fc := geojson.NewFeatureCollection()
	for _, f := range l.Features {
		g := geojson.NewFeature(f.Geometry)
		for j, fd := range l.Fields {
			if j < len(f.Values) && f.Values[j] != nil {
				g.Properties[fd.Name] = f.Values[j]
			}
		}
		fc.Append(g)
	}
	b, err := json.Marshal(fc)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
