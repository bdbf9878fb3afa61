package store

import (
	"errors"
	"sync/atomic"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// TestPrivateCopyConcurrentWriter: reading a WAL project while another
// program (QGIS) keeps writing it — appending to the WAL, checkpointing
// and restarting it — never gives a torn copy: every read sees a
// consistent database (integrity_check ok, whole transactions only), or
// is refused with a clear message.
func TestPrivateCopyConcurrentWriter(t *testing.T) {
	path, _ := saveSample(t)
	db := rawDB(t, path)
	defer db.Close()
	sqlExec(t, db, "PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 20",
		"CREATE TABLE qgis_edits (id INTEGER PRIMARY KEY, pair INTEGER, pad BLOB)")
	var stop atomic.Bool
	done := make(chan error)
	go func() {
		defer close(done)
		for i := 0; !stop.Load(); i++ {
			// Two rows per transaction, each on its own pages: a read
			// that sees one without the other saw half a transaction.
			_, err := db.Exec(`BEGIN; INSERT INTO qgis_edits (pair, pad) VALUES (?1, randomblob(3000)), (?1, randomblob(3000));
				DELETE FROM qgis_edits WHERE pair < ?1 - 50; COMMIT`, i)
			if err != nil {
				done <- err
				return
			}
		}
	}()
	reads, refused := 0, 0
	for range 150 {
		d, closeDB, err := openRead(path)
		var ie *model.InputError
		if errors.As(err, &ie) {
			refused++
			continue
		}
		if err != nil {
			stop.Store(true)
			t.Fatalf("read %d: %v", reads, err)
		}
		var ok string
		var n int
		err1 := d.SQL().QueryRow("PRAGMA integrity_check").Scan(&ok)
		err2 := d.SQL().QueryRow("SELECT count(*) FROM (SELECT pair FROM qgis_edits GROUP BY pair HAVING count(*) != 2)").Scan(&n)
		closeDB()
		if err1 != nil || err2 != nil || ok != "ok" || n != 0 {
			stop.Store(true)
			t.Fatalf("read %d: torn copy: integrity %q %v, %d half transactions %v", reads, ok, err1, n, err2)
		}
		reads++
	}
	stop.Store(true)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	t.Logf("%d consistent reads, %d refused", reads, refused)
	if reads == 0 {
		t.Fatal("every read was refused")
	}
}
