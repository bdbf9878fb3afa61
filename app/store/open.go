package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
)

// tables lists every table Open reads with the columns it needs. Open
// refuses a file where one of them is missing, is a view or virtual table,
// or has generated columns: reading them then runs nothing from the file.
var tables = []struct {
	name    string
	columns []string
}{
	{"xuequ_meta", []string{"key", "value"}},
	{"schools", []string{"fid", "geom", "id", "name", "level", "capacity", "classrooms", "boarding", "township", "public", "attrs"}},
	{"zones", []string{"fid", "geom", "id", "name", "population", "households", "dwellings", "primary_age", "junior_age",
		"primary_school", "junior_school", "township", "attrs"}},
	{"history", []string{"fid", "school", "year", "grade", "students", "classes"}},
	{"births", []string{"fid", "zone", "year", "births"}},
	{"housing", []string{"fid", "zone", "year", "dwellings"}},
	{"standards", []string{"key", "value"}},
	{"scenarios", []string{"fid", "name", "description", "data"}},
	{"edits", []string{"fid", "seq", "scenario", "time", "kind", "data"}},
	{"settings", []string{"key", "value"}},
}

// tablesV3 are the tables migration 0003 added; older files have none.
var tablesV3 = []struct {
	name    string
	columns []string
}{
	{"import_report", []string{"severity", "code", "file", "feature_index", "line", "feature_id", "field", "message", "args"}},
	{"value_map", []string{"field", "value", "replacement"}},
}

// schoolColumnsV2 are the columns migration 0002 added to schools; files of
// schema version 1 lack them and read as "no school closed".
var schoolColumnsV2 = []string{"closed", "merged_into"}

const restoreHint = "restore the project from a backup, or re-import the source data with `xuequ import`"

// restoreMsg is restoreHint, translatable, for the Args of keyed errors.
var restoreMsg = model.Msg("store.restore", restoreHint, nil)

// featureError is the error of feature row (1-based) of a layer.
func featureError(path string, row int, field string, m model.Message) *model.InputError {
	e := model.InputMsg(path, m).At(0, field)
	e.Feature = row
	return e
}

// Open reads the project file at path. The file is opened read-only and
// treated as untrusted (see package gpkg's Open): its triggers and views
// never run. Problems with the file are returned as *model.InputError: not
// found, empty, truncated, not a GeoPackage, not a Xuequ project, saved by
// a newer Xuequ (schema version above SchemaVersion), missing tables, bad
// geometries or values.
func Open(path string) (*Project, *Info, error) {
	return OpenContext(context.Background(), path)
}

// OpenContext is Open stopping early with ctx's error when ctx is done
// (the GUI's Cancel): every query runs under ctx.
func OpenContext(ctx context.Context, path string) (*Project, *Info, error) {
	p, info, err := openContext(ctx, path)
	if err != nil && ctx.Err() != nil {
		return nil, nil, ctx.Err() // interrupted by the cancel, not a bad file
	}
	return p, info, err
}

func openContext(ctx context.Context, path string) (*Project, *Info, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if err := preflight(path); err != nil {
		return nil, nil, err
	}
	d, closeDB, err := openRead(path)
	if err != nil {
		return nil, nil, openError(path, err)
	}
	defer closeDB()
	r := reader{ctx: ctx, q: d.SQL(), path: path}
	// Two connections (births is read on the second, see below), each
	// refusing values over gpkg.MaxValueBytes before anything is read.
	r.q.SetMaxOpenConns(2)
	r.q.SetMaxIdleConns(2)
	if err := gpkg.LimitValues(r.ctx, r.q, 2); err != nil {
		return nil, nil, openError(path, err)
	}
	info, err := r.info()
	if err != nil {
		return nil, nil, err
	}
	r.version = info.SchemaVersion
	for _, t := range tables {
		columns := t.columns
		if t.name == "schools" && r.version >= 2 {
			columns = append(columns[:len(columns):len(columns)], schoolColumnsV2...)
		}
		if err := gpkg.CheckPlainTable(r.ctx, r.q, t.name, columns...); err != nil {
			return nil, nil, model.Inputf(path, "store.damaged", "{{.Err}}: the file is damaged or was not written by Xuequ; {{.Restore}}", map[string]any{"Err": err.Error(), "Restore": restoreMsg})
		}
	}
	p := &Project{Origin: Origin{Path: path}}
	p.District.Name = info.districtName
	r.srs = map[string]layerSRS{}
	for _, layer := range []string{"schools", "zones"} {
		if r.srs[layer], err = r.layerSRS(layer); err != nil {
			return nil, nil, err
		}
	}
	for _, l := range []struct {
		srs   *gpkg.SRS
		layer string
	}{{&p.Origin.Schools, "schools"}, {&p.Origin.Zones, "zones"}} {
		if s := r.srs[l.layer].srs; !isWGS84(s) {
			*l.srs = s
		}
	}
	// Births, the largest table (1.4 million rows in a province), is read
	// on a second read-only connection while the layers are decoded: on
	// two cores that takes its 0.6 s out of the time to open. Its error, if
	// any, is reported in table order like the others.
	bctx, cancel := context.WithCancel(r.ctx)
	rb := r
	rb.ctx = bctx
	var pb Project
	birthsDone := make(chan error, 1)
	go func() { birthsDone <- rb.births(&pb) }()
	defer func() {
		cancel()
		if birthsDone != nil {
			<-birthsDone // before closeDB
		}
	}()
	births := func(p *Project) error {
		err := <-birthsDone
		birthsDone = nil
		p.District.Births = pb.District.Births
		return err
	}
	steps := []func(*Project) error{r.schools, r.zones, r.history, births, r.housing, r.standards, r.scenarios, r.edits, r.settings}
	if r.version >= 3 {
		for _, t := range tablesV3 {
			if err := gpkg.CheckPlainTable(r.ctx, r.q, t.name, t.columns...); err != nil {
				return nil, nil, model.Inputf(path, "store.damaged", "{{.Err}}: the file is damaged or was not written by Xuequ; {{.Restore}}", map[string]any{"Err": err.Error(), "Restore": restoreMsg})
			}
		}
		steps = append(steps, r.importReport, r.valueMap, r.readV4)
	}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		if err := step(p); err != nil {
			return nil, nil, err
		}
	}
	if err := r.extraColumns(p); err != nil {
		return nil, nil, err
	}
	return p, &info.Info, nil
}

