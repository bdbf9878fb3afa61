package ingest

import (
	"archive/zip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/model"
)

// An ESRI Shapefile (ESRI Shapefile Technical Description, 1998) is a .shp
// of geometries, a .shx index of their offsets, a .dbf (dBase) table of
// attributes, record i describing shape i, a .prj with the CRS as WKT and
// an optional .cpg naming the .dbf's text encoding.

// shapeFiles holds the files of one Shapefile read whole; a sidecar that
// is absent is nil.
type shapeFiles struct {
	name                    string // the .shp as shown in messages
	shp, shx, dbf, prj, cpg []byte
}

// Sizes above which a file is refused rather than read into memory: the
// format's own limit for .shp/.shx/.dbf (2 GB offsets), a few kB for text.
const (
	maxShapeFileBytes = 2 << 30
	maxSidecarBytes   = 1 << 20
)

// readShapefile reads a Shapefile: path is the .shp (sidecars found beside
// it whatever the case of their names), or a .zip holding one or more
// Shapefiles, of which opt.Layer picks one by name (else the only one, or
// the only one whose geometry fits want).
func readShapefile(path string, opt Options, want geomWant, rep *Report) (*rawLayer, error) {
	var files *shapeFiles
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".dbf":
		return nil, model.Inputf(path, "shp.dbf_only", "a .dbf holds only the attributes of a Shapefile; open the .shp beside it (keep the .shx, .dbf, .prj and .cpg files of the same name in the same folder)", nil)
	case ".zip":
		files, err = shapefileFromZip(path, opt.Layer, want)
	default:
		files, err = shapefileFromDir(path)
	}
	if err != nil {
		return nil, err
	}
	return parseShapefile(files, opt, want, rep)
}

// shapefileLayers lists the Shapefiles in a .zip by name (the base name,
// or the path inside the zip when two share a base name), or gives the
// base name of a .shp.
func shapefileLayers(path string) ([]string, error) {
	if strings.ToLower(filepath.Ext(path)) != ".zip" {
		return []string{strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))}, nil
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, model.Inputf(path, "shp.zip", "cannot open the zip file: {{.Err}}", map[string]any{"Err": unwrapPathErr(err).Error()})
	}
	defer zr.Close()
	var names []string
	for _, l := range zipLayers(&zr.Reader) {
		names = append(names, l.name)
	}
	return names, nil
}

// shapefileFromDir reads a .shp and the sidecars beside it.
func shapefileFromDir(shpPath string) (*shapeFiles, error) {
	files := &shapeFiles{name: shpPath}
	var err error
	if files.shp, err = readBounded(shpPath, maxShapeFileBytes); err != nil {
		return nil, model.Inputf(shpPath, "input.cannot_read", "cannot read the file: {{.Err}}", map[string]any{"Err": err.Error()})
	}
	dir := filepath.Dir(shpPath)
	base := strings.TrimSuffix(filepath.Base(shpPath), filepath.Ext(shpPath))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, model.Inputf(shpPath, "shp.list_folder", "cannot list its folder: {{.Err}}", map[string]any{"Err": unwrapPathErr(err).Error()})
	}
	for _, side := range []struct {
		ext   string
		dst   *[]byte
		limit int64
	}{{".shx", &files.shx, maxShapeFileBytes}, {".dbf", &files.dbf, maxShapeFileBytes}, {".prj", &files.prj, maxSidecarBytes}, {".cpg", &files.cpg, maxSidecarBytes}} {
		name := sidecarName(entries, base, side.ext)
		if name == "" {
			continue
		}
		if *side.dst, err = readBounded(filepath.Join(dir, name), side.limit); err != nil {
			return nil, model.Inputf(filepath.Join(dir, name), "input.cannot_read", "cannot read the file: {{.Err}}", map[string]any{"Err": err.Error()})
		}
	}
	return files, nil
}

// sidecarName finds base+ext among the entries, preferring the exact case
// (FOO.SHP beside foo.dbf happens).
func sidecarName(entries []os.DirEntry, base, ext string) string {
	found := ""
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.EqualFold(n, base+ext) {
			continue
		}
		if n == base+ext {
			return n
		}
		found = n
	}
	return found
}

func readBounded(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, unwrapPathErr(err)
	}
	defer f.Close()
	return readAllBounded(f, limit)
}

func readAllBounded(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d MB, more than Xuequ reads", limit>>20)
	}
	return data, nil
}

