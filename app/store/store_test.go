package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/xuequ/xuequ/geo/gpkg"
	"github.com/xuequ/xuequ/model"
)

// sampleProject is a small district with everything the file holds:
// Chinese names, multipolygons with holes, a zone without geometry, history
// with and without class counts, custom standards, scenarios and edits.
func sampleProject() *Project {
	ring := func(x, y, s float64) orb.Ring {
		return orb.Ring{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}
	}
	hole := func(x, y, s float64) orb.Ring { // clockwise
		return orb.Ring{{x, y}, {x, y + s}, {x + s, y + s}, {x + s, y}, {x, y}}
	}
	std := model.DefaultStandards()
	std.StandardClassPrimary = 40
	std.LargeShareTarget = 0.03
	d := model.District{
		Name: "肥西县",
		Schools: []model.School{
			{ID: "S01", Name: "城关第一小学", Level: model.LevelPrimary, Location: orb.Point{117.157, 31.719},
				Capacity: 1350, Classrooms: 30, Public: true, Township: "上派镇",
				Attrs: map[string]string{"校长": "张三", "电话": "0551-1234567"}},
			{ID: "S02", Name: "桃花中学", Level: model.LevelJunior, Location: orb.Point{117.201, 31.765},
				Classrooms: 24, Boarding: true, Public: true, Township: "桃花镇"},
			{ID: "S03", Name: "紫蓬九年一贯制学校", Level: model.LevelNineYear, Location: orb.Point{117.05, 31.66}, Township: "紫蓬镇"},
			{ID: "S04", Name: "育才民办学校", Level: model.LevelUnknown, Location: orb.Point{117.1, 31.7}},
		},
		Zones: []model.Zone{
			{ID: "Z01", Name: "翡翠湖小区", Geometry: orb.MultiPolygon{{ring(117.15, 31.71, 0.01), hole(117.152, 31.712, 0.002), hole(117.155, 31.715, 0.001)}},
				Population: 12000, Households: 4100, Dwellings: 4300, PrimaryAge: 900, JuniorAge: 420,
				PrimarySchool: "S01", JuniorSchool: "S02", Township: "上派镇", Attrs: map[string]string{"物业": "万科"}},
			{ID: "Z02", Name: "桃花新村", Geometry: orb.MultiPolygon{{ring(117.2, 31.76, 0.02)}, {ring(117.23, 31.76, 0.005), hole(117.231, 31.761, 0.001)}},
				Population: 8000, Households: 2600, PrimarySchool: "S03", JuniorSchool: "S02"},
			{ID: "Z03", Name: "待测绘片区"}, // no geometry yet
		},
		Births:    []model.Births{{Zone: "Z01", Year: 2018, Births: 130}, {Zone: "Z02", Year: 2018, Births: 88}},
		Housing:   []model.Housing{{Zone: "Z01", Year: 2025, Dwellings: 600}},
		Standards: std,
	}
	for year := 2021; year <= 2024; year++ {
		for g := model.Grade(1); g <= 6; g++ {
			d.History = append(d.History, model.Enrollment{School: "S01", Year: year, Grade: g, Students: 100 + 7*int(g) + year - 2021, Classes: 2})
			d.History = append(d.History, model.Enrollment{School: "S03", Year: year, Grade: g, Students: 50 + int(g)})
		}
		for g := model.Grade(7); g <= 9; g++ {
			d.History = append(d.History, model.Enrollment{School: "S02", Year: year, Grade: g, Students: 400 + 10*int(g), Classes: 7})
		}
	}
	return &Project{
		District: d,
		Scenarios: []Scenario{
			{Name: "现状", Description: "2024 现状"},
			{Name: "新建学校", Description: "桃花镇新建小学", Data: json.RawMessage(`{"new_schools":[{"id":"N1","seats":1080}]}`)},
		},
		Edits: []Edit{
			{Seq: 1, Scenario: "新建学校", Time: time.Date(2024, 9, 1, 8, 30, 0, 123456789, time.UTC), Kind: "add_school", Data: json.RawMessage(`{"id":"N1"}`)},
			{Seq: 2, Scenario: "新建学校", Time: time.Date(2024, 9, 1, 8, 31, 0, 0, time.UTC), Kind: "assign_zone"},
		},
		Settings: map[string]string{"map.basemap": "none", "ui.language": "zh-CN"},
	}
}

func saveSample(t testing.TB) (string, *Project) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "肥西 县.xuequ.gpkg")
	p := sampleProject()
	if err := Save(path, p); err != nil {
		t.Fatal(err)
	}
	return path, p
}