// preflight gives precise messages for the common ways a file is not a
// readable project, before SQLite's terser ones.
func preflight(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return model.Inputf(path, "store.not_found", "file not found; check the path", nil)
	case err != nil:
		return model.Inputf(path, "store.cannot_read", "cannot read the file: {{.Err}}", map[string]any{"Err": err.Error()})
	case fi.IsDir():
		return model.Inputf(path, "store.folder", "is a folder, not a project file; choose a .xuequ.gpkg file", nil)
	case fi.Size() == 0:
		return model.Inputf(path, "store.empty", "the file is empty (0 bytes), probably from an interrupted copy; {{.Restore}}", map[string]any{"Restore": restoreMsg})
	}
	f, err := os.Open(path)
	if err != nil {
		return model.Inputf(path, "store.cannot_read", "cannot read the file: {{.Err}}", map[string]any{"Err": err.Error()})
	}
	defer f.Close()
	var h [100]byte
	n, _ := io.ReadFull(f, h[:])
	if n < 16 || string(h[:16]) != "SQLite format 3\x00" {
		return model.Inputf(path, "store.not_sqlite", "not a Xuequ project: the file is not a GeoPackage (SQLite) database; open a .xuequ.gpkg file, or bring GeoJSON/CSV in with `xuequ import`", nil)
	}
	if n < 100 {
		return model.Inputf(path, "store.truncated", "the file is truncated ({{.Size}} bytes); {{.Restore}}", map[string]any{"Size": fi.Size(), "Restore": restoreMsg})
	}
	// The header records the database size in pages when bytes 24 and 92
	// agree (SQLite file format §1.3.7): a shorter file was cut off.
	pageSize := int64(binary.BigEndian.Uint16(h[16:]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(h[28:]))
	if binary.BigEndian.Uint32(h[24:]) == binary.BigEndian.Uint32(h[92:]) && pages > 0 && fi.Size() < pages*pageSize {
		return model.Inputf(path, "store.truncated_of", "the file is truncated ({{.Size}} of {{.Want}} bytes); {{.Restore}}", map[string]any{"Size": fi.Size(), "Want": pages * pageSize, "Restore": restoreMsg})
	}
	return nil
}

func openError(path string, err error) error {
	if errors.Is(err, gpkg.ErrNotGeoPackage) {
		return model.Inputf(path, "store.not_gpkg", "not a Xuequ project: an SQLite database but not a GeoPackage; open a .xuequ.gpkg file", nil)
	}
	return model.Inputf(path, "store.cannot_open", "cannot be opened ({{.Err}}): the file is damaged or not a Xuequ project; {{.Restore}}", map[string]any{"Err": err.Error(), "Restore": restoreMsg})
}

type reader struct {
	ctx     context.Context
	q       *sql.DB
	path    string
	version int // the file's schema version
	// srs of the layers schools and zones (read by Open before the rows)
	srs map[string]layerSRS
}

type fileInfo struct {
	Info
	districtName string
}

// readInfo reads only the metadata of a project file (used by Save to keep
// the created time).
func readInfo(path string) (*Info, error) {
	if err := preflight(path); err != nil {
		return nil, err
	}
	d, closeDB, err := openRead(path)
	if err != nil {
		return nil, err
	}
	defer closeDB()
	r := reader{ctx: context.Background(), q: d.SQL(), path: path}
	fi, err := r.info()
	if err != nil {
		return nil, err
	}
	return &fi.Info, nil
}

