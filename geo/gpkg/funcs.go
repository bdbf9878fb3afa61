package gpkg

import (
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"
)

// DriverName is the database/sql driver this package uses.
const DriverName = "sqlite"

// The rtree triggers of GPKG 1.3 Annex F.3 (written by GDAL, QGIS and this
// package) call these functions, so they must exist on every connection that
// writes to a feature table. Registering them on the driver makes that true
// for all connections opened after package initialisation.
func init() {
	register("ST_IsEmpty", 1, stIsEmpty)
	register("ST_MinX", 1, envelopeFunc(func(h Header) float64 { return h.Envelope.Min[0] }))
	register("ST_MaxX", 1, envelopeFunc(func(h Header) float64 { return h.Envelope.Max[0] }))
	register("ST_MinY", 1, envelopeFunc(func(h Header) float64 { return h.Envelope.Min[1] }))
	register("ST_MaxY", 1, envelopeFunc(func(h Header) float64 { return h.Envelope.Max[1] }))
	register("GPKG_IsAssignable", 2, gpkgIsAssignable)
}

type scalarFunc = func(*sqlite.FunctionContext, []driver.Value) (driver.Value, error)

// register ignores "already registered": another package of the same binary
// may have registered an equivalent function first, and that one works too.
func register(name string, nArgs int32, f scalarFunc) {
	_ = sqlite.RegisterDeterministicScalarFunction(name, nArgs, f)
}

// stIsEmpty returns 1 for an empty geometry, 0 for a non-empty one and NULL
// for NULL or a blob that is not a GeoPackage geometry (as SpatiaLite and
// GDAL do, so that a bad blob is left out of the index rather than failing
// the write).
func stIsEmpty(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	h, ok := headerArg(args)
	if !ok {
		return nil, nil
	}
	if h.Empty {
		return int64(1), nil
	}
	return int64(0), nil
}

func envelopeFunc(pick func(Header) float64) scalarFunc {
	return func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		h, ok := headerArg(args)
		if !ok || !h.HasEnvelope {
			return nil, nil
		}
		return pick(h), nil
	}
}

// headerArg reads the header of the blob argument; when the header has no
// envelope (GDAL omits it for points) the geometry is decoded to compute it.
func headerArg(args []driver.Value) (Header, bool) {
	b, ok := args[0].([]byte)
	if !ok || len(b) == 0 {
		return Header{}, false
	}
	h, err := DecodeHeader(b)
	if err != nil {
		return Header{}, false
	}
	if !h.HasEnvelope && !h.Empty {
		_, h, err = Decode(b)
		if err != nil {
			return Header{}, false
		}
	}
	return h, true
}

// gpkgIsAssignable(expected, actual) reports whether a geometry of type
// actual may be stored in a column declared as expected (GPKG 1.3 Annex G:
// GEOMETRY takes anything, GEOMCOLLECTION takes the MULTI types, same names
// match).
func gpkgIsAssignable(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	expected, ok1 := textArg(args[0])
	actual, ok2 := textArg(args[1])
	if !ok1 || !ok2 {
		return nil, nil
	}
	expected, actual = strings.ToUpper(expected), strings.ToUpper(actual)
	switch {
	case expected == actual, expected == "GEOMETRY":
		return int64(1), nil
	case expected == "GEOMCOLLECTION" || expected == "GEOMETRYCOLLECTION":
		switch actual {
		case "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "MULTICURVE", "MULTISURFACE", "GEOMCOLLECTION", "GEOMETRYCOLLECTION":
			return int64(1), nil
		}
	}
	return int64(0), nil
}

func textArg(v driver.Value) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	}
	return "", false
}
