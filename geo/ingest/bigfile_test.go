package ingest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteBigFiles writes a province-scale zones file (XUEQU_BIG_ZONES
// zones, ~100 vertices each) and the schools its zones name into the
// folder XUEQU_BIG_DIR, for measuring `xuequ import` against ogr2ogr (see
// BenchmarkImportPeakHeap). Skipped unless XUEQU_BIG_DIR is set.
func TestWriteBigFiles(t *testing.T) {
	dir := os.Getenv("XUEQU_BIG_DIR")
	if dir == "" {
		t.Skip("set XUEQU_BIG_DIR (and XUEQU_BIG_ZONES, default 14000)")
	}
	n := 14000
	fmt.Sscan(os.Getenv("XUEQU_BIG_ZONES"), &n)
	if err := os.WriteFile(filepath.Join(dir, "zones.geojson"), bigZones(n), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "schools.geojson"), bigSchools(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// bigSchools: the 120 primary and 30 junior schools bigZones refers to.
func bigSchools() []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range 150 {
		id, name, level := fmt.Sprintf("S%03d", i), fmt.Sprintf("城关第%d小学", i+1), "小学"
		if i >= 120 {
			id, name, level = fmt.Sprintf("J%02d", i-120), fmt.Sprintf("城关第%d中学", i-119), "初中"
		}
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"Feature","properties":{"编码":%q,"名称":%q,"学段":%q},"geometry":{"type":"Point","coordinates":[%.6f,%.6f]}}`,
			id, name, level, 113.5+float64(i%12)*0.04, 22.5+float64(i/12)*0.04)
	}
	b.WriteString("]}\n")
	return b.Bytes()
}
