// Command gen writes the embedded sample district (assets/sample/*) from
// the synthetic generator in package model/synth:
//
//	go run ./assets/gen            # from the repository root
//	go generate ./assets           # the same, via sample.go
//
// The output depends only on synth.SampleConfig, so running it twice gives
// identical files; a test in package assets checks the committed files
// against the generator.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuequ/xuequ/model/synth"
)

func main() {
	out := flag.String("o", filepath.Join("assets", "sample"), "directory to write the sample files to")
	flag.Parse()
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// write puts every file next to its final name first and renames it into
// place, so an interrupted run never leaves a half-written file.
func write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range synth.Files(synth.Sample()) {
		path := filepath.Join(dir, f.Name)
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, f.Data, 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
			return err
		}
		fmt.Printf("%s\t%d bytes\n", path, len(f.Data))
	}
	return nil
}