func (r *reader) info() (*fileInfo, error) {
	if err := gpkg.CheckPlainTable(r.ctx, r.q, "xuequ_meta", "key", "value"); err != nil {
		return nil, model.Inputf(r.path, "store.not_project", "a GeoPackage but not a Xuequ project ({{.Err}}); bring its layers in with `xuequ import`", map[string]any{"Err": err.Error()})
	}
	meta := map[string]string{}
	err := r.rows("xuequ_meta", "SELECT coalesce(key, ''), coalesce(value, '') FROM xuequ_meta", func(rows *sql.Rows, _ int) error {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		meta[k] = v
		return nil
	})
	if err != nil {
		return nil, err
	}
	fi := &fileInfo{districtName: meta[metaDistrictName]}
	fi.Path = r.path
	fi.AppVersion = meta[metaAppVersion]
	fi.EditorHost = meta[metaEditorHost]
	fi.EditorUser = meta[metaEditorUser]
	fi.Created, _ = time.Parse(time.RFC3339Nano, meta[metaCreated])
	fi.Modified, _ = time.Parse(time.RFC3339Nano, meta[metaModified])
	v, err := strconv.Atoi(meta[metaSchemaVersion])
	if err != nil || v < 1 {
		return nil, model.Inputf(r.path, "store.bad_schema_version", "xuequ_meta has no valid schema_version ({{.Value}}): the file is damaged; {{.Restore}}", map[string]any{"Value": strconv.Quote(meta[metaSchemaVersion]), "Restore": restoreMsg}).At(0, "schema_version")
	}
	fi.SchemaVersion = v
	if v > SchemaVersion {
		return nil, model.Inputf(r.path, "store.newer_schema",
			"saved by a newer Xuequ ({{.FileApp}}) with project schema version {{.Schema}}; this Xuequ ({{.App}}) reads schema version {{.Max}} and older. Update Xuequ to open this file",
			map[string]any{"FileApp": orUnknown(fi.AppVersion), "Schema": v, "App": AppVersion, "Max": SchemaVersion}).At(0, "schema_version")
	}
	// v < SchemaVersion: Open reads the older layout as it is (the
	// columns later migrations added take their defaults), so an old file
	// opens read-only without being changed; Save writes the new layout.
	return fi, nil
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown version"
	}
	return s
}

// rows runs query and calls scan for each row with its 1-based position;
// any error becomes an InputError naming the table and row.
func (r *reader) rows(table, query string, scan func(rows *sql.Rows, row int) error) error {
	rows, err := r.q.QueryContext(r.ctx, query)
	if err != nil {
		return model.Inputf(r.path, "store.read_table", "cannot read table {{.Table}} ({{.Err}}): the file is damaged; {{.Restore}}", map[string]any{"Table": table, "Err": err.Error(), "Restore": restoreMsg})
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		if err := scan(rows, n); err != nil {
			var ie *model.InputError
			if errors.As(err, &ie) {
				return err
			}
			return rowError(r.path, table, n, err)
		}
	}
	if err := rows.Err(); err != nil {
		return model.Inputf(r.path, "store.read_table_after", "cannot read table {{.Table}} after row {{.Row}} ({{.Err}}): the file is damaged; {{.Restore}}", map[string]any{"Table": table, "Row": n, "Err": err.Error(), "Restore": restoreMsg})
	}
	return nil
}

// capacity returns a slice capacity for table from max(fid), which SQLite
// answers from the b-tree without a scan (count(*) would read every page).
func (r *reader) capacity(table string) int {
	var n sql.NullInt64
	_ = r.q.QueryRowContext(r.ctx, "SELECT max(fid) FROM "+table).Scan(&n)
	if n.Int64 <= 0 {
		return 0
	}
	return int(min(n.Int64, 1<<20))
}

// geometry decodes a blob of layer (schools/zones) row row, GeoPackage
// feature id fid; nil for NULL, else in lon/lat degrees (converted from
// the layer's SRS, see layersrs.go). Decode bounds nesting, vertices and parts
// (geo/gpkg/limits.go), so a hostile blob costs an error, not a crash; a
// NaN/Inf or out-of-range longitude/latitude is refused.
func (r *reader) geometry(layer string, row int, fid int64, blob []byte) (orb.Geometry, error) {
	if blob == nil {
		return nil, nil
	}
	g, h, err := gpkg.Decode(blob)
	if err != nil {
		return nil, featureError(r.path, row, "geom", model.Msg("store.bad_geometry", "layer {{.Layer}}, fid {{.FID}}: {{.Err}}; fix or delete the feature in QGIS, or {{.Restore}}",
			map[string]any{"Layer": layer, "FID": fid, "Err": err.Error(), "Restore": restoreMsg}))
	}
	ls := r.srs[layer]
	if h.SRSID != ls.id() {
		return nil, featureError(r.path, row, "geom", model.Msg("store.mixed_srs", "layer {{.Layer}}, fid {{.FID}}: geometry is in SRS {{.SRS}}, but the layer is in SRS {{.LayerSRS}}; reproject the layer in QGIS so that all its features share one SRS",
			map[string]any{"Layer": layer, "FID": fid, "SRS": h.SRSID, "LayerSRS": ls.id()}))
	}
	g = ls.toLonLat(g)
	if err := gpkg.CheckLonLat(g); err != nil {
		return nil, featureError(r.path, row, "geom", model.Msg("store.bad_geometry", "layer {{.Layer}}, fid {{.FID}}: {{.Err}}; fix or delete the feature in QGIS, or {{.Restore}}",
			map[string]any{"Layer": layer, "FID": fid, "Err": err.Error(), "Restore": restoreMsg}))
	}
	return g, nil
}