// parseShapefile turns the files of one Shapefile into a rawLayer:
// feature i is .shp record i with .dbf record i.
func parseShapefile(files *shapeFiles, opt Options, want geomWant, rep *Report) (*rawLayer, error) {
	name := files.name
	shp := files.shp
	if len(shp) < 100 || binary.BigEndian.Uint32(shp[0:4]) != 9994 {
		return nil, model.Inputf(name, "shp.bad_header", "not a Shapefile .shp (its header is missing or damaged); export the layer again as ESRI Shapefile", nil)
	}
	spans := shapeRecords(shp, files.shx)
	raw := &rawLayer{total: len(spans), encoding: EncUTF8}
	var table *dbfTable
	decode := decoderFor(EncUTF8)
	if files.dbf == nil {
		rep.add(Issue{Severity: Warning, Code: CodeDBFMissing, File: name, Args: map[string]any{},
			Message: "no .dbf beside the .shp: the features have no attributes (names, ids, population); copy the .dbf of the same name next to it"})
	} else {
		var err error
		if table, err = parseDBF(files.dbf); err != nil {
			return nil, &model.InputError{File: strings.TrimSuffix(name, filepath.Ext(name)) + ".dbf", Msg: err.Error()}
		}
		raw.encoding = dbfEncoding(files.cpg, table)
		noteEncoding(rep, name, raw.encoding)
		decode = decoderFor(raw.encoding)
		for _, f := range table.prepare(decode) {
			rep.add(Issue{Severity: Info, Code: CodeDBFFieldSkipped, File: name, Field: f.name, Args: map[string]any{"Type": string(rune(f.typ))},
				Message: fmt.Sprintf("field of dBase type %q (memo or binary) not read", string(rune(f.typ)))})
		}
		if table.records != len(spans) || table.declared != table.records {
			rep.add(Issue{Severity: Warning, Code: CodeDBFCountMismatch, File: name, Args: map[string]any{"Shapes": len(spans), "Records": table.records},
				Message: fmt.Sprintf("the .shp has %d shapes but the .dbf %d readable records; attributes were paired by position — check that the two files belong together", len(spans), table.records)})
		}
	}
	deleted := 0
	for i, span := range spans {
		idx := i + 1
		f := feature{index: idx}
		if table != nil && i < table.records {
			if table.deleted(i) {
				deleted++
				continue
			}
			rec := table.record(i)
			for j := range table.fields {
				fd := &table.fields[j]
				if fd.skipped {
					continue
				}
				v, ok := fd.value(rec, decode)
				f.props = append(f.props, prop{key: fd.name, val: v, null: !ok})
			}
		}
		geom, err := parseShape(shp, span)
		if err != nil {
			rep.add(Issue{Severity: Warning, Code: CodeBadGeometry, File: name, Feature: idx, Args: map[string]any{"Case": "unreadable", "Detail": err.Error()},
				Message: fmt.Sprintf("skipped: geometry unreadable (%v)", err)})
			continue
		}
		var ok bool
		if f.geom, ok = fitGeometry(name, idx, "", geom, want, rep); ok {
			raw.features = append(raw.features, f)
		}
	}
	if deleted > 0 {
		rep.add(Issue{Severity: Info, Code: CodeDBFDeleted, File: name, Args: map[string]any{"N": deleted},
			Message: fmt.Sprintf("skipped %d record(s) marked as deleted in the .dbf", deleted)})
	}
	if len(strings.TrimSpace(string(files.prj))) > 0 {
		crs, err := geo.CRSFromWKT(string(files.prj))
		switch {
		case err == nil:
			raw.crs, raw.crsName = &crs, crs.Name
		case opt.CRS == "": // with --crs the .prj is not needed
			return nil, &model.InputError{File: strings.TrimSuffix(name, filepath.Ext(name)) + ".prj", Field: "crs", Msg: err.Error()}
		}
	}
	return raw, nil
}

// dbfEncoding decides the text encoding of a .dbf: the .cpg, else the
// language driver id, else detection over all its text.
func dbfEncoding(cpg []byte, t *dbfTable) string {
	if enc := cpgEncoding(cpg); enc != "" {
		return enc
	}
	if enc := ldidEncoding(t.ldid); enc != "" {
		return enc
	}
	if _, enc, err := decodeText(t.textBytes()); err == nil && enc == EncGB18030 {
		return EncGB18030
	}
	return EncUTF8
}
