package store

import (
	"database/sql"
	"strings"

	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
)

// Schema version 4 (migration 0004): the resources table, schools.inclusive
// and zones.preschool_age. They are read and written here, after the
// schools and zones rows, matched by fid order (Save writes fid = index + 1
// and Open reads ORDER BY fid, one model row per table row).

// resourceColumns are the value columns of the resources table, in
// model.ResourceField order.
func resourceColumns() []string {
	cols := make([]string, model.NumResourceFields)
	for f := range cols {
		cols[f] = model.ResourceField(f).Key()
	}
	return cols
}

// writeV4 writes what schema version 4 added.
func (w *writer) writeV4(d *model.District) {
	cols := resourceColumns()
	q := "INSERT INTO resources (school, year, " + strings.Join(cols, ", ") + ") VALUES (?, ?" +
		strings.Repeat(", ?", len(cols)) + ")"
	w.insert(q, len(d.Resources), func(i int) []any {
		r := &d.Resources[i]
		args := []any{r.School, r.Year}
		for f := range cols {
			if v, ok := r.Value(model.ResourceField(f)); ok {
				args = append(args, v)
			} else {
				args = append(args, nil)
			}
		}
		return args
	})
	var incl []int
	for i := range d.Schools {
		if d.Schools[i].Inclusive {
			incl = append(incl, i+1)
		}
	}
	w.insert("UPDATE schools SET inclusive = 1 WHERE fid = ?", len(incl), func(i int) []any { return []any{incl[i]} })
	var ages []int
	for i := range d.Zones {
		if z := &d.Zones[i]; z.PreschoolAge > 0 || z.PreschoolAgeKnown {
			ages = append(ages, i)
		}
	}
	w.insert("UPDATE zones SET preschool_age = ? WHERE fid = ?", len(ages), func(i int) []any {
		return []any{d.Zones[ages[i]].PreschoolAge, ages[i] + 1}
	})
}

// readV4 reads what schema version 4 added; older files have none of it.
func (r *reader) readV4(p *Project) error {
	if r.version < 4 {
		return nil
	}
	d := &p.District
	i := 0
	err := r.rows("schools", "SELECT coalesce(inclusive, 0) FROM schools ORDER BY fid", func(rows *sql.Rows, _ int) error {
		var incl bool
		if err := rows.Scan(&incl); err != nil {
			return err
		}
		if i < len(d.Schools) {
			d.Schools[i].Inclusive = incl
		}
		i++
		return nil
	})
	if err != nil {
		return err
	}
	i = 0
	err = r.rows("zones", "SELECT preschool_age FROM zones ORDER BY fid", func(rows *sql.Rows, _ int) error {
		var n sql.NullInt64
		if err := rows.Scan(&n); err != nil {
			return err
		}
		if i < len(d.Zones) && n.Valid && n.Int64 >= 0 {
			d.Zones[i].PreschoolAge, d.Zones[i].PreschoolAgeKnown = int(n.Int64), n.Int64 == 0
		}
		i++
		return nil
	})
	if err != nil {
		return err
	}
	return r.resources(p)
}

func (r *reader) resources(p *Project) error {
	cols := resourceColumns()
	if err := gpkg.CheckPlainTable(r.ctx, r.q, "resources", append([]string{"school", "year"}, cols...)...); err != nil {
		return model.Inputf(r.path, "store.damaged", "{{.Err}}: the file is damaged or was not written by Xuequ; {{.Restore}}", map[string]any{"Err": err.Error(), "Restore": restoreMsg})
	}
	return r.rows("resources", "SELECT coalesce(school, ''), coalesce(year, 0), "+strings.Join(cols, ", ")+
		" FROM resources ORDER BY fid", func(rows *sql.Rows, _ int) error {
		res := model.Resources{}
		vals := make([]sql.NullFloat64, len(cols))
		dest := []any{&res.School, &res.Year}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		for f, v := range vals {
			if v.Valid {
				res.Set(model.ResourceField(f), v.Float64)
			}
		}
		p.District.Resources = append(p.District.Resources, res)
		return nil
	})
}
