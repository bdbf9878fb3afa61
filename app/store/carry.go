package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"github.com/xuequ/xuequ/geo/gpkg"
)

// Carry-over: a save writes a fresh file and then copies into it, from the
// file the project was read from (Origin.Path), everything Xuequ does not
// own: other layers and tables (with their rows, indexes, triggers and
// views), rows of the shared GeoPackage tables (gpkg_contents,
// gpkg_geometry_columns, gpkg_spatial_ref_sys, gpkg_extensions,
// gpkg_data_columns, gpkg_metadata*, layer_styles) that are not about
// Xuequ's tables. Xuequ owns the tables its migrations create and their
// spatial indexes; extra columns of schools and zones come back through
// the model (School.Attrs, Zone.Attrs, see columns.go).
//
// Nothing of the old file runs: it is attached read-only on a connection
// with trusted_schema off, rows are copied with INSERT … SELECT from
// tables only (never views), and its triggers and views are created last,
// after every row is in, so they never fire during the save.

// srcSchema is the schema name the origin file is attached under.
const srcSchema = "xuequ_src"

// sharedTables are the tables both files may have whose rows are merged:
// Xuequ writes its own rows, the old file's other rows are added.
var sharedTables = map[string]bool{
	"gpkg_spatial_ref_sys": true, "gpkg_contents": true, "gpkg_geometry_columns": true, "gpkg_extensions": true,
	"gpkg_data_columns": true, "gpkg_data_column_constraints": true, "gpkg_metadata": true,
	"gpkg_metadata_reference": true, "layer_styles": true,
}

// origin is the old file attached to the writing connection.
type origin struct {
	closeFn func()
}

func (o *origin) close() {
	if o != nil && o.closeFn != nil {
		o.closeFn()
		o.closeFn = nil
	}
}

// attachOrigin attaches the project file path (read-only, through a
// private copy when it has a journal or WAL, see openRead) to db as
// srcSchema. A file that is gone (moved or deleted since it was opened)
// or no longer a GeoPackage gives nil: there is nothing to carry over,
// and the project must still be saved.
func attachOrigin(ctx context.Context, db *sql.DB, path string) (*origin, error) {
	if path == "" {
		return nil, nil
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	d, closeDB, err := openRead(path)
	if err != nil {
		return nil, nil
	}
	uri, err := gpkg.FileURI(d.Path(), url.Values{"mode": {"ro"}})
	if err == nil {
		// trusted_schema off: nothing in the old file's schema may call a
		// function with side effects; foreign keys off: tables are copied
		// as they are, in any order.
		for _, q := range []string{"PRAGMA trusted_schema = 0", "PRAGMA foreign_keys = 0"} {
			if _, err = db.ExecContext(ctx, q); err != nil {
				break
			}
		}
	}
	if err == nil {
		_, err = db.ExecContext(ctx, "ATTACH DATABASE ? AS "+srcSchema, uri)
	}
	if err != nil {
		closeDB()
		return nil, fmt.Errorf("cannot read %s to carry over its other layers: %w", path, err)
	}
	return &origin{closeFn: func() {
		db.ExecContext(ctx, "DETACH DATABASE "+srcSchema)
		closeDB()
	}}, nil
}

// object is one row of sqlite_master.
type object struct{ typ, name, table, sql string }

func schemaObjects(ctx context.Context, tx *sql.Tx, schema string) ([]object, error) {
	rows, err := tx.QueryContext(ctx, "SELECT type, name, tbl_name, coalesce(sql, '') FROM "+schema+".sqlite_master ORDER BY rowid")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []object
	for rows.Next() {
		var o object
		if err := rows.Scan(&o.typ, &o.name, &o.table, &o.sql); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// shadowTables are the old file's tables that belong to a virtual table
// (an rtree's _node/_rowid/_parent): they come with the virtual table.
func shadowTables(ctx context.Context, tx *sql.Tx) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, "SELECT lower(name) FROM pragma_table_list WHERE schema = ? AND type = 'shadow'", srcSchema)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out[n] = true
	}
	return out, rows.Err()
}

// carry copies into the new file (main) what the attached old file has
// that Xuequ does not own. Call it after every Xuequ row is written.
func (w *writer) carry() {
	if w.err != nil || w.origin == nil {
		return
	}
	w.err = carryOver(w.ctx, w.tx)
	if w.err != nil {
		w.err = fmt.Errorf("carrying over the other layers of the file: %w", w.err)
	}
}

