package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app/store"
)

func TestAboutDialog(t *testing.T) {
	newPanelTestApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(600, 500))
	d := NewAboutDialog(w)
	d.Show()
	var texts []string
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		switch v := o.(type) {
		case *widget.Label:
			texts = append(texts, v.Text)
		case *widget.Hyperlink:
			texts = append(texts, v.Text+" "+v.URL.String())
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"学区规划 Xuequ", "版本 开发版", "WenQuanYi Micro Hei（文泉驿微米黑）", "Apache License 2.0",
		"https://www.apache.org/licenses/LICENSE-2.0"} {
		if !strings.Contains(all, want) {
			t.Errorf("about dialog lacks %q:\n%s", want, all)
		}
	}
}

// TestAboutVersion: a release shows the stamped version, a development
// build 开发版 and its commit.
func TestAboutVersion(t *testing.T) {
	old := store.AppVersion
	defer func() { store.AppVersion = old }()
	for v, want := range map[string]string{"v1.2.0": "v1.2.0", "dev+abc1234": "开发版+abc1234", "dev": "开发版"} {
		store.AppVersion = v
		if got := appVersion(); got != want {
			t.Errorf("appVersion with %q = %q, want %q", v, got, want)
		}
	}
}
