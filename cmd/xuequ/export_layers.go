package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	lang "github.com/xuequ/xuequ/app/i18n"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/geo/export"
)

// layerFlags are export's GIS layer outputs: --catchments (dissolved per
// school and stage), --zones (zones with their catchment schools), each
// .gpkg, .shp, .geojson or .kml, and --encoding of a Shapefile's text.
type layerFlags struct {
	catchments, zones, encoding, crs *string
}

// addLayerFlags declares the flags on fs. Their help is English, as the
// other flags': it is built before the language is chosen.
func addLayerFlags(fs *flag.FlagSet) *layerFlags {
	return &layerFlags{
		catchments: fs.String("catchments", "", "write the catchments, one polygon per school and stage with pupils, seats and gap, to this .gpkg, .shp, .geojson or .kml"),
		zones:      fs.String("zones", "", "write the zones with their catchment schools to this .gpkg, .shp, .geojson or .kml"),
		encoding:   fs.String("encoding", "UTF-8", "text encoding of a Shapefile's attributes: UTF-8 or GBK (written to its .cpg)"),
		crs:        fs.String("crs", "EPSG:4326", "CRS of .gpkg and .shp layers: EPSG:4326, EPSG:4490 (CGCS2000) or a CGCS2000 3-degree Gauss-Krüger zone (EPSG:4513–4554)"),
	}
}

// any reports whether a layer output was asked for.
func (l *layerFlags) any() bool { return *l.catchments != "" || *l.zones != "" }

// check refuses unknown formats, encodings and CRSs before anything is read.
func (l *layerFlags) check() error {
	for _, f := range []struct{ flag, path string }{{"--catchments", *l.catchments}, {"--zones", *l.zones}} {
		if f.path != "" && export.FormatOf(f.path) == export.FormatUnknown {
			return &usageError{lang.X("layers.err.format",
				"export: {{.Flag}} {{.File}}: layers are written as .gpkg, .shp, .geojson or .kml; name the file accordingly",
				map[string]any{"Flag": f.flag, "File": f.path})}
		}
	}
	if _, err := export.ParseEncoding(*l.encoding); err != nil {
		return &usageError{lang.X("layers.err.encoding", "export: --encoding {{.Value}}: use UTF-8 or GBK",
			map[string]any{"Value": *l.encoding})}
	}
	code, err := l.epsg()
	for _, path := range []string{*l.catchments, *l.zones} {
		if err == nil && path != "" {
			err = export.CheckCRS(code, export.FormatOf(path))
		}
	}
	if err != nil {
		return &usageError{lang.X("layers.err.crs", "export: --crs {{.Value}}: {{.Err}}",
			map[string]any{"Value": *l.crs, "Err": err.Error()})}
	}
	return nil
}

// epsg is the EPSG code --crs names.
func (l *layerFlags) epsg() (int, error) {
	c, err := geo.ParseCRS(*l.crs)
	if err != nil {
		return 0, err
	}
	if c.EPSG == 0 {
		return 0, errors.New(tr("cli.err.no_epsg", "{{.CRS}} has no EPSG code; give one such as EPSG:4490", map[string]any{"CRS": fmt.Sprint(c)}))
	}
	return c.EPSG, nil
}

// write writes the asked layers of the session's district; the
// catchments carry the pupils and seats of year (0 = the session's year).
func (l *layerFlags) write(s *app.Session, year int, stderr io.Writer) error {
	code, _ := l.epsg()
	opt := export.Options{Encoding: *l.encoding, EPSG: code}
	d := s.District()
	if *l.zones != "" {
		if err := export.Write(*l.zones, export.ZoneLayer(d), opt); err != nil {
			return err
		}
		fmt.Fprintln(stderr, lang.X("layers.wrote.zones", "Wrote {{.N}} zones with their catchment schools to {{.File}}.",
			map[string]any{"N": len(d.Zones), "File": *l.zones}))
	}
	if *l.catchments != "" {
		a := s.Analysis()
		if year != 0 {
			a = s.AnalysisFor(year)
		}
		layer := export.CatchmentLayer(d, a, d.Standards)
		if err := export.Write(*l.catchments, layer, opt); err != nil {
			return err
		}
		fmt.Fprintln(stderr, lang.X("layers.wrote.catchments", "Wrote {{.N}} catchments (school × stage, {{.Year}}) to {{.File}}.",
			map[string]any{"N": len(layer.Features), "Year": a.Year, "File": *l.catchments}))
	}
	return nil
}
