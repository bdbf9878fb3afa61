package assets

import "embed"

// Sample is the sample district that Xuequ opens when started without a
// file and that `xuequ sample` writes: sample/schools.geojson,
// sample/zones.geojson, sample/history.csv, sample/births.csv,
// sample/housing.csv and sample/README.md. It is synthetic (package
// model/synth, seed fixed); regenerate with `go generate ./assets`.
//
//go:generate go run ./gen -o sample
//go:embed sample/*
var Sample embed.FS
