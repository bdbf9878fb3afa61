package ingest

import (
	"errors"
	"strings"
	"testing"

	"github.com/xuequ/xuequ/model"
)

func TestReadHistory(t *testing.T) {
	good := map[string][]byte{
		"english": []byte("school,year,grade,students,classes\nS1,2023,1,113,2\nS1,2023,2,90,\n"),
		"chinese": []byte("学校,年份,年级,学生数,班级数\nS1,2023年,一年级,113,2\nS1,2023,2,\"90\",\n"),
		"bom":     append([]byte{0xEF, 0xBB, 0xBF}, "School,Year,Grade,Students\nS1,2023,1,113\nS1,2023,2,90\n"...),
		"gbk":     gbk(t, "学校,年度,年级,在校生数,班数\nS1,2023,1,\"113\",2\n\nS1,2023-2024,2,90,\n"),
	}
	for name, data := range good {
		h, rep, err := ReadHistory("h.csv", data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(h) != 2 || h[0] != (model.Enrollment{School: "S1", Year: 2023, Grade: 1, Students: 113, Classes: map[bool]int{true: 0, false: 2}[name == "bom"]}) || h[1].Students != 90 || h[1].Grade != 2 {
			t.Errorf("%s: %+v\n%s", name, h, rep)
		}
		if name == "gbk" && !rep.Has(CodeEncodingGBK) {
			t.Errorf("gbk not reported")
		}
	}
	bad := []struct {
		data, field string
		line        int
	}{
		{"school,year,grade\nS1,2023,1\n", "students", 1},
		{"school,year,grade,students\nS1,2023,1,abc\n", "students", 2},
		{"school,year,grade,students\nS1,2023,1,10\nS1,2023,1,-5\n", "students", 3},
		{"school,year,grade,students\nS1,2023,13,5\n", "grade", 2},
		{"school,year,grade,students\nS1,twenty,1,5\n", "year", 2},
		{"school,year,grade,students\n,2023,1,5\n", "school", 2},
	}
	for _, b := range bad {
		_, _, err := ReadHistory("h.csv", []byte(b.data))
		var ie *model.InputError
		if !errors.As(err, &ie) || ie.Field != b.field || ie.Line != b.line {
			t.Errorf("%q: got %v, want field %s line %d", b.data, err, b.field, b.line)
		}
	}
}

func TestReadBirthsHousing(t *testing.T) {
	b, _, err := ReadBirths("b.csv", []byte("小区,年份,出生人口\nZ1,2018,120\n"))
	if err != nil || len(b) != 1 || b[0] != (model.Births{Zone: "Z1", Year: 2018, Births: 120}) {
		t.Errorf("births %v %v", b, err)
	}
	h, _, err := ReadHousing("d.csv", []byte("zone;year;dwellings\nZ1;2025;1,200\n"))
	if err == nil && (len(h) != 1 || h[0].Dwellings != 1200) {
		t.Errorf("housing %v", h)
	}
	if _, _, err := ReadHousing("d.csv", []byte("zone,year\nZ1,2025\n")); err == nil || !strings.Contains(err.Error(), "dwellings") {
		t.Errorf("missing column: %v", err)
	}
}

func TestResolveSchools(t *testing.T) {
	schools := []model.School{{ID: "S1", Name: "城关第一小学"}, {ID: "S2", Name: "城关初级中学"}}
	hist := []model.Enrollment{{School: "S1"}, {School: "城关初级中学"}, {School: "城关第一小学 "}, {School: "无名学校"}, {School: "无名学校"}}
	out, rep := ResolveSchools(hist, schools)
	if len(out) != 3 || out[0].School != "S1" || out[1].School != "S2" || out[2].School != "S1" {
		t.Errorf("%+v", out)
	}
	if len(rep.ByCode(CodeUnknownSchool)) != 1 || !rep.Has(CodeSchoolByName) {
		t.Errorf("%s", rep)
	}
}
