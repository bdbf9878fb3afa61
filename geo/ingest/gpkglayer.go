package ingest

import "github.com/xuequ/xuequ/model"

// readGeoPackageLayer reads one feature layer of a GeoPackage (placeholder
// until the reader lands).
func readGeoPackageLayer(path string, opt Options, want geomWant, rep *Report) (*rawLayer, error) {
	return nil, &model.InputError{File: path, Msg: "GeoPackage layers are not read yet"}
}

func gpkgLayers(path string) ([]string, error) { return nil, nil }
