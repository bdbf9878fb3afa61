package ingest

import (
	"archive/zip"
	"encoding/binary"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xuequ/xuequ/model"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Shapefiles handed over as a .zip: one or more layers, possibly in a
// subfolder, entry names possibly in GBK.

// zipLayer is one Shapefile inside a zip: its .shp entry and sidecars.
type zipLayer struct {
	name  string // what --schools-layer/--zones-layer take
	inner string // path of the .shp inside the zip, without extension
	files map[string]*zip.File
}

func zipLayers(zr *zip.Reader) []zipLayer {
	byStem := map[string]map[string]*zip.File{} // lower-case stem → ext → entry
	var stems []string
	for _, f := range zr.File {
		n := zipEntryName(f)
		if f.FileInfo().IsDir() || strings.HasPrefix(n, "__MACOSX/") || strings.HasPrefix(path.Base(n), "._") {
			continue
		}
		ext := strings.ToLower(path.Ext(n))
		stem := strings.ToLower(strings.TrimSuffix(n, path.Ext(n)))
		if byStem[stem] == nil {
			byStem[stem] = map[string]*zip.File{}
			stems = append(stems, stem)
		}
		if _, dup := byStem[stem][ext]; !dup {
			byStem[stem][ext] = f
		}
	}
	sort.Strings(stems)
	var out []zipLayer
	bases := map[string]int{}
	for _, s := range stems {
		if shp := byStem[s][".shp"]; shp != nil {
			n := zipEntryName(shp)
			inner := strings.TrimSuffix(n, path.Ext(n))
			out = append(out, zipLayer{name: path.Base(inner), inner: inner, files: byStem[s]})
			bases[strings.ToLower(path.Base(inner))]++
		}
	}
	for i := range out {
		if bases[strings.ToLower(out[i].name)] > 1 {
			out[i].name = out[i].inner
		}
	}
	return out
}

// zipEntryName is the entry's name as UTF-8: zips made by Windows
// Explorer on a Chinese system store names in GBK without saying so.
func zipEntryName(f *zip.File) string {
	if utf8.ValidString(f.Name) {
		return f.Name
	}
	if out, err := simplifiedchinese.GB18030.NewDecoder().String(f.Name); err == nil {
		return out
	}
	return strings.ToValidUTF8(f.Name, "\uFFFD")
}

// shapefileFromZip picks a layer of a zip and reads its files.
func shapefileFromZip(zipPath, layer string, want geomWant) (*shapeFiles, error) {
	fail := func(format string, args ...any) error {
		return &model.InputError{File: zipPath, Msg: fmt.Sprintf(format, args...)}
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return nil, fail("cannot open the zip file: %v", unwrapPathErr(err))
	}
	defer zr.Close()
	layers := zipLayers(&zr.Reader)
	if len(layers) == 0 {
		return nil, fail("the zip holds no Shapefile (.shp); zip the .shp together with its .shx, .dbf, .prj and .cpg files")
	}
	list := func() string {
		var s []string
		for _, l := range layers {
			s = append(s, fmt.Sprintf("%q (%s)", l.name, shapeTypeName(zipShapeType(l))))
		}
		return strings.Join(s, ", ")
	}
	var pick *zipLayer
	switch {
	case layer != "":
		want := strings.TrimSuffix(strings.ToLower(layer), ".shp")
		for i, l := range layers {
			if strings.ToLower(l.name) == want || strings.ToLower(l.inner) == want || strings.ToLower(path.Base(l.inner)) == want {
				pick = &layers[i]
				break
			}
		}
		if pick == nil {
			return nil, fail("the zip has no Shapefile layer %q; its layers are %s", layer, list())
		}
	case len(layers) == 1:
		pick = &layers[0]
	default:
		for i, l := range layers {
			if shapeTypeFits(zipShapeType(l), want) {
				if pick != nil {
					pick = nil
					break
				}
				pick = &layers[i]
			}
		}
		if pick == nil {
			what := "zones"
			if want == wantPoints {
				what = "schools"
			}
			return nil, fail("the zip holds %d Shapefiles: %s; say which holds the %s with --%s-layer NAME (or pick it in the import wizard)", len(layers), list(), what, what)
		}
	}
	files := &shapeFiles{name: zipPath + "/" + zipEntryName(pick.files[".shp"])}
	for ext, dst := range map[string]*[]byte{".shp": &files.shp, ".shx": &files.shx, ".dbf": &files.dbf, ".prj": &files.prj, ".cpg": &files.cpg} {
		f := pick.files[ext]
		if f == nil {
			continue
		}
		limit := int64(maxShapeFileBytes)
		if ext == ".prj" || ext == ".cpg" {
			limit = maxSidecarBytes
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fail("cannot read %s in the zip: %v", f.Name, err)
		}
		*dst, err = readAllBounded(rc, limit)
		rc.Close()
		if err != nil {
			return nil, fail("cannot read %s in the zip: %v", f.Name, err)
		}
	}
	return files, nil
}

// zipShapeType reads the shape type from the header of a layer's .shp
// (-1 when unreadable).
func zipShapeType(l zipLayer) int {
	rc, err := l.files[".shp"].Open()
	if err != nil {
		return -1
	}
	defer rc.Close()
	var h [100]byte
	if _, err := io.ReadFull(rc, h[:]); err != nil {
		return -1
	}
	return int(int32(binary.LittleEndian.Uint32(h[32:36])))
}

func shapeTypeFits(t int, want geomWant) bool {
	switch t {
	case 1, 11, 21, 8, 18, 28:
		return want == wantPoints
	case 5, 15, 25:
		return want == wantPolygons
	}
	return false
}

func shapeTypeName(t int) string {
	switch t {
	case 0:
		return "no geometry"
	case 1, 11, 21:
		return "points"
	case 8, 18, 28:
		return "multipoints"
	case 3, 13, 23:
		return "lines"
	case 5, 15, 25:
		return "polygons"
	case 31:
		return "multipatch"
	}
	return "unreadable"
}
