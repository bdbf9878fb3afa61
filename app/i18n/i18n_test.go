package i18n

import "testing"

func TestX(t *testing.T) {
	defer SetLanguage(Chinese)
	if err := LoadError(); err != nil {
		t.Fatal(err)
	}
	SetLanguage("")
	if got := X("cli.sample.done", "?", map[string]any{"File": "a.gpkg"}); got == "?" || got == "Wrote the sample district to a.gpkg." {
		t.Errorf("Chinese default: %q", got)
	}
	SetLanguage("en")
	if got := X("cli.sample.done", "?", map[string]any{"File": "a.gpkg"}); got != "Wrote the sample district to a.gpkg." {
		t.Errorf("English: %q", got)
	}
	if got := X("no.such.key", "fallback {{.N}}", map[string]any{"N": 3}); got != "fallback 3" {
		t.Errorf("fallback: %q", got)
	}
	if got := X("no.such.key", "broken {{.N"); got != "broken {{.N" {
		t.Errorf("bad template: %q", got)
	}
}

func TestDetect(t *testing.T) {
	for _, c := range []struct{ code, lcAll, lang, want string }{
		{"en", "", "zh_CN.UTF-8", English},
		{"zh", "", "en_US.UTF-8", Chinese},
		{"", "", "", Chinese},
		{"", "C", "en_US.UTF-8", English},
		{"", "", "C.UTF-8", Chinese},
		{"", "", "de_DE.UTF-8", English},
		{"", "zh_CN.UTF-8", "en_US.UTF-8", Chinese},
	} {
		t.Setenv("LC_ALL", c.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", c.lang)
		if got := Detect(c.code); got != c.want {
			t.Errorf("Detect(%q) with LC_ALL=%q LANG=%q = %q, want %q", c.code, c.lcAll, c.lang, got, c.want)
		}
	}
}

func TestFileLanguage(t *testing.T) {
	for name, want := range map[string]string{"cli.zh-CN.json": Chinese, "main.en.json": English, "zh_CN.json": Chinese, "x.fr.json": "fr", "README.md": ""} {
		if got := fileLanguage(name); got != want {
			t.Errorf("fileLanguage(%q) = %q, want %q", name, got, want)
		}
	}
}
