package ui

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuequ/xuequ/geo/ingest"
	"github.com/xuequ/xuequ/model"
)

// ingestBackend is the ImportBackend over package geo/ingest.
type ingestBackend struct{}

func (ingestBackend) Fields(l ingest.Layer) []string { return ingest.Fields(l) }

func (ingestBackend) GuessMapping(l ingest.Layer, props []string) ingest.Mapping {
	return ingest.GuessMapping(l, props)
}

// Layers lists the layers of an existing multi-layer file; a path that is
// being typed (not a file yet) or a GeoJSON has none.
func (ingestBackend) Layers(path string) ([]string, error) {
	path = strings.TrimSpace(path)
	if path == "" || ingest.FormatOf(path) == "" || ingest.FormatOf(path) == ingest.FormatGeoJSON {
		return nil, nil
	}
	if fi, err := os.Stat(path); err != nil || fi.IsDir() {
		return nil, nil
	}
	return ingest.ListLayers(path)
}

// Sheets lists the worksheets of an existing .xlsx file.
func (ingestBackend) Sheets(path string) []string {
	path = strings.TrimSpace(path)
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	names, _ := ingest.SheetNames(path, data)
	return names
}

func (ingestBackend) Preview(l ingest.Layer, path, sublayer string, gcj02 bool) (ImportPreview, error) {
	p, err := ingest.Preview(path, nil, l, importPreviewRows, ingest.Options{GCJ02: gcj02, Layer: sublayer})
	if err != nil {
		return ImportPreview{}, err
	}
	return ImportPreview{Encoding: p.Encoding, CRS: p.CRS, Features: p.Features,
		Properties: p.PropertyNames, Rows: p.Rows}, nil
}

// Import passes the wizard's mapping as --map values: every field is
// given, "" for a field the user set to "not imported"; the values the
// user chose go in as the value map.
func (b ingestBackend) Import(f ImportFiles, mappings map[ingest.Layer]ingest.Mapping, values ingest.ValueMap) (*model.District, *ingest.Report, error) {
	return b.ImportContext(context.Background(), f, mappings, values)
}

// ImportContext is Import stopping between files when ctx is done.
func (ingestBackend) ImportContext(ctx context.Context, f ImportFiles, mappings map[ingest.Layer]ingest.Mapping, values ingest.ValueMap) (*model.District, *ingest.Report, error) {
	opt := ingest.ImportOptions{Schools: f.Schools, Zones: f.Zones, History: f.History,
		Births: f.Births, Housing: f.Housing, GCJ02: f.GCJ02,
		SchoolsLayer: f.SchoolsLayer, ZonesLayer: f.ZonesLayer, Sheet: f.Sheet}
	for _, layer := range []ingest.Layer{ingest.Schools, ingest.Zones} {
		for _, field := range slices.Sorted(maps.Keys(mappings[layer])) {
			opt.Map = append(opt.Map, string(layer)+"."+field+"="+mappings[layer][field])
		}
	}
	if len(values) > 0 {
		opt.Values = values
	}
	return ingest.ImportContext(ctx, opt)
}
