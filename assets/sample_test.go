package assets_test

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/xuequ/xuequ/assets"
	"github.com/xuequ/xuequ/model/synth"
)

// TestSampleMatchesGenerator regenerates the sample and compares it byte for
// byte with the embedded files, so the committed sample never drifts from
// the generator. Fix a failure with `go generate ./assets`.
func TestSampleMatchesGenerator(t *testing.T) {
	want := map[string]bool{}
	for _, f := range synth.Files(synth.Sample()) {
		want[f.Name] = true
		got, err := assets.Sample.ReadFile("sample/" + f.Name)
		if err != nil {
			t.Errorf("sample/%s is missing: %v (run go generate ./assets)", f.Name, err)
			continue
		}
		if !bytes.Equal(got, f.Data) {
			t.Errorf("sample/%s differs from the generator's output (run go generate ./assets)", f.Name)
		}
	}
	entries, err := fs.ReadDir(assets.Sample, "sample")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("sample/%s is not made by the generator: remove it", e.Name())
		}
	}
}
