package ingest

import (
	"context"
	"errors"
	"testing"
)

func TestImportContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d, _, err := ImportContext(ctx, ImportOptions{Schools: "s.geojson", Zones: "z.geojson"})
	if d != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled import: %v, %v", d, err)
	}
}
