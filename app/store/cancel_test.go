package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// TestSaveCancelledKeepsOldFile: a cancelled save leaves the old file as
// it was and no temporary file; a cancelled open returns the cancel.
func TestSaveCancelledKeepsOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	p := &Project{District: model.District{Name: "old", Standards: model.DefaultStandards()}}
	if err := Save(path, p); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p.District.Name = "new"
	if err := SaveContext(ctx, path, p); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled save: %v, want context.Canceled", err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(before) {
		t.Error("a cancelled save changed the file")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("files left beside the project: %v", entries)
	}
	if _, _, err := OpenContext(ctx, path); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled open: %v, want context.Canceled", err)
	}
	got, _, err := Open(path)
	if err != nil || got.District.Name != "old" {
		t.Errorf("old file: %v %q", err, got.District.Name)
	}
}
