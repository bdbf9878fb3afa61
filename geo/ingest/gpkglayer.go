package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
)

// gpkgLayer is one feature table of a GeoPackage.
type gpkgLayer struct {
	table, identifier string
	column            string // geometry column
	geomType          string // gpkg_geometry_columns.geometry_type_name, upper case
	srsID             int32
}

// readGeoPackageLayer reads one feature table of a GeoPackage (OGC 12-128r18),
// opened read-only (gpkg.Open: nothing in the file runs). opt.Layer picks
// the table by name or identifier; else the only table whose geometry type
// fits want (POINT/MULTIPOINT for schools, POLYGON/MULTIPOLYGON for zones;
// GEOMETRY is judged by its first rows). Every column but the geometry and
// the integer primary key becomes a field, in table order; the primary key
// is the feature id. The CRS comes from gpkg_spatial_ref_sys: an EPSG code,
// else the WKT definition; srs_id 0 and -1 (undefined) leave it to
// detection from the coordinates.
func readGeoPackageLayer(path string, opt Options, want geomWant, rep *Report) (*rawLayer, error) {
	ctx := context.Background()
	db, err := openGeoPackage(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	layers, err := featureLayers(ctx, db)
	if err != nil {
		return nil, &model.InputError{File: path, Msg: fmt.Sprintf("cannot list the layers: %v", err)}
	}
	l, err := pickGeoPackageLayer(ctx, db, path, layers, opt.Layer, want)
	if err != nil {
		return nil, err
	}
	if err := gpkg.CheckPlainTable(ctx, db.SQL(), l.table, l.column); err != nil {
		return nil, &model.InputError{File: path, Field: l.table, Msg: fmt.Sprintf("layer %q cannot be read safely (%v); save it as a plain table (QGIS: Export → Save Features As → GeoPackage)", l.table, err)}
	}
	raw := &rawLayer{encoding: EncUTF8}
	if err := gpkgCRS(ctx, db, path, l.srsID, raw); err != nil {
		return nil, err
	}
	cols, pk, err := tableColumns(ctx, db, l.table)
	if err != nil {
		return nil, &model.InputError{File: path, Field: l.table, Msg: fmt.Sprintf("cannot read the columns of %q: %v", l.table, err)}
	}
	var meta int
	_ = db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM gpkg_contents WHERE table_name = 'xuequ_meta'").Scan(&meta)
	if err := readGeoPackageRows(ctx, db, path, l, cols, pk, meta > 0, want, raw, rep); err != nil {
		return nil, err
	}
	return raw, nil
}

// gpkgLayers lists the feature tables of a GeoPackage: the layers
// opt.Layer can pick.
func gpkgLayers(path string) ([]string, error) {
	db, err := openGeoPackage(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	layers, err := featureLayers(context.Background(), db)
	if err != nil {
		return nil, &model.InputError{File: path, Msg: fmt.Sprintf("cannot list the layers: %v", err)}
	}
	out := make([]string, len(layers))
	for i, l := range layers {
		out[i] = l.table
	}
	return out, nil
}

func openGeoPackage(path string) (*gpkg.DB, error) {
	db, err := gpkg.Open(path)
	switch {
	case errors.Is(err, gpkg.ErrNotGeoPackage):
		return nil, &model.InputError{File: path, Msg: "an SQLite file but not a GeoPackage (application_id is not GPKG); save the layer as GeoPackage in QGIS"}
	case err != nil:
		return nil, &model.InputError{File: path, Msg: fmt.Sprintf("cannot open the GeoPackage: %v", unwrapPathErr(err))}
	}
	return db, nil
}

// featureLayers lists the 'features' tables of gpkg_contents that have a
// geometry column, in table name order.
func featureLayers(ctx context.Context, db *gpkg.DB) ([]gpkgLayer, error) {
	contents, err := gpkg.Contents(ctx, db.SQL())
	if err != nil {
		return nil, err
	}
	cols, err := gpkg.GeometryColumns(ctx, db.SQL())
	if err != nil {
		return nil, err
	}
	byTable := map[string]gpkg.GeometryColumn{}
	for _, c := range cols {
		byTable[strings.ToLower(c.TableName)] = c
	}
	var out []gpkgLayer
	for _, c := range contents {
		gc, ok := byTable[strings.ToLower(c.TableName)]
		if !strings.EqualFold(c.DataType, "features") || !ok {
			continue
		}
		out = append(out, gpkgLayer{table: c.TableName, identifier: c.Identifier, column: gc.ColumnName,
			geomType: strings.ToUpper(gc.GeometryType), srsID: gc.SRSID})
	}
	return out, nil
}

// pickGeoPackageLayer chooses the layer to read (see readGeoPackageLayer).
func pickGeoPackageLayer(ctx context.Context, db *gpkg.DB, path string, layers []gpkgLayer, name string, want geomWant) (gpkgLayer, error) {
	list := func() string {
		var s []string
		for _, l := range layers {
			s = append(s, fmt.Sprintf("%s (%s)", l.table, l.geomType))
		}
		return strings.Join(s, ", ")
	}
	flag := "--schools-layer"
	if want == wantPolygons {
		flag = "--zones-layer"
	}
	if len(layers) == 0 {
		return gpkgLayer{}, &model.InputError{File: path, Msg: "the GeoPackage has no feature layer (only tables without geometry or tiles)"}
	}
	if name = strings.TrimSpace(name); name != "" {
		for _, l := range layers {
			if l.table == name {
				return l, nil
			}
		}
		for _, l := range layers {
			if strings.EqualFold(l.table, name) || strings.EqualFold(l.identifier, name) {
				return l, nil
			}
		}
		return gpkgLayer{}, &model.InputError{File: path, Field: flag, Msg: fmt.Sprintf("no layer %q; the file's layers are %s", name, list())}
	}
	var fit []gpkgLayer
	for _, l := range layers {
		if layerFits(ctx, db, l, want) {
			fit = append(fit, l)
		}
	}
	switch {
	case len(fit) == 1:
		return fit[0], nil
	case len(fit) == 0 && len(layers) == 1:
		return layers[0], nil // its features are checked one by one
	case len(fit) == 0:
		return gpkgLayer{}, &model.InputError{File: path, Field: flag, Msg: fmt.Sprintf("no layer holds %ss; the file's layers are %s; pass %s NAME", wantName(want), list(), flag)}
	}
	return gpkgLayer{}, &model.InputError{File: path, Field: flag, Msg: fmt.Sprintf("%d layers hold %ss: %s; pass %s NAME to choose one", len(fit), wantName(want), list(), flag)}
}

// layerFits tells whether a layer's declared geometry type fits want; a
// generic type (GEOMETRY, GEOMETRYCOLLECTION) is judged by its first
// non-empty geometries.
func layerFits(ctx context.Context, db *gpkg.DB, l gpkgLayer, want geomWant) bool {
	switch l.geomType {
	case "POINT", "MULTIPOINT":
		return want == wantPoints
	case "POLYGON", "MULTIPOLYGON":
		return want == wantPolygons
	case "GEOMETRY", "GEOMETRYCOLLECTION":
	default:
		return false
	}
	if gpkg.CheckPlainTable(ctx, db.SQL(), l.table, l.column) != nil {
		return false
	}
	rows, err := db.SQL().QueryContext(ctx, fmt.Sprintf("SELECT CASE WHEN length(%[1]s) > %[3]d THEN NULL ELSE %[1]s END FROM %[2]s WHERE %[1]s IS NOT NULL LIMIT 20",
		quoteIdent(l.column), quoteIdent(l.table), gpkg.MaxGeometryBytes))
	if err != nil {
		return false
	}
	defer rows.Close()
	points, polygons := 0, 0
	for rows.Next() {
		var blob []byte
		if rows.Scan(&blob) != nil || len(blob) == 0 {
			continue
		}
		g, _, err := gpkg.Decode(blob)
		if err != nil {
			continue
		}
		p, q := geomKinds(g)
		if p {
			points++
		}
		if q {
			polygons++
		}
	}
	if want == wantPoints {
		return points > polygons
	}
	return polygons > points
}

// gpkgCRS sets raw's declared CRS from the srs row of srsID.
func gpkgCRS(ctx context.Context, db *gpkg.DB, path string, srsID int32, raw *rawLayer) error {
	if srsID == 0 || srsID == -1 {
		return nil // undefined: detect from the coordinates
	}
	var name, org, def string
	var code int64
	err := db.SQL().QueryRowContext(ctx, `SELECT coalesce(srs_name, ''), coalesce(organization, ''), coalesce(organization_coordsys_id, 0),
		coalesce(definition, '') FROM gpkg_spatial_ref_sys WHERE srs_id = ?`, srsID).Scan(&name, &org, &code, &def)
	if err == sql.ErrNoRows {
		return &model.InputError{File: path, Field: "crs", Msg: fmt.Sprintf("srs_id %d is not in gpkg_spatial_ref_sys; pass --crs EPSG:NNNN", srsID)}
	}
	if err != nil {
		return &model.InputError{File: path, Field: "crs", Msg: fmt.Sprintf("cannot read the coordinate system: %v", err)}
	}
	if strings.EqualFold(strings.TrimSpace(def), "undefined") && !strings.EqualFold(strings.TrimSpace(org), "EPSG") {
		return nil // an "undefined" row under another srs_id
	}
	var crs geo.CRS
	var epsgErr error
	if strings.EqualFold(strings.TrimSpace(org), "EPSG") && code > 0 {
		raw.crsName = "EPSG:" + strconv.FormatInt(code, 10)
		if crs, epsgErr = geo.CRSFromEPSG(int(code)); epsgErr == nil {
			raw.crs = &crs
			return nil
		}
	}
	if d := strings.TrimSpace(def); d != "" && !strings.EqualFold(d, "undefined") {
		if c, err := geo.CRSFromWKT(d); err == nil {
			raw.crs, raw.crsName = &c, c.String()
			return nil
		} else if epsgErr == nil {
			epsgErr = err
		}
	}
	if epsgErr == nil {
		epsgErr = fmt.Errorf("no definition")
	}
	return &model.InputError{File: path, Field: "crs", Msg: fmt.Sprintf("coordinate system %q (srs_id %d): %v; reproject the layer to EPSG:4490 or EPSG:4326, or pass --crs", name, srsID, epsgErr)}
}

// tableColumns returns the columns of table in order and the name of its
// integer primary key ("" if none).
func tableColumns(ctx context.Context, db *gpkg.DB, table string) (cols []string, pk string, err error) {
	rows, err := db.SQL().QueryContext(ctx, "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", table)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	pks := 0
	for rows.Next() {
		var name, typ string
		var isPK int
		if err := rows.Scan(&name, &typ, &isPK); err != nil {
			return nil, "", err
		}
		cols = append(cols, name)
		if isPK > 0 {
			pks++
			if strings.EqualFold(strings.TrimSpace(typ), "INTEGER") {
				pk = name
			}
		}
	}
	if pks > 1 { // a composite key is not a feature id
		pk = ""
	}
	return cols, pk, rows.Err()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// readGeoPackageRows reads every row of the layer into raw.features.
// A Xuequ project (project true) keeps a feature's other fields as a JSON
// object in its "attrs" column: they become fields again.
func readGeoPackageRows(ctx context.Context, db *gpkg.DB, path string, l gpkgLayer, cols []string, pk string, project bool, want geomWant, raw *rawLayer, rep *Report) error {
	sel := make([]string, len(cols))
	geomAt, pkAt := -1, -1
	for i, c := range cols {
		sel[i] = quoteIdent(c)
		switch {
		case strings.EqualFold(c, l.column):
			geomAt = i
			// The blob length first: an oversized blob is refused unread.
			sel[i] = fmt.Sprintf("CASE WHEN length(%s) > %d THEN NULL ELSE %[1]s END, length(%[1]s)", quoteIdent(c), gpkg.MaxGeometryBytes)
		case c == pk:
			pkAt = i
		}
	}
	if geomAt < 0 {
		return &model.InputError{File: path, Field: l.table, Msg: fmt.Sprintf("layer %q has no column %q", l.table, l.column)}
	}
	rows, err := db.SQL().QueryContext(ctx, fmt.Sprintf("SELECT %s FROM %s", strings.Join(sel, ", "), quoteIdent(l.table)))
	if err != nil {
		return &model.InputError{File: path, Field: l.table, Msg: fmt.Sprintf("cannot read layer %q: %v", l.table, err)}
	}
	defer rows.Close()
	vals := make([]any, len(cols)+1) // +1: the geometry's length
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for idx := 1; rows.Next(); idx++ {
		if err := rows.Scan(ptrs...); err != nil {
			return &model.InputError{File: path, Field: l.table, Feature: idx, Msg: fmt.Sprintf("cannot read row %d of %q: %v", idx, l.table, err)}
		}
		raw.total++
		f := feature{index: idx}
		var blob []byte
		var blobLen int64
		for i, c := range cols {
			v := vals[i]
			if i > geomAt {
				v = vals[i+1]
			}
			switch {
			case i == geomAt:
				blob, _ = v.([]byte)
				blobLen, _ = vals[i+1].(int64)
			case i == pkAt:
				f.fid = cellText(v)
			case project && c == "attrs" && strings.HasPrefix(cellText(v), "{"):
				if props, err := decodeProps([]byte(cellText(v))); err == nil {
					f.props = append(f.props, props...)
				}
			default:
				f.props = append(f.props, prop{key: c, val: cellText(v), null: v == nil})
			}
		}
		if blobLen > gpkg.MaxGeometryBytes {
			rep.add(Issue{Severity: Warning, Code: CodeBadGeometry, File: path, Feature: idx, ID: f.fid, Field: l.column,
				Args:    map[string]any{"Case": "unreadable", "Detail": fmt.Sprintf("%d MiB geometry", blobLen>>20)},
				Message: fmt.Sprintf("skipped: geometry unreadable (the geometry is %d MiB, over the %d MiB limit; simplify it in QGIS)", blobLen>>20, gpkg.MaxGeometryBytes>>20)})
			continue
		}
		if len(blob) == 0 {
			fitGeometry(path, idx, f.fid, nil, want, rep) // reports the missing geometry
			continue
		}
		g, h, err := gpkg.Decode(blob)
		if err == nil && h.Empty {
			g = nil
		}
		if err != nil {
			rep.add(Issue{Severity: Warning, Code: CodeBadGeometry, File: path, Feature: idx, ID: f.fid, Field: l.column,
				Args:    map[string]any{"Case": "unreadable", "Detail": err.Error()},
				Message: fmt.Sprintf("skipped: geometry unreadable (%v)", err)})
			continue
		}
		var ok bool
		if f.geom, ok = fitGeometry(path, idx, f.fid, g, want, rep); ok {
			raw.features = append(raw.features, f)
		}
	}
	if err := rows.Err(); err != nil {
		return &model.InputError{File: path, Field: l.table, Msg: fmt.Sprintf("reading layer %q stopped: %v", l.table, err)}
	}
	if raw.total == 0 {
		return &model.InputError{File: path, Field: l.table, Msg: fmt.Sprintf("layer %q has no rows", l.table)}
	}
	return nil
}

// cellText renders an SQLite value as text: integers without ".0", reals
// in the shortest form that reads back exactly, blobs as text when they
// are UTF-8, dates as ISO 8601.
func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return x
	case []byte:
		if utf8.Valid(x) {
			return string(x)
		}
		return fmt.Sprintf("(%d bytes)", len(x))
	case bool:
		if x {
			return "1"
		}
		return "0"
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}
