package store

import (
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuequ/xuequ/geo/gpkg"
)

// Extra columns: a source attribute Xuequ has no field for (School.Attrs,
// Zone.Attrs) is saved as a column of its own in schools or zones, so that
// QGIS shows it as a field; a column a GIS user added to those layers is
// read into Attrs and written back, with its declared type, by the next
// save. Only values that cannot be a column (a name that clashes with one
// of Xuequ's columns, or beyond maxExtraColumns) go into the JSON column
// attrs, which older projects used for all of them and which is still read.

// maxExtraColumns bounds the extra columns per layer (SQLite allows 2000
// columns; a GeoJSON with thousands of distinct keys keeps the rest in attrs).
const maxExtraColumns = 200

// ownColumns are Xuequ's columns of each layer (lower case).
var ownColumns = map[string][]string{
	"schools": {"fid", "geom", "id", "name", "level", "capacity", "classrooms", "boarding", "township", "public", "attrs", "closed", "merged_into", "inclusive"},
	"zones": {"fid", "geom", "id", "name", "population", "households", "dwellings", "primary_age", "junior_age",
		"primary_school", "junior_school", "township", "attrs", "preschool_age"},
}

func isOwnColumn(layer, name string) bool {
	return slices.Contains(ownColumns[layer], strings.ToLower(name))
}

// extraColumn is a column of a layer beyond Xuequ's, with its declared type.
type extraColumn struct{ name, typ string }

// extraColumns reads the extra columns of schools and zones into Attrs.
func (r *reader) extraColumns(p *Project) error {
	d := &p.District
	if err := r.readExtraColumns("schools", len(d.Schools), func(i int) *map[string]string { return &d.Schools[i].Attrs }); err != nil {
		return err
	}
	return r.readExtraColumns("zones", len(d.Zones), func(i int) *map[string]string { return &d.Zones[i].Attrs })
}

// readExtraColumns adds the values of layer's extra columns to the Attrs
// of the features read (attrs(i) is the map of the i-th row in fid order,
// created on demand). NULL values and BLOBs are left out.
func (r *reader) readExtraColumns(layer string, n int, attrs func(i int) *map[string]string) error {
	if n == 0 {
		return nil
	}
	var cols []string
	err := r.rows(layer, "SELECT name FROM pragma_table_info('"+layer+"') ORDER BY cid", func(rows *sql.Rows, _ int) error {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		if !isOwnColumn(layer, name) {
			cols = append(cols, name)
		}
		return nil
	})
	if err != nil || len(cols) == 0 {
		return err
	}
	sel := make([]string, len(cols))
	for i, c := range cols {
		sel[i] = capped(quoteIdent(c), gpkg.MaxAttributeBytes)
	}
	return r.rows(layer, "SELECT fid, "+strings.Join(sel, ", ")+" FROM "+layer+" ORDER BY fid", func(rows *sql.Rows, row int) error {
		if row > n {
			return nil
		}
		vals := make([]any, 1+2*len(cols))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		fid, _ := vals[0].(int64)
		m := attrs(row - 1)
		for i, c := range cols {
			size, _ := vals[2+2*i].(int64)
			if err := r.checkSize(layer, row, fid, c, sql.NullInt64{Int64: size, Valid: true}, gpkg.MaxAttributeBytes); err != nil {
				return err
			}
			s, ok := attrText(vals[1+2*i])
			if !ok {
				continue
			}
			if *m == nil {
				*m = map[string]string{}
			}
			(*m)[c] = s
		}
		return nil
	})
}

// attrText is a column value as Attrs text; false for NULL and BLOB.
func attrText(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	case bool:
		if v {
			return "1", true
		}
		return "0", true
	case time.Time:
		if v.Equal(v.Truncate(24*time.Hour)) && v.Location() == time.UTC {
			return v.Format("2006-01-02"), true
		}
		return v.UTC().Format("2006-01-02T15:04:05.000Z"), true
	}
	return "", false
}

