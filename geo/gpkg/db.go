package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// GeoPackage identification (GPKG 1.3 Req 2): application_id "GPKG" and
// user_version 10300 (version 1.3.0).
const (
	ApplicationID = 0x47504B47
	UserVersion   = 10300
)

// Older GeoPackage versions used "GP10" and "GP11" as application_id.
const (
	applicationIDGP10 = 0x47503130
	applicationIDGP11 = 0x47503131
)

// ErrNotGeoPackage is returned by Open for an SQLite file whose
// application_id is not a GeoPackage one.
var ErrNotGeoPackage = errors.New("not a GeoPackage (application_id is not GPKG)")

// Querier is what the table functions need: *sql.DB, *sql.Tx and *sql.Conn
// all qualify, so callers choose the transaction.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// DB is an open GeoPackage file. It holds a single SQLite connection:
// one writer, no surprises with per-connection PRAGMAs.
type DB struct {
	db       *sql.DB
	path     string
	readOnly bool
}

// SQL returns the underlying database handle (limited to one connection, so
// do not query it while a transaction from it is open).
func (d *DB) SQL() *sql.DB { return d.db }

// Path returns the file path the DB was opened with.
func (d *DB) Path() string { return d.path }

// ReadOnly reports whether the DB was opened with Open.
func (d *DB) ReadOnly() bool { return d.readOnly }

// Close closes the connection.
func (d *DB) Close() error { return d.db.Close() }

// FileURI builds the SQLite file: URI for path (so that '?', '#', '%' and
// non-ASCII names survive) with the given query parameters.
func FileURI(path string, params url.Values) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:///C:/dir/x.gpkg
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: params.Encode()}
	s := u.String()
	if !strings.HasPrefix(s, "file://") { // url omits "//" without a host
		s = "file://" + strings.TrimPrefix(s, "file:")
	}
	return s, nil
}

func openSQL(path string, params url.Values) (*sql.DB, error) {
	name, err := FileURI(path, params)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open(DriverName, name)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Create makes a new GeoPackage at path with the required tables and the
// mandatory SRS rows (-1, 0, 4326). path must not exist or be an empty file
// (as left by os.CreateTemp). The file uses a rollback journal (never WAL) so
// that, once closed, it is complete on its own.
//
// pragmas (e.g. "synchronous(OFF)", "journal_mode(MEMORY)") are applied to
// the connection before anything is written: a caller that builds a scratch
// file and syncs it itself needs no per-commit syncs.
func Create(path string, pragmas ...string) (*DB, error) {
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		return nil, fmt.Errorf("gpkg: create %s: file exists", path)
	}
	db, err := openSQL(path, url.Values{"_pragma": append([]string{"journal_mode(DELETE)", "foreign_keys(1)"}, pragmas...)})
	if err != nil {
		return nil, fmt.Errorf("gpkg: create %s: %w", path, err)
	}
	d := &DB{db: db, path: path}
	if err := d.initSchema(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("gpkg: create %s: %w", path, err)
	}
	return d, nil
}

func (d *DB) initSchema(ctx context.Context) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmts := []string{
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID),
		fmt.Sprintf("PRAGMA user_version = %d", UserVersion),
		baseSchema,
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	for _, s := range []SRS{UndefinedCartesian, UndefinedGeographic, WGS84} {
		if err := AddSRS(ctx, tx, s); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Open opens an existing GeoPackage read-only, in a way that is safe for
// files from anywhere: SQLite's mode=ro (nothing can be written, so no
// trigger ever fires), query_only, trusted_schema=OFF (views and triggers
// cannot call functions with side effects) and cell_size_check=ON (more
// corruption is detected as an error). It checks the application_id.
func Open(path string) (*DB, error) {
	return open(path, true)
}

// OpenWritable opens an existing GeoPackage for writing. Only use it on
// files this program made or the user trusts: their triggers run on writes.
func OpenWritable(path string) (*DB, error) {
	return open(path, false)
}

func open(path string, readOnly bool) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	params := url.Values{"_pragma": {"cell_size_check(1)", "foreign_keys(1)"}, "mode": {"rw"}}
	if readOnly {
		params = url.Values{
			"mode":    {"ro"},
			"_pragma": {"trusted_schema(0)", "cell_size_check(1)", "query_only(1)"},
		}
	}
	db, err := openSQL(path, params)
	if err != nil {
		return nil, err
	}
	d := &DB{db: db, path: path, readOnly: readOnly}
	var appID int64
	if err := db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		db.Close()
		return nil, err
	}
	switch uint32(appID) {
	case ApplicationID, applicationIDGP10, applicationIDGP11:
	default:
		db.Close()
		return nil, ErrNotGeoPackage
	}
	return d, nil
}

// Version returns the file's application_id and user_version.
func (d *DB) Version(ctx context.Context) (applicationID, userVersion int64, err error) {
	if err = d.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&applicationID); err != nil {
		return
	}
	err = d.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&userVersion)
	return
}

// quote returns name as an SQL identifier.
func quote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// baseSchema is GPKG 1.3 Annex C: the core tables every GeoPackage has.
const baseSchema = `
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE,
  min_y DOUBLE,
  max_x DOUBLE,
  max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
CREATE TABLE gpkg_extensions (
  table_name TEXT,
  column_name TEXT,
  extension_name TEXT NOT NULL,
  definition TEXT NOT NULL,
  scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
);`
