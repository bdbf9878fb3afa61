package ingest

import (
	"fmt"
	"testing"

	"github.com/xuequ/xuequ/model"
)

// BenchmarkResolveZoneSchools resolves a province-scale zones table
// (100,000 zones naming 10,000 schools, one in four spelt another way and
// one in a hundred matching nothing) against its schools layer.
func BenchmarkResolveZoneSchools(b *testing.B) {
	const nSchools, nZones = 10_000, 100_000
	schools := make([]model.School, nSchools)
	for i := range schools {
		schools[i] = model.School{ID: fmt.Sprintf("42%08d", i), Name: fmt.Sprintf("第%d乡镇第%d小学", i/10, i%10+1), Level: model.LevelPrimary}
	}
	written := make([]string, nZones)
	for i := range written {
		s := schools[i%nSchools]
		switch {
		case i%100 == 99:
			written[i] = fmt.Sprintf("不存在的学校%d", i)
		case i%4 == 1:
			written[i] = fmt.Sprintf("第%d乡镇%d小", i%nSchools/10, i%nSchools%10+1)
		default:
			written[i] = s.Name
		}
	}
	zones := make([]model.Zone, nZones)
	b.ReportAllocs()
	for b.Loop() {
		for i := range zones {
			zones[i] = model.Zone{ID: "Z", PrimarySchool: written[i]}
		}
		ResolveZoneSchools("zones", zones, nil, schools, nil)
	}
}
