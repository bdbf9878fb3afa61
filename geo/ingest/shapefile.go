package ingest

import "github.com/xuequ/xuequ/model"

// readShapefile reads an ESRI Shapefile (placeholder until the reader lands).
func readShapefile(path string, opt Options, want geomWant, rep *Report) (*rawLayer, error) {
	return nil, &model.InputError{File: path, Msg: "Shapefiles are not read yet"}
}

func shapefileLayers(path string) ([]string, error) { return nil, nil }