func TestRoundTrip(t *testing.T) {
	path, want := saveSample(t)
	got, info, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !sameProject(got, want) {
		t.Fatalf("round trip differs:\n got %+v\nwant %+v", got, want)
	}
	if info.SchemaVersion != SchemaVersion || info.AppVersion != AppVersion || info.Created.IsZero() ||
		info.Modified.IsZero() || info.EditorUser == "" || info.Path != path {
		t.Errorf("info %+v", info)
	}
	for year := 2021; year <= 2024; year++ {
		a := model.Analyze(want.District.Schools, want.District.History, year, want.District.Standards)
		b := model.Analyze(got.District.Schools, got.District.History, year, got.District.Standards)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("analysis of %d differs after round trip", year)
		}
	}
	// Saving again keeps the created time and gives the same project.
	time.Sleep(2 * time.Millisecond)
	if err := Save(path, got); err != nil {
		t.Fatal(err)
	}
	again, info2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !sameProject(again, want) || !info2.Created.Equal(info.Created) || !info2.Modified.After(info.Modified) {
		t.Errorf("second save: created %v→%v modified %v→%v", info.Created, info2.Created, info.Modified, info2.Modified)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*")); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestEmptyProject(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.xuequ.gpkg")
	if err := Save(path, &Project{}); err != nil {
		t.Fatal(err)
	}
	got, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !sameProject(got, &Project{}) {
		t.Fatalf("empty project read back as %+v", got)
	}
	if err := gpkg.Validate(context.Background(), path); err != nil {
		t.Fatal(err)
	}
}

// TestGeoPackageValid runs the Go port of GDAL's validate_gpkg.py, the real
// script when installed, and ogrinfo.
func TestGeoPackageValid(t *testing.T) {
	path, _ := saveSample(t)
	if err := gpkg.Validate(context.Background(), path); err != nil {
		t.Fatalf("validate:\n%v", err)
	}
	if py, err := exec.LookPath("python3"); err == nil {
		script := "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"
		if _, err := os.Stat(script); err == nil {
			if out, err := exec.Command(py, script, path).CombinedOutput(); err != nil {
				t.Errorf("validate_gpkg.py: %v\n%s", err, out)
			}
		}
	}
	ogr, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo not on PATH: install gdal-bin to check the file with GDAL")
	}
	out, err := exec.Command(ogr, "-al", "-so", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	s := string(out)
	for _, layer := range []struct{ name, geom, count string }{
		{"schools", "Point", "4"}, {"zones", "Multi Polygon", "3"},
	} {
		i := strings.Index(s, "Layer name: "+layer.name+"\n")
		if i < 0 {
			t.Fatalf("ogrinfo lists no layer %s:\n%s", layer.name, s)
		}
		block := s[i:]
		if j := strings.Index(block[1:], "Layer name:"); j > 0 {
			block = block[:j+1]
		}
		for _, want := range []string{"Geometry: " + layer.geom, "Feature Count: " + layer.count, `ID["EPSG",4326]`} {
			if !strings.Contains(block, want) {
				t.Errorf("layer %s: ogrinfo lacks %q:\n%s", layer.name, want, block)
			}
		}
	}
}

func TestStandardFieldsCovered(t *testing.T) {
	// Leaf values: embedded structs are walked, arrays count per element
	// (each element has its own key).
	var leaves func(v reflect.Value, name string) []string
	leaves = func(v reflect.Value, name string) []string {
		switch v.Kind() {
		case reflect.Struct:
			var out []string
			for i := 0; i < v.NumField(); i++ {
				out = append(out, leaves(v.Field(i), v.Type().Field(i).Name)...)
			}
			return out
		case reflect.Array:
			var out []string
			for i := 0; i < v.Len(); i++ {
				out = append(out, leaves(v.Index(i), fmt.Sprintf("%s[%d]", name, i))...)
			}
			return out
		}
		return []string{name}
	}
	n := len(leaves(reflect.ValueOf(model.Standards{}), ""))
	if n != len(standardFields) {
		t.Fatalf("model.Standards has %d values, standardFields maps %d: add the new field to standards.go", n, len(standardFields))
	}
	var s model.Standards
	for i, f := range standardFields {
		setStandard(&s, f.key, float64(i+1))
	}
	var zero func(v reflect.Value, name string)
	zero = func(v reflect.Value, name string) {
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				zero(v.Field(i), v.Type().Field(i).Name)
			}
		case reflect.Array:
			for i := 0; i < v.Len(); i++ {
				zero(v.Index(i), fmt.Sprintf("%s[%d]", name, i))
			}
		default:
			if v.IsZero() {
				t.Errorf("field %s is not set by any key", name)
			}
		}
	}
	zero(reflect.ValueOf(s), "")
}

