package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/xuequ/xuequ/model"
)

// ImportOptions names the files of one district import (`xuequ import`,
// the GUI wizard). Schools and Zones are required; the CSVs are optional.
type ImportOptions struct {
	Name    string // district name; default: the zones file's base name
	Schools string // GeoJSON path
	Zones   string // GeoJSON path
	History string // CSV path: school,year,grade,students[,classes]
	Births  string // CSV path: zone,year,births
	Housing string // CSV path: zone,year,dwellings
	// Map holds --map values, "schools.name=学校名称".
	Map []string
	// Mappings are overrides as the import wizard edits them; they are
	// applied after Map.
	Mappings map[Layer]Mapping
	// Values holds replacements for reference and level values that match
	// nothing (the wizard's pickers, a project's saved value map);
	// MapValue holds --map-value flags, "zones.primary_school=Helen X=Hellen X",
	// applied after Values.
	Values   ValueMap
	MapValue []string
	// SchoolsLayer and ZonesLayer pick the layer of a multi-layer file
	// (GeoPackage table, KML folder, Shapefile in a .zip); Sheet the
	// worksheet of .xlsx tables ("" = the first).
	SchoolsLayer string
	ZonesLayer   string
	Sheet        string
	// Year is the school year of a wide history table that states none
	// (TableOptions.Year).
	Year  int
	GCJ02 bool   // coordinates carry the GCJ-02 offset
	CRS   string // force the CRS of both GeoJSON files, e.g. "EPSG:4547"
}

// Import reads every file of a district. The error (wrapping a
// *model.InputError where it is the input's fault) means nothing usable
// was produced; the Report lists everything repaired, skipped or guessed.
// History school names are resolved to school ids (ResolveSchools).
func Import(opt ImportOptions) (*model.District, *Report, error) {
	return ImportContext(context.Background(), opt)
}

// ImportContext is Import giving up with ctx's error, between files, when
// ctx is done (the wizard's Cancel).
func ImportContext(ctx context.Context, opt ImportOptions) (*model.District, *Report, error) {
	// The files' bytes and parse buffers are garbage once Import returns:
	// give them back to the OS before the caller builds and saves the project.
	defer debug.FreeOSMemory()
	rep := &Report{}
	if err := ctx.Err(); err != nil {
		return nil, rep, err
	}
	if opt.Schools == "" || opt.Zones == "" {
		return nil, rep, model.Inputf("", "import.both_files", "both a schools file and a zones file are needed", nil).At(0, "--schools/--zones")
	}
	maps, err := ParseMapFlags(opt.Map)
	if err != nil {
		return nil, rep, &model.InputError{Field: "--map", Msg: err.Error()}
	}
	values, err := opt.Values.With(opt.MapValue)
	if err != nil {
		return nil, rep, &model.InputError{Field: "--map-value", Msg: err.Error()}
	}
	for l, m := range opt.Mappings {
		if maps[l] == nil {
			maps[l] = Mapping{}
		}
		for k, v := range m {
			maps[l][k] = v
		}
	}
	read := func(path string) ([]byte, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, model.Inputf(path, "input.cannot_read", "cannot read the file: {{.Err}}", map[string]any{"Err": unwrapPathErr(err).Error()})
		}
		return b, nil
	}
	d := &model.District{Name: opt.Name, Standards: model.DefaultStandards()}
	if d.Name == "" {
		d.Name = strings.TrimSuffix(filepath.Base(opt.Zones), filepath.Ext(opt.Zones))
	}

	schools, r, err := ReadSchools(opt.Schools, nil, Options{Map: maps[Schools], GCJ02: opt.GCJ02, CRS: opt.CRS, Layer: opt.SchoolsLayer, Values: values})
	rep.Merge(r)
	if err != nil {
		return nil, rep, err
	}
	d.Schools = schools
	if err := ctx.Err(); err != nil {
		return nil, rep, err
	}

	zones, feats, r, err := readZones(opt.Zones, nil, Options{Map: maps[Zones], GCJ02: opt.GCJ02, CRS: opt.CRS, Layer: opt.ZonesLayer})
	rep.Merge(r)
	if err != nil {
		return nil, rep, err
	}
	rep.Merge(ResolveZoneSchools(opt.Zones, zones, feats, d.Schools, values))
	d.Zones = zones

	var data []byte
	topt := TableOptions{Sheet: opt.Sheet, Year: opt.Year}
	if opt.History != "" {
		if data, err = read(opt.History); err != nil {
			return nil, rep, err
		}
		h, r, err := ReadHistoryWith(opt.History, data, topt)
		rep.Merge(r)
		if err != nil {
			return nil, rep, err
		}
		h, r = ResolveSchools(h, d.Schools)
		for i := range r.Issues {
			r.Issues[i].File = opt.History
		}
		rep.Merge(r)
		d.History = h
	}
	if opt.Births != "" {
		if data, err = read(opt.Births); err != nil {
			return nil, rep, err
		}
		b, r, err := ReadBirthsWith(opt.Births, data, topt)
		rep.Merge(r)
		if err != nil {
			return nil, rep, err
		}
		d.Births = b
		resolveZoneRefs(rep, opt.Births, d.Zones, func(yield func(*string)) {
			for i := range b {
				yield(&b[i].Zone)
			}
		})
	}
	if opt.Housing != "" {
		if data, err = read(opt.Housing); err != nil {
			return nil, rep, err
		}
		h, r, err := ReadHousingWith(opt.Housing, data, topt)
		rep.Merge(r)
		if err != nil {
			return nil, rep, err
		}
		d.Housing = h
		resolveZoneRefs(rep, opt.Housing, d.Zones, func(yield func(*string)) {
			for i := range h {
				yield(&h[i].Zone)
			}
		})
	}
	if err := ctx.Err(); err != nil {
		return nil, rep, err
	}
	return d, rep, nil
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// resolveZoneRefs rewrites each zone reference of a births or housing
// table to a zone id: by id, else by the zone's name (exact, then ignoring
// width, case, spaces and punctuation) when exactly one zone has it — the
// tables bureaus keep often name 小区 rather than code them. A reference
// that matches no zone is kept, and warned about once.
func resolveZoneRefs(rep *Report, file string, zones []model.Zone, each func(func(*string))) {
	known := map[string]bool{}
	byName := map[string][]string{}
	byFolded := map[string][]string{}
	for _, z := range zones {
		known[z.ID] = true
		byName[z.Name] = append(byName[z.Name], z.ID)
		if k := foldName(z.Name); k != "" {
			byFolded[k] = append(byFolded[k], z.ID)
		}
	}
	warned := map[string]bool{}
	each(func(ref *string) {
		id := strings.TrimSpace(*ref)
		if known[id] {
			*ref = id
			return
		}
		if ids := byName[id]; len(ids) == 1 {
			*ref = ids[0]
			return
		}
		if ids := byFolded[foldName(id)]; len(ids) == 1 {
			*ref = ids[0]
			return
		}
		if !warned[id] {
			warned[id] = true
			rep.add(Issue{Severity: Warning, Code: CodeUnknownZone, File: file, Field: "zone", ID: id,
				Args:    map[string]any{"Zone": id},
				Message: fmt.Sprintf("zone %q is not in the zones file; its rows are kept but count for no zone", id)})
		}
	})
}
