package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/app/store"
)

// runStdin is runCLI with standard input.
func runStdin(t *testing.T, in []byte, args ...string) (int, string, string) {
	t.Helper()
	old := stdin
	stdin = bytes.NewReader(in)
	defer func() { stdin = old }()
	return runCLI(t, args...)
}

// TestUnknownCommand: a word that is neither a command nor a file is a
// usage error listing the commands, in the chosen language; the GUI of a
// build without cgo says to use the desktop build.
func TestUnknownCommand(t *testing.T) {
	code, out, errOut := runCLI(t, "bogus", "--lang", "en")
	if code != 2 || out != "" || !strings.Contains(errOut, "unknown command or file bogus") ||
		!strings.Contains(errOut, "  analyze ") || !strings.Contains(errOut, "  import ") || strings.Contains(errOut, "goroutine") {
		t.Errorf("bogus: exit %d\n%s", code, errOut)
	}
	code, _, errOut = runCLI(t, "bogus", "--lang", "zh")
	if code != 2 || !strings.Contains(errOut, "未知的命令或文件 bogus") || !strings.Contains(errOut, "命令：") {
		t.Errorf("bogus zh: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "analyze", "--lang", "fr"); code != 2 || !strings.Contains(errOut, "--lang fr") {
		t.Errorf("--lang fr: exit %d\n%s", code, errOut)
	}
	// The tests build without cgo: the command-line tools alone.
	p := writeFile(t, "p.xuequ.gpkg", "")
	for _, args := range [][]string{nil, {p}, {"--lang", "en", p}} {
		code, _, errOut := runCLI(t, args...)
		if code != 2 || !strings.Contains(errOut, "no desktop app") || !strings.Contains(errOut, "  sample ") {
			t.Errorf("%v: exit %d\n%s", args, code, errOut)
		}
	}
}

// TestFlagErrorsTranslated: the flag package's errors, usage and option
// texts come in the CLI language; --lang is accepted by every command.
func TestFlagErrorsTranslated(t *testing.T) {
	for _, c := range []struct{ args, want []string }{
		{[]string{"analyze", "--bogus", "--lang", "zh"}, []string{"未知选项 -bogus", "xuequ analyze -h"}},
		{[]string{"analyze", "--lang", "en", "--year", "abc"}, []string{`option -year: "abc" is not a valid value`}},
		{[]string{"forecast", "--lang", "zh", "--years"}, []string{"选项 -years 需要一个值"}},
		{[]string{"sample", "--lang", "zh"}, []string{"sample：请用 -o P.xuequ.gpkg 指定输出文件"}},
		{[]string{"import", "--lang", "zh", "--schools", "a"}, []string{"import：必须给出 --schools 和 --zones"}},
	} {
		if code, _, errOut := runCLI(t, c.args...); code != 2 || !containsAll(errOut, c.want) {
			t.Errorf("%v: exit %d\n%s", c.args, code, errOut)
		}
	}
	code, out, _ := runCLI(t, "import", "-h", "--lang", "zh")
	if code != 0 || !strings.Contains(out, "用法：xuequ import") || !strings.Contains(out, "学校点位") || !strings.Contains(out, "-lang") {
		t.Errorf("import -h zh: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "--help", "--lang", "zh")
	if code != 0 || !strings.Contains(out, "命令：") || !strings.Contains(out, "写出内置的示例县") {
		t.Errorf("--help zh: exit %d\n%s", code, out)
	}
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// TestStdinStdout: "-" reads a project, a history table or an import
// input from standard input and writes a project to standard output.
func TestStdinStdout(t *testing.T) {
	code, proj, errOut := runCLI(t, "sample", "-o", "-", "--lang", "en")
	if code != 0 || !strings.HasPrefix(proj, "SQLite format 3\x00") || !strings.Contains(errOut, "standard output") {
		t.Fatalf("sample -o -: exit %d, %d bytes, %s", code, len(proj), errOut)
	}
	code, fromStdin, errOut := runStdin(t, []byte(proj), "analyze", "-", "--json")
	if code != 0 || !strings.Contains(fromStdin, `"schools"`) {
		t.Fatalf("analyze -: exit %d, %s", code, errOut)
	}
	p := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	os.WriteFile(p, []byte(proj), 0o644)
	if _, fromFile, _ := runCLI(t, "analyze", p, "--json"); fromFile != fromStdin {
		t.Errorf("analyze - differs from analyze FILE")
	}
	if code, out, errOut := runStdin(t, []byte(historyCSV), "analyze", "--history", "-", "--json"); code != 0 || !strings.Contains(out, `"year": 2024`) {
		t.Errorf("--history -: exit %d, %s", code, errOut)
	}
	schools, zones := importInputs(t)
	data, _ := os.ReadFile(zones)
	out := filepath.Join(t.TempDir(), "z.xuequ.gpkg")
	if code, _, errOut := runStdin(t, data, "import", "--schools", schools, "--zones", "-", "-o", out, "--lang", "en"); code != 0 {
		t.Fatalf("import --zones -: exit %d, %s", code, errOut)
	}
	if pr, _, err := store.Open(out); err != nil || len(pr.District.Zones) != 1 {
		t.Fatalf("import from stdin: %v", err)
	}
	if code, _, errOut := runStdin(t, data, "import", "--schools", "-", "--zones", "-", "-o", out+"2"); code != 2 || !strings.Contains(errOut, "-") {
		t.Errorf("two stdin inputs: exit %d, %s", code, errOut)
	}
	code, pdf, errOut := runCLI(t, "export", p, "--ledger", "-", "--lang", "en")
	if code != 0 || !strings.HasPrefix(pdf, "PK") {
		t.Errorf("export --ledger -: exit %d, %s", code, errOut)
	}
}

func TestSniffFormat(t *testing.T) {
	for in, want := range map[string]string{
		"\xef\xbb\xbf {\"type\":1}": "geojson", "<?xml version": "kml", "SQLite format 3\x00...": "gpkg",
		"school,year\nA,1\n": "csv", "\x00\x01\x02": "",
	} {
		if got := sniffFormat([]byte(in)); got != want {
			t.Errorf("sniffFormat(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTabWriterWidths: hanzi count two columns, so a Chinese table lines
// up; right alignment pads on the left.
func TestTabWriterWidths(t *testing.T) {
	var b bytes.Buffer
	tw := newTabWriter(&b, false)
	tw.Write([]byte("学校\t学位\tx\nAB\t12\ty\n\ntitle\n城关第一小学\t3\tz\n"))
	tw.Flush()
	want := "学校  学位  x\nAB    12    y\n\ntitle\n城关第一小学  3  z\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	tw = newTabWriter(&b, true)
	tw.Write([]byte("学校\t1\t\nA\t100\t\n"))
	tw.Flush()
	if want := "  学校    1\n     A  100\n"; b.String() != want {
		t.Errorf("right: got %q want %q", b.String(), want)
	}
	if w := displayWidth("城关Ａ1é"); w != 8 {
		t.Errorf("displayWidth = %d, want 8", w)
	}
}

// TestMain runs the package's tests in English unless a test sets the
// locale: most tests check English messages.
func TestMain(m *testing.M) {
	if os.Getenv("LC_ALL") == "" {
		os.Setenv("LC_ALL", "en_US.UTF-8")
	}
	os.Exit(m.Run())
}

// TestProjectRecordsVersion: a project the CLI writes records the version
// --version prints (the build's -ldflags, else dev+commit).
func TestProjectRecordsVersion(t *testing.T) {
	old := store.AppVersion
	defer func() { store.AppVersion = old }()
	store.AppVersion = "v9.8.7-3-gabcdef0"
	p := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	if code, _, errOut := runCLI(t, "sample", "-o", p); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, info, err := store.Open(p)
	if err != nil || info.AppVersion != "v9.8.7-3-gabcdef0" {
		t.Fatalf("app_version %q (%v)", info.AppVersion, err)
	}
	if _, out, _ := runCLI(t, "--version"); out != "xuequ v9.8.7-3-gabcdef0\n" {
		t.Errorf("--version: %q", out)
	}
}
