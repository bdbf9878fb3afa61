package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// stdin is what an input named "-" reads; tests replace it.
var stdin io.Reader = os.Stdin

// readStdin reads standard input once: a second "-" in one command line
// would get nothing, so it is refused.
func readStdin() ([]byte, error) {
	if stdinUsed {
		return nil, &usageError{tr("cli.err.stdin_twice", "only one input can be - (standard input)")}
	}
	stdinUsed = true
	return io.ReadAll(stdin)
}

var stdinUsed bool

// stdinFile copies standard input into a temporary file named stdin.EXT
// for readers that take a path: EXT is format when given (--format),
// else sniffed from the content. cleanup removes it.
func stdinFile(format string) (path string, cleanup func(), err error) {
	data, err := readStdin()
	if err != nil {
		return "", nil, err
	}
	ext := strings.TrimPrefix(strings.ToLower(format), ".")
	if ext == "" {
		ext = sniffFormat(data)
	}
	if ext == "" {
		return "", nil, &usageError{tr("cli.err.stdin_format", "cannot tell the format of standard input; give it with --format (geojson, kml, kmz, zip, gpkg, csv or xlsx)")}
	}
	dir, err := os.MkdirTemp("", "xuequ-stdin-")
	if err != nil {
		return "", nil, err
	}
	path = filepath.Join(dir, "stdin."+ext)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		os.RemoveAll(dir)
		return "", nil, err
	}
	return path, func() { os.RemoveAll(dir) }, nil
}

// sniffFormat guesses a file extension from the first bytes: GeoJSON,
// KML, GeoPackage, a zip (Shapefile set, KMZ or xlsx by its entries),
// else text is taken as CSV. "" for none of these.
func sniffFormat(data []byte) string {
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case bytes.HasPrefix(data, []byte("SQLite format 3\x00")):
		return "gpkg"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return sniffZip(data)
	case bytes.HasPrefix(head, []byte("{")):
		return "geojson"
	case bytes.HasPrefix(head, []byte("<")):
		return "kml"
	case len(head) > 0 && !bytes.ContainsRune(head[:min(len(head), 512)], 0):
		return "csv"
	}
	return ""
}

func sniffZip(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		switch {
		case strings.HasPrefix(name, "xl/"):
			return "xlsx"
		case strings.HasSuffix(name, ".kml"):
			return "kmz"
		case strings.HasSuffix(name, ".shp"):
			return "zip"
		}
	}
	return ""
}

// stdinName replaces the temporary file's path in messages by "-".
func stdinName(msg, tmp string) string {
	if tmp == "" {
		return msg
	}
	return strings.ReplaceAll(msg, tmp, "-")
}

// errStdin wraps err with the temporary path replaced (see stdinName).
func errStdin(err error, tmp string) error {
	if err == nil || tmp == "" || !strings.Contains(err.Error(), tmp) {
		return err
	}
	return fmt.Errorf("%s", stdinName(trError(err), tmp))
}
