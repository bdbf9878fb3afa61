package ui

import (
	"database/sql"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/xuequ/xuequ/app"
	"github.com/xuequ/xuequ/geo/gpkg"
)

// TestSaveHeldWALTranslated: the save refused because QGIS holds the
// project's WAL shows in Chinese in the Chinese UI and as the store's
// English in the English one.
func TestSaveHeldWALTranslated(t *testing.T) {
	newPanelTestApp(t)
	defer SetLanguage(langChinese)
	d, _, err := app.LoadSample()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "肥西.xuequ.gpkg")
	s := app.NewSession(d, path, app.Project)
	if err := s.WriteProject(path); err != nil {
		t.Fatal(err)
	}
	name, _ := gpkg.FileURI(path, url.Values{"mode": {"rw"}})
	db, err := sql.Open(gpkg.DriverName, name)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{"PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0", "UPDATE xuequ_meta SET value = 'QGIS' WHERE key = 'district_name'"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	tx, err := db.Begin() // QGIS reading: its WAL stays
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM zones").Scan(&n); err != nil {
		t.Fatal(err)
	}
	saveErr := s.WriteProject(path)
	if saveErr == nil {
		t.Fatal("saved over a held WAL")
	}
	want := path + "：另一个程序（QGIS、sqlite3 等）正打开此文件，或在 肥西.xuequ.gpkg-wal 中留有未保存的更改；请关闭该程序后再保存，或另存为其他文件名"
	if got := trError(saveErr); got != want {
		t.Errorf("Chinese: %q, want %q", got, want)
	}
	if err := SetLanguage(langEnglish); err != nil {
		t.Fatal(err)
	}
	if got := trError(saveErr); got != saveErr.Error() {
		t.Errorf("English: %q, want %q", got, saveErr.Error())
	}
}