func carryOver(ctx context.Context, tx *sql.Tx) error {
	mine, err := schemaObjects(ctx, tx, "main")
	if err != nil {
		return err
	}
	theirs, err := schemaObjects(ctx, tx, srcSchema)
	if err != nil {
		return err
	}
	shadow, err := shadowTables(ctx, tx)
	if err != nil {
		return err
	}
	inMain := map[string]bool{}
	owned := map[string]bool{} // Xuequ's own tables: the old file's copies are replaced
	for _, o := range mine {
		n := strings.ToLower(o.name)
		inMain[n] = true
		if o.typ == "table" && !sharedTables[n] {
			owned[n] = true
		}
	}
	copied := map[string]bool{}
	for _, o := range theirs {
		n := strings.ToLower(o.name)
		switch {
		case o.typ != "table" || strings.HasPrefix(n, "sqlite_") || shadow[n] || owned[n]:
		case inMain[n]:
			if err := mergeTable(ctx, tx, o.name, owned); err != nil {
				return fmt.Errorf("table %s: %w", o.name, err)
			}
		default:
			ok, err := copyTable(ctx, tx, o)
			if err != nil {
				return fmt.Errorf("table %s: %w", o.name, err)
			}
			copied[n] = ok
		}
	}
	if copied["gpkg_ogr_contents"] { // GDAL's feature counts: Xuequ's layers are counted afresh
		if _, err := tx.ExecContext(ctx, "DELETE FROM main.gpkg_ogr_contents WHERE lower(table_name) IN "+nameList(owned)); err != nil {
			return err
		}
	}
	return carryCode(ctx, tx, theirs, copied, inMain)
}

// carryCode creates the old file's indexes and triggers of the copied
// tables, and its views, in their original order, now that every row is in.
func carryCode(ctx context.Context, tx *sql.Tx, theirs []object, copied, inMain map[string]bool) error {
	for _, o := range theirs {
		n, t := strings.ToLower(o.name), strings.ToLower(o.table)
		ok := o.sql != "" && !inMain[n] &&
			((o.typ == "index" || o.typ == "trigger") && copied[t] || o.typ == "view")
		if !ok {
			continue
		}
		if _, err := tx.ExecContext(ctx, o.sql); err != nil {
			return fmt.Errorf("%s %s: %w", o.typ, o.name, err)
		}
	}
	return nil
}

// copyTable creates table o in main as the old file declares it and
// copies its rows (generated columns are computed again). A virtual table
// of a module this SQLite lacks (SpatiaLite's spatial index, say: derived
// data) is left out, reported by ok = false.
func copyTable(ctx context.Context, tx *sql.Tx, o object) (ok bool, err error) {
	if o.sql == "" {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, o.sql); err != nil {
		if strings.Contains(err.Error(), "no such module") {
			return false, nil
		}
		return false, err
	}
	cols, err := storedColumns(ctx, tx, srcSchema, o.name)
	if err != nil || len(cols) == 0 {
		return err == nil, err
	}
	list := columnList(cols)
	_, err = tx.ExecContext(ctx, fmt.Sprintf("INSERT INTO main.%s (%s) SELECT %s FROM %s.%s",
		quoteIdent(o.name), list, list, srcSchema, quoteIdent(o.name)))
	return err == nil, err
}

// mergeTable adds the old file's rows of a shared table that are not about
// Xuequ's own tables. Columns only the old file has (GDAL's
// definition_12_063 of gpkg_spatial_ref_sys, say) are added first.
func mergeTable(ctx context.Context, tx *sql.Tx, name string, owned map[string]bool) error {
	theirs, err := columnInfos(ctx, tx, srcSchema, name) // in their order
	if err != nil {
		return err
	}
	ours, err := columnTypes(ctx, tx, "main", name)
	if err != nil {
		return err
	}
	var cols []string
	for _, c := range theirs {
		if _, ok := ours[strings.ToLower(c.name)]; !ok {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("ALTER TABLE main.%s ADD COLUMN %s %s%s", quoteIdent(name), quoteIdent(c.name), c.typ, c.constraint())); err != nil {
				return err
			}
		}
		if !c.generated && !(strings.EqualFold(name, "layer_styles") && strings.EqualFold(c.name, "id")) {
			cols = append(cols, c.name)
		}
	}
	if len(cols) == 0 {
		return nil
	}
	verb, where := "INSERT OR IGNORE", ""
	mineList := nameList(owned)
	switch strings.ToLower(name) {
	case "gpkg_contents", "gpkg_geometry_columns", "gpkg_extensions":
		where = " WHERE table_name IS NULL OR lower(table_name) NOT IN " + mineList
	case "gpkg_data_columns":
		verb = "INSERT OR REPLACE" // a title the GIS user gave wins over Xuequ's
	case "layer_styles": // Xuequ's default styles are written afresh
		where = " WHERE coalesce(owner, '') <> '" + styleOwner + "' OR lower(coalesce(f_table_name, '')) NOT IN " + mineList
	}
	list := columnList(cols)
	_, err = tx.ExecContext(ctx, fmt.Sprintf("%s INTO main.%s (%s) SELECT %s FROM %s.%s%s",
		verb, quoteIdent(name), list, list, srcSchema, quoteIdent(name), where))
	if err == nil && strings.EqualFold(name, "layer_styles") {
		err = yieldDefaultStyle(ctx, tx)
	}
	return err
}
