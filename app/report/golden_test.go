package report

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Golden pages: the sample's A4 map rasterized from its sheet (pure Go,
// the same on every machine) and the first notice page rendered by
// poppler (skipped without it). XUEQU_UPDATE_GOLDEN=1 rewrites them; a
// mismatch is written to testdata/failed/ to look at.

func TestGoldenMapPage(t *testing.T) {
	s := session(t)
	page, err := drawMapPage(s, MapOptions{Options: Options{Date: fixedDate}}.resolve(s), newDoc("L", PaperA4, "", fixedDate))
	if err != nil {
		t.Fatal(err)
	}
	img, err := page.sheet.toImage(50)
	if err != nil {
		t.Fatal(err)
	}
	compareGolden(t, "map-a4-50dpi.png", img, 0.002)
}

func TestGoldenNoticePage(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) not on PATH")
	}
	var buf bytes.Buffer
	if err := NoticePDF(&buf, session(t), Options{Date: fixedDate}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-")
	cmd.Stdin = &buf
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	// Poppler versions antialias a little differently.
	compareGolden(t, "notice-p1-50dpi.png", img, 0.02)
}

// compareGolden compares img with testdata/name: at most maxShare of the
// pixels may differ by more than 24 in a channel.
func compareGolden(t *testing.T, name string, img image.Image, maxShare float64) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if os.Getenv("XUEQU_UPDATE_GOLDEN") != "" {
		writePNG(t, path, img)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (XUEQU_UPDATE_GOLDEN=1 writes it)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		writePNG(t, filepath.Join("testdata", "failed", name), img)
		t.Fatalf("%s: size %v, golden %v", name, img.Bounds(), want.Bounds())
	}
	diff, b := 0, img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) {
				diff++
			}
		}
	}
	if share := float64(diff) / float64(b.Dx()*b.Dy()); share > maxShare {
		writePNG(t, filepath.Join("testdata", "failed", name), img)
		t.Errorf("%s: %.2f%% of the pixels differ (allowed %.2f%%); see testdata/failed/%s", name, 100*share, 100*maxShare, name)
	}
}

func far(a, b uint32) bool { return a>>8 > b>>8+24 || b>>8 > a>>8+24 }

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
