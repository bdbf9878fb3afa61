package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestSchoolDetailGolden(t *testing.T) {
	newPanelTestApp(t)
	d := NewSchoolDetail(newPanelTestSession())
	w := test.NewTempWindow(t, d)
	w.Resize(fyne.NewSize(640, 640))
	test.AssertRendersToMarkup(t, "schooldetail_empty.xml", w.Canvas())

	d.SetSchool("S1")
	test.AssertRendersToMarkup(t, "schooldetail_s1.xml", w.Canvas())

	d.tabs.SelectIndex(1)
	test.AssertRendersToMarkup(t, "schooldetail_s1_grades.xml", w.Canvas())
	d.metric.SetSelected("班额")
	test.AssertRendersToMarkup(t, "schooldetail_s1_sizes.xml", w.Canvas())
}

func TestSchoolDetailEditCapacityUndo(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	d := NewSchoolDetail(sess)
	sess.OnChange(d.Refresh)
	test.NewTempWindow(t, d)
	d.SetSchool("S1")

	before, _ := sess.SchoolResult("S1")
	if before.Capacity != 540 || before.SeatGap != 68 {
		t.Fatalf("test district changed: S1 capacity %d gap %d", before.Capacity, before.SeatGap)
	}
	d.capacity.SetText("700")
	test.Tap(d.apply)
	after, _ := sess.SchoolResult("S1")
	if after.Capacity != 700 || after.SeatGap != -92 {
		t.Errorf("after edit: capacity %d gap %d, want 700 and -92", after.Capacity, after.SeatGap)
	}
	if d.message.Visible() {
		t.Errorf("unexpected message %q", d.message.Text)
	}
	if got := sess.Analysis().Summary.SeatShortage; got != 0 {
		t.Errorf("district seat shortage after edit = %d, want 0", got)
	}

	if err := sess.Undo(); err != nil {
		t.Fatal(err)
	}
	undone, _ := sess.SchoolResult("S1")
	if undone.Capacity != 540 || d.capacity.Text != "0" {
		t.Errorf("after undo: capacity %d, entry %q; want 540 and \"0\"", undone.Capacity, d.capacity.Text)
	}
}

func TestSchoolDetailValidation(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	d := NewSchoolDetail(sess)
	test.NewTempWindow(t, d)
	d.SetSchool("S2")

	for _, tc := range []struct{ capacity, rooms, want string }{
		{"-5", "9", "学位数：不能为负数"},
		{"abc", "9", "学位数：请输入整数"},
		{"600", "x", "教室数：请输入整数"},
		{"600", "0", "没有修改"},
	} {
		d.capacity.SetText(tc.capacity)
		d.classrooms.SetText(tc.rooms)
		test.Tap(d.apply)
		if !d.message.Visible() || d.message.Text != tc.want {
			t.Errorf("%s/%s: message %q (visible %v), want %q", tc.capacity, tc.rooms,
				d.message.Text, d.message.Visible(), tc.want)
		}
	}
	if !sess.UndoLabel().IsZero() {
		t.Errorf("an invalid edit reached the session: %q", sess.UndoLabel().String())
	}
	d.classrooms.SetText("12")
	test.Tap(d.apply)
	if got := sess.District().School("S2").Classrooms; got != 12 || d.message.Visible() {
		t.Errorf("classrooms = %d, message %q", got, d.message.Text)
	}
}

func TestSchoolDetailKeepsTyping(t *testing.T) {
	newPanelTestApp(t)
	sess := newPanelTestSession()
	d := NewSchoolDetail(sess)
	sess.OnChange(d.Refresh)
	test.NewTempWindow(t, d)
	d.SetSchool("S1")
	d.capacity.SetText("650")
	sess.SetYear(2022) // a refresh must not throw away what the user typed
	if d.capacity.Text != "650" {
		t.Errorf("entry reset to %q", d.capacity.Text)
	}
	d.SetSchool("S2")
	if d.capacity.Text != "600" {
		t.Errorf("new school shows %q, want 600", d.capacity.Text)
	}
}

func TestSchoolDetailYears(t *testing.T) {
	newPanelTestApp(t)
	d := NewSchoolDetail(newPanelTestSession())
	d.SetSchool("S2")
	rows, cols := d.tableLength()
	if rows != 3 || cols != 13 {
		t.Fatalf("table %d×%d, want 3 grades × 13 years (2021–2033)", rows, cols)
	}
	if d.years[2].projected || !d.years[3].projected {
		t.Error("2023 must be history and 2024 projected")
	}
	if got := len(d.spark.values); got != 13 || d.spark.split != 3 {
		t.Errorf("sparkline %d values split at %d, want 13 at 3", got, d.spark.split)
	}
}