// capped selects column col as NULL when it holds more than limit bytes,
// followed by its size in bytes: SQLite answers octet_length from the
// record header without reading the value, so an oversized value is never
// read into memory. checkSize then turns the size into an error.
func capped(col string, limit int) string {
	return fmt.Sprintf("CASE WHEN octet_length(%[1]s) > %[2]d THEN NULL ELSE %[1]s END, octet_length(%[1]s)", col, limit)
}

// checkSize refuses a value of size bytes (as selected by capped) over limit.
func (r *reader) checkSize(layer string, row int, fid int64, col string, size sql.NullInt64, limit int) error {
	if !size.Valid || size.Int64 <= int64(limit) {
		return nil
	}
	what := model.Msg("store.shorten", "delete or shorten the value in QGIS", nil)
	if col == "geom" {
		what = model.Msg("store.simplify", "simplify or split the feature in QGIS", nil)
	}
	return featureError(r.path, row, col, model.Msg("store.too_big", "layer {{.Layer}}, fid {{.FID}}: column {{.Column}} holds {{.Size}} bytes, over the {{.Limit}} MiB limit; {{.What}}, or {{.Restore}}",
		map[string]any{"Layer": layer, "FID": fid, "Column": col, "Size": size.Int64, "Limit": limit >> 20, "What": what, "Restore": restoreMsg}))
}

func wrongType(path, layer string, row int, want string, g orb.Geometry) error {
	return featureError(path, row, "geom", model.Msg("store.wrong_type", "layer {{.Layer}}: expected a {{.Want}}, found a {{.Got}}; fix the feature in QGIS",
		map[string]any{"Layer": layer, "Want": want, "Got": g.GeoJSONType()}))
}

func parseAttrs(s sql.NullString) (map[string]string, error) {
	if !s.Valid || s.String == "" {
		return nil, nil
	}
	if m, ok := parseFlatObject(s.String); ok {
		if len(m) == 0 {
			return nil, nil
		}
		return m, nil
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(s.String), &m); err != nil {
		return nil, fmt.Errorf("column attrs is not a JSON object of strings: %v", err)
	}
	if len(m) == 0 {
		return nil, nil
	}
	return m, nil
}

// parseFlatObject parses the JSON object of strings that Save writes to
// attrs without encoding/json's reflection (a third of the time to read a
// zone). It handles strings without escapes only, and reports ok = false
// for anything else (escapes, invalid UTF-8, other values, bad syntax):
// the caller then uses encoding/json, which gives the same result or the
// error message.
func parseFlatObject(s string) (map[string]string, bool) {
	i := 0
	ws := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
	}
	str := func() (string, bool) {
		if i >= len(s) || s[i] != '"' {
			return "", false
		}
		j := i + 1
		for j < len(s) && s[j] != '"' {
			if s[j] == '\\' || s[j] < 0x20 {
				return "", false
			}
			j++
		}
		if j >= len(s) || !utf8.ValidString(s[i+1:j]) {
			return "", false
		}
		v := s[i+1 : j]
		i = j + 1
		return v, true
	}
	ws()
	if i >= len(s) || s[i] != '{' {
		return nil, false
	}
	i++
	m := map[string]string{}
	ws()
	if i < len(s) && s[i] == '}' {
		i++
		ws()
		return m, i == len(s)
	}
	for {
		ws()
		k, ok := str()
		if !ok {
			return nil, false
		}
		ws()
		if i >= len(s) || s[i] != ':' {
			return nil, false
		}
		i++
		ws()
		v, ok := str()
		if !ok {
			return nil, false
		}
		m[k] = v
		ws()
		if i >= len(s) {
			return nil, false
		}
		if s[i] == '}' {
			i++
			ws()
			return m, i == len(s)
		}
		if s[i] != ',' {
			return nil, false
		}
		i++
	}
}

// mergeJSON is one element of the schools.merged_into column.
type mergeJSON struct {
	School string  `json:"school"`
	Stage  string  `json:"stage"`
	Share  float64 `json:"share"`
}

