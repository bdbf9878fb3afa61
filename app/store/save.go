package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/user"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"time"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo"
	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
)

// Save writes p to path atomically: the project is written to a temporary
// file in the same directory, synced to disk, and renamed over path, and the
// directory is synced. A crash at any moment leaves path either as it was or
// complete with p. The file's created time is kept from the previous file at
// path when there is one.
//
// What the file the project was read from (p.Origin.Path; else the
// project file at path, which a new project replaces) holds that Xuequ
// does not own is carried over: other layers and tables, columns, QGIS
// styles, GeoPackage metadata (see carry.go).
//
// A symbolic link at path is followed: the file it points to is replaced
// and the link stays. The replaced file's mode and group are kept; a
// read-only file is refused (*model.InputError). The old file's SQLite
// journal or WAL is settled into it before the rename and no sidecar is
// left next to the new file (a *SidecarError when another program holds
// one).
func Save(path string, p *Project) error { return SaveContext(context.Background(), path, p) }

// SaveContext is Save giving up with ctx's error when ctx is done (the
// GUI's Cancel): the temporary file is removed and the file at path is
// left as it was.
func SaveContext(ctx context.Context, path string, p *Project) error {
	if p == nil {
		return errors.New("store: Save: nil project")
	}
	release, err := lockForSave(path)
	if err != nil {
		return err
	}
	defer release()
	created := time.Now().UTC()
	from := p.Origin.Path
	if old, err := readInfo(ResolvePath(path)); err == nil {
		if !old.Created.IsZero() {
			created = old.Created
		}
		if from == "" { // a new project (import, sample) over a project: keep what GIS users added to it
			from = ResolvePath(path)
		}
	}
	// The save's SQLite page cache (up to 64 MB) lives outside the Go heap:
	// give the heap's garbage (an import's file bytes and parse buffers)
	// back to the OS first, so that the two do not add up in peak memory.
	debug.FreeOSMemory()
	return writeAtomic(path, func(tmp string) error {
		if err := write(ctx, tmp, p, created, from); err != nil {
			return err
		}
		return ctx.Err() // cancelled after the last insert: still no rename
	})
}

// SaveAs writes a compact copy of the project file src to dst (atomically,
// like Save), after checking that src opens as a project. Unlike Save it
// copies the file as it is, tables this version does not know included.
func SaveAs(src, dst string) error {
	release, err := lockForSave(dst)
	if err != nil {
		return err
	}
	defer release()
	if _, _, err := Open(src); err != nil {
		return readableError(err) // no "sql: Scan error … driver.Value"
	}
	return writeAtomic(dst, func(tmp string) error {
		if err := os.Remove(tmp); err != nil { // VACUUM INTO wants to create it
			return err
		}
		d, closeDB, err := openRead(src)
		if err != nil {
			return err
		}
		defer closeDB()
		// The connection stays mode=ro (src cannot change); query_only
		// would also refuse the write to the new file.
		if _, err := d.SQL().Exec("PRAGMA query_only = 0"); err != nil {
			return err
		}
		_, err = d.SQL().Exec("VACUUM INTO ?", tmp)
		return err
	})
}

// createTemp makes a new empty temporary file for a save of path (named
// by tempName, see temps.go) with the mode a new file gets here (0666 less the umask).
func createTemp(path string) (string, fs.FileMode, error) {
	dir := filepath.Dir(path)
	for range 100 {
		name := filepath.Join(dir, tempName(path))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", 0, err
		}
		fi, err := f.Stat()
		f.Close()
		if err != nil {
			os.Remove(name)
			return "", 0, err
		}
		return name, fi.Mode().Perm(), nil
	}
	return "", 0, fmt.Errorf("cannot create a temporary file in %s", dir)
}

// createTempError explains why no temporary file could be made in dir for
// a save of given: it names the project and the folder, never the
// temporary file the user has not heard of.
func createTempError(given, dir string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the temporary file's name means nothing to the user
	}
	fi, statErr := os.Stat(dir)
	switch {
	case errors.Is(statErr, fs.ErrNotExist):
		return model.Inputf(given, "store.no_folder", "the folder {{.Dir}} does not exist; create it first or save to another folder", map[string]any{"Dir": dir})
	case statErr == nil && !fi.IsDir():
		return model.Inputf(given, "store.not_folder", "{{.Dir}} is not a folder; save to another folder", map[string]any{"Dir": dir})
	case errors.Is(err, fs.ErrPermission):
		return model.Inputf(given, "store.no_permission", "no permission to create files in the folder {{.Dir}}; save to another folder", map[string]any{"Dir": dir})
	}
	return fmt.Errorf("store: save %s: cannot create a file in the folder %s: %w", given, dir, err)
}

