package export

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
)

// writeGPKG writes l as a one-layer GeoPackage (MULTIPOLYGON, in srs,
// spatial index) with the fields' Chinese titles in gpkg_data_columns.
func writeGPKG(path string, l *Layer, srs outSRS) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return &model.InputError{File: path, Msg: fmt.Sprintf("cannot create the file: %v; check the folder exists and is writable", err)}
	}
	tmp := f.Name()
	f.Close()
	if err = fillGPKG(tmp, l, srs); err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("export: write %s: %w", path, err)
	}
	return nil
}

func fillGPKG(tmp string, l *Layer, srs outSRS) error {
	ctx := context.Background()
	d, err := gpkg.Create(tmp)
	if err != nil {
		return err
	}
	defer d.Close()
	tx, err := d.SQL().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := gpkg.AddSRS(ctx, tx, srs.srs); err != nil {
		return err
	}
	ft := gpkg.FeatureTable{Name: l.Name, Identifier: l.Title, Description: l.Description, GeometryType: "MULTIPOLYGON", SRSID: srs.srs.ID}
	var titles []gpkg.DataColumn
	for _, f := range l.Fields {
		typ := map[Kind]string{Text: "TEXT", Int: "INTEGER", Real: "DOUBLE"}[f.Kind]
		ft.Columns = append(ft.Columns, gpkg.Column{Name: f.Name, Type: typ})
		titles = append(titles, gpkg.DataColumn{Table: l.Name, Column: f.Name, Name: f.Title, Title: f.Title})
	}
	if err := gpkg.CreateFeatureTable(ctx, tx, ft); err != nil {
		return err
	}
	if err := gpkg.SetDataColumns(ctx, tx, titles); err != nil {
		return err
	}
	q := "INSERT INTO \"" + l.Name + "\" (geom"
	marks := "?"
	for _, f := range l.Fields {
		q += ", \"" + f.Name + "\""
		marks += ", ?"
	}
	st, err := tx.PrepareContext(ctx, q+") VALUES ("+marks+")")
	if err != nil {
		return err
	}
	defer st.Close()
	for _, f := range l.Features {
		var geom any
		if mp := asMulti(f.Geometry); len(mp) > 0 {
			if geom, err = gpkg.Encode(mp, srs.srs.ID); err != nil {
				return err
			}
		}
		args := append([]any{geom}, f.Values...)
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	if err := gpkg.UpdateExtent(ctx, tx, l.Name, "geom"); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return d.Close()
}

func asMulti(g orb.Geometry) orb.MultiPolygon {
	switch g := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}
	case orb.MultiPolygon:
		return g
	}
	return nil
}