// planExtraColumns chooses the extra columns of a layer from the Attrs
// keys of its n features: the old file's columns first (in its order, with
// its types), then new keys in sorted order with a type all their values
// fit. Keys that cannot be columns stay in the JSON attrs.
func planExtraColumns(layer string, old []extraColumn, n int, attrs func(i int) map[string]string) []extraColumn {
	seen := map[string]bool{}
	values := map[string][]string{}
	for i := range n {
		for k, v := range attrs(i) {
			values[k] = append(values[k], v)
		}
	}
	var out []extraColumn
	add := func(c extraColumn) {
		l := strings.ToLower(c.name)
		if seen[l] || isOwnColumn(layer, c.name) || c.name == "" || len(out) >= maxExtraColumns {
			return
		}
		seen[l] = true
		out = append(out, c)
	}
	for _, c := range old { // kept even when empty: a colleague's column to fill in later
		add(c)
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		add(extraColumn{k, inferType(values[k])})
	}
	return out
}

// inferType is INTEGER or DOUBLE when every non-empty value is one written
// the way it would be read back ("0012" stays TEXT), else TEXT.
func inferType(vs []string) string {
	isInt, isReal, any := true, true, false
	for _, v := range vs {
		if v == "" {
			continue
		}
		any = true
		if n, err := strconv.ParseInt(v, 10, 64); err != nil || strconv.FormatInt(n, 10) != v {
			isInt = false
		}
		if f, err := strconv.ParseFloat(v, 64); err != nil || strconv.FormatFloat(f, 'g', -1, 64) != v {
			isReal = false
		}
	}
	switch {
	case !any:
		return "TEXT"
	case isInt:
		return "INTEGER"
	case isReal:
		return "DOUBLE"
	}
	return "TEXT"
}

// columnValue converts an Attrs value to what a column of type typ holds:
// a number for numeric types when it parses, NULL for "" there.
func columnValue(typ, v string) any {
	t := strings.ToUpper(typ)
	switch {
	case strings.Contains(t, "INT") || t == "BOOLEAN":
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return n
		}
		if b, err := strconv.ParseBool(v); err == nil && t == "BOOLEAN" {
			return b
		}
	case strings.Contains(t, "REAL") || strings.Contains(t, "FLOA") || strings.Contains(t, "DOUB") || strings.Contains(t, "NUMERIC"):
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return f
		}
	default:
		return v
	}
	if v == "" {
		return nil
	}
	return v
}

// addExtraColumns adds cols to layer in the new file.
func (w *writer) addExtraColumns(layer string, cols []extraColumn) {
	for _, c := range cols {
		if w.err != nil {
			return
		}
		typ := c.typ
		if typ == "" {
			typ = "TEXT"
		}
		_, w.err = w.tx.ExecContext(w.ctx, fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", layer, quoteIdent(c.name), typ))
	}
}

// oldExtraColumns are the extra columns of layer in the old file (none
// without one).
func (w *writer) oldExtraColumns(layer string) []extraColumn {
	if w.origin == nil || w.err != nil {
		return nil
	}
	infos, err := columnInfos(w.ctx, w.tx, srcSchema, layer)
	if err != nil {
		w.err = err
		return nil
	}
	var out []extraColumn
	for _, c := range infos {
		if !c.generated && !isOwnColumn(layer, c.name) {
			out = append(out, extraColumn{c.name, c.typ})
		}
	}
	return out
}

// splitAttrs returns the values of a feature's Attrs for cols and the
// JSON of the remaining keys.
func splitAttrs(m map[string]string, cols []extraColumn) ([]any, any, error) {
	vals := make([]any, len(cols))
	var rest map[string]string
	inCols := make(map[string]bool, len(cols))
	for i, c := range cols {
		inCols[c.name] = true
		if v, ok := m[c.name]; ok {
			vals[i] = columnValue(c.typ, v)
		}
	}
	for k, v := range m {
		if !inCols[k] {
			if rest == nil {
				rest = map[string]string{}
			}
			rest[k] = v
		}
	}
	js, err := attrsJSON(rest)
	return vals, js, err
}

// extraInsert is the column list and placeholders cols add to an INSERT.
func extraInsert(cols []extraColumn) (names, marks string) {
	for _, c := range cols {
		names += ", " + quoteIdent(c.name)
		marks += ", ?"
	}
	return names, marks
}