func parseMerges(s sql.NullString) ([]model.Merge, error) {
	if !s.Valid || s.String == "" {
		return nil, nil
	}
	var ms []mergeJSON
	if err := json.Unmarshal([]byte(s.String), &ms); err != nil {
		return nil, fmt.Errorf("column merged_into is not a JSON array of {school, stage, share}: %v", err)
	}
	out := make([]model.Merge, 0, len(ms))
	for _, m := range ms {
		stage, ok := model.ParseLevel(m.Stage)
		if !ok || m.School == "" || !(m.Share >= 0 && m.Share <= 1) {
			return nil, fmt.Errorf("column merged_into: %+v needs a school id, a stage (primary or junior) and a share between 0 and 1", m)
		}
		out = append(out, model.Merge{School: m.School, Stage: stage, Share: m.Share})
	}
	return out, nil
}

func (r *reader) schools(p *Project) error {
	out := make([]model.School, 0, r.capacity("schools"))
	closed := "0, NULL, NULL" // schema version 1: no school is closed
	if r.version >= 2 {
		closed = "coalesce(closed, 0), " + capped("merged_into", gpkg.MaxAttributeBytes)
	}
	err := r.rows("schools", `SELECT fid, `+capped("geom", gpkg.MaxGeometryBytes)+`, coalesce(id, ''), coalesce(name, ''),
		coalesce(level, ''), coalesce(capacity, 0), coalesce(classrooms, 0), coalesce(boarding, 0), coalesce(township, ''),
		coalesce(public, 0), `+capped("attrs", gpkg.MaxAttributeBytes)+`, `+closed+`
		FROM schools ORDER BY fid`, func(rows *sql.Rows, row int) error {
		var s model.School
		var fid int64
		var geom sql.RawBytes
		var level string
		var attrs, merged sql.NullString
		var geomSize, attrsSize, mergedSize sql.NullInt64
		if err := rows.Scan(&fid, &geom, &geomSize, &s.ID, &s.Name, &level, &s.Capacity, &s.Classrooms, &s.Boarding, &s.Township,
			&s.Public, &attrs, &attrsSize, &s.Closed, &merged, &mergedSize); err != nil {
			return err
		}
		for _, c := range []struct {
			col   string
			size  sql.NullInt64
			limit int
		}{{"geom", geomSize, gpkg.MaxGeometryBytes}, {"attrs", attrsSize, gpkg.MaxAttributeBytes}, {"merged_into", mergedSize, gpkg.MaxAttributeBytes}} {
			if err := r.checkSize("schools", row, fid, c.col, c.size, c.limit); err != nil {
				return err
			}
		}
		s.Level, _ = model.ParseLevel(level)
		var err error
		if s.MergedInto, err = parseMerges(merged); err != nil {
			return err
		}
		g, err := r.geometry("schools", row, fid, geom)
		if err != nil {
			return err
		}
		switch g := g.(type) {
		case nil:
		case orb.Point:
			s.Location = g
		case orb.MultiPoint:
			if len(g) != 1 {
				return wrongType(r.path, "schools", row, "Point", g)
			}
			s.Location = g[0]
		default:
			return wrongType(r.path, "schools", row, "Point", g)
		}
		if s.Attrs, err = parseAttrs(attrs); err != nil {
			return err
		}
		takeContact(&s)
		out = append(out, s)
		return nil
	})
	if len(out) > 0 {
		p.District.Schools = out
	}
	return err
}

// zoneRow is one row of the zones query before checks and decoding.
type zoneRow struct {
	z                                          model.Zone
	fid                                        int64
	geom                                       []byte
	attrs                                      sql.NullString
	primaryAge, juniorAge, geomSize, attrsSize sql.NullInt64
}

// values fills zr from the driver values of the zones query, reporting
// false for a value of another type than the driver gives for what Save
// writes (or NULL).
func (zr *zoneRow) values(v []driver.Value) bool {
	var ok [15]bool
	var id int
	id, ok[0] = rawInt(v[0])
	zr.fid = int64(id)
	switch g := v[1].(type) {
	case []byte:
		zr.geom, ok[1] = g, true
	case nil:
		zr.geom, ok[1] = nil, true
	}
	zr.geomSize, ok[2] = rawNullInt(v[2])
	z := &zr.z
	z.ID, ok[3] = rawText(v[3], "")
	z.Name, ok[4] = rawText(v[4], "")
	z.Population, ok[5] = rawInt(v[5])
	z.Households, ok[6] = rawInt(v[6])
	z.Dwellings, ok[7] = rawInt(v[7])
	zr.primaryAge, ok[8] = rawNullInt(v[8])
	zr.juniorAge, ok[9] = rawNullInt(v[9])
	z.PrimarySchool, ok[10] = rawText(v[10], "")
	z.JuniorSchool, ok[11] = rawText(v[11], "")
	z.Township, ok[12] = rawText(v[12], "")
	switch a := v[13].(type) {
	case string:
		zr.attrs, ok[13] = sql.NullString{String: a, Valid: true}, true
	case nil:
		zr.attrs, ok[13] = sql.NullString{}, true
	}
	zr.attrsSize, ok[14] = rawNullInt(v[14])
	return okValues(ok[:]) == nil
}

