package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// writeProvince writes a province-scale zones file (n zones of 100
// vertices with Chinese attributes, ~3 KB each: 14 000 zones ≈ 42 MB) and
// the 150 schools its zones name, and returns their paths.
func writeProvince(t testing.TB, dir string, n int) (zones, schools string) {
	t.Helper()
	zones, schools = filepath.Join(dir, "zones.geojson"), filepath.Join(dir, "schools.geojson")
	f, err := os.Create(zones)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	rng := rand.New(rand.NewPCG(7, 8))
	side := int(math.Ceil(math.Sqrt(float64(n))))
	const d = 0.004
	w.WriteString(`{"type":"FeatureCollection","features":[` + "\n")
	for i := range n {
		if i > 0 {
			w.WriteString(",\n")
		}
		cx, cy := 113.5+float64(i%side)*d, 22.5+float64(i/side)*d
		fmt.Fprintf(w, `{"type":"Feature","properties":{"编码":"Z%05d","名称":"幸福家园%d期","人口":"%d","户数":%d,"对口小学":"S%03d","对口初中":"J%02d","乡镇":"城关镇","备注":"2019年交付，物业：某某物业管理有限公司"},"geometry":{"type":"Polygon","coordinates":[[`,
			i, i%9+1, 1000+rng.IntN(5000), 300+rng.IntN(1500), i%120, i%30)
		var first string
		for k := range 100 {
			a := 2 * math.Pi * float64(k) / 100
			r := d * (0.45 + 0.04*rng.Float64())
			pt := "[" + strconv.FormatFloat(cx+r*math.Cos(a), 'f', 8, 64) + "," + strconv.FormatFloat(cy+r*math.Sin(a), 'f', 8, 64) + "]"
			if k == 0 {
				first = pt
			} else {
				w.WriteByte(',')
			}
			w.WriteString(pt)
		}
		w.WriteString("," + first)
		w.WriteString("]]}}")
	}
	w.WriteString("\n]}\n")
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		t.Fatal(err)
	}
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
	if err := os.WriteFile(schools, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return zones, schools
}

// peakHeap samples the Go heap (live and not yet collected objects) every
// millisecond until stop is called, which returns the largest seen.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return func() uint64 { close(done); <-finished; return peak.Load() }
}

// peakRSS is the process's peak resident set (VmHWM) in bytes after
// resetRSS, 0 where /proc does not tell.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// resetRSS restarts peakRSS from the current resident set (Linux).
func resetRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// BenchmarkImportPeakHeap: `xuequ import` of 14 000 zones (42 MB of
// GeoJSON) into a project file. Issue 11 bounds its peak memory by twice
// ogr2ogr's on the same file (56 MB RSS: `ogr2ogr -f GPKG out.gpkg
// zones.geojson`); peak-rss-MB (Linux) is this process's, which the test
// binary's own memory inflates a little. Measured with /usr/bin/time -v
// on the xuequ binary: 234 MB before the streaming import, ~110 MB after.
func BenchmarkImportPeakHeap(b *testing.B) {
	dir := b.TempDir()
	zones, schools := writeProvince(b, dir, 14000)
	var heap, rss uint64
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, fmt.Sprintf("p%d.xuequ.gpkg", i))
		resetRSS()
		stop := peakHeap()
		err := runImport([]string{"-q", "--zones", zones, "--schools", schools, "-o", out}, io.Discard, io.Discard)
		heap, rss = max(heap, stop()), max(rss, peakRSS())
		if err != nil {
			b.Fatal(err)
		}
		os.Remove(out)
	}
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
	if rss > 0 {
		b.ReportMetric(float64(rss)/(1<<20), "peak-rss-MB")
	}
}

// TestImportPeakHeap: the import of a large zones file holds about one
// copy of the district at a time, not the file's text, the features as
// read and the repaired ones together: its peak Go heap stays under 2.5
// times the file's size (4.3 times before the import streamed; 1.9 now
// for this 12 MB file, 1.35 for 42 MB). Issue 11 bounds the whole
// process by twice ogr2ogr's; see BenchmarkImportPeakHeap.
func TestImportPeakHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and imports a 12 MB file")
	}
	dir := t.TempDir()
	zones, schools := writeProvince(t, dir, 4000)
	fi, err := os.Stat(zones)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	stop := peakHeap()
	err = runImport([]string{"-q", "--zones", zones, "--schools", schools, "-o", filepath.Join(dir, "p.xuequ.gpkg")}, io.Discard, io.Discard)
	peak := stop()
	if err != nil {
		t.Fatal(err)
	}
	ratio := float64(peak) / float64(fi.Size())
	t.Logf("file %.1f MB, peak heap %.1f MB (%.2f×)", float64(fi.Size())/(1<<20), float64(peak)/(1<<20), ratio)
	if ratio > 2.5 {
		t.Errorf("peak heap %.2f× the file's size, want at most 2.5×", ratio)
	}
}
