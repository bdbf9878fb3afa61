package store

import (
	"context"
	"database/sql"
	"strings"
)

// Schema look-ups on either attached file, for carry.go and columns.go.

type columnInfo struct {
	name, typ string
	generated bool
	notNull   bool
	dflt      sql.NullString // the default as SQL text
}

// constraint is the NOT NULL DEFAULT … an added column needs so that rows
// already there (Xuequ's own) get the value the other program expects.
// SQLite takes only constant defaults in ALTER TABLE ADD COLUMN.
func (c columnInfo) constraint() string {
	if !c.dflt.Valid {
		return ""
	}
	if c.notNull {
		return " NOT NULL DEFAULT " + c.dflt.String
	}
	return " DEFAULT " + c.dflt.String
}

// columnTypes lists a table's columns (hidden ones of virtual tables left
// out) by lower-case name.
func columnTypes(ctx context.Context, tx *sql.Tx, schema, table string) (map[string]columnInfo, error) {
	list, err := columnInfos(ctx, tx, schema, table)
	m := map[string]columnInfo{}
	for _, c := range list {
		m[strings.ToLower(c.name)] = c
	}
	return m, err
}

func columnInfos(ctx context.Context, tx *sql.Tx, schema, table string) ([]columnInfo, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, type, hidden, "notnull", dflt_value FROM pragma_table_xinfo(?, ?) ORDER BY cid`, table, schema)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []columnInfo
	for rows.Next() {
		var c columnInfo
		var hidden int
		if err := rows.Scan(&c.name, &c.typ, &hidden, &c.notNull, &c.dflt); err != nil {
			return nil, err
		}
		if hidden == 1 {
			continue
		}
		c.generated = hidden > 1
		out = append(out, c)
	}
	return out, rows.Err()
}

// storedColumns are the columns of a table that can be inserted into.
func storedColumns(ctx context.Context, tx *sql.Tx, schema, table string) ([]string, error) {
	infos, err := columnInfos(ctx, tx, schema, table)
	var out []string
	for _, c := range infos {
		if !c.generated {
			out = append(out, c.name)
		}
	}
	return out, err
}

func columnList(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = quoteIdent(c)
	}
	return strings.Join(q, ", ")
}

// nameList is an SQL list of string literals of names' keys, for IN.
func nameList(names map[string]bool) string {
	q := []string{"''"}
	for n := range names {
		q = append(q, "'"+strings.ReplaceAll(n, "'", "''")+"'")
	}
	return "(" + strings.Join(q, ", ") + ")"
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