// zone checks and decodes zr, row row of the zones layer.
func (r *reader) zone(zr *zoneRow, row int) (model.Zone, error) {
	z := zr.z
	if err := r.checkSize("zones", row, zr.fid, "geom", zr.geomSize, gpkg.MaxGeometryBytes); err != nil {
		return z, err
	}
	if err := r.checkSize("zones", row, zr.fid, "attrs", zr.attrsSize, gpkg.MaxAttributeBytes); err != nil {
		return z, err
	}
	z.PrimaryAge, z.PrimaryAgeKnown = r.ageCount(zr.primaryAge)
	z.JuniorAge, z.JuniorAgeKnown = r.ageCount(zr.juniorAge)
	g, err := r.geometry("zones", row, zr.fid, zr.geom)
	if err != nil {
		return z, err
	}
	switch g := g.(type) {
	case nil:
	case orb.MultiPolygon:
		z.Geometry = g
	case orb.Polygon:
		z.Geometry = orb.MultiPolygon{g}
	default:
		return z, wrongType(r.path, "zones", row, "MultiPolygon", g)
	}
	z.Attrs, err = parseAttrs(zr.attrs)
	return z, err
}

func (r *reader) zones(p *Project) error {
	out := make([]model.Zone, 0, r.capacity("zones"))
	query := `SELECT fid, ` + capped("geom", gpkg.MaxGeometryBytes) + `, coalesce(id, ''), coalesce(name, ''),
		coalesce(population, 0), coalesce(households, 0), coalesce(dwellings, 0), primary_age, junior_age,
		coalesce(primary_school, ''), coalesce(junior_school, ''), coalesce(township, ''), ` + capped("attrs", gpkg.MaxAttributeBytes) + `
		FROM zones ORDER BY fid`
	ok, err := r.rawRows("zones", query, 15, func(v []driver.Value, row int) error {
		var zr zoneRow
		if !zr.values(v) {
			return errOddValue
		}
		z, err := r.zone(&zr, row)
		if err != nil {
			return err
		}
		out = append(out, z)
		return nil
	})
	if !ok && err == nil {
		out = out[:0]
		err = r.rows("zones", query, func(rows *sql.Rows, row int) error {
			var zr zoneRow
			var geom sql.RawBytes
			z := &zr.z
			if err := rows.Scan(&zr.fid, &geom, &zr.geomSize, &z.ID, &z.Name, &z.Population, &z.Households, &z.Dwellings,
				&zr.primaryAge, &zr.juniorAge, &z.PrimarySchool, &z.JuniorSchool, &z.Township, &zr.attrs, &zr.attrsSize); err != nil {
				return err
			}
			zr.geom = geom
			z2, err := r.zone(&zr, row)
			if err != nil {
				return err
			}
			out = append(out, z2)
			return nil
		})
	}
	if len(out) > 0 {
		p.District.Zones = out
	}
	return err
}

// rawRows runs query and calls fn with the driver's values of each row
// (string, []byte, int64, float64 or nil), skipping database/sql's
// per-row locking and reflective Scan: for 1.4 million births rows that
// halves the time. fn gets the 1-based row position and returns
// errOddValue for a value of an unexpected type: rawRows then stops and
// reports ok = false, and the caller reads the table again row by row for
// database/sql's conversions and messages. Other errors are returned as
// r.rows returns them.
func (r *reader) rawRows(table, query string, ncols int, fn func(v []driver.Value, row int) error) (ok bool, err error) {
	fail := func(err error) (bool, error) {
		return false, model.Inputf(r.path, "store.read_table", "cannot read table {{.Table}} ({{.Err}}): the file is damaged; {{.Restore}}", map[string]any{"Table": table, "Err": err.Error(), "Restore": restoreMsg})
	}
	conn, err := r.q.Conn(r.ctx)
	if err != nil {
		return fail(err)
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		prep, ok1 := dc.(driver.ConnPrepareContext)
		if !ok1 {
			return nil
		}
		st, err := prep.PrepareContext(r.ctx, query)
		if err != nil {
			return err
		}
		defer st.Close()
		q, ok1 := st.(driver.StmtQueryContext)
		if !ok1 {
			return nil
		}
		rows, err := q.QueryContext(r.ctx, nil)
		if err != nil {
			return err
		}
		defer rows.Close()
		if len(rows.Columns()) != ncols {
			return nil
		}
		v := make([]driver.Value, ncols)
		for n := 1; ; n++ {
			if err := rows.Next(v); err == io.EOF {
				ok = true
				return nil
			} else if err != nil {
				return err
			}
			if err := fn(v, n); err == errOddValue {
				return nil
			} else if err != nil {
				var ie *model.InputError
				if !errors.As(err, &ie) {
					err = rowError(r.path, table, n, err)
				}
				return rowFailure{err}
			}
		}
	})
	var re rowFailure
	if errors.As(err, &re) {
		return false, re.err
	}
	if err != nil {
		return fail(err)
	}
	return ok, nil
}

