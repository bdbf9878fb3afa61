package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func shownSchools(t *SchoolTable) []string {
	var ids []string
	for _, r := range t.rows {
		ids = append(ids, r.school.ID)
	}
	return ids
}

func TestSchoolTableGolden(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	table := NewSchoolTable(sess, nil)
	w := test.NewTempWindow(t, table)
	w.Resize(fyne.NewSize(820, 300))
	test.AssertRendersToMarkup(t, "schooltable_initial.xml", w.Canvas())

	test.Tap(findButton(t, table, "在校生"))
	test.AssertRendersToMarkup(t, "schooltable_sorted.xml", w.Canvas())
}

func TestSchoolTableSortByHeader(t *testing.T) {
	newPanelTestApp(t)
	table := NewSchoolTable(newPanelTestSession(), nil)
	w := test.NewTempWindow(t, table)
	w.Resize(fyne.NewSize(820, 300))

	if got, want := shownSchools(table), []string{"S1", "S2", "S3", "S4"}; !slices.Equal(got, want) {
		t.Fatalf("initial order %v, want district order %v", got, want)
	}
	// Tap through the canvas, as a mouse click would, so that the table
	// does not swallow the header tap.
	// The header row is the table's top edge; header buttons are placed
	// relative to it (the driver cannot resolve them on its own).
	header := findButton(t, table, "在校生")
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(table.table).Add(header.Position()).AddXY(5, 5)
	test.TapCanvas(w.Canvas(), pos)
	// 2023 pupils: S3 78, S2 506, S1 608, S4 756.
	if got, want := shownSchools(table), []string{"S3", "S2", "S1", "S4"}; !slices.Equal(got, want) {
		t.Errorf("ascending by pupils %v, want %v", got, want)
	}
	test.Tap(findButton(t, table, "在校生 ▲"))
	if got, want := shownSchools(table), []string{"S4", "S1", "S2", "S3"}; !slices.Equal(got, want) {
		t.Errorf("descending by pupils %v, want %v", got, want)
	}
	test.Tap(findButton(t, table, "状态"))
	if got := shownSchools(table); got[0] != "S3" && got[0] != "S4" || got[3] != "S2" {
		t.Errorf("by status %v: standard schools first, the 超大班额 junior school last", got)
	}
}

func TestSchoolTableFilters(t *testing.T) {
	newPanelTestApp(t)
	table := NewSchoolTable(newPanelTestSession(), nil)
	test.NewTempWindow(t, table)

	table.SetFilter("城关")
	if got, want := shownSchools(table), []string{"S1", "S2"}; !slices.Equal(got, want) {
		t.Errorf("search 城关: %v, want %v", got, want)
	}
	table.SetFilter("")

	table.level.SetSelected("小学")
	if got, want := shownSchools(table), []string{"S1", "S3"}; !slices.Equal(got, want) {
		t.Errorf("level 小学: %v, want %v", got, want)
	}
	table.level.SetSelectedIndex(0)

	for status, want := range map[string][]string{
		"大班额":  {"S1", "S2"},
		"超大班额": {"S2"},
		"小规模":  {"S3"},
		"学位缺口": {"S1"},
		"大校额":  nil,
	} {
		table.status.SetSelected(status)
		if got := shownSchools(table); !slices.Equal(got, want) {
			t.Errorf("status %s: %v, want %v", status, got, want)
		}
	}
	table.status.SetSelectedIndex(0)

	if !slices.Contains(table.township.Options, "河西乡") {
		t.Fatalf("township options %v lack 河西乡", table.township.Options)
	}
	table.township.SetSelected("河西乡")
	if got, want := shownSchools(table), []string{"S3"}; !slices.Equal(got, want) {
		t.Errorf("township 河西乡: %v, want %v", got, want)
	}
	if got := table.count.Text; got != "显示 1 / 4 所学校" {
		t.Errorf("count label %q", got)
	}
}

func TestSchoolTableSelect(t *testing.T) {
	newPanelTestApp(t)
	var picked []string
	table := NewSchoolTable(newPanelTestSession(), func(id string) { picked = append(picked, id) })
	test.NewTempWindow(t, table)

	table.table.Select(widget.TableCellID{Row: 2, Col: 3})
	if !slices.Equal(picked, []string{"S3"}) {
		t.Fatalf("onSelect got %v, want [S3]", picked)
	}
	// Re-sorting keeps the selection on the same school, silently.
	table.sortBy(schoolColStudents)
	if table.Selected() != "S3" || len(picked) != 1 {
		t.Errorf("after sort: selected %q, callbacks %v", table.Selected(), picked)
	}
	// Selecting from code (the map) does not call back.
	table.SelectSchool("S4")
	if table.Selected() != "S4" || len(picked) != 1 {
		t.Errorf("SelectSchool: selected %q, callbacks %v", table.Selected(), picked)
	}
}

func TestSchoolTableFollowsSession(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	table := NewSchoolTable(sess, nil)
	sess.OnChange(table.Refresh)
	test.NewTempWindow(t, table)

	sess.SetYear(2021)
	if r := table.rows[0]; r.res.Students != 572 {
		t.Errorf("2021 pupils of S1 = %d, want 572", r.res.Students)
	}
}