func TestMigrationsMatchSchemaVersion(t *testing.T) {
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range ms {
		if m.version != i+1 {
			t.Fatalf("migration %s: numbers must run 1, 2, 3 … without gaps", m.name)
		}
	}
	if ms[len(ms)-1].version != SchemaVersion {
		t.Fatalf("SchemaVersion = %d, last migration is %s", SchemaVersion, ms[len(ms)-1].name)
	}
}

// alter copies the sample file, runs SQL on the copy with a plain
// connection and returns its path.
func alter(t *testing.T, src string, stmts ...string) string {
	t.Helper()
	return alterWith(t, src, func(db *sql.DB) error {
		for _, s := range stmts {
			if _, err := db.Exec(s); err != nil {
				return fmt.Errorf("%s: %w", s, err)
			}
		}
		return nil
	})
}

func wantInputError(t *testing.T, path string, fragments ...string) {
	t.Helper()
	_, _, err := Open(path)
	var ie *model.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("Open: %v (%T), want *model.InputError", err, err)
	}
	if ie.File != path {
		t.Errorf("error names %q, want %q", ie.File, path)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q lacks %q", err, f)
		}
	}
}

func TestOpenBadFiles(t *testing.T) {
	good, _ := saveSample(t)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	data, _ := os.ReadFile(good)

	wantInputError(t, filepath.Join(dir, "missing.xuequ.gpkg"), "not found")
	wantInputError(t, dir, "folder")
	wantInputError(t, write("zero.xuequ.gpkg", nil), "empty (0 bytes)")
	wantInputError(t, write("text.xuequ.gpkg", []byte(`{"type":"FeatureCollection"}`)), "not a GeoPackage")
	wantInputError(t, write("truncated.xuequ.gpkg", data[:len(data)/2]), "truncated")
	wantInputError(t, write("header-only.xuequ.gpkg", data[:50]), "truncated")

	wantInputError(t, alter(t, good, "PRAGMA application_id = 0"), "not a GeoPackage")
	wantInputError(t, alter(t, good, "DROP TABLE xuequ_meta"), "not a Xuequ project")
	wantInputError(t, alter(t, good, "UPDATE xuequ_meta SET value = '7' WHERE key = 'schema_version'"),
		"schema version 7", fmt.Sprintf("reads schema version %d", SchemaVersion), "Update Xuequ")
	wantInputError(t, alter(t, good, "DROP TABLE births"), `"births" is missing`)
	wantInputError(t, alter(t, good, "ALTER TABLE history RENAME TO h2", "CREATE VIEW history AS SELECT * FROM h2"),
		`"history" is a view`)
	wantInputError(t, alter(t, good, "ALTER TABLE zones DROP COLUMN township"), `no column "township"`)
	wantInputError(t, alter(t, good, "UPDATE zones SET geom = x'4750000102030405' WHERE fid = 2"),
		"feature index 1", "geom", "zones")
	wantInputError(t, alter(t, good, "UPDATE schools SET geom = (SELECT geom FROM zones WHERE fid = 1) WHERE fid = 3"),
		"feature index 2", "expected a Point, found a MultiPolygon")
	wantInputError(t, alter(t, good, "UPDATE zones SET population = 'many' WHERE fid = 1"), "zones, row 1", "population")
	wantInputError(t, alter(t, good, "UPDATE schools SET attrs = '[1,2]' WHERE fid = 1"), "attrs")
	wantInputError(t, alter(t, good, "UPDATE edits SET time = 'yesterday'"), "time")
}