// writeAtomic runs fill on a fresh temporary file next to path (the file a
// symbolic link at path points to), gives it the old file's mode and
// group, syncs it, settles the old file's sidecars and renames the new
// file over path. On error the temporary file is removed and path is
// untouched.
func writeAtomic(path string, fill func(tmp string) error) (err error) {
	given := path
	path = ResolvePath(path)
	old, statErr := os.Stat(path)
	if statErr == nil {
		if !old.Mode().IsRegular() {
			return model.Inputf(given, "store.not_file", "is not a file (a folder or device); choose another name for the project", nil)
		}
		if !writable(path, old) {
			return model.Inputf(given, "store.read_only", "the file is read-only; save under another name, or make the file writable first", nil)
		}
	}
	dir := filepath.Dir(path)
	removeStaleTemps(path)
	tmp, perm, err := createTemp(path)
	if err != nil {
		return createTempError(given, dir, err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp)
			removeSidecars(tmp)
			var ie *model.InputError
			var se *SidecarError
			if !errors.As(err, &ie) && !errors.As(err, &se) {
				err = fmt.Errorf("store: save %s: %w", given, err)
			}
		}
	}()
	if err = fill(tmp); err != nil {
		return err
	}
	if statErr == nil {
		perm = old.Mode().Perm()
		keepGroup(tmp, old)
	}
	if err = os.Chmod(tmp, perm); err != nil {
		return err
	}
	if err = syncFile(tmp); err != nil {
		return err
	}
	if err = settleTarget(path); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	removeSidecars(path) // none is live (settleTarget); any left would be replayed into the new file
	syncDir(dir)         // best effort: not every OS or file system can sync a directory
	return nil
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// write fills the empty file tmp with the project, and carries over what
// the project file from ("" = none) holds that Xuequ does not own
// (carry.go).
func write(ctx context.Context, tmp string, p *Project, created time.Time, from string) error {
	// The file is private until renamed and thrown away on any failure, so
	// there is nothing for an on-disk journal or per-commit syncs to
	// protect: the one fsync that matters is done by writeAtomic. The page
	// cache: see saveCacheKiB.
	d, err := gpkg.Create(tmp, "journal_mode(MEMORY)", "synchronous(OFF)", cachePragma())
	if err != nil {
		return err
	}
	defer d.Close()
	src, err := attachOrigin(ctx, d.SQL(), from)
	if err != nil {
		return err
	}
	defer src.close()
	tx, err := d.SQL().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := migrate(ctx, tx, 0); err != nil {
		return err
	}
	w := writer{ctx: ctx, tx: tx, origin: src}
	w.layerSRS("schools", p.Origin.Schools)
	w.layerSRS("zones", p.Origin.Zones)
	w.meta(p, created)
	w.schools(p.District.Schools)
	w.zones(p.District.Zones)
	w.attributes(p)
	w.writeV4(&p.District)
	for _, t := range []string{"schools", "zones"} {
		if w.err == nil {
			w.err = gpkg.CreateSpatialIndex(ctx, tx, t, "geom")
		}
	}
	w.styles(&p.District)
	w.carry()
	if w.err != nil {
		return w.err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	src.close()
	src = nil
	return d.Close()
}

// writer inserts rows and keeps the first error, so the sequence of
// inserts reads straight.
type writer struct {
	ctx    context.Context
	tx     *sql.Tx
	err    error
	origin *origin             // the old file, attached; nil for a new project
	srs    map[string]layerSRS // of schools and zones
}

// insert prepares query once and runs it for each of n rows.
func (w *writer) insert(query string, n int, args func(i int) []any) {
	if w.err != nil || n == 0 {
		return
	}
	st, err := w.tx.PrepareContext(w.ctx, query)
	if err != nil {
		w.err = err
		return
	}
	defer st.Close()
	for i := 0; i < n; i++ {
		a := args(i)
		if w.err != nil {
			return
		}
		if _, err := st.ExecContext(w.ctx, a...); err != nil {
			w.err = err
			return
		}
	}
}

func (w *writer) meta(p *Project, created time.Time) {
	host, _ := os.Hostname()
	kv := [][2]string{
		{metaAppVersion, AppVersion},
		{metaCreated, created.UTC().Format(time.RFC3339Nano)},
		{metaModified, time.Now().UTC().Format(time.RFC3339Nano)},
		{metaEditorHost, host},
		{metaEditorUser, currentUser()},
		{metaDistrictName, p.District.Name},
	}
	w.insert("INSERT INTO xuequ_meta (key, value) VALUES (?, ?)", len(kv), func(i int) []any {
		return []any{kv[i][0], kv[i][1]}
	})
}

func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "unknown"
}

