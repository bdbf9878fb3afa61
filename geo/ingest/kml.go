package ingest

import "github.com/xuequ/xuequ/model"

// readKML reads KML or KMZ (placeholder until the reader lands).
func readKML(path string, opt Options, want geomWant, rep *Report) (*rawLayer, error) {
	return nil, &model.InputError{File: path, Msg: "KML/KMZ files are not read yet"}
}

func kmlLayers(path string) ([]string, error) { return nil, nil }
