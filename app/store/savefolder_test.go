package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// TestSaveMissingFolder: saving into a folder that does not exist names
// the project and says the folder does not exist, not the temp file.
func TestSaveMissingFolder(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no such folder")
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ folder, want string }{
		{missing, "does not exist"},
		{notDir, "is not a folder"},
	} {
		target := filepath.Join(c.folder, "县.xuequ.gpkg")
		err := Save(target, sampleProject())
		var ie *model.InputError
		if !errors.As(err, &ie) {
			t.Fatalf("Save into %s: %v (%T), want an InputError", c.folder, err, err)
		}
		msg := err.Error()
		if ie.File != target || !strings.Contains(msg, c.want) || !strings.Contains(msg, c.folder) || strings.Contains(msg, tempSuffix) {
			t.Errorf("Save into %s: %q, want the target, the folder and %q, no temp name", c.folder, msg, c.want)
		}
	}
	src, _ := saveSample(t)
	err := SaveAs(src, filepath.Join(missing, "copy.xuequ.gpkg"))
	if err == nil || !strings.Contains(err.Error(), "does not exist") || strings.Contains(err.Error(), tempSuffix) {
		t.Errorf("SaveAs into a missing folder: %v", err)
	}
}
