package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/xuequ/xuequ/app"
)

// A school closed in a scenario (撤并) says so in the table.
func TestSchoolTableShowsClosedSchool(t *testing.T) {
	newPanelTestApp(t)
	sess := app.NewSession(panelTestDistrict(), "", nil)
	if err := sess.Do(&app.CloseSchool{ID: "S3", To: "S1"}); err != nil {
		t.Fatal(err)
	}
	table := NewSchoolTable(sess, nil)
	test.NewTempWindow(t, table)
	for i, r := range table.rows {
		if r.school.ID != "S3" {
			continue
		}
		cell := table.createCell()
		table.updateCell(widget.TableCellID{Row: i, Col: schoolColStatus}, cell)
		if got := labelText(cell); got != "已撤并" {
			t.Errorf("status of the closed school = %q, want 已撤并", got)
		}
		return
	}
	t.Fatal("closed school not in the table")
}

// labelText is the text of the first label inside o.
func labelText(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *widget.Label:
		return v.Text
	case *fyne.Container:
		for _, c := range v.Objects {
			if s := labelText(c); s != "" {
				return s
			}
		}
	}
	return ""
}