// A file with user triggers and views opens, and none of them runs: Open
// never writes (read-only connection), so a trigger that would write has
// nothing to fire on, and a view is never read.
func TestOpenIgnoresUserTriggersAndViews(t *testing.T) {
	good, want := saveSample(t)
	path := alter(t, good,
		"CREATE TABLE spy (n INTEGER)",
		"CREATE TRIGGER evil AFTER INSERT ON xuequ_meta BEGIN INSERT INTO spy VALUES (1); END",
		"CREATE TRIGGER evil2 AFTER UPDATE ON zones BEGIN DELETE FROM zones; END",
		"CREATE VIEW v AS SELECT * FROM zones",
	)
	got, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !sameProject(got, want) {
		t.Fatal("project differs")
	}
	// Saving writes a fresh file and carries over the user's table and
	// view; triggers on Xuequ's tables are Xuequ's business and are not
	// kept, and none of them ran (spy stays empty).
	if err := Save(path, got); err != nil {
		t.Fatal(err)
	}
	d, err := gpkg.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var kept, gone, spied int
	d.SQL().QueryRow("SELECT count(*) FROM sqlite_master WHERE name IN ('spy', 'v')").Scan(&kept)
	d.SQL().QueryRow("SELECT count(*) FROM sqlite_master WHERE name IN ('evil', 'evil2')").Scan(&gone)
	d.SQL().QueryRow("SELECT count(*) FROM spy").Scan(&spied)
	if kept != 2 || gone != 0 || spied != 0 {
		t.Errorf("after Save: %d of the user's table and view kept (want 2), %d triggers on Xuequ's tables (want 0), spy has %d rows (want 0)", kept, gone, spied)
	}
}

func TestSaveAs(t *testing.T) {
	src, want := saveSample(t)
	dst := filepath.Join(t.TempDir(), "副本.xuequ.gpkg")
	if err := SaveAs(src, dst); err != nil {
		t.Fatal(err)
	}
	got, _, err := Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	if !sameProject(got, want) {
		t.Fatal("copy differs")
	}
	if err := gpkg.Validate(context.Background(), dst); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.xuequ.gpkg")
	os.WriteFile(bad, []byte("junk"), 0o644)
	if err := SaveAs(bad, dst); err == nil {
		t.Error("SaveAs copied a broken file")
	}
}

func TestSaveFailureLeavesTargetAlone(t *testing.T) {
	path, want := saveSample(t)
	bad := sampleProject()
	bad.District.Schools[1].Attrs = map[string]string{"x": "\xff"} // still valid: JSON escapes it
	bad.District.Zones[0].Geometry = orb.MultiPolygon{{{{1, 1}}}}
	// Make the save fail midway: the directory is read-only.
	dir := filepath.Dir(path)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if os.Getuid() == 0 {
		t.Skip("running as root: a read-only directory does not stop writes")
	}
	if err := Save(path, bad); err == nil {
		t.Fatal("Save into a read-only directory succeeded")
	}
	got, _, err := Open(path)
	if err != nil || !sameProject(got, want) {
		t.Fatalf("target changed by a failed save: %v", err)
	}
}

func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	l, err := Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	// A second lock in this process (standing in for another live Xuequ).
	_, err = Lock(path)
	var le *LockedError
	if !errors.As(err, &le) || le.Holder.PID != os.Getpid() || !strings.Contains(err.Error(), "is open in Xuequ by") {
		t.Fatalf("second Lock: %v", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(LockPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("Unlock left the lock file")
	}

	// A lock from a dead process on this host is taken over.
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("cannot start a process to get a dead pid")
	}
	host, _ := os.Hostname()
	dead, _ := json.Marshal(LockInfo{Host: host, User: "someone", PID: cmd.Process.Pid, Since: time.Now()})
	os.WriteFile(LockPath(path), dead, 0o644)
	l, err = Lock(path)
	if err != nil {
		t.Fatalf("stale lock not taken over: %v", err)
	}
	if l.Info().PID != os.Getpid() {
		t.Fatal("lock info is not ours")
	}
	l.Unlock()

	// A lock from another host is respected.
	other, _ := json.Marshal(LockInfo{Host: "other-pc", User: "李老师", PID: 1, Since: time.Now()})
	os.WriteFile(LockPath(path), other, 0o644)
	_, err = Lock(path)
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "李老师") || !strings.Contains(err.Error(), "other-pc") {
		t.Fatalf("lock from another host: %v", err)
	}
	// …and no save overwrites that project, not even a CLI `-o`.
	if err := Save(path, &Project{}); !errors.As(err, &le) {
		t.Fatalf("Save over a project open elsewhere: %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the refused save wrote the file")
	}
	os.Remove(LockPath(path))
	if err := Save(path, &Project{}); err != nil {
		t.Fatalf("Save after the lock went: %v", err)
	}
}

// sameProject compares two projects except where they were read from.
func sameProject(a, b *Project) bool {
	if a == nil || b == nil {
		return a == b
	}
	x, y := *a, *b
	x.Origin, y.Origin = Origin{}, Origin{}
	return reflect.DeepEqual(&x, &y)
}