// nullText stores "" as NULL: absent optional values stay absent.
func nullText(s []byte) any {
	if len(s) == 0 {
		return nil
	}
	return string(s)
}

func attrsJSON(m map[string]string) (any, error) {
	if len(m) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(m)
	return string(b), err
}

func mergesJSON(ms []model.Merge) (any, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	out := make([]mergeJSON, len(ms))
	for i, m := range ms {
		out[i] = mergeJSON{School: m.School, Stage: m.Stage.String(), Share: m.Share}
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// extent accumulates the bounds of the rows written, for gpkg_contents.
type extent struct {
	b   orb.Bound
	any bool
}

func (e *extent) add(b orb.Bound) {
	if !e.any {
		e.b, e.any = b, true
		return
	}
	e.b = e.b.Union(b)
}

func (w *writer) schools(ss []model.School) {
	var ext extent
	var buf []byte
	ls := w.srs["schools"]
	cols := planExtraColumns("schools", w.oldExtraColumns("schools"), len(ss), func(i int) map[string]string { return ss[i].Attrs })
	w.addExtraColumns("schools", cols)
	names, marks := extraInsert(cols)
	w.insert(`INSERT INTO schools (fid, geom, id, name, level, capacity, classrooms, boarding, township, public, attrs,
		closed, merged_into`+names+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?`+marks+`)`, len(ss), func(i int) []any {
		s := &ss[i]
		var err error
		loc := ls.fromLonLat(s.Location)
		buf, err = gpkg.AppendEncode(buf[:0], loc, ls.id())
		if err == nil {
			ext.add(loc.Bound())
		}
		extra, attrs, err2 := splitAttrs(contactAttrs(s), cols)
		merged, err3 := mergesJSON(s.MergedInto)
		if err = errors.Join(err, err2, err3); err != nil {
			w.err = fmt.Errorf("school %q: %w", s.ID, err)
		}
		return append([]any{i + 1, buf, s.ID, s.Name, s.Level.String(), s.Capacity, s.Classrooms, s.Boarding, s.Township, s.Public, attrs,
			s.Closed, merged}, extra...)
	})
	if w.err == nil {
		w.err = gpkg.SetExtent(w.ctx, w.tx, "schools", ext.b, !ext.any)
	}
}

func (w *writer) zones(zs []model.Zone) {
	var ext extent
	var buf []byte
	ls := w.srs["zones"]
	cols := planExtraColumns("zones", w.oldExtraColumns("zones"), len(zs), func(i int) map[string]string { return zs[i].Attrs })
	w.addExtraColumns("zones", cols)
	names, marks := extraInsert(cols)
	w.insert(`INSERT INTO zones (fid, geom, id, name, population, households, dwellings, primary_age, junior_age,
		primary_school, junior_school, township, attrs`+names+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?`+marks+`)`, len(zs), func(i int) []any {
		z := &zs[i]
		var geom any
		var err error
		if z.Geometry != nil {
			g := ls.fromLonLat(z.Geometry)
			buf, err = gpkg.AppendEncode(buf[:0], g, ls.id())
			geom = buf
			if len(z.Geometry) > 0 {
				ext.add(g.Bound())
			}
		}
		extra, attrs, err2 := splitAttrs(z.Attrs, cols)
		if err = errors.Join(err, err2); err != nil {
			w.err = fmt.Errorf("zone %q: %w", z.ID, err)
		}
		return append([]any{i + 1, geom, z.ID, z.Name, z.Population, z.Households, z.Dwellings,
			ageValue(z, model.LevelPrimary), ageValue(z, model.LevelJunior), z.PrimarySchool, z.JuniorSchool, z.Township, attrs}, extra...)
	})
	if w.err == nil {
		w.err = gpkg.SetExtent(w.ctx, w.tx, "zones", ext.b, !ext.any)
	}
}

// layerSRS records the SRS layer is written in (s; zero = EPSG:4326) and
// registers it: its gpkg_spatial_ref_sys row, gpkg_contents and
// gpkg_geometry_columns.
func (w *writer) layerSRS(layer string, s gpkg.SRS) {
	if w.srs == nil {
		w.srs = map[string]layerSRS{}
	}
	if w.err != nil {
		return
	}
	if isWGS84(s) {
		w.srs[layer] = layerSRS{srs: gpkg.WGS84, crs: geo.LonLat}
		return
	}
	c, err := crsOf(s)
	if err != nil {
		w.err = fmt.Errorf("layer %s: %w", layer, err)
		return
	}
	w.srs[layer] = layerSRS{srs: s, crs: c}
	if w.err = gpkg.AddSRS(w.ctx, w.tx, s); w.err != nil {
		return
	}
	for _, t := range []string{"gpkg_contents", "gpkg_geometry_columns"} {
		if _, err := w.tx.ExecContext(w.ctx, "UPDATE "+t+" SET srs_id = ? WHERE table_name = ?", s.ID, layer); err != nil {
			w.err = err
			return
		}
	}
}

func (w *writer) attributes(p *Project) {
	d := &p.District
	w.insert("INSERT INTO history (school, year, grade, students, classes) VALUES (?, ?, ?, ?, ?)", len(d.History), func(i int) []any {
		e := d.History[i]
		return []any{e.School, e.Year, int(e.Grade), e.Students, e.Classes}
	})
	w.insert("INSERT INTO births (zone, year, births) VALUES (?, ?, ?)", len(d.Births), func(i int) []any {
		b := d.Births[i]
		return []any{b.Zone, b.Year, b.Births}
	})
	w.insert("INSERT INTO housing (zone, year, dwellings) VALUES (?, ?, ?)", len(d.Housing), func(i int) []any {
		h := d.Housing[i]
		return []any{h.Zone, h.Year, h.Dwellings}
	})
	if d.Standards != (model.Standards{}) { // zero = "defaults": no rows
		w.insert("INSERT INTO standards (key, value) VALUES (?, ?)", len(standardFields), func(i int) []any {
			return []any{standardFields[i].key, standardValue(&d.Standards, i)}
		})
	}
	w.insert("INSERT INTO scenarios (name, description, data) VALUES (?, ?, ?)", len(p.Scenarios), func(i int) []any {
		s := p.Scenarios[i]
		return []any{s.Name, s.Description, nullText(s.Data)}
	})
	w.insert("INSERT INTO edits (seq, scenario, time, kind, data) VALUES (?, ?, ?, ?, ?)", len(p.Edits), func(i int) []any {
		e := p.Edits[i]
		var t any
		if !e.Time.IsZero() {
			t = e.Time.UTC().Format(time.RFC3339Nano)
		}
		return []any{e.Seq, e.Scenario, t, e.Kind, nullText(e.Data)}
	})
	keys := make([]string, 0, len(p.Settings))
	for k := range p.Settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	w.insert("INSERT INTO settings (key, value) VALUES (?, ?)", len(keys), func(i int) []any {
		return []any{keys[i], p.Settings[keys[i]]}
	})
	w.insert(`INSERT INTO import_report (severity, code, file, feature_index, line, feature_id, field, message, args)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, len(p.ImportReport), func(i int) []any {
		is := p.ImportReport[i]
		var feat, line any
		if is.Feature > 0 {
			feat = is.Feature - 1
		}
		if is.Line > 0 {
			line = is.Line
		}
		return []any{is.Severity, is.Code, is.File, feat, line, is.ID, is.Field, is.Message, nullString(is.Args)}
	})
	type mapped struct{ field, value, repl string }
	var vm []mapped
	for _, field := range slices.Sorted(maps.Keys(p.ValueMap)) {
		for _, v := range slices.Sorted(maps.Keys(p.ValueMap[field])) {
			vm = append(vm, mapped{field, v, p.ValueMap[field][v]})
		}
	}
	w.insert("INSERT INTO value_map (field, value, replacement) VALUES (?, ?, ?)", len(vm), func(i int) []any {
		return []any{vm[i].field, vm[i].value, vm[i].repl}
	})
}

// ageValue is a zone's school-age count for the file: NULL when unknown.
func ageValue(z *model.Zone, stage model.Level) any {
	if n, ok := z.AgeCount(stage); ok {
		return n
	}
	return nil
}

// nullString is s, or NULL when empty.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