// errOddValue is returned by rawRows callbacks for a value of a type they
// do not convert themselves.
var errOddValue = errors.New("value of another type")

// rowFailure carries a row's error out of rawRows' driver callback.
type rowFailure struct{ err error }

func (e rowFailure) Error() string { return e.err.Error() }

// okValues returns errOddValue unless all of ok are true.
func okValues(ok []bool) error {
	for _, o := range ok {
		if !o {
			return errOddValue
		}
	}
	return nil
}

// rawInt reads an INTEGER or NULL (0) driver value.
func rawInt(v driver.Value) (int, bool) {
	switch v := v.(type) {
	case int64:
		return int(v), true
	case nil:
		return 0, true
	}
	return 0, false
}

// rawNullInt reads an INTEGER or NULL driver value.
func rawNullInt(v driver.Value) (sql.NullInt64, bool) {
	switch v := v.(type) {
	case int64:
		return sql.NullInt64{Int64: v, Valid: true}, true
	case nil:
		return sql.NullInt64{}, true
	}
	return sql.NullInt64{}, false
}

// rawText reads a TEXT, BLOB or NULL ("") driver value, returning prev
// when equal so that repeated ids share one string.
func rawText(v driver.Value, prev string) (string, bool) {
	switch v := v.(type) {
	case string:
		if v == prev {
			return prev, true
		}
		return v, true
	case []byte:
		if string(v) == prev {
			return prev, true
		}
		return string(v), true
	case nil:
		return "", true
	}
	return "", false
}

// rowCapacity returns a slice capacity for the rows of table: max(fid),
// which SQLite answers from the b-tree without a scan, bounded by what the
// file can hold (a row takes at least 4 bytes) so that a forged fid costs
// no memory.
func (r *reader) rowCapacity(table string) int {
	var n sql.NullInt64
	_ = r.q.QueryRowContext(r.ctx, "SELECT max(fid) FROM "+table).Scan(&n)
	limit := int64(1 << 20)
	if fi, err := os.Stat(r.path); err == nil {
		limit = max(limit, fi.Size()/4)
	}
	return int(max(0, min(n.Int64, limit)))
}

func (r *reader) history(p *Project) error {
	out := make([]model.Enrollment, 0, r.rowCapacity("history"))
	var prev string
	ok, err := r.rawRows("history", "SELECT school, year, grade, students, classes FROM history ORDER BY fid", 5, func(v []driver.Value, _ int) error {
		var e model.Enrollment
		var ok [5]bool
		e.School, ok[0] = rawText(v[0], prev)
		e.Year, ok[1] = rawInt(v[1])
		var g int
		g, ok[2] = rawInt(v[2])
		e.Grade = model.Grade(g)
		e.Students, ok[3] = rawInt(v[3])
		e.Classes, ok[4] = rawInt(v[4])
		prev = e.School
		out = append(out, e)
		return okValues(ok[:])
	})
	if ok || err != nil {
		if len(out) > 0 {
			p.District.History = out
		}
		return err
	}
	return r.rows("history", `SELECT coalesce(school, ''), coalesce(year, 0), coalesce(grade, 0), coalesce(students, 0),
		coalesce(classes, 0) FROM history ORDER BY fid`, func(rows *sql.Rows, _ int) error {
		var e model.Enrollment
		if err := rows.Scan(&e.School, &e.Year, &e.Grade, &e.Students, &e.Classes); err != nil {
			return err
		}
		p.District.History = append(p.District.History, e)
		return nil
	})
}

func (r *reader) births(p *Project) error {
	rows, err := zoneYearRows(r, "births", "births", func(zone string, year, n int) model.Births {
		return model.Births{Zone: zone, Year: year, Births: n}
	})
	if len(rows) > 0 {
		p.District.Births = rows
	}
	return err
}

func (r *reader) housing(p *Project) error {
	rows, err := zoneYearRows(r, "housing", "dwellings", func(zone string, year, n int) model.Housing {
		return model.Housing{Zone: zone, Year: year, Dwellings: n}
	})
	if len(rows) > 0 {
		p.District.Housing = rows
	}
	return err
}

// zoneYearRows reads a (zone, year, count) table — births, housing — into
// records made by mk, through the driver's rows, falling back to
// database/sql row by row when a value is of a type rawRows does not
// convert (the same conversions and messages as before).
func zoneYearRows[T any](r *reader, table, count string, mk func(zone string, year, n int) T) ([]T, error) {
	out := make([]T, 0, r.rowCapacity(table))
	var prev string
	ok, err := r.rawRows(table, "SELECT zone, year, "+count+" FROM "+table+" ORDER BY fid", 3, func(v []driver.Value, _ int) error {
		var good [3]bool
		var zone string
		var year, n int
		zone, good[0] = rawText(v[0], prev)
		year, good[1] = rawInt(v[1])
		n, good[2] = rawInt(v[2])
		prev = zone
		out = append(out, mk(zone, year, n))
		return okValues(good[:])
	})
	if ok || err != nil {
		return out, err
	}
	out = out[:0]
	err = r.rows(table, "SELECT coalesce(zone, ''), coalesce(year, 0), coalesce("+count+", 0) FROM "+table+" ORDER BY fid",
		func(rows *sql.Rows, _ int) error {
			var zone string
			var year, n int
			if err := rows.Scan(&zone, &year, &n); err != nil {
				return err
			}
			out = append(out, mk(zone, year, n))
			return nil
		})
	return out, err
}

