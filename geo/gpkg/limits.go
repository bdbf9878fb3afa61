package gpkg

import (
	"context"
	"database/sql"

	"modernc.org/sqlite"
)

// Limits on one geometry blob and one attribute value. They are stated here
// once: Decode enforces the geometry ones, and app/store's Open checks the
// byte sizes in SQL (length(col)) before a value is read into memory. Real
// planning data stays far below every one of them; anything above is damage
// or a hostile file, refused with an error instead of a crash or gigabytes
// of memory.
const (
	// MaxGeometryBytes is the largest geometry blob Decode accepts (64 MiB).
	// A zone boundary with a million vertices is 16 MB; anything bigger in
	// a planning file is damage or an attack, not data.
	MaxGeometryBytes = 64 << 20

	// MaxNestingDepth is how deep WKB geometries may nest: a
	// GeometryCollection inside a GeometryCollection … counts one level
	// each (a MultiPolygon is 2 levels: itself and its polygons). Real data
	// needs 3; the limit keeps the decoder's stack small.
	MaxNestingDepth = 32

	// MaxVertices is the most points one geometry may have, summed over
	// all its parts (a million-vertex zone is already extreme).
	MaxVertices = 4_000_000

	// MaxParts is the most parts one geometry may have, summed over all
	// levels: rings, polygons, line strings, points of a multipoint and
	// members of a collection. A county's zones have a few hundred at most;
	// the limit stops a small blob of millions of empty rings from costing
	// gigabytes of slice headers.
	MaxParts = 100_000

	// MaxAttributeBytes is the largest text value Open reads from a JSON
	// attribute column (schools.attrs, zones.attrs, schools.merged_into):
	// a feature's extra attributes are a few hundred bytes.
	MaxAttributeBytes = 16 << 20

	// MaxValueBytes is the largest single value (text or blob, any column)
	// a read-only connection from LimitValues reads: SQLite refuses a
	// bigger one with "string or blob too big" instead of loading it. It
	// backs up the per-column checks above for columns without one.
	MaxValueBytes = 2 * MaxGeometryBytes
)

// sqliteLimitLength is SQLITE_LIMIT_LENGTH, the id of SQLite's limit on
// the size of one string or blob.
const sqliteLimitLength = 0

// LimitValues makes SQLite refuse to read any value over MaxValueBytes on
// the first n connections of db's pool (set SetMaxOpenConns to n first):
// it takes n connections at once, sets each one's length limit, and puts
// them back, where they stay as idle connections for later queries.
func LimitValues(ctx context.Context, db *sql.DB, n int) error {
	conns := make([]*sql.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := 0; i < n; i++ {
		c, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		conns = append(conns, c)
		if _, err := sqlite.Limit(c, sqliteLimitLength, MaxValueBytes); err != nil {
			return err
		}
	}
	return nil
}
