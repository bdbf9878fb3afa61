package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/xuequ/xuequ/app/report"
)

// TestExportTranslations: the export dialog's and document settings'
// strings are in both export.*.json files.
func TestExportTranslations(t *testing.T) {
	if n := checkTranslations(t, "export", "exportdialog.go", "docsettings.go"); n < 20 {
		t.Errorf("only %d keys found", n)
	}
}

// TestExportForm: the dialog's choices reach the report options.
func TestExportForm(t *testing.T) {
	w := newTestWindow(t)
	f := newExportForm(exportMap, w.exportFormats(exportMap), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	if f.intake.Text != "2026" {
		t.Errorf("default intake %q, want 2026 (this autumn)", f.intake.Text)
	}
	f.paper.SetSelected("A3")
	f.orient.SetSelected(f.orient.Options[1])
	f.format.SetSelected("SVG")
	test.Type(f.intake, "")
	f.intake.SetText("2027")
	ft, c, ok := f.choice(2025)
	if !ok || ft.ext != ".svg" || c.opt.Paper != report.PaperA3 || !c.portrait || c.opt.Intake != 2027 || c.opt.Year != 2025 {
		t.Errorf("choice %v %+v %v", ft.ext, c, ok)
	}
	f.intake.SetText("26")
	if _, _, ok := f.choice(2025); ok {
		t.Error("intake 26 accepted")
	}
	n := newExportForm(exportNotice, w.exportFormats(exportNotice), time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC))
	if n.orient.Visible() || n.intake.Text != "2027" || len(n.formats) != 2 {
		t.Errorf("notice form: orientation shown %v, intake %q, %d formats", n.orient.Visible(), n.intake.Text, len(n.formats))
	}
}

// TestDocSettingsSaved: the document tab writes the project's settings.
func TestDocSettingsSaved(t *testing.T) {
	w := newTestWindow(t)
	f := newDocSettingsForm(w.sess, w.sess.District().Name)
	f.issuer.SetText("示例县教育局")
	f.phone.SetText("0710-1234567")
	f.days.SetText("abc")
	if err := f.apply(); err == nil {
		t.Fatal("a 公示期 of abc days was accepted")
	}
	f.days.SetText("10")
	if err := f.apply(); err != nil {
		t.Fatal(err)
	}
	got := report.DocInfoFromSettings(w.sess.Settings())
	if got.Issuer != "示例县教育局" || got.Phone != "0710-1234567" || got.NoticeDays != 10 {
		t.Errorf("settings %+v", got)
	}
}

// TestSchoolDetailEditsContact: the address and phone printed on the
// notice are edited in the school panel, as one undoable edit.
func TestSchoolDetailEditsContact(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	d := NewSchoolDetail(sess)
	d.SetSchool("S1")
	d.address.SetText(" 城关镇人民路1号 ")
	d.phone.SetText("0710-1234567")
	d.applyEdit()
	s := sess.District().School("S1")
	if s.Address != "城关镇人民路1号" || s.Phone != "0710-1234567" {
		t.Fatalf("school now %q %q", s.Address, s.Phone)
	}
	if err := sess.Undo(); err != nil || sess.District().School("S1").Address != "" {
		t.Errorf("undo: %v, address %q", err, sess.District().School("S1").Address)
	}
}