// standards reads the key/value rows; keys missing from a file that has
// some take their default, no rows at all give the zero value ("defaults").
func (r *reader) standards(p *Project) error {
	vals := map[string]float64{}
	err := r.rows("standards", "SELECT coalesce(key, ''), coalesce(value, 0) FROM standards", func(rows *sql.Rows, _ int) error {
		var k string
		var v float64
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		vals[k] = v
		return nil
	})
	if err != nil || len(vals) == 0 {
		return err
	}
	s := model.DefaultStandards()
	for k, v := range vals {
		setStandard(&s, k, v)
	}
	p.District.Standards = s
	return nil
}

func rawJSON(s sql.NullString) json.RawMessage {
	if !s.Valid || s.String == "" {
		return nil
	}
	return json.RawMessage(s.String)
}

func (r *reader) scenarios(p *Project) error {
	return r.rows("scenarios", "SELECT coalesce(name, ''), coalesce(description, ''), data FROM scenarios ORDER BY fid",
		func(rows *sql.Rows, _ int) error {
			var s Scenario
			var data sql.NullString
			if err := rows.Scan(&s.Name, &s.Description, &data); err != nil {
				return err
			}
			s.Data = rawJSON(data)
			p.Scenarios = append(p.Scenarios, s)
			return nil
		})
}

func (r *reader) edits(p *Project) error {
	return r.rows("edits", "SELECT coalesce(seq, 0), coalesce(scenario, ''), coalesce(time, ''), coalesce(kind, ''), data FROM edits ORDER BY fid",
		func(rows *sql.Rows, _ int) error {
			var e Edit
			var t string
			var data sql.NullString
			if err := rows.Scan(&e.Seq, &e.Scenario, &t, &e.Kind, &data); err != nil {
				return err
			}
			if t != "" {
				var err error
				if e.Time, err = time.Parse(time.RFC3339Nano, t); err != nil {
					return fmt.Errorf("column time %q is not an RFC 3339 time", t)
				}
			}
			e.Data = rawJSON(data)
			p.Edits = append(p.Edits, e)
			return nil
		})
}

func (r *reader) settings(p *Project) error {
	return r.rows("settings", "SELECT coalesce(key, ''), coalesce(value, '') FROM settings", func(rows *sql.Rows, _ int) error {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		if p.Settings == nil {
			p.Settings = map[string]string{}
		}
		p.Settings[k] = v
		return nil
	})
}

// ageCount reads a school-age count and its Known flag (set, as
// model.Zone documents, only for a known zero): NULL is unknown, and so is
// 0 in files before schema version 3, which wrote 0 for unknown.
func (r *reader) ageCount(v sql.NullInt64) (int, bool) {
	if !v.Valid || (v.Int64 == 0 && r.version < 3) {
		return 0, false
	}
	return int(v.Int64), v.Int64 == 0
}

func (r *reader) importReport(p *Project) error {
	return r.rows("import_report", `SELECT coalesce(severity, ''), coalesce(code, ''), coalesce(file, ''), feature_index,
		coalesce(line, 0), coalesce(feature_id, ''), coalesce(field, ''), coalesce(message, ''), coalesce(args, '')
		FROM import_report ORDER BY fid`, func(rows *sql.Rows, _ int) error {
		var is ImportIssue
		var feat sql.NullInt64
		if err := rows.Scan(&is.Severity, &is.Code, &is.File, &feat, &is.Line, &is.ID, &is.Field, &is.Message, &is.Args); err != nil {
			return err
		}
		if feat.Valid && feat.Int64 >= 0 {
			is.Feature = int(feat.Int64) + 1
		}
		p.ImportReport = append(p.ImportReport, is)
		return nil
	})
}

func (r *reader) valueMap(p *Project) error {
	return r.rows("value_map", "SELECT coalesce(field, ''), coalesce(value, ''), coalesce(replacement, '') FROM value_map ORDER BY fid",
		func(rows *sql.Rows, _ int) error {
			var field, value, repl string
			if err := rows.Scan(&field, &value, &repl); err != nil {
				return err
			}
			if p.ValueMap == nil {
				p.ValueMap = map[string]map[string]string{}
			}
			if p.ValueMap[field] == nil {
				p.ValueMap[field] = map[string]string{}
			}
			p.ValueMap[field][value] = repl
			return nil
		})
}
