package store

import (
	"github.com/xuequ/xuequ/model"
	"path/filepath"
	"reflect"
	"testing"
)

// The import report, the value map and a school-age count that is a known
// 0 survive save and open (schema version 3).
func TestImportRecordRoundTrip(t *testing.T) {
	p := sampleProject()
	p.ImportReport = []ImportIssue{
		{Severity: "warning", Code: "unresolved-school", File: "zones.shp", Feature: 0, Field: "primary_school", ID: "城关三小",
			Message: `"城关三小" matches no school`, Args: `{"N":2}`},
		{Severity: "info", Code: "features-read", File: "zones.shp", Feature: 12, Line: 0, Message: "read 12 zones"},
		{Severity: "error", Code: "unknown-school", File: "history.xlsx", Line: 7, Message: "no such school"},
	}
	p.ValueMap = map[string]map[string]string{
		"zones.primary_school": {"城关一小": "S01", "旧名": ""},
		"schools.level":        {"K-8": "nine_year"},
	}
	z := &p.District.Zones[1]
	z.PrimaryAge, z.PrimaryAgeKnown = 0, true // a zone with no children of primary age
	path := filepath.Join(t.TempDir(), "p.xuequ.gpkg")
	if err := Save(path, p); err != nil {
		t.Fatal(err)
	}
	got, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.ImportReport, p.ImportReport) {
		t.Errorf("report:\n got %+v\nwant %+v", got.ImportReport, p.ImportReport)
	}
	if !reflect.DeepEqual(got.ValueMap, p.ValueMap) {
		t.Errorf("value map: got %v", got.ValueMap)
	}
	gz := got.District.Zones[1]
	if n, ok := gz.AgeCount(model.LevelPrimary); n != 0 || !ok {
		t.Errorf("a known 0 came back as %d known=%v", n, ok)
	}
	if n, ok := got.District.Zones[2].AgeCount(model.LevelPrimary); ok {
		t.Errorf("an unknown count came back as known %d", n)
	}
}
